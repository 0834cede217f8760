import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, type Transaction, sql } from 'kysely';
import { OPEN_STATES } from '../../../shared/incoming.js';
import type { Database } from '../../core/db/database.js';
import type { Actor } from '../../core/http/actor.js';
import { hasRole } from '../../core/http/actor.js';
import type { IncomingDocTable, IncomingExtensionTable, IncomingReaderTable, IncomingUnitTable } from './incoming.tables.js';

export type Executor = Kysely<Database> | Transaction<Database>;
export type DocRow = Selectable<IncomingDocTable>;

/** A document with what permission checks need: its divisions, readers and any pending extension request. */
export interface IncomingObject extends DocRow {
  units: Pick<IncomingUnitTable, 'unit_id' | 'role'>[];
  readers: IncomingReaderTable[];
  pendingExtension: IncomingExtensionTable | null;
}

export async function loadIncoming(db: Executor, id: string): Promise<IncomingObject | undefined> {
  const row = await db.selectFrom('incoming_docs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [units, readers, pending] = await Promise.all([
    db.selectFrom('incoming_units').select(['unit_id', 'role']).where('doc_id', '=', id).orderBy('role', 'desc').orderBy('unit_id').execute(),
    db.selectFrom('incoming_readers').selectAll().where('doc_id', '=', id).orderBy('position').execute(),
    db.selectFrom('incoming_extensions').selectAll().where('doc_id', '=', id).where('state', '=', 'pending').orderBy('at', 'desc').executeTakeFirst(),
  ]);
  return { ...row, units, readers, pendingExtension: pending ?? null };
}

/** The office and the bureau's leaders see every incoming document. */
export function seesAll(actor: Actor): boolean {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader');
}

/**
 * The read rule of API.md in SQL, for lists, statistics and exports: the
 * office and leaders see all; a division what it leads or assists on; a
 * reader what was sent to them. It mirrors `canSeeIncoming` row by row.
 */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { d: IncomingDocTable }, 'd'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<SqlBool>`1 = 1`;
    const ors: Expression<SqlBool>[] = [
      eb.exists(eb.selectFrom('incoming_readers as r').select(sql<number>`1`.as('one')).whereRef('r.doc_id', '=', 'd.id').where('r.user_id', '=', actor.id)),
    ];
    if (actor.unitId) {
      ors.push(
        eb.exists(eb.selectFrom('incoming_units as u').select(sql<number>`1`.as('one')).whereRef('u.doc_id', '=', 'd.id').where('u.unit_id', '=', actor.unitId)),
      );
    }
    return eb.or(ors);
  };
}

/** Open and urgent first (特急, 加急), so the ledger leads with what cannot wait. */
export const urgentRank = sql<number>`case when d.state in (${sql.join(OPEN_STATES.map((s) => sql.lit(s)))}) then
  (case d.urgency when 'extra_urgent' then 0 when 'urgent' then 1 else 2 end) else 3 end`;

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export async function findBySource(db: Executor, sourceOrg: string, sourceDocNumber: string): Promise<Pick<DocRow, 'id' | 'reg_no' | 'state' | 'title'> | undefined> {
  if (sourceDocNumber === '') return undefined;
  return db
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'state', 'title'])
    .where('source_org', '=', sourceOrg)
    .where('source_doc_number', '=', sourceDocNumber)
    .where('duplicate_of', 'is', null)
    .executeTakeFirst();
}
