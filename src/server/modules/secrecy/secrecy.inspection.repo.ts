import type { Insertable, Selectable, Transaction } from 'kysely';
import type { SheetState } from '../../../shared/secrecy.inspection.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { SheetWhere } from './secrecy.inspection.types.js';
import type { AnswerTable, CampaignItemTable, CampaignTable, RectificationTable, SheetTable } from './secrecy.tables.js';

/* 保密自查's queries: campaigns, their copied items, sheets, answers and rectifications. */

export type SheetRow = Selectable<SheetTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type CampaignItemRow = Selectable<CampaignItemTable>;
export type AnswerRow = Selectable<AnswerTable>;
export type RectificationRow = Selectable<RectificationTable>;

export async function loadSheet(db: Executor, id: string): Promise<SheetRow | undefined> {
  return db.selectFrom('secrecy_sheets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('secrecy_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** 自查表 title: the campaign's title（unit or person）. */
export async function sheetTitle(db: Executor, o: Pick<SheetRow, 'campaign_id' | 'unit_name' | 'respondent_name'>): Promise<string> {
  const c = await db.selectFrom('secrecy_campaigns').select('title').where('id', '=', o.campaign_id).executeTakeFirst();
  return `${c?.title ?? '保密自查'}（${o.respondent_name ?? o.unit_name}）`;
}

/** The notes and measures written on a sheet (its search body). */
export async function sheetTexts(db: Executor, sheetId: string): Promise<string[]> {
  const notes = await db.selectFrom('secrecy_answers').select('note').where('sheet_id', '=', sheetId).where('note', 'is not', null).execute();
  const measures = await db.selectFrom('secrecy_rectifications').select('measure').where('sheet_id', '=', sheetId).where('measure', 'is not', null).execute();
  return [...notes.map((n) => n.note ?? ''), ...measures.map((m) => m.measure ?? '')];
}

export async function insertCampaign(
  trx: Transaction<Database>,
  row: Insertable<CampaignTable>,
  items: readonly Insertable<CampaignItemTable>[],
): Promise<void> {
  await trx.insertInto('secrecy_campaigns').values(row).execute();
  if (items.length > 0)
    await trx
      .insertInto('secrecy_campaign_items')
      .values([...items])
      .execute();
}

export async function insertSheet(trx: Transaction<Database>, row: Insertable<SheetTable>): Promise<void> {
  await trx.insertInto('secrecy_sheets').values(row).execute();
}

export async function campaignItems(db: Executor, campaignId: string): Promise<CampaignItemRow[]> {
  return db.selectFrom('secrecy_campaign_items').selectAll().where('campaign_id', '=', campaignId).orderBy('sort').execute();
}

export async function answersOf(db: Executor, sheetIds: readonly string[]): Promise<AnswerRow[]> {
  if (sheetIds.length === 0) return [];
  return db
    .selectFrom('secrecy_answers')
    .selectAll()
    .where('sheet_id', 'in', [...sheetIds])
    .execute();
}

/** Merges answers into a sheet: a later answer to an item replaces the earlier one. */
export async function upsertAnswers(trx: Transaction<Database>, rows: readonly Insertable<AnswerTable>[]): Promise<void> {
  for (const r of rows) {
    await trx
      .insertInto('secrecy_answers')
      .values(r)
      .onConflict((oc) =>
        oc.columns(['sheet_id', 'item_code']).doUpdateSet({ result: r.result, note: r.note ?? null, answered_by: r.answered_by, answered_at: r.answered_at }),
      )
      .execute();
  }
}

export async function rectificationsOf(db: Executor, sheetIds: readonly string[]): Promise<RectificationRow[]> {
  if (sheetIds.length === 0) return [];
  return db
    .selectFrom('secrecy_rectifications')
    .selectAll()
    .where('sheet_id', 'in', [...sheetIds])
    .orderBy('item_code')
    .execute();
}

export async function insertRectifications(trx: Transaction<Database>, rows: readonly Insertable<RectificationTable>[]): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('secrecy_rectifications')
      .values([...rows])
      .execute();
}

export async function updateRectification(trx: Transaction<Database>, id: string, patch: Partial<Omit<RectificationTable, 'id'>>): Promise<void> {
  await trx.updateTable('secrecy_rectifications').set(patch).where('id', '=', id).execute();
}

export async function sheetsOfCampaign(db: Executor, campaignId: string): Promise<SheetRow[]> {
  return db.selectFrom('secrecy_sheets').selectAll().where('campaign_id', '=', campaignId).orderBy('unit_name').orderBy('respondent_name').execute();
}

export async function sheetsOfCampaigns(db: Executor, campaignIds: readonly string[]): Promise<SheetRow[]> {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('secrecy_sheets')
    .selectAll()
    .where('campaign_id', 'in', [...campaignIds])
    .execute();
}

export async function listCampaignRows(db: Executor, status?: CampaignRow['status']): Promise<CampaignRow[]> {
  let qb = db.selectFrom('secrecy_campaigns').selectAll();
  if (status) qb = qb.where('status', '=', status);
  return qb.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function setCampaignStatus(trx: Transaction<Database>, id: string, status: CampaignRow['status'], at: string | null): Promise<void> {
  await trx.updateTable('secrecy_campaigns').set({ status, completed_at: at }).where('id', '=', id).execute();
}

/** Visible sheets, optionally of one campaign or state. */
export async function listSheetRows(db: Executor, visible: SheetWhere, f: { campaignId?: string; state?: SheetState }): Promise<SheetRow[]> {
  let qb = db.selectFrom('secrecy_sheets').selectAll().where(visible);
  if (f.campaignId) qb = qb.where('campaign_id', '=', f.campaignId);
  if (f.state) qb = qb.where('state', '=', f.state);
  return qb.orderBy('due_date', 'desc').orderBy('unit_name').orderBy('id').limit(5000).execute();
}

/** Sheets in a state, for the to-do centre. */
export async function sheetsIn(db: Executor, states: readonly SheetState[]): Promise<SheetRow[]> {
  return db
    .selectFrom('secrecy_sheets')
    .selectAll()
    .where('state', 'in', [...states])
    .orderBy('due_date')
    .execute();
}

/** Sheets with reported rectifications (the officer's to-dos). */
export async function sheetsWithReported(db: Executor): Promise<SheetRow[]> {
  return db
    .selectFrom('secrecy_sheets')
    .selectAll()
    .where('state', '=', 'rectifying')
    .where((eb) =>
      eb.exists(eb.selectFrom('secrecy_rectifications as r').select('r.id').whereRef('r.sheet_id', '=', 'secrecy_sheets.id').where('r.state', '=', 'reported')),
    )
    .execute();
}

export async function hasAnyCampaign(db: Executor): Promise<boolean> {
  return (await db.selectFrom('secrecy_campaigns').select('id').limit(1).executeTakeFirst()) !== undefined;
}
