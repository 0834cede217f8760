import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool } from 'kysely';
import { type OutgoingDraft, outgoingDraftSchema } from '../../../shared/outgoing.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import { getUnit } from '../../core/org/org.service.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import type { OutgoingCosignTable, OutgoingDocTable, OutgoingSettingsTable, OutgoingVersionTable } from './outgoing.tables.js';

export type DocRow = Selectable<OutgoingDocTable>;

/** Defaults until the office sets them (发文设置). */
export const DEFAULT_SETTINGS = { agency_code: '财监办', org_name: '财政部某某监管局', principal_leader_id: null } as const;

/** A document with what `who` and `canSee` need: co-sign rows, the drafting unit's kind and the 主要负责人. */
export interface OutgoingObject extends DocRow {
  cosigns: Selectable<OutgoingCosignTable>[];
  draftingUnitIsOffice: boolean;
  principalLeaderId: string | null;
}

/** 发文设置: 机关代字, 发文机关 and the 主要负责人, one versioned row. */
export const outgoingSettings = singleRowSettings<Database, 'outgoing_settings'>('outgoing_settings', DEFAULT_SETTINGS);

export async function loadSettings(db: Executor): Promise<Selectable<OutgoingSettingsTable>> {
  return outgoingSettings.load(db);
}

export async function loadOutgoing(db: Executor, id: string): Promise<OutgoingObject | undefined> {
  const row = await db.selectFrom('outgoing_docs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [cosigns, unit, settings] = await Promise.all([
    db.selectFrom('outgoing_cosigns').selectAll().where('doc_id', '=', id).orderBy('unit_id').execute(),
    getUnit({ db }, row.drafting_unit_id),
    loadSettings(db),
  ]);
  return { ...row, cosigns, draftingUnitIsOffice: unit?.kind === 'office', principalLeaderId: settings.principal_leader_id };
}

/** The stored draft; a row written by this module always parses, so a failure is a bug, not input. */
export function draftOf(row: Pick<DocRow, 'draft'>): OutgoingDraft {
  return outgoingDraftSchema.parse(JSON.parse(row.draft));
}

// ── the document row ──

export async function insertDoc(db: Executor, row: Insertable<OutgoingDocTable>): Promise<void> {
  await db.insertInto('outgoing_docs').values(row).execute();
}

/** The state as stored now (a transition in the same transaction may have moved it). */
export async function currentState(db: Executor, id: string): Promise<DocRow['state']> {
  return (await db.selectFrom('outgoing_docs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
}

/** Moves the version from `from` to `from + 1`; false when a concurrent writer moved it first. */
export async function advanceVersion(db: Executor, id: string, from: number): Promise<boolean> {
  const moved = await db
    .updateTable('outgoing_docs')
    .set({ version: from + 1 })
    .where('id', '=', id)
    .where('version', '=', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

/** The columns a saved version (稿) rewrites. */
export type DraftColumns = Pick<DocRow, 'draft' | 'title' | 'doc_type' | 'direction' | 'urgency' | 'round' | 'version' | 'updated_at'>;

export async function updateDraft(db: Executor, id: string, columns: DraftColumns): Promise<void> {
  await db.updateTable('outgoing_docs').set(columns).where('id', '=', id).execute();
}

// ── the workflow's own columns (the engine has moved state and version already) ──

export async function clearReturnComment(db: Executor, id: string): Promise<void> {
  await db.updateTable('outgoing_docs').set({ return_comment: null }).where('id', '=', id).execute();
}

export async function markDivisionReviewed(db: Executor, id: string): Promise<void> {
  await db.updateTable('outgoing_docs').set({ division_reviewed: 1 }).where('id', '=', id).execute();
}

export async function markOfficeReviewed(db: Executor, id: string): Promise<void> {
  await db.updateTable('outgoing_docs').set({ office_reviewed: 1 }).where('id', '=', id).execute();
}

/** 退回修改: the comment for the drafter, and both reviews undone. */
export async function recordReturn(db: Executor, id: string, comment: string): Promise<void> {
  await db.updateTable('outgoing_docs').set({ return_comment: comment, division_reviewed: 0, office_reviewed: 0 }).where('id', '=', id).execute();
}

/** 签发: the 发文字号, 成文日期, the signer and the version signed. */
export type SignatureColumns = Pick<DocRow, 'agency_code' | 'doc_year' | 'doc_seq' | 'doc_number' | 'sign_date' | 'signer_id' | 'signer_name' | 'signed_round'>;

export async function recordSignature(db: Executor, id: string, columns: SignatureColumns): Promise<void> {
  await db.updateTable('outgoing_docs').set(columns).where('id', '=', id).execute();
}

/** 核发: the distribution record (JSON `Distribution`), when and by whom. */
export async function recordIssue(db: Executor, id: string, columns: Pick<DocRow, 'distribution' | 'issued_at' | 'issued_by_name'>): Promise<void> {
  await db.updateTable('outgoing_docs').set(columns).where('id', '=', id).execute();
}

/** 归档: 保管期限, 档号 and when. */
export async function recordArchive(db: Executor, id: string, columns: Pick<DocRow, 'retention' | 'archival_no' | 'archived_at'>): Promise<void> {
  await db.updateTable('outgoing_docs').set(columns).where('id', '=', id).execute();
}

// ── co-signs ──

/** Adds the co-sign divisions of a document, none signed yet. */
export async function insertCosigns(db: Executor, docId: string, unitIds: readonly string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await db
    .insertInto('outgoing_cosigns')
    .values(unitIds.map((u) => ({ doc_id: docId, unit_id: u, signed_at: null, signed_by_name: null, comment: null })))
    .execute();
}

/** The co-sign divisions become exactly `unitIds`, none signed. */
export async function replaceCosigns(db: Executor, docId: string, unitIds: readonly string[]): Promise<void> {
  await db.deleteFrom('outgoing_cosigns').where('doc_id', '=', docId).execute();
  await insertCosigns(db, docId, unitIds);
}

/** One division's 会签. */
export async function signCosign(
  db: Executor,
  docId: string,
  unitId: string,
  signature: Pick<Selectable<OutgoingCosignTable>, 'signed_at' | 'signed_by_name' | 'comment'>,
): Promise<void> {
  await db.updateTable('outgoing_cosigns').set(signature).where('doc_id', '=', docId).where('unit_id', '=', unitId).execute();
}

/** Every division's 会签 undone: a returned text is co-signed again. */
export async function resetCosigns(db: Executor, docId: string): Promise<void> {
  await db.updateTable('outgoing_cosigns').set({ signed_at: null, signed_by_name: null, comment: null }).where('doc_id', '=', docId).execute();
}

// ── versions (稿) ──

export type VersionRow = Selectable<OutgoingVersionTable>;

export async function insertVersion(db: Executor, row: Insertable<OutgoingVersionTable>): Promise<void> {
  await db.insertInto('outgoing_versions').values(row).execute();
}

/** Every version of a document, 第 1 稿 first. */
export async function versionsOf(db: Executor, docId: string): Promise<VersionRow[]> {
  return db.selectFrom('outgoing_versions').selectAll().where('doc_id', '=', docId).orderBy('round').execute();
}

export async function versionOf(db: Executor, docId: string, round: number): Promise<VersionRow | undefined> {
  return db.selectFrom('outgoing_versions').selectAll().where('doc_id', '=', docId).where('round', '=', round).executeTakeFirst();
}

// ── lists ──

/** A condition on `outgoing_docs as d`: the policy's list filter is one. */
export type OutgoingWhere = (eb: ExpressionBuilder<Database & { d: OutgoingDocTable }, 'd'>) => Expression<SqlBool>;

/** What narrows the list: who may see, and the user's state, 我拟的 and keyword (标题 or 发文字号). */
export interface ListWhere {
  visible: OutgoingWhere;
  state: DocRow['state'] | undefined;
  drafterId: string | undefined;
  q: string | undefined;
}

/** One page of the list, most recently changed first. */
export async function listPage(db: Executor, where: ListWhere, page: { page: number; pageSize: number }): Promise<{ rows: DocRow[]; total: number }> {
  let qb = db.selectFrom('outgoing_docs as d').where(where.visible);
  if (where.state) qb = qb.where('d.state', '=', where.state);
  if (where.drafterId !== undefined) qb = qb.where('d.drafter_id', '=', where.drafterId);
  if (where.q) {
    const q = where.q;
    qb = qb.where((eb) => eb.or([contains(eb.ref('d.title'), q), contains(eb.ref('d.doc_number'), q)]));
  }
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll('d')
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** Ids of visible documents not yet archived, most recently changed first, at most 300: the workflow decides which are the actor's to-dos. */
export async function todoCandidateIds(db: Executor, visible: OutgoingWhere): Promise<string[]> {
  const rows = await db
    .selectFrom('outgoing_docs as d')
    .select('d.id')
    .where(visible)
    .where('d.state', 'not in', ['archived'])
    .orderBy('d.updated_at', 'desc')
    .limit(300)
    .execute();
  return rows.map((r) => r.id);
}
