import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import type { CalendarYearTable } from './calendar.tables.js';

export async function listCalendarOverrides(db: Executor): Promise<CalendarYearTable[]> {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
}

export async function findCalendarOverride(db: Executor, year: number): Promise<CalendarYearTable | undefined> {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

/** False when a row for the year already exists (a concurrent first entry won). */
export async function insertCalendarOverride(trx: Transaction<Database>, row: CalendarYearTable): Promise<boolean> {
  const r = await trx
    .insertInto('calendar_years')
    .values(row)
    .onConflict((oc) => oc.column('year').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Compare-and-set on the version: false when someone else changed the row first. */
export async function updateCalendarOverride(trx: Transaction<Database>, expectedVersion: number, row: CalendarYearTable): Promise<boolean> {
  const r = await trx
    .updateTable('calendar_years')
    .set({
      off_days: row.off_days,
      makeup_workdays: row.makeup_workdays,
      provisional: row.provisional,
      source_note: row.source_note,
      version: row.version,
      updated_at: row.updated_at,
      updated_by: row.updated_by,
    })
    .where('year', '=', row.year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteCalendarOverride(trx: Transaction<Database>, year: number, expectedVersion: number): Promise<boolean> {
  const r = await trx.deleteFrom('calendar_years').where('year', '=', year).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
