import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { InfoFilter, InfoState } from '../../../shared/info.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import type {
  InfoAdoptionTable,
  InfoBulletinTable,
  InfoInstructionTable,
  InfoItemTable,
  InfoPenaltyTable,
  InfoPublicationTable,
  InfoRequestTable,
  InfoReviewTable,
  InfoRevisionTable,
} from './info.tables.js';

/* Every query of 信息报送 lives here: the services, the workflows and the portal ask, they never build SQL. */

export type InfoRow = Selectable<InfoItemTable>;
export type ReviewRow = Selectable<InfoReviewTable>;
export type AdoptionRow = Selectable<InfoAdoptionTable>;
export type InstructionRow = Selectable<InfoInstructionTable>;
export type RevisionRow = Selectable<InfoRevisionTable>;
export type RequestRow = Selectable<InfoRequestTable>;
export type PenaltyRow = Selectable<InfoPenaltyTable>;
export type PublicationRow = Selectable<InfoPublicationTable>;

/** An item as the workflow and the policy see it: the row and its latest 保密审查. */
export type InfoObject = InfoRow & { review: ReviewRow | null };

/** A condition on the items table: the policy's list filter is one. */
export type InfoWhere = (eb: ExpressionBuilder<Database, 'info_items'>) => Expression<SqlBool>;
export type RequestWhere = (eb: ExpressionBuilder<Database, 'info_requests'>) => Expression<SqlBool>;

// ── items ──

export async function loadItem(db: Executor, id: string): Promise<InfoObject | undefined> {
  const row = await db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, review: (await latestReview(db, id)) ?? null };
}

export async function insertItem(db: Executor, row: Insertable<InfoItemTable>): Promise<void> {
  await db.insertInto('info_items').values(row).execute();
}

export async function updateItem(db: Executor, id: string, set: Updateable<InfoItemTable>): Promise<void> {
  await db.updateTable('info_items').set(set).where('id', '=', id).execute();
}

/** The PUT's move of the version alone, guarded like a transition: false when a concurrent writer got there first. */
export async function advanceVersion(db: Executor, id: string, from: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('info_items')
    .set({ version: from + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRevision(db: Executor, row: Insertable<InfoRevisionTable>): Promise<void> {
  await db.insertInto('info_revisions').values(row).execute();
}

export async function revisionsOf(db: Executor, itemId: string): Promise<RevisionRow[]> {
  return db.selectFrom('info_revisions').selectAll().where('item_id', '=', itemId).orderBy('revision').execute();
}

export async function latestReview(db: Executor, itemId: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('info_reviews').selectAll().where('item_id', '=', itemId).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertReview(db: Executor, row: Insertable<InfoReviewTable>): Promise<void> {
  await db.insertInto('info_reviews').values(row).execute();
}

export async function adoptionsOf(db: Executor, itemIds: readonly string[]): Promise<AdoptionRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('info_adoptions')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('adopted_date')
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function hasAdoption(db: Executor, itemId: string, channel: string): Promise<boolean> {
  return (await db.selectFrom('info_adoptions').select('id').where('item_id', '=', itemId).where('channel', '=', channel).executeTakeFirst()) !== undefined;
}

export async function insertAdoption(db: Executor, row: Insertable<InfoAdoptionTable>): Promise<void> {
  await db.insertInto('info_adoptions').values(row).execute();
}

export async function instructionsOf(db: Executor, itemIds: readonly string[]): Promise<InstructionRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('info_instructions')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('instructed_date')
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertInstruction(db: Executor, row: Insertable<InfoInstructionTable>): Promise<void> {
  await db.insertInto('info_instructions').values(row).execute();
}

export async function insertPublication(db: Executor, row: Insertable<InfoPublicationTable>): Promise<void> {
  await db.insertInto('info_publications').values(row).execute();
}

/** The items named by the list's filter, one page, newest first, among the rows `visible` lets through. */
export async function listPage(
  db: Executor,
  visible: InfoWhere,
  f: InfoFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: InfoRow[]; total: number }> {
  let qb = db.selectFrom('info_items').where(visible);
  if (f.state) qb = qb.where('state', '=', f.state);
  if (f.infoType) qb = qb.where('info_type', '=', f.infoType);
  if (f.divisionId) qb = qb.where('unit_id', '=', f.divisionId);
  if (f.year) qb = qb.where('reported_date', '>=', `${f.year}-01-01`).where('reported_date', '<=', `${f.year}-12-31`);
  if (f.published !== undefined) qb = f.published ? qb.where('pub_state', '=', 'published') : qb.where('pub_state', '!=', 'published');
  if (f.q) {
    const q = f.q;
    qb = qb.where((eb) => eb.or([contains(eb.ref('title'), q), contains(eb.ref('body'), q), contains(eb.ref('serial_no'), q)]));
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

export async function itemsByIds(db: Executor, ids: readonly string[]): Promise<InfoRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('info_items')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function itemsOfRequest(db: Executor, requestId: string): Promise<InfoRow[]> {
  return db.selectFrom('info_items').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();
}

/** The to-dos' items: in these states, optionally of one division or drafter. */
export async function itemsInStates(db: Executor, states: readonly InfoState[], where: { unitId?: string; drafterId?: string } = {}): Promise<InfoObject[]> {
  if (states.length === 0) return [];
  let qb = db
    .selectFrom('info_items')
    .selectAll()
    .where('state', 'in', [...states]);
  if (where.unitId) qb = qb.where('unit_id', '=', where.unitId);
  if (where.drafterId) qb = qb.where('drafter_id', '=', where.drafterId);
  const rows = await qb.orderBy('created_at').limit(200).execute();
  const reviews = rows.length
    ? await db
        .selectFrom('info_reviews')
        .selectAll()
        .where(
          'item_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  const latest = new Map(reviews.map((r) => [r.item_id, r]));
  return rows.map((r) => ({ ...r, review: latest.get(r.id) ?? null }));
}

/** Whether the drafter's piece was sent back (its last move was a 退回). */
export async function returnedIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('workflow_history as h')
    .select(['h.object_id', 'h.action', 'h.seq'])
    .where('h.kind', '=', 'info')
    .where('h.object_id', 'in', [...ids])
    .orderBy('h.seq')
    .execute();
  const last = new Map<string, string>();
  for (const r of rows) last.set(r.object_id, r.action);
  return new Set([...last].filter(([, a]) => a === 'return').map(([id]) => id));
}

export async function hasAnyItem(db: Executor): Promise<boolean> {
  return (await db.selectFrom('info_items').select('id').limit(1).executeTakeFirst()) !== undefined;
}

// ── events for the points, ledger and 通报 ──

export interface ReportedRow {
  id: string;
  unit_id: string;
  info_type: InfoItemTable['info_type'];
  reported_date: string;
}

export async function reportedBetween(db: Executor, from: string, to: string): Promise<ReportedRow[]> {
  const rows = await db
    .selectFrom('info_items')
    .select(['id', 'unit_id', 'info_type', 'reported_date'])
    .where('reported_date', '>=', from)
    .where('reported_date', '<=', to)
    .execute();
  return rows.flatMap((r) => (r.reported_date ? [{ ...r, reported_date: r.reported_date }] : []));
}

export type AdoptionEvent = AdoptionRow & { unit_id: string; info_type: InfoItemTable['info_type']; title: string };

export async function adoptionsBetween(db: Executor, from: string, to: string): Promise<AdoptionEvent[]> {
  return db
    .selectFrom('info_adoptions as a')
    .innerJoin('info_items as i', 'i.id', 'a.item_id')
    .selectAll('a')
    .select(['i.unit_id', 'i.info_type', 'i.title'])
    .where('a.adopted_date', '>=', from)
    .where('a.adopted_date', '<=', to)
    .orderBy('a.adopted_date')
    .orderBy('a.at')
    .execute();
}

export type InstructionEvent = InstructionRow & { unit_id: string; title: string };

/** Every 批示 of the items that have one in [from, to]: the `highest` rule needs each item's earlier ones. */
export async function instructionsOfItemsBetween(db: Executor, from: string, to: string): Promise<InstructionEvent[]> {
  return db
    .selectFrom('info_instructions as n')
    .innerJoin('info_items as i', 'i.id', 'n.item_id')
    .selectAll('n')
    .select(['i.unit_id', 'i.title'])
    .where('n.instructed_date', '<=', to)
    .where('n.item_id', 'in', (eb) =>
      eb.selectFrom('info_instructions as m').select('m.item_id').where('m.instructed_date', '>=', from).where('m.instructed_date', '<=', to),
    )
    .orderBy('n.instructed_date')
    .orderBy('n.at')
    .orderBy('n.id')
    .execute();
}

export async function penaltiesBetween(db: Executor, from: string, to: string): Promise<PenaltyRow[]> {
  return db.selectFrom('info_penalties').selectAll().where('date', '>=', from).where('date', '<=', to).orderBy('date').orderBy('created_at').execute();
}

// ── 约稿 ──

export async function loadRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRequest(db: Executor, row: Insertable<InfoRequestTable>): Promise<void> {
  await db.insertInto('info_requests').values(row).execute();
}

export async function updateRequest(db: Executor, id: string, set: Updateable<InfoRequestTable>): Promise<void> {
  await db.updateTable('info_requests').set(set).where('id', '=', id).execute();
}

export async function requestList(
  db: Executor,
  visible: RequestWhere,
  f: { state?: string | undefined; divisionId?: string | undefined; overdueBefore?: string | undefined; notOverdueFrom?: string | undefined },
): Promise<RequestRow[]> {
  let qb = db.selectFrom('info_requests').selectAll().where(visible);
  if (f.state) qb = qb.where('state', '=', f.state as RequestRow['state']);
  if (f.divisionId) qb = qb.where('unit_id', '=', f.divisionId);
  if (f.overdueBefore) qb = qb.where('state', '=', 'open').where('deadline', '<', f.overdueBefore);
  if (f.notOverdueFrom) {
    const day = f.notOverdueFrom;
    qb = qb.where((eb) => eb.or([eb('state', '!=', 'open'), eb('deadline', '>=', day)]));
  }
  return qb.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export async function openRequests(db: Executor, unitId?: string): Promise<RequestRow[]> {
  let qb = db.selectFrom('info_requests').selectAll().where('state', '=', 'open');
  if (unitId) qb = qb.where('unit_id', '=', unitId);
  return qb.orderBy('deadline').execute();
}

export async function requestsCreatedBetween(db: Executor, from: string, to: string): Promise<RequestRow[]> {
  return db.selectFrom('info_requests').selectAll().where('created_at', '>=', `${from}T00:00:00`).where('created_at', '<=', `${to}T23:59:59.999Z`).execute();
}

// ── penalties ──

export async function insertPenalty(db: Executor, row: Insertable<InfoPenaltyTable>): Promise<void> {
  await db.insertInto('info_penalties').values(row).execute();
}

export async function loadPenalty(db: Executor, id: string): Promise<PenaltyRow | undefined> {
  return db.selectFrom('info_penalties').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokePenalty(db: Executor, id: string, reason: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('info_penalties')
    .set({ revoked: 1, revoke_reason: reason, revoked_at: at })
    .where('id', '=', id)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function penaltyList(db: Executor, f: { from?: string; to?: string; unitId?: string | undefined }): Promise<PenaltyRow[]> {
  let qb = db.selectFrom('info_penalties').selectAll();
  if (f.from) qb = qb.where('date', '>=', f.from);
  if (f.to) qb = qb.where('date', '<=', f.to);
  if (f.unitId) qb = qb.where('unit_id', '=', f.unitId);
  return qb.orderBy('date', 'desc').orderBy('created_at', 'desc').limit(1000).execute();
}

/** The codes used by events of a year (channels adopted, penalties recorded): they stay in the year's table. */
export async function codesUsedIn(db: Executor, year: number): Promise<{ channels: Set<string>; penalties: Set<string> }> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const ch = await db.selectFrom('info_adoptions').select('channel').distinct().where('adopted_date', '>=', from).where('adopted_date', '<=', to).execute();
  const pe = await db.selectFrom('info_penalties').select('code').distinct().where('date', '>=', from).where('date', '<=', to).execute();
  return { channels: new Set(ch.map((r) => r.channel)), penalties: new Set(pe.map((r) => r.code)) };
}

// ── the year tables (scoring, targets) ──

export type YearTableName = 'info_scoring' | 'info_targets';

export async function loadYearRow(db: Executor, table: YearTableName, year: number): Promise<{ year: number; version: number; body: string } | undefined> {
  return db.selectFrom(table).select(['year', 'version', 'body']).where('year', '=', year).executeTakeFirst();
}

/** The latest year before `year` that has a row. */
export async function latestYearRowBefore(
  db: Executor,
  table: YearTableName,
  year: number,
): Promise<{ year: number; version: number; body: string } | undefined> {
  return db.selectFrom(table).select(['year', 'version', 'body']).where('year', '<', year).orderBy('year', 'desc').limit(1).executeTakeFirst();
}

export async function allYearRows(db: Executor, table: YearTableName): Promise<{ year: number; body: string }[]> {
  return db.selectFrom(table).select(['year', 'body']).orderBy('year').execute();
}

/** Saves the year's row over `expected` (0: none yet): false when another writer got there first. */
export async function saveYearRow(db: Executor, table: YearTableName, year: number, expected: number, body: string, at: string): Promise<boolean> {
  if (expected === 0) {
    const r = await db
      .insertInto(table)
      .values({ year, version: 1, body, updated_at: at })
      .onConflict((oc) => oc.column('year').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable(table)
    .set({ version: expected + 1, body, updated_at: at })
    .where('year', '=', year)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── 通报 ──

export async function loadBulletin(db: Executor, period: string): Promise<Selectable<InfoBulletinTable> | undefined> {
  return db.selectFrom('info_bulletins').selectAll().where('period', '=', period).executeTakeFirst();
}

/** Stores an issued 通报 once: a second issuer (the job and a reader at once) changes nothing. */
export async function insertBulletin(db: Executor, row: Insertable<InfoBulletinTable>): Promise<boolean> {
  const r = await db
    .insertInto('info_bulletins')
    .values(row)
    .onConflict((oc) => oc.column('period').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

// ── the portal: published items only, and only the public columns ──

export interface PortalRow {
  id: string;
  title: string;
  info_type: InfoItemTable['info_type'];
  summary: string | null;
  unit_id: string;
  published_at: string | null;
}

export async function portalPage(db: Executor, q: string | undefined, page: number, pageSize: number): Promise<{ rows: PortalRow[]; total: number }> {
  let qb = db.selectFrom('info_items').where('pub_state', '=', 'published').where('state', 'in', ['approved', 'submitted', 'adopted']);
  if (q) qb = qb.where((eb) => eb.or([contains(eb.ref('title'), q), contains(eb.ref('body'), q)]));
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .select(['id', 'title', 'info_type', 'summary', 'unit_id', 'published_at'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

export async function portalItem(db: Executor, id: string): Promise<(PortalRow & { body: string }) | undefined> {
  return db
    .selectFrom('info_items')
    .select(['id', 'title', 'info_type', 'summary', 'unit_id', 'published_at', 'body'])
    .where('id', '=', id)
    .where('pub_state', '=', 'published')
    .where('state', 'in', ['approved', 'submitted', 'adopted'])
    .executeTakeFirst();
}

export async function publicationLog(db: Executor, limit: number): Promise<(PublicationRow & { title: string; pub_state: string })[]> {
  return db
    .selectFrom('info_publications as p')
    .innerJoin('info_items as i', 'i.id', 'p.item_id')
    .selectAll('p')
    .select(['i.title', 'i.pub_state'])
    .orderBy('p.at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

/** The feed's newest published pieces, with their bodies for the description. */
export async function portalLatest(db: Executor, limit: number): Promise<(PortalRow & { body: string })[]> {
  return db
    .selectFrom('info_items')
    .select(['id', 'title', 'info_type', 'summary', 'unit_id', 'published_at', 'body'])
    .where('pub_state', '=', 'published')
    .where('state', 'in', ['approved', 'submitted', 'adopted'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
