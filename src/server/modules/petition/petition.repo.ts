import { type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Transaction, type Updateable, sql } from 'kysely';
import { HANDLING_RUNNING, NOTICE_RUNNING, type PetitionFilter } from '../../../shared/petition.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import type { PetitionHearingTable, PetitionItemTable, PetitionNoticeTable, PetitionWarningTable } from './petition.tables.js';

/* Every query of 信访 lives here: the service, the workflow, the jobs and the statistics ask, they never build SQL. */

export type PetitionRow = Selectable<PetitionItemTable>;
export type NoticeRow = Selectable<PetitionNoticeTable>;
export type HearingRow = Selectable<PetitionHearingTable>;

/** A condition on the module's table: the policy's list filter is one. */
export type PetitionWhere = (eb: ExpressionBuilder<Database, 'petition_items'>) => Expression<SqlBool>;

export const petitionSettings = singleRowSettings<Database, 'petition_settings'>('petition_settings', { superior_org: '财政部', org_name: '财政部某某监管局' });

export async function loadItem(db: Executor, id: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petition_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertItem(trx: Transaction<Database>, row: Insertable<PetitionItemTable>): Promise<void> {
  await trx.insertInto('petition_items').values(row).execute();
}

/** The module's own columns after a move (the engine has set state, version and updated_at), and the running deadline again. */
export async function updateItem(trx: Transaction<Database>, id: string, patch: Updateable<PetitionItemTable>): Promise<void> {
  if (Object.keys(patch).length > 0) await trx.updateTable('petition_items').set(patch).where('id', '=', id).execute();
  await syncRunning(trx, id);
}

/** The deadline that runs in the row's state: 告知 while registered or objected, 办理 while accepted to reply_review. */
export async function syncRunning(trx: Transaction<Database>, id: string): Promise<void> {
  await trx
    .updateTable('petition_items')
    .set((eb) => ({
      running_deadline: eb
        .case()
        .when('state', 'in', [...NOTICE_RUNNING])
        .then(eb.ref('notice_deadline'))
        .when('state', 'in', [...HANDLING_RUNNING])
        .then(eb.ref('handling_deadline'))
        .else(null)
        .end(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function addNotice(trx: Transaction<Database>, n: Omit<PetitionNoticeTable, 'seq'>): Promise<void> {
  const last = await trx
    .selectFrom('petition_notices')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('petition_id', '=', n.petition_id)
    .executeTakeFirst();
  await trx
    .insertInto('petition_notices')
    .values({ ...n, seq: Number(last?.m ?? 0) + 1 })
    .execute();
}

export async function noticesOf(db: Executor, id: string): Promise<NoticeRow[]> {
  return db.selectFrom('petition_notices').selectAll().where('petition_id', '=', id).orderBy('seq').execute();
}

export async function addHearing(trx: Transaction<Database>, h: Omit<PetitionHearingTable, 'seq'>): Promise<void> {
  const last = await trx
    .selectFrom('petition_hearings')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('petition_id', '=', h.petition_id)
    .executeTakeFirst();
  await trx
    .insertInto('petition_hearings')
    .values({ ...h, seq: Number(last?.m ?? 0) + 1 })
    .execute();
}

export async function hearingsOf(db: Executor, id: string): Promise<HearingRow[]> {
  return db.selectFrom('petition_hearings').selectAll().where('petition_id', '=', id).orderBy('seq').execute();
}

export async function refsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, { id: string; number: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('petition_items')
    .select(['id', 'number'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function followUpsOf(db: Executor, id: string): Promise<Pick<PetitionRow, 'id' | 'number' | 'type'>[]> {
  return db.selectFrom('petition_items').select(['id', 'number', 'type']).where('parent_id', '=', id).orderBy('created_at').execute();
}

export async function repeatsOf(db: Executor, id: string): Promise<Pick<PetitionRow, 'id' | 'number'>[]> {
  return db.selectFrom('petition_items').select(['id', 'number']).where('repeat_of_id', '=', id).orderBy('created_at').execute();
}

/**
 * The last initial petition registered before now by the same person (same
 * ID-number or phone index) on the same topic: what a new one repeats.
 */
export async function lastSamePerson(db: Executor, p: { idIndex: string | null; phoneIndex: string | null; topic: string }): Promise<PetitionRow | undefined> {
  if (!p.idIndex && !p.phoneIndex) return undefined;
  return db
    .selectFrom('petition_items')
    .selectAll()
    .where('type', '=', 'initial')
    .where('topic', '=', p.topic as PetitionRow['topic'])
    .where((eb) => {
      const ors: Expression<SqlBool>[] = [];
      if (p.idIndex) ors.push(eb('id_index', '=', p.idIndex));
      if (p.phoneIndex) ors.push(eb('phone_index', '=', p.phoneIndex));
      return eb.or(ors);
    })
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A person's petitions by blind index, newest first. */
export async function byPerson(db: Executor, p: { idIndex?: string; phoneIndex?: string }): Promise<PetitionRow[]> {
  return db
    .selectFrom('petition_items')
    .selectAll()
    .where((eb) => {
      const ors: Expression<SqlBool>[] = [];
      if (p.idIndex) ors.push(eb('id_index', '=', p.idIndex));
      if (p.phoneIndex) ors.push(eb('phone_index', '=', p.phoneIndex));
      return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`1 = 0`;
    })
    .orderBy('received_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/** The ledger's filters (the day bounds of `warning` and `overdue` come from the caller's today). */
function filtered(db: Executor, visible: PetitionWhere, f: PetitionFilter, today: { today: string; plus1: string; plus5: string }) {
  let qb = db.selectFrom('petition_items').where(visible);
  if (f.state) qb = qb.where('state', '=', f.state);
  if (f.channel) qb = qb.where('channel', '=', f.channel);
  if (f.category) qb = qb.where('category', '=', f.category);
  if (f.topic) qb = qb.where('topic', '=', f.topic);
  if (f.type) qb = qb.where('type', '=', f.type);
  if (f.source) qb = qb.where('source', '=', f.source);
  if (f.divisionId) qb = qb.where('division_id', '=', f.divisionId);
  if (f.from) qb = qb.where('received_date', '>=', f.from);
  if (f.to) qb = qb.where('received_date', '<=', f.to);
  if (f.repeat !== undefined) qb = qb.where('repeat_of_id', f.repeat ? 'is not' : 'is', null);
  if (f.overdue === true) qb = qb.where('running_deadline', '<', today.today);
  if (f.overdue === false) qb = qb.where((eb) => eb.or([eb('running_deadline', 'is', null), eb('running_deadline', '>=', today.today)]));
  if (f.warning === 'overdue') qb = qb.where('running_deadline', '<', today.today);
  if (f.warning === 'imminent') qb = qb.where('running_deadline', '>=', today.today).where('running_deadline', '<=', today.plus1);
  if (f.warning === 'due_soon') qb = qb.where('running_deadline', '>', today.plus1).where('running_deadline', '<=', today.plus5);
  if (f.q) {
    const q = f.q;
    qb = qb.where((eb) => eb.or([contains(eb.ref('number'), q), contains(eb.ref('subject'), q), contains(eb.ref('content'), q)]));
  }
  return qb;
}

/** One page of the ledger: open first by running deadline, then newest. */
export async function listPage(
  db: Executor,
  visible: PetitionWhere,
  f: PetitionFilter,
  today: { today: string; plus1: string; plus5: string },
  page: { page: number; pageSize: number },
): Promise<{ rows: PetitionRow[]; total: number }> {
  const qb = filtered(db, visible, f, today);
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll()
    .orderBy(sql`case when running_deadline is null then 1 else 0 end`)
    .orderBy('running_deadline')
    .orderBy('received_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** Every row the filters let through, in ledger order (the .xlsx export; capped). */
export async function listAll(db: Executor, visible: PetitionWhere, f: PetitionFilter, today: { today: string; plus1: string; plus5: string }, cap: number) {
  return filtered(db, visible, f, today)
    .selectAll()
    .orderBy(sql`case when running_deadline is null then 1 else 0 end`)
    .orderBy('running_deadline')
    .orderBy('received_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(cap)
    .execute();
}

/** Petitions in the given states (the to-dos and the warning job), oldest deadline first. */
export async function inStates(db: Executor, states: readonly PetitionRow['state'][], divisionId?: string): Promise<PetitionRow[]> {
  if (states.length === 0) return [];
  let qb = db
    .selectFrom('petition_items')
    .selectAll()
    .where('state', 'in', [...states]);
  if (divisionId) qb = qb.where('division_id', '=', divisionId);
  return qb.orderBy('running_deadline').orderBy('created_at').execute();
}

/** Records a warning; false when this (petition, deadline, level) was warned already. */
export async function claimWarning(trx: Transaction<Database>, w: PetitionWarningTable): Promise<boolean> {
  const done = await trx
    .insertInto('petition_warnings')
    .values(w)
    .onConflict((oc) => oc.columns(['petition_id', 'deadline_kind', 'deadline', 'level']).doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** A year's petitions (all types) with what the statistics count. */
export async function yearRows(db: Executor, year: number) {
  return db
    .selectFrom('petition_items')
    .select(['channel', 'received_date', 'division_id', 'state', 'notice_date', 'notice_on_time', 'reply_date', 'handling_deadline'])
    .where('received_date', '>=', `${year}-01-01`)
    .where('received_date', '<=', `${year}-12-31`)
    .execute();
}

/** Open (running deadline set), due within 5 days and overdue, as of today: all years. */
export async function runningCounts(db: Executor, today: string, plus5: string): Promise<{ open: number; dueIn5Days: number; overdue: number }> {
  const row = await db
    .selectFrom('petition_items')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('running_deadline', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('running_deadline', '>=', today), eb('running_deadline', '<=', plus5)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('due'),
    ])
    .where('running_deadline', 'is not', null)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), dueIn5Days: Number(row.due ?? 0), overdue: Number(row.overdue ?? 0) };
}

export async function hasAnyItem(db: Executor): Promise<boolean> {
  return (await db.selectFrom('petition_items').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function readKeyCheck(db: Executor): Promise<string | undefined> {
  return (await db.selectFrom('petition_key_check').select('key_check').where('id', '=', 1).executeTakeFirst())?.key_check;
}

export async function writeKeyCheck(db: Executor, keyCheck: string, at: string): Promise<void> {
  await db
    .insertInto('petition_key_check')
    .values({ id: 1, key_check: keyCheck, created_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Petitions received per month (`YYYY-MM`) from the first month to the last, inclusive. */
export async function monthlyReceived(db: Executor, first: string, last: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('petition_items')
    .select('received_date')
    .where('received_date', '>=', `${first}-01`)
    .where('received_date', '<=', `${last}-31`)
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.received_date.slice(0, 7), (out.get(r.received_date.slice(0, 7)) ?? 0) + 1);
  return out;
}
