import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type DialectName, openPostgres, openSqlite } from '../../src/server/core/db/connect.js';
import { migrateToLatest } from '../../src/server/core/db/migrations.js';
import { installedMigrations } from '../../src/server/registry.js';

/** Every installed module's migrations, for tests that walk them up and down. */
export { installedMigrations };
import { randomBytes } from 'node:crypto';

/**
 * The dialects this run covers. SQLite always; PostgreSQL when
 * TEST_DATABASE_URL is set (scripts/test.mjs sets it when a server answers,
 * and with CI=true refuses to run without one).
 */
export function testDialects(): DialectName[] {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url && process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests may not be skipped in CI');
  return url ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb extends Db {
  /** Closes the connection and deletes the file or drops the database. */
  destroy(): Promise<void>;
  /** For PostgreSQL: the URL of this test's own database. */
  url?: string;
  dataDir: string;
}

function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** A fresh, migrated database of the given dialect that belongs to one test file only. */
export async function createTestDb(dialect: DialectName, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-test-'));
  let db: Db;
  let destroyExtra: () => Promise<void>;
  let url: string | undefined;
  if (dialect === 'sqlite') {
    db = openSqlite(join(dataDir, 'zhongshu.db'));
    destroyExtra = async () => {};
  } else {
    const admin = process.env['TEST_DATABASE_URL'];
    if (!admin) throw new Error('TEST_DATABASE_URL is not set');
    const name = `zs_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    // A UTF-8 collation is needed for Chinese in LIKE/trigram; template0 lets us pick it.
    await client.query(`create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
    await client.end();
    url = withDatabase(admin, name);
    db = openPostgres(url, 5);
    destroyExtra = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  if (opts.migrate !== false) await migrateToLatest(db, installedMigrations());
  return {
    ...db,
    dataDir,
    ...(url ? { url } : {}),
    async destroy() {
      await db.close();
      await destroyExtra();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
