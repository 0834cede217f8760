import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../core/db/executor.js';
import type {
  SupervisionExtensionTable,
  SupervisionItemTable,
  SupervisionMissedTable,
  SupervisionReportTable,
  SupervisionUpdateTable,
} from './supervision.tables.js';

/* The queries of 一周一督 (supervision.jobs.ts), the 督办周报 (supervision.weekly.ts) and the items as they stood (supervision.asof.ts). */

/** Open items (立项, 办理中): the ones that owe a weekly update. */
export async function openItems(db: Executor): Promise<Selectable<SupervisionItemTable>[]> {
  return db.selectFrom('supervision_items').selectAll().where('state', 'in', ['open', 'in_progress']).execute();
}

/** Records a missed weekly update; false when this (item, week) was recorded already. */
export async function claimMissed(db: Executor, row: Insertable<SupervisionMissedTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('supervision_missed')
    .values(row)
    .onConflict((oc) => oc.columns(['item_id', 'week']).doNothing())
    .returning('item_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Items created before `at` (ISO UTC instant), in number order. */
export async function itemsCreatedBefore(db: Executor, at: string): Promise<Selectable<SupervisionItemTable>[]> {
  return db.selectFrom('supervision_items').selectAll().where('created_at', '<', at).orderBy('num_year').orderBy('num_seq').execute();
}

export async function updatesBefore(db: Executor, at: string): Promise<Selectable<SupervisionUpdateTable>[]> {
  return db.selectFrom('supervision_updates').selectAll().where('at', '<', at).orderBy('at').execute();
}

export async function extensionsBefore(db: Executor, at: string): Promise<Selectable<SupervisionExtensionTable>[]> {
  return db.selectFrom('supervision_extensions').selectAll().where('at', '<', at).orderBy('at').execute();
}

/** Missed updates of `week`'s year, up to and including `week` (ISO weeks, `2026-W07`). */
export async function missedInYearUpTo(db: Executor, week: string): Promise<Selectable<SupervisionMissedTable>[]> {
  return db
    .selectFrom('supervision_missed')
    .selectAll()
    .where('week', '<=', week)
    .where('week', 'like', `${week.slice(0, 4)}-W%`)
    .execute();
}

export async function reportRow(db: Executor, week: string): Promise<Selectable<SupervisionReportTable> | undefined> {
  return db.selectFrom('supervision_reports').selectAll().where('week', '=', week).executeTakeFirst();
}

/** Stores an issued report; a week issued already keeps its first report. */
export async function insertReport(db: Executor, row: Insertable<SupervisionReportTable>): Promise<void> {
  await db
    .insertInto('supervision_reports')
    .values(row)
    .onConflict((oc) => oc.column('week').doNothing())
    .execute();
}

/** When the first item was created, or null before the ledger began. */
export async function firstCreatedAt(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('supervision_items')
    .select((eb) => eb.fn.min('created_at').as('first'))
    .executeTakeFirst();
  const first = row?.first;
  return typeof first === 'string' ? first : null;
}

/** The items' workflow history before `at`, in order per item. */
export async function historyBefore(db: Executor, at: string) {
  return db
    .selectFrom('workflow_history')
    .select(['object_id', 'action', 'to_state', 'at'])
    .where('kind', '=', 'supervision')
    .where('at', '<', at)
    .orderBy('object_id')
    .orderBy('seq')
    .execute();
}

/** Extensions approved at or after `at`, in the order they were decided. */
export async function extensionsApprovedSince(db: Executor, at: string) {
  return db
    .selectFrom('supervision_extensions')
    .select(['item_id', 'previous_deadline', 'decided_at'])
    .where('state', '=', 'approved')
    .where('decided_at', '>=', at)
    .orderBy('decided_at')
    .execute();
}

/** Reported percentages before `at`, oldest first. */
export async function progressBefore(db: Executor, at: string) {
  return db
    .selectFrom('supervision_updates')
    .select(['item_id', 'percent', 'at'])
    .where('at', '<', at)
    .where('percent', 'is not', null)
    .orderBy('at')
    .execute();
}
