import type { Selectable } from 'kysely';
import { type OutgoingDraft, outgoingDraftSchema } from '../../../shared/outgoing.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { getUnit } from '../../core/org/org.service.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import type { OutgoingCosignTable, OutgoingDocTable, OutgoingSettingsTable } from './outgoing.tables.js';

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
