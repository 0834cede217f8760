import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, createTestDb, installedMigrations, testDialects } from '../../../../test/support/databases.js';
import type { Actor } from '../http/actor.js';
import { migrateTo, migrateToLatest } from '../db/migrations.js';
import { reindex, search, visibility } from './search.service.js';

const leader: Actor = { id: 'u-l', username: 'l', name: 'l', unitId: null, roles: ['leader'], sessionId: 's', ip: '127.0.0.1' };
const RECENCY = '202611261000_search_recency_index';

describe.each(testDialects())('the recency index migration on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('goes down to the chunked index with the documents kept, and back up with the same answers', async () => {
    const docs = Array.from({ length: 40 }, (_, i) => ({
      kind: 'memo',
      id: `m${i}`,
      title: i % 3 === 0 ? `关于安全生产检查的通知${i}` : `会议纪要${i}`,
      body: `${'各处室要认真落实安全生产责任制。'.repeat(i % 5)}第${i}号`,
      visibility: [visibility.role('leader')],
      updatedAt: new Date(Date.UTC(2026, 5, 1) + (i % 7) * 1000).toISOString(),
    }));
    await reindex(db.kysely, dialect, 'memo', docs);
    const ask = async () => (await search({ db: db.kysely, dialect }, leader, { q: '安全生产', page: 1, pageSize: 50 })).items.map((h) => h.id);
    const before = await ask();
    expect(before.length).toBeGreaterThan(10);

    const names = installedMigrations()
      .map((m) => m.name)
      .sort();
    const previous = names[names.indexOf(RECENCY) - 1];
    if (!previous) throw new Error('no migration before the recency index');
    await migrateTo(db, installedMigrations(), previous);
    const chunks = await sql<{ n: number }>`select count(*) as n from search_chunks`.execute(db.kysely);
    expect(Number(chunks.rows[0]?.n)).toBeGreaterThanOrEqual(docs.length);
    if (dialect === 'sqlite') {
      const fts = await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match '"安全 全生 生产"'`.execute(db.kysely);
      expect(Number(fts.rows[0]?.n)).toBe(before.length);
    }

    await migrateToLatest(db, installedMigrations());
    expect(await ask()).toEqual(before);
  });
});
