import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import { dailyJob } from './scheduler.daily.js';
import { periodKeys } from './scheduler.periods.js';
import type { JobPeriod } from './scheduler.registry.js';

describe.each(testDialects())('dailyJob on %s', (dialect) => {
  let db: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await sql`create table daily_effects (period varchar(40) not null)`.execute(db.kysely);
    deps = testDeps(db, new ManualClock(), db.dataDir);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const effects = async () => (await sql<{ period: string }>`select period from daily_effects`.execute(db.kysely)).rows.map((r) => r.period);
  const periodOf = (complete: JobPeriod['complete']): JobPeriod => ({
    key: '2026-11-26',
    scheduledAt: new Date('2026-11-26T00:00:00.000Z'),
    attempt: 1,
    signal: new AbortController().signal,
    complete,
  });

  it('is keyed by the Beijing day and keeps the other options', () => {
    const job = dailyJob({ name: 'x.daily', schedule: '0 8 * * *', maxAttempts: 5, run: async () => {} });
    expect(job).toMatchObject({ name: 'x.daily', schedule: '0 8 * * *', maxAttempts: 5, period: periodKeys.day });
  });

  it('completes the period in the transaction of the work', async () => {
    const job = dailyJob({
      name: 'x.daily',
      schedule: '0 8 * * *',
      run: async (_deps, trx, period) => {
        await sql`insert into daily_effects (period) values (${period.key})`.execute(trx);
      },
    });
    // complete() gets the work's own transaction: the effect is already there, not yet committed.
    const seen: string[][] = [];
    await job.run(
      deps,
      periodOf(async (trx) => {
        seen.push((await sql<{ period: string }>`select period from daily_effects`.execute(trx)).rows.map((r) => r.period));
      }),
    );
    expect(seen).toEqual([['2026-11-26']]);
    expect(await effects()).toEqual(['2026-11-26']);
  });

  it('rolls the work back when completing fails (the lease was lost)', async () => {
    const before = await effects();
    const job = dailyJob({
      name: 'x.daily',
      schedule: '0 8 * * *',
      run: async (_deps, trx) => {
        await sql`insert into daily_effects (period) values ('lost')`.execute(trx);
      },
    });
    await expect(
      job.run(
        deps,
        periodOf(async () => {
          throw new Error('lease lost');
        }),
      ),
    ).rejects.toThrow('lease lost');
    expect(await effects()).toEqual(before);
  });
});
