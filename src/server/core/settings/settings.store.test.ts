import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { singleRowSettings } from './settings.store.js';

/** A settings table of the kind a module declares, made here so the kit is tested on its own. */
interface KitDb {
  kit_settings: { id: number; greeting: string; limit_days: number; version: number; updated_at: string };
}

describe.each(testDialects())('single-row settings on %s', (dialect) => {
  let t: TestDb;
  let db: Kysely<KitDb>;
  const store = singleRowSettings<KitDb, 'kit_settings'>('kit_settings', { greeting: '您好', limit_days: 3 });
  const save = (expected: number, greeting: string) =>
    db.transaction().execute((trx) => store.save(trx, expected, { greeting, limit_days: 5 }, '2026-11-02T01:00:00.000Z'));
  /**
   * Two writers of the same version: the first has written and holds its
   * transaction open while the second reads and tries to write, then commits.
   */
  async function race(expected: number) {
    let written = () => {};
    let release = () => {};
    const wrote = new Promise<void>((r) => (written = r));
    const held = new Promise<void>((r) => (release = r));
    const first = db.transaction().execute(async (trx) => {
      const saved = await store.save(trx, expected, { greeting: '甲', limit_days: 5 }, '2026-11-02T02:00:00.000Z');
      written();
      await held;
      return saved;
    });
    await wrote;
    const second = save(expected, '乙');
    await new Promise((r) => setTimeout(r, 200));
    release();
    return { first: await first, second };
  }

  beforeAll(async () => {
    t = await createTestDb(dialect, { migrate: false });
    db = t.kysely as unknown as Kysely<KitDb>;
    await sql`create table kit_settings (id integer primary key, greeting text not null, limit_days integer not null, version integer not null, updated_at text not null)`.execute(
      db,
    );
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('reads the defaults at version 0 until the first save, then the saved row', async () => {
    expect(await store.load(db)).toEqual({ id: 1, greeting: '您好', limit_days: 3, version: 0, updated_at: '' });
    const { before, after } = await save(0, '早上好');
    expect(before.version).toBe(0);
    expect(after).toEqual({ id: 1, greeting: '早上好', limit_days: 5, version: 1, updated_at: '2026-11-02T01:00:00.000Z' });
    expect(await store.load(db)).toEqual(after);
    expect((await save(1, '下午好')).after.version).toBe(2);
    expect(await db.selectFrom('kit_settings').select(['greeting', 'version']).execute()).toEqual([{ greeting: '下午好', version: 2 }]);
  });

  it('answers a stale version with 409 version_conflict and the current version, and keeps the row', async () => {
    await expect(save(1, '过时的修改')).rejects.toMatchObject({ status: 409, code: 'version_conflict', details: { currentVersion: 2 } });
    expect((await store.load(db)).greeting).toBe('下午好');
  });

  // PostgreSQL lets the second writer read before the first commits, so its guarded write is what refuses it (no
  // details); SQLite runs one transaction at a time, so the second reads the new version and the version check refuses it.
  const raceLoser = (currentVersion: number) => ({ status: 409, code: 'version_conflict', details: dialect === 'postgres' ? undefined : { currentVersion } });

  it('lets one of two writers of the same version win and answers the other 409', async () => {
    const { first, second } = await race(2);
    expect(first.after.version).toBe(3);
    await expect(second).rejects.toMatchObject(raceLoser(3));
    expect(await store.load(db)).toMatchObject({ greeting: '甲', version: 3 });
  });

  it('lets one of two first saves win when the row does not exist yet', async () => {
    await db.deleteFrom('kit_settings').execute();
    const { first, second } = await race(0);
    expect(first.after.version).toBe(1);
    await expect(second).rejects.toMatchObject(raceLoser(1));
    expect(await db.selectFrom('kit_settings').select(['greeting', 'version']).execute()).toEqual([{ greeting: '甲', version: 1 }]);
  });
});
