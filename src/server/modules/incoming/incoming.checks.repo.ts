import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../core/db/executor.js';
import type { IncomingCheckTable, IncomingReminderTable } from './incoming.tables.js';

/* The queries of 催办 and the daily check (incoming.jobs.ts). */

/** Records that a reminder went out; false when this one (document, kind, deadline) already did. */
export async function claimReminder(db: Executor, docId: string, kind: IncomingReminderTable['kind'], deadline: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('incoming_reminders')
    .values({ doc_id: docId, kind, deadline, sent_at: at })
    .onConflict((oc) => oc.columns(['doc_id', 'kind', 'deadline']).doNothing())
    .returning('doc_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Documents being handled or circulated against a 办理时限: the ones a reminder may be due for. */
export async function docsWithDeadline(db: Executor) {
  return db
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'title', 'urgency', 'state', 'handling_deadline', 'lead_division_id', 'division_done_at', 'registered_at'])
    .where('state', 'in', ['handling', 'circulating'])
    .where('handling_deadline', 'is not', null)
    .execute();
}

export async function unreadReaderIds(db: Executor, docId: string): Promise<string[]> {
  const rows = await db.selectFrom('incoming_readers').select('user_id').where('doc_id', '=', docId).where('read_at', 'is', null).execute();
  return rows.map((r) => r.user_id);
}

/** Open documents whose 办理时限 is before `before` with no escalation on record for that deadline. */
export async function overdueWithoutEscalation(db: Executor, before: string) {
  return db
    .selectFrom('incoming_docs as d')
    .select(['d.id', 'd.reg_no', 'd.title', 'd.handling_deadline'])
    .where('d.state', 'in', ['handling', 'circulating'])
    .where('d.handling_deadline', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incoming_reminders as r')
            .select('r.doc_id')
            .whereRef('r.doc_id', '=', 'd.id')
            .whereRef('r.deadline', '=', 'd.handling_deadline')
            .where('r.kind', '=', 'overdue'),
        ),
      ),
    )
    .execute();
}

/** Documents still at the office's desk: 已登记 or 待批办. */
export async function docsAwaitingInstruction(db: Executor) {
  return db
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'title', 'state', 'updated_at', 'urgency', 'deadline'])
    .where('state', 'in', ['registered', 'proposed'])
    .execute();
}

/** 承办 or 传阅 with no 办理时限. */
export async function openWithoutDeadline(db: Executor) {
  return db
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'title', 'state', 'instructed_at', 'updated_at'])
    .where('state', 'in', ['handling', 'circulating'])
    .where('handling_deadline', 'is', null)
    .execute();
}

/** 办结 documents not yet filed (归档). */
export async function completedNotArchived(db: Executor) {
  return db.selectFrom('incoming_docs').select(['id', 'reg_no', 'title', 'completed_at', 'updated_at']).where('state', '=', 'completed').execute();
}

/** The years that have registration numbers, and the numbers of one of them in order. */
export async function registrationYears(db: Executor): Promise<number[]> {
  return (await db.selectFrom('incoming_docs').select('reg_year').distinct().execute()).map((r) => r.reg_year);
}

export async function registrationSeqs(db: Executor, year: number): Promise<number[]> {
  const rows = await db.selectFrom('incoming_docs').select('reg_seq').where('reg_year', '=', year).orderBy('reg_seq').execute();
  return rows.map((r) => Number(r.reg_seq));
}

export async function insertCheck(db: Executor, row: Insertable<IncomingCheckTable>): Promise<void> {
  await db.insertInto('incoming_checks').values(row).execute();
}

export async function latestCheckRow(db: Executor): Promise<Selectable<IncomingCheckTable> | undefined> {
  return db.selectFrom('incoming_checks').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}
