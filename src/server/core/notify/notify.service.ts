import type { Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { uuidv7 } from '../ids.js';

export interface NotificationInput {
  userId: string;
  title: string;
  link?: string | null;
  kind: string;
}

/** Queues notifications inside the caller's transaction (the outbox); delivery happens after commit. */
export async function queueNotifications(
  trx: Transaction<Database>,
  clock: Clock,
  items: readonly NotificationInput[],
  opts: { email?: boolean } = {},
): Promise<void> {
  if (items.length === 0) return;
  const at = clock.now().toISOString();
  await trx
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        id: uuidv7(),
        user_id: n.userId,
        title: n.title,
        link: n.link ?? null,
        kind: n.kind,
        created_at: at,
        read_at: null,
        email_state: opts.email ? 'pending' : 'skipped',
        email_attempts: 0,
      })),
    )
    .execute();
}
