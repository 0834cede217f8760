import type { Transaction } from 'kysely';
import type { NotificationItem, NotificationListQuery } from '../../../shared/notify.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import type { Actor } from '../http/actor.js';
import { uuidv7 } from '../ids.js';
import { countUnread, findOwned, listForUser, markAllRead, markRead } from './notify.repo.js';

export interface NotificationInput {
  userId: string;
  title: string;
  link?: string | null;
  kind: string;
}

/**
 * Queues notifications inside the caller's transaction (the outbox); delivery
 * happens after commit: the in-app badge by the stream's poll, e-mail by the
 * delivery poller when `opts.email` is set and SMTP is configured.
 */
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
        email_state: opts.email ? ('pending' as const) : ('skipped' as const),
        email_attempts: 0,
        email_next_at: null,
        email_sent_at: null,
        email_error: null,
      })),
    )
    .execute();
}

// Reading one's own notifications is not audited: it changes nothing of the
// bureau's records, and one event per click would drown the chain.

/** The signed-in user's own notifications, newest first, with the badge count. */
export async function listNotifications(
  deps: Deps,
  actor: Actor,
  query: NotificationListQuery,
): Promise<{ items: NotificationItem[]; total: number; unread: number }> {
  const [{ rows, total }, unread] = await Promise.all([listForUser(deps.db, actor.id, query), countUnread(deps.db, actor.id)]);
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, link: r.link, kind: r.kind, read: r.read_at !== null, at: r.created_at })),
    total,
    unread,
  };
}

/** Marks one of the user's notifications read; someone else's is "not found" (its existence is not disclosed). */
export async function markNotificationRead(deps: Deps, actor: Actor, id: string): Promise<{ id: string; unread: number }> {
  const row = await findOwned(deps.db, id, actor.id);
  if (!row) throw notFound('通知不存在或不属于您');
  if (row.read_at === null) await markRead(deps.db, id, actor.id, deps.clock.now().toISOString());
  return { id, unread: await countUnread(deps.db, actor.id) };
}

export async function markAllNotificationsRead(deps: Deps, actor: Actor): Promise<{ updated: number }> {
  return { updated: await markAllRead(deps.db, actor.id, deps.clock.now().toISOString()) };
}

export async function unreadNotificationCount(deps: Deps, userId: string): Promise<number> {
  return countUnread(deps.db, userId);
}
