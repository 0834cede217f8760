import { CARRIER_FINAL_STATES } from '../../../shared/secrecy.js';
import type { Executor } from '../../core/db/executor.js';

/* The daily notices' and the dashboard's reads. */

export async function loansDueBy(db: Executor, date: string) {
  return db.selectFrom('secrecy_carriers').selectAll().where('state', '=', 'lent').where('due_date', '<=', date).execute();
}

export async function liveCarriersEndingOn(db: Executor, dates: readonly string[]) {
  return db
    .selectFrom('secrecy_carriers')
    .selectAll()
    .where('state', 'not in', [...CARRIER_FINAL_STATES])
    .where('period_end', 'in', [...dates])
    .execute();
}

export async function openRectificationsDueBy(db: Executor, date: string) {
  return db.selectFrom('secrecy_rectifications').selectAll().where('state', '=', 'open').where('deadline', '<=', date).execute();
}

export async function pendingSheetsDueBefore(db: Executor, date: string) {
  return db.selectFrom('secrecy_sheets').selectAll().where('state', '=', 'pending').where('due_date', '<', date).execute();
}

export async function separationsEndingOn(db: Executor, dates: readonly string[]) {
  return db
    .selectFrom('secrecy_personnel')
    .selectAll()
    .where('separation_end', 'in', [...dates])
    .execute();
}

/** The columns the dashboard counts, of every row (a bureau holds thousands, not millions). */
export async function dashboardRows(db: Executor) {
  const [carriers, personnel, rects, campaigns] = await Promise.all([
    db.selectFrom('secrecy_carriers').select(['state', 'classification', 'due_date', 'period_end', 'received_date', 'closed_date']).execute(),
    db.selectFrom('secrecy_personnel').select(['category', 'left_date', 'separation_end']).execute(),
    db.selectFrom('secrecy_rectifications').select(['state', 'deadline']).execute(),
    db.selectFrom('secrecy_campaigns').select(['status', 'created_at']).execute(),
  ]);
  return { carriers, personnel, rects, campaigns };
}
