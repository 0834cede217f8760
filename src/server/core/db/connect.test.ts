import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, createTestDb, testDialects } from '../../../../test/support/databases.js';
import { type Db, STATEMENT_CACHE_SIZE, openPostgres } from './connect.js';
import { sql } from 'kysely';

// Only PostgreSQL has a server that can end a connection under us; the
// embedded SQLite file has no such event, so there is nothing to test there.
describe.each(testDialects().filter((d) => d === 'postgres'))('connections on %s', (dialect) => {
  let db: TestDb;
  let pool: Db;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    pool = openPostgres(db.url ?? '', 2);
  });
  afterAll(async () => {
    await pool.close();
    await db.destroy();
  });

  it('an idle connection ended by the server neither crashes the process nor fails the next query', async () => {
    const pid = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(pool.kysely);
    const backend = pid.rows[0]?.pid;
    expect(backend).toBeTypeOf('number');
    const admin = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [backend]);
    } finally {
      await admin.end();
    }
    // Give the pool time to see the socket close while the client sits idle.
    await new Promise((r) => setTimeout(r, 300));
    const after = await sql<{ one: number }>`select 1 as one`.execute(pool.kysely);
    expect(after.rows[0]?.one).toBe(1);
  });
});

// The statement cache exists only on SQLite (Kysely's PostgreSQL driver sends
// text each time and the server keeps no per-connection statements for it).
describe.each(testDialects().filter((d) => d === 'sqlite'))('kept statements on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('answer correctly when reused, past the cache size, and after the schema changes', async () => {
    await sql`create table kept_probe (id integer primary key, a text)`.execute(db.kysely);
    await sql`insert into kept_probe (id, a) values (1, 'x'), (2, 'y')`.execute(db.kysely);
    const read = () => sql<Record<string, unknown>>`select * from kept_probe order by id`.execute(db.kysely);
    expect((await read()).rows).toEqual([
      { id: 1, a: 'x' },
      { id: 2, a: 'y' },
    ]);
    // Distinct SQL texts beyond the cache's size push the first ones out; all stay right.
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 50; i++) {
      const r = await sql<{ n: number }>`select ${sql.lit(i)} + 1 as n`.execute(db.kysely);
      expect(r.rows[0]?.n).toBe(i + 1);
    }
    expect((await read()).rows).toEqual([
      { id: 1, a: 'x' },
      { id: 2, a: 'y' },
    ]);
    await sql`alter table kept_probe add column b text default 'z'`.execute(db.kysely);
    expect((await read()).rows).toEqual([
      { id: 1, a: 'x', b: 'z' },
      { id: 2, a: 'y', b: 'z' },
    ]);
    await sql`update kept_probe set a = ${'w'} where id = ${1}`.execute(db.kysely);
    expect((await read()).rows[0]).toEqual({ id: 1, a: 'w', b: 'z' });
  });
});
