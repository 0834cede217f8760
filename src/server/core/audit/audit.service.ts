import { type Kysely, sql, type Transaction } from 'kysely';
import { rawPgPoolOf, rawSqliteOf } from '../db/connect.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import type { AuditAction, DeclaredAction } from './audit.events.js';
import { GENESIS_HASH, canonicalJson, chainHash, chainHashOfColumns, type ChainedFields } from './audit.chain.js';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Who did it, as far as the audit log cares. Workflow actors and request context both fit. */
export interface AuditActor {
  id: string | null;
  name: string | null;
  ip: string | null;
  onBehalfOf?: { id: string; name: string } | null;
}

export interface AuditEventInput<A extends string = AuditAction> {
  /** `<module>.<verb>`, declared in audit.events.ts (or a workflow transition, `incoming.propose`). */
  action: A;
  actor: AuditActor;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the chain inside the caller's transaction, so the event
 * exists exactly when the change it records does. Call it last in a
 * transaction: it takes the chain's head row lock, and holding that lock as
 * briefly as possible keeps concurrent writers flowing on PostgreSQL.
 */
export async function appendAudit<A extends string>(trx: Transaction<Database>, clock: Clock, input: AuditEventInput<DeclaredAction<A>>): Promise<number> {
  // Updating the head first both reserves the sequence number and (on
  // PostgreSQL) locks the row until commit, so two appenders never share a
  // predecessor. The returned hash is still the previous one.
  // Raw SQL for the three statements every write pays: the builder's cost for them was more than their execution's.
  const reserved = await sql<{ seq: number; hash: string }>`update audit_head set seq = seq + 1 where id = 1 returning seq, hash`.execute(trx);
  const head = reserved.rows[0];
  if (!head) throw new Error('audit_head has no row: the platform migrations did not run');
  const fields: ChainedFields = {
    seq: head.seq,
    at: clock.now().toISOString(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    onBehalfOfId: input.actor.onBehalfOf?.id ?? null,
    ip: input.actor.ip,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    outcome: input.outcome ?? 'success',
    details: canonicalJson({
      ...(input.details ?? {}),
      ...(input.actor.onBehalfOf ? { onBehalfOfName: input.actor.onBehalfOf.name } : {}),
    }),
  };
  const hash = chainHash(head.hash, fields);
  await sql`insert into audit_events (seq, at, actor_id, actor_name, on_behalf_of_id, ip, action, target_type, target_id, outcome, details, prev_hash, hash)
    values (${fields.seq}, ${fields.at}, ${fields.actorId}, ${fields.actorName}, ${fields.onBehalfOfId}, ${fields.ip}, ${fields.action},
      ${fields.targetType}, ${fields.targetId}, ${fields.outcome}, ${fields.details}, ${head.hash}, ${hash})`.execute(trx);
  await sql`update audit_head set hash = ${hash} where id = 1`.execute(trx);
  return fields.seq;
}

/** For events that stand alone (a failed login): their own short transaction. */
export async function recordAudit<A extends string>(db: Kysely<Database>, clock: Clock, input: AuditEventInput<DeclaredAction<A>>): Promise<number> {
  return db.transaction().execute((trx) => appendAudit(trx, clock, input));
}

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string };

/**
 * Walks the whole chain in seq order, recomputing every hash. Reports the first
 * sequence number whose content, link or position does not match.
 */
export async function verifyAuditChain(db: Executor, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const rows of readChain(db, batch)) {
    for (const r of rows) {
      // r: the chained fields in canonicalEvent's order, then prev_hash and hash.
      const seq = r[0] as number;
      const prevHash = r[11];
      const hash = r[12];
      if (seq !== expectedSeq) return { ok: false, count, brokenSeq: expectedSeq, reason: '序号缺失（事件被删除）' };
      if (prevHash !== prev) return { ok: false, count, brokenSeq: seq, reason: '与上一条事件的链接不符' };
      r.length = 11;
      if (chainHashOfColumns(prev, r) !== hash) return { ok: false, count, brokenSeq: seq, reason: '事件内容与其哈希不符（被篡改）' };
      prev = hash;
      expectedSeq++;
      count++;
    }
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== count || head.hash !== prev)) {
    return { ok: false, count, brokenSeq: count + 1, reason: '链尾记录与事件不符（末尾事件被删除）' };
  }
  return { ok: true, count };
}

const CHAIN_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'on_behalf_of_id',
  'ip',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * The events in seq order, a page at a time, each as an array of
 * CHAIN_COLUMNS: arrays, not objects, because a million rows of objects keep
 * the garbage collector busy for seconds. Outside a transaction the arrays
 * come straight from the driver (better-sqlite3's raw mode, pg's array row
 * mode); inside one, from Kysely on the transaction's connection.
 */
async function* readChain(db: Executor, batch: number): AsyncGenerator<unknown[][]> {
  const raw = rawSqliteOf(db);
  let after = 0;
  if (raw) {
    const stmt = raw.prepare(`select ${CHAIN_COLUMNS.join(', ')} from audit_events where seq > ? order by seq limit ?`).raw(true);
    for (;;) {
      const page = stmt.all(after, batch) as unknown[][];
      const last = page[page.length - 1];
      if (!last) return;
      after = last[0] as number;
      yield page;
    }
  }
  const pool = rawPgPoolOf(db);
  if (pool) {
    const text = `select ${CHAIN_COLUMNS.join(', ')} from audit_events where seq > $1 order by seq limit $2`;
    for (;;) {
      const res = await pool.query<unknown[]>({ text, values: [after, batch], rowMode: 'array' });
      const last = res.rows[res.rows.length - 1];
      if (!last) return;
      after = Number(last[0]);
      yield res.rows;
    }
  }
  for (;;) {
    const rows = await db.selectFrom('audit_events').select(CHAIN_COLUMNS).where('seq', '>', after).orderBy('seq').limit(batch).execute();
    const last = rows[rows.length - 1];
    if (!last) return;
    after = last.seq;
    yield rows.map((r) => CHAIN_COLUMNS.map((c) => r[c]));
  }
}
