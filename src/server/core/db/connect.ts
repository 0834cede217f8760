import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

// COUNT(*) and bigint columns come back from pg as strings; every such value
// we use (counts, sequence numbers) fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));

// The better-sqlite3 handle behind a Kysely instance, for the few bulk reads
// where Kysely's row objects are the cost (audit verify reads a million rows:
// arrays in raw mode take half the time). Never for writes.
const rawHandles = new WeakMap<object, SqliteDatabase.Database>();

/** The SQLite handle behind `kysely` (not a transaction), or undefined on PostgreSQL. */
export function rawSqliteOf(kysely: Kysely<Database>): SqliteDatabase.Database | undefined {
  return kysely.isTransaction ? undefined : rawHandles.get(kysely);
}

/** Prepared statements kept per connection (LRU by SQL text). */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every statement anew (~50 µs each, more
 * than running a typical indexed query); the same few hundred SQL texts are
 * used all day, so prepared statements are kept and reused. Safe because the
 * connection is used by one caller at a time and we never stream (a statement
 * being iterated could not be run again); SQLite re-prepares a kept statement
 * itself after a schema change.
 */
function withStatementCache(raw: SqliteDatabase.Database): { prepare(sql: string): SqliteDatabase.Statement; close(): void } {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string) {
      const hit = kept.get(sql);
      if (hit) {
        // Re-inserting moves it to the young end of the Map's order.
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const stmt = raw.prepare(sql);
      kept.set(sql, stmt);
      if (kept.size > STATEMENT_CACHE_SIZE) {
        const oldest = kept.keys().next();
        if (!oldest.done) kept.delete(oldest.value);
      }
      return stmt;
    },
    close() {
      kept.clear();
      raw.close();
    },
  };
}

export function openSqlite(file: string): Db {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  // FULL: a committed 发文字号 or audit event must survive a power cut.
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  rawHandles.set(kysely, raw);
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

const pgPools = new WeakMap<object, pg.Pool>();

/** The pg pool behind `kysely` (not a transaction), or undefined on SQLite: for bulk reads in array row mode. */
export function rawPgPoolOf(kysely: Kysely<Database>): pg.Pool | undefined {
  return kysely.isTransaction ? undefined : pgPools.get(kysely);
}

export function openPostgres(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection that the server ends (restart, failover, a dropped
  // database) is an 'error' event on the pool; unheard, Node turns it into an
  // uncaught exception that kills the whole process. The pool has already
  // discarded that client and opens a new one on the next query.
  pool.on('error', (err) => {
    process.stderr.write(`PostgreSQL: an idle connection was closed by the server (${err.message}); it will be replaced\n`);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pgPools.set(kysely, pool);
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/** DATABASE_URL selects PostgreSQL; otherwise the embedded file under the data dir. */
export function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Db {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) return openPostgres(opts.databaseUrl);
  if (opts.databaseUrl) throw new Error('DATABASE_URL 只支持 postgres:// 地址；不设置时使用内置 SQLite');
  mkdirSync(opts.dataDir, { recursive: true });
  return openSqlite(join(opts.dataDir, 'zhongshu.db'));
}
