import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, createTestDb, testDialects } from '../../../../test/support/databases.js';
import { migrateAllDown, migrateToLatest } from './migrations.js';
import { migrationRegistry } from './migration-registry.js';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('go all the way up, all the way down, and up again', async () => {
    const all = migrationRegistry()
      .map((m) => m.name)
      .sort();
    expect(await migrateToLatest(db)).toEqual(all);
    await migrateAllDown(db);
    expect(await migrateToLatest(db)).toEqual(all);
    expect(await migrateToLatest(db)).toEqual([]);
  }, 120_000);
});
