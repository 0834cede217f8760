import { type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import { OPEN_STATES } from '../../../shared/incoming.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import type {
  IncomingDocTable,
  IncomingExtensionTable,
  IncomingFeedbackTable,
  IncomingInstructionTable,
  IncomingReminderTable,
  IncomingReaderTable,
  IncomingSupervisionResultTable,
  IncomingUnitTable,
} from './incoming.tables.js';

export type DocRow = Selectable<IncomingDocTable>;

/** A document with what permission checks need: its divisions, readers and any pending extension request. */
export interface IncomingObject extends DocRow {
  units: Pick<IncomingUnitTable, 'unit_id' | 'role'>[];
  readers: IncomingReaderTable[];
  pendingExtension: IncomingExtensionTable | null;
}

type DocWithParts = DocRow & { unit_list: string | null; reader_count: number; pending_count: number };

export async function loadIncoming(db: Executor, id: string): Promise<IncomingObject | undefined> {
  // Every transition and every read of a document starts here. One statement carries the divisions (ids we generate: no
  // ',' or ':') and says whether readers or a pending extension exist, so the usual document costs one read, not four.
  const found = await sql<DocWithParts>`select d.*,
      (select string_agg(u.role || ':' || u.unit_id, ',' order by u.role desc, u.unit_id) from incoming_units u where u.doc_id = d.id) as unit_list,
      (select count(*) from incoming_readers r where r.doc_id = d.id) as reader_count,
      (select count(*) from incoming_extensions e where e.doc_id = d.id and e.state = 'pending') as pending_count
    from incoming_docs d where d.id = ${id}`.execute(db);
  const row = found.rows[0];
  if (!row) return undefined;
  const { unit_list, reader_count, pending_count, ...doc } = row;
  const units = (unit_list ? unit_list.split(',') : []).map((part) => {
    const [role, unit_id = ''] = part.split(':');
    return { unit_id, role: role === 'lead' ? ('lead' as const) : ('assist' as const) };
  });
  const [readers, pending] = await Promise.all([
    Number(reader_count) > 0
      ? sql<Selectable<IncomingReaderTable>>`select * from incoming_readers where doc_id = ${id} order by position`.execute(db).then((r) => r.rows)
      : [],
    Number(pending_count) > 0
      ? sql<Selectable<IncomingExtensionTable>>`select * from incoming_extensions where doc_id = ${id} and state = 'pending' order by at desc`
          .execute(db)
          .then((r) => r.rows[0] ?? null)
      : null,
  ]);
  return { ...doc, units, readers, pendingExtension: pending };
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

export async function insertDoc(db: Executor, row: Insertable<IncomingDocTable>): Promise<void> {
  await db.insertInto('incoming_docs').values(row).execute();
}

/** The registration number of a document, for a link to it (the one a duplicate was registered against). */
export async function docRef(db: Executor, id: string): Promise<Pick<DocRow, 'id' | 'reg_no'> | undefined> {
  return db.selectFrom('incoming_docs').select(['id', 'reg_no']).where('id', '=', id).executeTakeFirst();
}

export async function hasAnyDoc(db: Executor): Promise<boolean> {
  return (await db.selectFrom('incoming_docs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

// Ids (UUIDv7, real time) break ties of `at`, which the test clock or a fast sequence can leave equal.
export async function feedbackOf(db: Executor, docId: string): Promise<Selectable<IncomingFeedbackTable>[]> {
  return db.selectFrom('incoming_feedback').selectAll().where('doc_id', '=', docId).orderBy('at').orderBy('id').execute();
}

export async function extensionsOf(db: Executor, docId: string): Promise<Selectable<IncomingExtensionTable>[]> {
  return db.selectFrom('incoming_extensions').selectAll().where('doc_id', '=', docId).orderBy('at').orderBy('id').execute();
}

/** 督办 closures written back onto the document, oldest first. */
export async function supervisionResultsOf(db: Executor, docId: string): Promise<Selectable<IncomingSupervisionResultTable>[]> {
  return db.selectFrom('incoming_supervision_results').selectAll().where('doc_id', '=', docId).orderBy('at').execute();
}

export async function insertSupervisionResult(db: Executor, row: Insertable<IncomingSupervisionResultTable>): Promise<void> {
  await db.insertInto('incoming_supervision_results').values(row).execute();
}

// ── the workflow's own columns and rows (the engine has moved state and version already) ──

export async function updateDoc(db: Executor, id: string, changes: Updateable<IncomingDocTable>): Promise<void> {
  await db.updateTable('incoming_docs').set(changes).where('id', '=', id).execute();
}

export async function insertUnits(db: Executor, rows: readonly Insertable<IncomingUnitTable>[]): Promise<void> {
  await db
    .insertInto('incoming_units')
    .values([...rows])
    .execute();
}

export async function insertReaders(db: Executor, rows: readonly Insertable<IncomingReaderTable>[]): Promise<void> {
  await db
    .insertInto('incoming_readers')
    .values([...rows])
    .execute();
}

/** A reader's 阅知. */
export async function markRead(db: Executor, docId: string, userId: string, at: string, comment: string | null): Promise<void> {
  await db.updateTable('incoming_readers').set({ read_at: at, comment }).where('doc_id', '=', docId).where('user_id', '=', userId).execute();
}

export async function insertFeedback(db: Executor, row: Insertable<IncomingFeedbackTable>): Promise<void> {
  await db.insertInto('incoming_feedback').values(row).execute();
}

export async function insertExtension(db: Executor, row: Insertable<IncomingExtensionTable>): Promise<void> {
  await db.insertInto('incoming_extensions').values(row).execute();
}

/** The leader's decision on an extension request. */
export async function decideExtension(db: Executor, id: string, decision: Updateable<IncomingExtensionTable>): Promise<void> {
  await db.updateTable('incoming_extensions').set(decision).where('id', '=', id).execute();
}

// ── issue 13: the 批示 chain, the reminders sent, the 催办 person ──

/** Every leader's 批示 on the document, in the order given. */
export async function instructionsOf(db: Executor, docId: string): Promise<Selectable<IncomingInstructionTable>[]> {
  return db.selectFrom('incoming_instructions').selectAll().where('doc_id', '=', docId).orderBy('at').orderBy('id').execute();
}

/** The 批示 of many documents at once (the ledger page and its export), oldest first per document. */
export async function instructionsOfMany(db: Executor, docIds: readonly string[]): Promise<Map<string, Selectable<IncomingInstructionTable>[]>> {
  const out = new Map<string, Selectable<IncomingInstructionTable>[]>();
  for (let i = 0; i < docIds.length; i += 500) {
    const chunk = docIds.slice(i, i + 500);
    const rows = await db.selectFrom('incoming_instructions').selectAll().where('doc_id', 'in', chunk).orderBy('at').orderBy('id').execute();
    for (const r of rows) out.set(r.doc_id, [...(out.get(r.doc_id) ?? []), r]);
  }
  return out;
}

export async function insertInstruction(db: Executor, row: Insertable<IncomingInstructionTable>): Promise<void> {
  await db.insertInto('incoming_instructions').values(row).execute();
}

/** The reminders and escalations that went out for the document, oldest first. */
export async function remindersOf(db: Executor, docId: string): Promise<Selectable<IncomingReminderTable>[]> {
  return db.selectFrom('incoming_reminders').selectAll().where('doc_id', '=', docId).orderBy('sent_at').orderBy('kind').execute();
}

/** The designated 催办 person (null: every office clerk). */
export const incomingSettings = singleRowSettings<Database, 'incoming_settings'>('incoming_settings', { chaser_user_id: null });
