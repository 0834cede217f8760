import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Transaction } from 'kysely';
import type { InfoFilter } from '../../../shared/info.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import type { InfoItemTable } from './info.tables.js';

/* Every query of 政务信息 lives here: the service and the workflow ask, they never build SQL. */

export type InfoRow = Selectable<InfoItemTable>;

/** A condition on the module's table: the policy's list filter is one. */
export type InfoWhere = (eb: ExpressionBuilder<Database, 'info_items'>) => Expression<SqlBool>;

export async function loadItem(db: Executor, id: string): Promise<InfoRow | undefined> {
  return db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertItem(trx: Transaction<Database>, row: Insertable<InfoItemTable>): Promise<void> {
  await trx.insertInto('info_items').values(row).execute();
}

/** 办结's own columns (the engine has moved the state and version already). */
export async function recordFinish(trx: Transaction<Database>, id: string, result: string, at: string): Promise<void> {
  await trx.updateTable('info_items').set({ result, done_at: at }).where('id', '=', id).execute();
}

/** One page of the ledger, newest first, among the rows `visible` lets through. */
export async function listPage(
  db: Executor,
  visible: InfoWhere,
  f: InfoFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: InfoRow[]; total: number }> {
  let qb = db.selectFrom('info_items').where(visible);
  if (f.state) qb = qb.where('state', '=', f.state);
  if (f.urgency) qb = qb.where('urgency', '=', f.urgency);
  if (f.q) {
    const q = f.q;
    qb = qb.where((eb) => eb.or([contains(eb.ref('title'), q), contains(eb.ref('content'), q)]));
  }
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** The open items someone created: their to-dos. */
export async function openItemsOf(db: Executor, userId: string): Promise<InfoRow[]> {
  return db.selectFrom('info_items').selectAll().where('created_by', '=', userId).where('state', '=', 'draft').orderBy('created_at').execute();
}

/** Whether the demo data is there already (seed-demo runs once). */
export async function hasAnyItem(db: Executor): Promise<boolean> {
  return (await db.selectFrom('info_items').select('id').limit(1).executeTakeFirst()) !== undefined;
}
