import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { rebuildSearchTokens } from '../search/search.service.js';
import { isDerivedSearchTable } from '../search/search.sql.js';

/**
 * A logical backup: gzip'd JSON lines holding every table's rows and every
 * stored file. Being logical, a backup taken on SQLite restores onto
 * PostgreSQL and back, which is also the way a bureau moves between the two.
 */
const FORMAT = 'zhongshu-backup';
const SKIP_TABLES = new Set(['schema_migrations', 'schema_migrations_lock']);

interface Header {
  format: typeof FORMAT;
  formatVersion: 1;
  createdAt: string;
  dialect: string;
  migrations: string[];
}
type Line = Header | { table: string; row: Record<string, unknown> } | { file: string; data: string };

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

async function dataTables(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  // The search token tables (and SQLite's FTS5 shadow tables) are derived
  // from search_docs and differ by dialect: rebuilt after restore, not copied.
  return tables
    .filter((t) => !t.isView && !SKIP_TABLES.has(t.name) && !isDerivedSearchTable(t.name))
    .map((t) => t.name)
    .sort();
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.startsWith('.tmp')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

export async function backup(db: Db, dataDir: string, file: string): Promise<{ tables: number; rows: number; files: number }> {
  let rows = 0;
  let tablesCount = 0;
  let filesCount = 0;
  const lines: string[] = [];
  // One read transaction so the rows are one consistent moment.
  await db.kysely.transaction().execute(async (trx) => {
    if (db.dialect === 'postgres') await sql`set transaction isolation level repeatable read`.execute(trx);
    const header: Header = {
      format: FORMAT,
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      dialect: db.dialect,
      migrations: await appliedMigrations(trx),
    };
    lines.push(JSON.stringify(header));
    for (const table of await dataTables(trx)) {
      tablesCount++;
      const all = await (trx as unknown as AnyDb).selectFrom(table).selectAll().execute();
      for (const row of all) {
        lines.push(JSON.stringify({ table, row } satisfies Line));
        rows++;
      }
    }
  });
  const filesRoot = join(dataDir, 'files');
  for (const p of listFiles(filesRoot)) {
    lines.push(JSON.stringify({ file: relative(filesRoot, p).split(sep).join('/'), data: readFileSync(p).toString('base64') } satisfies Line));
    filesCount++;
  }
  mkdirSync(dirname(file), { recursive: true });
  await pipeline(Readable.from(lines.map((l) => `${l}\n`)), createGzip(), createWriteStream(file));
  return { tables: tablesCount, rows, files: filesCount };
}

/**
 * Restores into a freshly migrated, empty database at the same migration
 * level. Refuses anything else: merging a backup into live data would break
 * the audit chain and the number sequences.
 */
export async function restore(db: Db, dataDir: string, file: string): Promise<{ rows: number; files: number }> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: Header | null = null;
  const byTable = new Map<string, Record<string, unknown>[]>();
  const files: { file: string; data: string }[] = [];
  for await (const text of rl) {
    if (!text) continue;
    const line = JSON.parse(text) as Line;
    if (!header) {
      if (!('format' in line) || line.format !== FORMAT) throw new Error('不是中枢的备份文件');
      header = line;
    } else if ('table' in line) {
      const list = byTable.get(line.table) ?? [];
      list.push(line.row);
      byTable.set(line.table, list);
    } else if ('file' in line) {
      files.push(line);
    }
  }
  if (!header) throw new Error('备份文件为空');
  const current = await appliedMigrations(db.kysely);
  if (current.join(',') !== header.migrations.join(',')) {
    throw new Error('备份与当前程序的数据库版本不一致：请用生成该备份的同一版本恢复');
  }
  const tables = await dataTables(db.kysely);
  // A database in use always has audit events (every write appends one) and
  // accounts; one without either holds only what migrations seeded (the chain
  // head, the default policy), which the backup's rows replace.
  for (const t of ['audit_events', 'users'].filter((x) => tables.includes(x))) {
    const n = await (db.kysely as unknown as AnyDb)
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) > 0) throw new Error(`目标数据库不是空的（表 ${t} 已有数据），恢复只能在新库上进行`);
  }
  let rows = 0;
  await db.kysely.transaction().execute(async (trx) => {
    // Foreign keys are checked at commit (SQLite) or not at all during the
    // copy (PostgreSQL, superuser only): rows arrive in table order, not
    // dependency order, and the source already satisfied them.
    if (db.dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    else await sql`set local session_replication_role = replica`.execute(trx);
    const any = trx as unknown as AnyDb;
    for (const t of tables) if (t !== 'audit_events') await any.deleteFrom(t).execute();
    for (const t of tables) {
      const list = byTable.get(t) ?? [];
      for (let i = 0; i < list.length; i += 200) {
        await any
          .insertInto(t)
          .values(list.slice(i, i + 200))
          .execute();
      }
      rows += list.length;
    }
    await rebuildSearchTokens(trx, db.dialect);
  });
  const filesRoot = join(dataDir, 'files');
  for (const f of files) {
    if (f.file.includes('..') || f.file.startsWith('/')) throw new Error(`备份中的文件路径不安全：${f.file}`);
    const target = join(filesRoot, ...f.file.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(f.data, 'base64'));
  }
  return { rows, files: files.length };
}
