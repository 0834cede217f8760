import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { infoMigrations } from './info.migrations.js';

/** The module's init migration goes down and up again on both dialects, leaving tables that take a row. */
describe.each(testDialects())('信息报送 migrations on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs down, up, down and up', async () => {
    const db = t.deps.db as unknown as Kysely<unknown>;
    for (const m of [...infoMigrations].reverse()) await m.down(db, dialect);
    for (const m of infoMigrations) await m.up(db, dialect);
    for (const m of [...infoMigrations].reverse()) await m.down(db, dialect);
    for (const m of infoMigrations) await m.up(db, dialect);
    await t.deps.db.insertInto('info_scoring').values({ year: 2026, version: 1, body: '{}', updated_at: '2026-01-01T00:00:00.000Z' }).execute();
    expect((await t.deps.db.selectFrom('info_scoring').selectAll().execute()).length).toBe(1);
  });
});
