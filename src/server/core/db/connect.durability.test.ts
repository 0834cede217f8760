import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { rawSqliteOf } from './connect.js';

describe.each(testDialects())('connection settings on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('enforces foreign keys', async () => {
    await expect(
      db.kysely.insertInto('user_roles').values({ user_id: 'nobody', role: 'staff', granted_at: '2026-11-26T02:00:00.000Z', granted_by: null }).execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('makes a commit durable: SQLite in WAL mode with synchronous=FULL, foreign keys and a busy timeout; PostgreSQL with synchronous_commit on', async () => {
    if (dialect === 'postgres') {
      const r = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db.kysely);
      expect(r.rows[0]?.synchronous_commit).toBe('on');
      return;
    }
    const raw = rawSqliteOf(db.kysely);
    if (!raw) throw new Error('no SQLite handle');
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 is FULL: a committed 发文字号 or audit event survives a power cut.
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
  });
});
