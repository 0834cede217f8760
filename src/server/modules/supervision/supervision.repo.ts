import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import { DEFAULT_RULES, type LightRules } from './supervision.lights.js';
import type { SupervisionExtensionTable, SupervisionItemTable, SupervisionMilestoneTable, SupervisionUnitTable } from './supervision.tables.js';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ItemRow = Selectable<SupervisionItemTable>;

/** An item with what permission checks and the lights need. */
export interface SupervisionObject extends ItemRow {
  units: Pick<SupervisionUnitTable, 'unit_id' | 'role'>[];
  milestones: SupervisionMilestoneTable[];
  pendingExtension: SupervisionExtensionTable | null;
}

export async function loadItem(db: Executor, id: string): Promise<SupervisionObject | undefined> {
  const row = await db.selectFrom('supervision_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [units, milestones, pending] = await Promise.all([
    db.selectFrom('supervision_units').select(['unit_id', 'role']).where('item_id', '=', id).orderBy('role', 'desc').orderBy('unit_id').execute(),
    db.selectFrom('supervision_milestones').selectAll().where('item_id', '=', id).orderBy('position').execute(),
    db.selectFrom('supervision_extensions').selectAll().where('item_id', '=', id).where('state', '=', 'pending').executeTakeFirst(),
  ]);
  return { ...row, units, milestones, pendingExtension: pending ?? null };
}

/** Units and milestones of many items at once (lists, reports, exports). */
export async function loadRelated(db: Executor, ids: readonly string[]) {
  const units = new Map<string, Pick<SupervisionUnitTable, 'unit_id' | 'role'>[]>();
  const milestones = new Map<string, SupervisionMilestoneTable[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [u, m] = await Promise.all([
      db.selectFrom('supervision_units').selectAll().where('item_id', 'in', chunk).execute(),
      db.selectFrom('supervision_milestones').selectAll().where('item_id', 'in', chunk).orderBy('position').execute(),
    ]);
    for (const r of u) units.set(r.item_id, [...(units.get(r.item_id) ?? []), { unit_id: r.unit_id, role: r.role }]);
    for (const r of m) milestones.set(r.item_id, [...(milestones.get(r.item_id) ?? []), r]);
  }
  return { units, milestones };
}

/** 督办设置: the 一周一督 weekday and the yellow-light window, one versioned row. */
export const supervisionSettings = singleRowSettings<Database, 'supervision_settings'>('supervision_settings', {
  update_weekday: DEFAULT_RULES.updateWeekday,
  due_soon_workdays: DEFAULT_RULES.dueSoonWorkdays,
});

export async function loadRules(db: Executor): Promise<LightRules & { version: number }> {
  const row = await supervisionSettings.load(db);
  return { updateWeekday: Number(row.update_weekday), dueSoonWorkdays: Number(row.due_soon_workdays), version: Number(row.version) };
}
