import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Db, openPostgres, openSqlite } from '../../src/server/core/db/connect.js';
import type { Database } from '../../src/server/core/db/database.js';
import { type BenchArgs, dataSetName } from './args.js';

export const OUT_DIR = resolve(import.meta.dirname, '../out');

export interface BenchDb {
  db: Db;
  /** For the app's config (files, keys) and for the SQLite file. */
  dataDir: string;
  /** Set on PostgreSQL: the server process opens its own pool. */
  url: string | null;
}

export function dataDirOf(a: Pick<BenchArgs, 'db' | 'scale' | 'seed'>): string {
  return join(OUT_DIR, dataSetName(a));
}

/** The PostgreSQL database of a data set, on the server of `--pg-url`. */
export function pgUrlOf(a: Pick<BenchArgs, 'db' | 'scale' | 'seed' | 'pgUrl'>): string {
  const u = new URL(a.pgUrl);
  u.pathname = `/zs_bench_${dataSetName(a).replace(/-/g, '_')}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/**
 * Opens (creating when missing, recreating with `fresh`) the data set's
 * database. PostgreSQL: `TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`,
 * the locale under which pg_trgm and LIKE see Han characters (STACK-NOTES).
 */
export async function openBenchDb(a: BenchArgs, opts: { fresh: boolean; poolMax?: number }): Promise<BenchDb & { created: boolean }> {
  const dataDir = dataDirOf(a);
  mkdirSync(dataDir, { recursive: true });
  if (a.db === 'sqlite') {
    const file = join(dataDir, 'zhongshu.db');
    if (opts.fresh) {
      const { rmSync } = await import('node:fs');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
    const { existsSync } = await import('node:fs');
    const created = !existsSync(file);
    return { db: openSqlite(file), dataDir, url: null, created };
  }
  const url = pgUrlOf(a);
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const exists = (await adminQuery(a.pgUrl, `select 1 from pg_database where datname = '${name}'`)).rowCount === 1;
  if (exists && opts.fresh) await adminQuery(a.pgUrl, `drop database ${name} with (force)`);
  const created = !exists || opts.fresh;
  if (created) await adminQuery(a.pgUrl, `create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
  return { db: openPostgres(url, opts.poolMax ?? 10), dataDir, url, created };
}

export type Cell = string | number | null;

/**
 * Multi-row inserts into any table by name, in chunks that stay under both
 * dialects' bound-parameter limits (SQLite 32766, PostgreSQL 65535). Raw SQL
 * on purpose: tables of modules still being written may not be in the
 * `Database` type yet, and the generator must not depend on their types.
 */
export async function insertRows(db: Kysely<Database>, table: string, rows: readonly Record<string, Cell>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const per = Math.max(1, Math.floor(30000 / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${sql.join(
      part.map((r) => sql`(${sql.join(cols.map((c) => r[c] ?? null))})`),
    )}`.execute(db);
  }
}

export async function tableExists(db: Db, table: string): Promise<boolean> {
  const r =
    db.dialect === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`.execute(db.kysely)
      : await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = ${table}`.execute(
          db.kysely,
        );
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/** Column names of a table, to fill only what the module's current schema has. */
export async function columnsOf(db: Db, table: string): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const r = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db.kysely);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{
    column_name: string;
  }>`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table}`.execute(db.kysely);
  return r.rows.map((x) => x.column_name);
}
