import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import { DEFAULT_RULES, type LightRules } from './supervision.lights.js';
import type {
  SupervisionExtensionTable,
  SupervisionItemTable,
  SupervisionMilestoneTable,
  SupervisionMissedTable,
  SupervisionReminderTable,
  SupervisionUnitTable,
  SupervisionUpdateTable,
} from './supervision.tables.js';

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

export async function insertItem(db: Executor, row: Insertable<SupervisionItemTable>): Promise<void> {
  await db.insertInto('supervision_items').values(row).execute();
}

export async function insertUnits(db: Executor, rows: readonly Insertable<SupervisionUnitTable>[]): Promise<void> {
  await db
    .insertInto('supervision_units')
    .values([...rows])
    .execute();
}

export async function insertMilestones(db: Executor, rows: readonly Insertable<SupervisionMilestoneTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('supervision_milestones')
    .values([...rows])
    .execute();
}

/** Number and state of each of `ids` that exists, in no particular order. */
export async function itemRefs(db: Executor, ids: readonly string[]): Promise<Pick<ItemRow, 'id' | 'number' | 'state'>[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('supervision_items')
    .select(['id', 'number', 'state'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function hasAnyItem(db: Executor): Promise<boolean> {
  return (await db.selectFrom('supervision_items').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function itemVersion(db: Executor, id: string): Promise<number> {
  const row = await db.selectFrom('supervision_items').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return Number(row.version);
}

/** An item's milestones not yet done. */
export async function openMilestones(db: Executor, itemId: string): Promise<Pick<SupervisionMilestoneTable, 'id' | 'due_date'>[]> {
  return db.selectFrom('supervision_milestones').select(['id', 'due_date']).where('item_id', '=', itemId).where('done_at', 'is', null).execute();
}

// ── an item's page: its reports, extensions, reminders and missed weeks ──

/** Progress reports, newest first. */
export async function updatesOf(db: Executor, itemId: string): Promise<Selectable<SupervisionUpdateTable>[]> {
  return db.selectFrom('supervision_updates').selectAll().where('item_id', '=', itemId).orderBy('at', 'desc').execute();
}

export async function extensionsOf(db: Executor, itemId: string): Promise<Selectable<SupervisionExtensionTable>[]> {
  return db.selectFrom('supervision_extensions').selectAll().where('item_id', '=', itemId).orderBy('at').execute();
}

export async function remindersOf(db: Executor, itemId: string): Promise<Selectable<SupervisionReminderTable>[]> {
  return db.selectFrom('supervision_reminders').selectAll().where('item_id', '=', itemId).orderBy('at').execute();
}

export async function missedOf(db: Executor, itemId: string): Promise<Selectable<SupervisionMissedTable>[]> {
  return db.selectFrom('supervision_missed').selectAll().where('item_id', '=', itemId).orderBy('week').execute();
}

// ── the workflow's own columns and rows (the engine has moved state and version already) ──

export async function updateItem(db: Executor, id: string, changes: Updateable<SupervisionItemTable>): Promise<void> {
  await db.updateTable('supervision_items').set(changes).where('id', '=', id).execute();
}

export async function insertUpdate(db: Executor, row: Insertable<SupervisionUpdateTable>): Promise<void> {
  await db.insertInto('supervision_updates').values(row).execute();
}

/** Marks the item's milestones `ids` done at `at`; ones done already keep their date. */
export async function markMilestonesDone(db: Executor, itemId: string, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('supervision_milestones')
    .set({ done_at: at })
    .where('item_id', '=', itemId)
    .where('id', 'in', [...ids])
    .where('done_at', 'is', null)
    .execute();
}

export async function insertExtension(db: Executor, row: Insertable<SupervisionExtensionTable>): Promise<void> {
  await db.insertInto('supervision_extensions').values(row).execute();
}

/** The leader's decision on an extension request. */
export async function decideExtension(db: Executor, id: string, decision: Updateable<SupervisionExtensionTable>): Promise<void> {
  await db.updateTable('supervision_extensions').set(decision).where('id', '=', id).execute();
}

/** The items reminded (by hand or automatically) at or after an instant. */
export async function itemsRemindedSince(db: Executor, since: string): Promise<Set<string>> {
  const rows = await db.selectFrom('supervision_reminders').select('item_id').where('at', '>=', since).execute();
  return new Set(rows.map((r) => r.item_id));
}

export async function insertReminder(db: Executor, row: Insertable<SupervisionReminderTable>): Promise<void> {
  await db.insertInto('supervision_reminders').values(row).execute();
}
