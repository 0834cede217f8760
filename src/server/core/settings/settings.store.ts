import type { Kysely } from 'kysely';
import { versionConflict } from '../errors.js';

/** The columns every settings table has besides its own: one row (id = 1), versioned. */
export interface SettingsRowBase {
  id: number;
  version: number;
  updated_at: string;
}

/** A settings table's own columns. */
export type SettingsValues<Row extends SettingsRowBase> = Omit<Row, keyof SettingsRowBase>;

/** The names of `DB`'s tables that are single-row settings tables. */
export type SettingsTableOf<DB> = { [T in keyof DB & string]: DB[T] extends SettingsRowBase ? T : never }[keyof DB & string];

export interface SettingsStore<DB, Row extends SettingsRowBase> {
  /** The saved row, or the defaults at version 0 (updated_at '') before anyone saved. */
  load(db: Kysely<DB>): Promise<Row>;
  /**
   * Saves `values` over version `expected` inside the caller's transaction
   * (the caller appends its audit record after): 409 version_conflict with
   * the current version when `expected` is not it, and 409 when another
   * writer got in between the read and the write. Returns the row before and
   * after, for the audit record and the answer.
   */
  save(trx: Kysely<DB>, expected: number, values: SettingsValues<Row>, at: string): Promise<{ before: Row; after: Row }>;
}

/**
 * A module's settings as one versioned row (督办's weekday and yellow window,
 * 发文's 机关代字 and 主要负责人, and the settings of each new module): read
 * with defaults before the first save, saved with optimistic concurrency on
 * both dialects. The first save inserts the row, later ones update it.
 */
export function singleRowSettings<DB, T extends SettingsTableOf<DB>>(
  table: T,
  defaults: SettingsValues<DB[T] & SettingsRowBase>,
): SettingsStore<DB, DB[T] & SettingsRowBase> {
  type Row = DB[T] & SettingsRowBase;
  // Kysely types tables by name; seen through this one table's row type the
  // queries below are checked against the columns every settings table has.
  const one = (db: Kysely<DB>) => db as unknown as Kysely<Record<'settings', SettingsRowBase>>;
  const from = table as string as 'settings';

  async function load(db: Kysely<DB>): Promise<Row> {
    const row = await one(db).selectFrom(from).selectAll().where('id', '=', 1).executeTakeFirst();
    return (row ?? { ...defaults, id: 1, version: 0, updated_at: '' }) as Row;
  }

  async function save(trx: Kysely<DB>, expected: number, values: SettingsValues<Row>, at: string) {
    const before = await load(trx);
    const current = Number(before.version);
    if (current !== expected) throw versionConflict({ currentVersion: current });
    const after = { ...before, ...values, id: 1, version: expected + 1, updated_at: at } as Row;
    const written =
      expected === 0
        ? // Two first saves at once: the second finds the row there and changes nothing.
          (
            await one(trx)
              .insertInto(from)
              .values(after)
              .onConflict((oc) => oc.column('id').doNothing())
              .executeTakeFirst()
          ).numInsertedOrUpdatedRows
        : (
            await one(trx)
              .updateTable(from)
              .set({ ...values, version: after.version, updated_at: at })
              .where('id', '=', 1)
              .where('version', '=', expected)
              .executeTakeFirst()
          ).numUpdatedRows;
    if (Number(written ?? 0) !== 1) throw versionConflict();
    return { before, after };
  }

  return { load, save };
}
