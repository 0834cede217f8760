import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, createTestDb, testDialects } from '../../../../test/support/databases.js';
import { type Db, openPostgres } from './connect.js';
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
