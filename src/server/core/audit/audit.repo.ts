import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AuditQuery } from '../../../shared/audit.js';
import type { Database } from '../db/database.js';

/** `to` given as a bare date means "through the end of that day". */
function upperBound(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to;
}

function filtered(db: Kysely<Database>, q: AuditQuery): SelectQueryBuilder<Database, 'audit_events', object> {
  let query = db.selectFrom('audit_events');
  if (q.actor) {
    const actor = q.actor;
    query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_name', '=', actor)]));
  }
  if (q.action) query = q.action.endsWith('.') ? query.where('action', 'like', `${q.action}%`) : query.where('action', '=', q.action);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<=', upperBound(q.to));
  return query;
}

export async function listAuditEvents(db: Kysely<Database>, q: AuditQuery) {
  const base = filtered(db, q);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
