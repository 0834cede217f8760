import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import { CompiledQuery, Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/core/config.js';
import type { Db } from '../src/server/core/db/connect.js';
import type { Database } from '../src/server/core/db/database.js';
import { DEMO_PASSWORD } from '../src/server/core/org/org.seed.js';

/**
 * The server side of the HTTP benchmarks, in its own process (the load
 * generator runs in the parent): the real app (buildApp, all modules, auth,
 * zod schemas) on one port, and a bare Fastify on another that replays, on
 * the same connection pool, exactly the SQL the app ran for a request. The
 * SQL is captured by running each benchmarked request once through the app
 * with Kysely's query log switched on; statements of the session check (the
 * part of the app's work that is not the page) are left out of the replay.
 */
export interface Capture {
  path: string;
  user: string;
  status: number;
  queries: { sql: string; parameters: readonly unknown[] }[];
  sessionQueries: number;
  bytes: number;
}
export interface ServeRequest {
  db: 'sqlite' | 'postgres';
  dataDir: string;
  url: string | null;
  pages: { path: string; user: string }[];
}
export interface ServeReady {
  appPort: number;
  barePort: number;
  cookies: Record<string, string>;
  captures: Capture[];
}

let capturing: Capture['queries'] | null = null;
const log = (e: LogEvent) => {
  if (capturing && e.level === 'query') capturing.push({ sql: e.query.sql, parameters: e.query.parameters });
};

/** As openSqlite / openPostgres (core/db/connect.ts), plus the query log the capture needs. */
function openLogged(req: ServeRequest): Db {
  if (req.db === 'sqlite') {
    const raw = new SqliteDatabase(join(req.dataDir, 'zhongshu.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log });
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({ connectionString: req.url ?? '', max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/**
 * Statements of the authentication every request runs (session, password
 * policy, the user with their unit, their roles): the app's overhead, not
 * the page's SQL. Matched on the SQL text core/auth produces today.
 */
const isSessionSql = (s: string) =>
  /"sessions"/.test(s) ||
  /^select \* from "security_policy"/.test(s) ||
  /^select "users"\.\*, "units"\."name" as "unit_name" from "users"/.test(s) ||
  /^select "user_id", "role" from "user_roles" where "user_id" in \(\?\) order by "role"$/.test(s);

async function main(req: ServeRequest): Promise<void> {
  const db = openLogged(req);
  const config = loadConfig({ ZHONGSHU_DATA_DIR: req.dataDir, LOG_LEVEL: 'silent', ZHONGSHU_LOGIN_RATE_PER_MINUTE: '100000' });
  const { app } = await buildApp({ config, db, logger: false, serveWeb: true, scheduler: false });
  const cookies: Record<string, string> = {};
  for (const user of new Set(req.pages.map((p) => p.user))) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: DEMO_PASSWORD }, remoteAddress: '10.9.9.9' });
    const c = res.cookies.find((x) => x.name === 'zs_session');
    if (res.statusCode !== 200 || !c) throw new Error(`login ${user}: ${res.statusCode} ${res.body}`);
    cookies[user] = `zs_session=${c.value}`;
  }
  const captures: Capture[] = [];
  for (const p of req.pages) {
    const headers = { cookie: cookies[p.user] ?? '' };
    await app.inject({ method: 'GET', url: p.path, headers }); // warm: first-call caches
    capturing = [];
    const res = await app.inject({ method: 'GET', url: p.path, headers });
    const all = capturing;
    capturing = null;
    const queries = all.filter((q) => !isSessionSql(q.sql));
    captures.push({ path: p.path, user: p.user, status: res.statusCode, queries, sessionQueries: all.length - queries.length, bytes: res.body.length });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });

  const bare = Fastify({ logger: false });
  bare.get<{ Params: { i: string } }>('/bare/:i', async (r) => {
    const c = captures[Number(r.params.i)];
    if (!c) throw new Error('no such capture');
    let rows: unknown[] = [];
    for (const q of c.queries) rows = (await db.kysely.executeQuery(CompiledQuery.raw(q.sql, [...q.parameters]))).rows;
    return { items: rows };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (f: { server: { address(): unknown } }) => (f.server.address() as { port: number }).port;
  const ready: ServeReady = { appPort: port(app), barePort: port(bare), cookies, captures };
  process.send?.(ready);
  // The parent asks for this process's CPU time around each load phase: CPU per request does not depend on how busy the machine is.
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => {
    void Promise.all([app.close(), bare.close()])
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

process.once('message', (m) => {
  main(m as ServeRequest).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
});
