import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '../audit/audit.chain.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

/** How long a first response is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyRequest {
  userId: string;
  /** The `Idempotency-Key` header, or null when the client sent none. */
  key: string | null;
  method: string;
  /** Request path without the query string. */
  path: string;
  body: unknown;
}

export interface StoredResponse<T> {
  status: number;
  body: T;
}

/** Records the response to replay; call it before `appendAudit` (the engine's `beforeAudit`) when you can. */
export type SaveResponse = (status: number, body: unknown) => Promise<void>;

export type IdempotentWork<T> = (trx: Transaction<Database>, save: SaveResponse) => Promise<StoredResponse<T>>;

export type IdempotentOutcome<T> = (StoredResponse<T> & { replayed: false }) | (StoredResponse<unknown> & { replayed: true });

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

const keyReused = () => new AppError(409, 'duplicate', '该 Idempotency-Key 已用于另一个不同的请求；重试请原样提交，新请求请使用新的键');

/**
 * Runs `work` in one transaction, at most once per (user, key) within 24 h.
 *
 * The key row is claimed first, inside the same transaction as the change: a
 * request that fails rolls its claim back with everything else (no key
 * remains), and a concurrent duplicate waits on the key (PostgreSQL's unique
 * index; SQLite has one writer) and then finds the stored response instead
 * of running the work a second time. The same key with another method, path
 * or body is refused with 409.
 */
export async function runIdempotent<T>(deps: Deps, req: IdempotencyRequest, work: IdempotentWork<T>): Promise<IdempotentOutcome<T>> {
  const { key } = req;
  if (key === null) {
    const out = await deps.db.transaction().execute((trx) => work(trx, async () => {}));
    return { ...out, replayed: false };
  }
  const fingerprint = requestFingerprint(req.method, req.path, req.body);
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction().execute(async (trx): Promise<IdempotentOutcome<T>> => {
        const now = deps.clock.now();
        const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
        await trx.deleteFrom('idempotency_keys').where('user_id', '=', req.userId).where('key', '=', key).where('created_at', '<', cutoff).execute();
        const claimed = await trx
          .insertInto('idempotency_keys')
          .values({ user_id: req.userId, key, fingerprint, status: 0, response: '', created_at: now.toISOString() })
          .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
          .returning('key')
          .executeTakeFirst();
        if (!claimed) {
          const row = await trx
            .selectFrom('idempotency_keys')
            .select(['fingerprint', 'status', 'response'])
            .where('user_id', '=', req.userId)
            .where('key', '=', key)
            .executeTakeFirst();
          if (!row || row.status === 0) throw new RetryClaim();
          if (row.fingerprint !== fingerprint) throw keyReused();
          return { status: row.status, body: JSON.parse(row.response) as unknown, replayed: true };
        }
        let saved = false;
        const save: SaveResponse = async (status, body) => {
          await trx
            .updateTable('idempotency_keys')
            .set({ status, response: JSON.stringify(body) ?? 'null' })
            .where('user_id', '=', req.userId)
            .where('key', '=', key)
            .execute();
          saved = true;
        };
        const out = await work(trx, save);
        if (!saved) await save(out.status, out.body);
        return { ...out, replayed: false };
      });
    } catch (err) {
      // The other request's claim vanished between our insert and select (it
      // rolled back), or a driver reported the unique violation as an error:
      // try again, a few times, and then give up loudly.
      if ((err instanceof RetryClaim || isUniqueViolation(err)) && attempt < 5) continue;
      throw err;
    }
  }
}

class RetryClaim extends Error {
  constructor() {
    super('idempotency claim in flux, retrying');
  }
}

/** Deletes keys older than 24 h; the scheduler calls this (e.g. hourly). Returns how many went. */
export async function purgeExpiredIdempotencyKeys(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  const r = await deps.db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}
