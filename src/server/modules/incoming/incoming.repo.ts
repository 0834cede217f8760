import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, type Transaction, sql } from 'kysely';
import { OPEN_STATES } from '../../../shared/incoming.js';
import type { Database } from '../../core/db/database.js';
import { contains } from '../../core/db/like.js';
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

/**
 * `loadIncoming` for many documents in four statements instead of four per
 * document: list-shaped callers (the to-do provider) would otherwise make
 * thousands of round trips per request.
 */
export async function loadIncomingMany(db: Executor, ids: readonly string[]): Promise<IncomingObject[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [rows, units, readers, pending] = await Promise.all([
    db.selectFrom('incoming_docs').selectAll().where('id', 'in', list).execute(),
    db.selectFrom('incoming_units').select(['doc_id', 'unit_id', 'role']).where('doc_id', 'in', list).orderBy('role', 'desc').orderBy('unit_id').execute(),
    db.selectFrom('incoming_readers').selectAll().where('doc_id', 'in', list).orderBy('position').execute(),
    db.selectFrom('incoming_extensions').selectAll().where('doc_id', 'in', list).where('state', '=', 'pending').orderBy('at', 'desc').execute(),
  ]);
  const group = <T extends { doc_id: string }>(items: T[]) => {
    const m = new Map<string, T[]>();
    for (const it of items) m.set(it.doc_id, [...(m.get(it.doc_id) ?? []), it]);
    return m;
  };
  const unitsBy = group(units);
  const readersBy = group(readers);
  const pendingBy = group(pending);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return list.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        ...row,
        units: (unitsBy.get(id) ?? []).map(({ unit_id, role }) => ({ unit_id, role })),
        readers: readersBy.get(id) ?? [],
        pendingExtension: pendingBy.get(id)?.[0] ?? null,
      },
    ];
  });
}

/** Open and urgent first (特急, 加急), so the ledger leads with what cannot wait. */
export const urgentRank = sql<number>`case when d.state in (${sql.join(OPEN_STATES.map((s) => sql.lit(s)))}) then
  (case d.urgency when 'extra_urgent' then 0 when 'urgent' then 1 else 2 end) else 3 end`;

/** `column LIKE '%q%'` with the user's `%`, `_` and `\` taken literally (see core/db/like.ts). */
export function likeText(
  eb: ExpressionBuilder<Database & { d: IncomingDocTable }, 'd'>,
  column: 'd.reg_no' | 'd.source_doc_number' | 'd.source_org' | 'd.title',
  q: string,
): Expression<SqlBool> {
  return contains(eb.ref(column), q);
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export async function findBySource(
  db: Executor,
  sourceOrg: string,
  sourceDocNumber: string,
): Promise<Pick<DocRow, 'id' | 'reg_no' | 'state' | 'title'> | undefined> {
  if (sourceDocNumber === '') return undefined;
  return db
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'state', 'title'])
    .where('source_org', '=', sourceOrg)
    .where('source_doc_number', '=', sourceDocNumber)
    .where('duplicate_of', 'is', null)
    .executeTakeFirst();
}
