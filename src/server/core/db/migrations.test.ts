import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, createTestDb, installedMigrations, testDialects } from '../../../../test/support/databases.js';
import { migrateAllDown, migrateToLatest } from './migrations.js';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('go all the way up, all the way down, and up again', async () => {
    const all = installedMigrations()
      .map((m) => m.name)
      .sort();
    expect(await migrateToLatest(db, installedMigrations())).toEqual(all);
    await migrateAllDown(db, installedMigrations());
    expect(await migrateToLatest(db, installedMigrations())).toEqual(all);
    expect(await migrateToLatest(db, installedMigrations())).toEqual([]);
  }, 120_000);
});
