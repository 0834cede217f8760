import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Transaction, Updateable } from 'kysely';
import { CARRIER_FINAL_STATES, type CarrierFilter } from '../../../shared/secrecy.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import type { CarrierTable, PersonnelTable } from './secrecy.tables.js';

/* The register's and the 涉密人员 queries: the service and the workflow ask, they never build SQL. */

export type CarrierRow = Selectable<CarrierTable>;
export type PersonnelRow = Selectable<PersonnelTable>;

export type CarrierWhere = (eb: ExpressionBuilder<Database, 'secrecy_carriers'>) => Expression<SqlBool>;

export async function loadCarrier(db: Executor, id: string): Promise<CarrierRow | undefined> {
  return db.selectFrom('secrecy_carriers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCarrier(trx: Transaction<Database>, row: Insertable<CarrierTable>): Promise<void> {
  await trx.insertInto('secrecy_carriers').values(row).execute();
}

export async function updateCarrier(trx: Transaction<Database>, id: string, patch: Updateable<CarrierTable>): Promise<void> {
  await trx.updateTable('secrecy_carriers').set(patch).where('id', '=', id).execute();
}

export async function carrierByDedupeKey(db: Executor, key: string): Promise<CarrierRow | undefined> {
  return db.selectFrom('secrecy_carriers').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
}

/** The ledger's filters as SQL; `today` and `reviewBy` (today + the review lead) decide overdue and review-due. */
function filtered(db: Executor, visible: CarrierWhere, f: CarrierFilter, today: string, reviewBy: string) {
  let qb = db.selectFrom('secrecy_carriers').where(visible);
  if (f.state) qb = qb.where('state', '=', f.state);
  if (f.classification) qb = qb.where('classification', '=', f.classification);
  if (f.from) qb = qb.where('received_date', '>=', f.from);
  if (f.to) qb = qb.where('received_date', '<=', f.to);
  if (f.overdue !== undefined) {
    qb = f.overdue
      ? qb.where('state', '=', 'lent').where('due_date', '<', today)
      : qb.where((eb) => eb.or([eb('state', '!=', 'lent'), eb('due_date', '>=', today)]));
  }
  if (f.reviewDue !== undefined) {
    const due = (eb: ExpressionBuilder<Database, 'secrecy_carriers'>) =>
      eb.and([eb('state', 'not in', [...CARRIER_FINAL_STATES]), eb('period_end', 'is not', null), eb('period_end', '<=', reviewBy)]);
    qb = f.reviewDue ? qb.where(due) : qb.where((eb) => eb.not(due(eb)));
  }
  if (f.q) {
    const q = f.q;
    qb = qb.where((eb) => eb.or([contains(eb.ref('title'), q), contains(eb.ref('number'), q)]));
  }
  return qb;
}

/** One page of the register, newest received first. */
export async function listCarrierPage(
  db: Executor,
  visible: CarrierWhere,
  f: CarrierFilter,
  today: string,
  reviewBy: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: CarrierRow[]; total: number }> {
  const qb = filtered(db, visible, f, today, reviewBy);
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll()
    .orderBy('received_date', 'desc')
    .orderBy('year', 'desc')
    .orderBy('seq', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** Every row under the filters, for the export (the caller caps it). */
export async function listCarrierRows(
  db: Executor,
  visible: CarrierWhere,
  f: CarrierFilter,
  today: string,
  reviewBy: string,
  limit: number,
): Promise<CarrierRow[]> {
  return filtered(db, visible, f, today, reviewBy)
    .selectAll()
    .orderBy('received_date', 'desc')
    .orderBy('year', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/** The custody chain of the given carriers (流转记录), oldest first. */
export async function carrierHistory(db: Executor, ids: readonly string[]) {
  const out: {
    object_id: string;
    seq: number;
    action: string;
    actor_name: string;
    at: string;
    comment: string | null;
    from_state: string | null;
    to_state: string;
  }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) break;
    out.push(
      ...(await db
        .selectFrom('workflow_history')
        .select(['object_id', 'seq', 'action', 'actor_name', 'at', 'comment', 'from_state', 'to_state'])
        .where('kind', '=', 'carrier')
        .where('object_id', 'in', chunk)
        .orderBy('at')
        .orderBy('seq')
        .execute()),
    );
  }
  return out;
}

export async function hasAnyCarrier(db: Executor): Promise<boolean> {
  return (await db.selectFrom('secrecy_carriers').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Carriers whose loans fall to this borrower: their to-dos. */
export async function loansOf(db: Executor, userId: string): Promise<CarrierRow[]> {
  return db.selectFrom('secrecy_carriers').selectAll().where('state', '=', 'lent').where('borrower_id', '=', userId).orderBy('due_date').execute();
}

/** Carriers in the given states (the officer's and director's to-dos). */
export async function carriersIn(db: Executor, states: readonly CarrierRow['state'][]): Promise<CarrierRow[]> {
  if (states.length === 0) return [];
  return db
    .selectFrom('secrecy_carriers')
    .selectAll()
    .where('state', 'in', [...states])
    .orderBy('received_date')
    .execute();
}

/** Overdue loans and carriers due for review: the officer's to-dos. */
export async function carriersNeedingOfficer(db: Executor, today: string, reviewBy: string): Promise<CarrierRow[]> {
  return db
    .selectFrom('secrecy_carriers')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'lent'), eb('due_date', '<', today)]),
        eb.and([eb('state', 'not in', [...CARRIER_FINAL_STATES]), eb('period_end', 'is not', null), eb('period_end', '<=', reviewBy)]),
      ]),
    )
    .orderBy('received_date')
    .execute();
}

// --- 涉密人员 -------------------------------------------------------------------

export async function loadPersonnel(db: Executor, id: string): Promise<PersonnelRow | undefined> {
  return db.selectFrom('secrecy_personnel').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The active (in post) record of an account, if any. */
export async function activePersonnelOf(db: Executor, userId: string): Promise<PersonnelRow | undefined> {
  return db.selectFrom('secrecy_personnel').selectAll().where('user_id', '=', userId).where('left_date', 'is', null).executeTakeFirst();
}

export async function insertPersonnel(trx: Transaction<Database>, row: Insertable<PersonnelTable>): Promise<void> {
  await trx.insertInto('secrecy_personnel').values(row).execute();
}

/** Guarded by version: false means someone else changed it first. */
export async function updatePersonnel(trx: Transaction<Database>, id: string, version: number, patch: Updateable<PersonnelTable>): Promise<boolean> {
  const r = await trx
    .updateTable('secrecy_personnel')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listPersonnelRows(
  db: Executor,
  f: { status?: 'active' | 'separation' | 'released'; category?: PersonnelRow['category'] },
  today: string,
): Promise<PersonnelRow[]> {
  let qb = db.selectFrom('secrecy_personnel').selectAll();
  if (f.category) qb = qb.where('category', '=', f.category);
  if (f.status === 'active') qb = qb.where('left_date', 'is', null);
  if (f.status === 'separation') qb = qb.where('left_date', 'is not', null).where('separation_end', '>', today);
  if (f.status === 'released') qb = qb.where('left_date', 'is not', null).where('separation_end', '<=', today);
  return qb.orderBy('created_at').orderBy('id').execute();
}
