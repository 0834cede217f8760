import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { secondConnection, testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { Deps } from '../deps.js';
import { queueNotifications } from '../notify/notify.service.js';
import { Scheduler } from './scheduler.js';
import { isoWeekOf, periodKeys } from './scheduler.periods.js';
import { compileJob, type JobDefinition, type JobPeriod } from './scheduler.registry.js';
import { claimRun, purgeFinishedRuns } from './scheduler.repo.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('period keys', () => {
  it('numbers ISO weeks across year boundaries', () => {
    expect(isoWeekOf(2026, 11, 26)).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(2020, 12, 31)).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(2021, 1, 3)).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf(2026, 1, 1)).toEqual({ year: 2026, week: 1 });
  });

  it('computes day and week in Beijing time, not UTC', () => {
    // Sunday 2026-11-29 16:30 UTC is Monday 00:30 in Beijing: already week 49.
    const at = new Date('2026-11-29T16:30:00.000Z');
    expect(periodKeys.isoWeek(at, 'Asia/Shanghai')).toBe('2026-W49');
    expect(periodKeys.isoWeek(at, 'UTC')).toBe('2026-W48');
    expect(periodKeys.day(at, 'Asia/Shanghai')).toBe('2026-11-30');
    expect(periodKeys.month(new Date('2026-11-30T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-12');
  });

  it('refuses bad definitions when registered, not when due', () => {
    const run = async () => {};
    expect(() => compileJob({ name: 'x.y', schedule: 'every day', run })).toThrow(/执行计划无效/);
    expect(() => compileJob({ name: 'x.y', schedule: '* * * * *', timezone: 'Mars/Base', run })).toThrow(/执行计划无效/);
    expect(() => compileJob({ name: 'NoModule', schedule: '* * * * *', run })).toThrow(/名称/);
    expect(() => compileJob({ name: 'x.y', schedule: '* * * * *', maxCatchUp: 0, run })).toThrow(/正整数/);
  });
});

describe.each(testDialects())('scheduler on %s', (dialect) => {
  let db: TestDb;
  let other: Db;
  const clock = new ManualClock('2026-11-26T02:00:30.000Z');
  let depsA: Deps;
  let depsB: Deps;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    other = secondConnection(db);
    depsA = testDeps(db, clock, db.dataDir);
    depsB = testDeps(other, clock, db.dataDir);
  });
  afterAll(async () => {
    await other.close();
    await db.destroy();
  });

  const rows = (job: string) => db.kysely.selectFrom('job_runs').selectAll().where('job', '=', job).orderBy('scheduled_at').execute();

  /** A job that counts its runs per period (shared by all instances, as the database's effects would be). */
  function counting(name: string, extra: Partial<JobDefinition> = {}, delayMs = 15) {
    const counts = new Map<string, number>();
    const def = compileJob({
      name,
      schedule: '* * * * *',
      ...extra,
      async run(_deps, p) {
        counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
        await sleep(delayMs);
      },
    });
    return { def, counts };
  }

  it('runs each job-period exactly once when four instances on two connections race', async () => {
    const { def, counts } = counting('test.race');
    const instances = [depsA, depsA, depsB, depsB].map((d, i) => new Scheduler(d, { jobs: [def], pollers: [], owner: `inst-${i}` }));
    clock.set('2026-11-26T02:00:30.000Z');
    for (let round = 0; round < 12; round++) {
      await Promise.all(instances.map((s) => s.tick()));
      clock.advanceMinutes(1);
    }
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const r = await rows('test.race');
    expect(r).toHaveLength(12);
    expect(r.every((x) => x.state === 'done' && x.attempts === 1)).toBe(true);
    // Each period's key is its scheduled instant.
    expect(r[0]?.period).toBe('2026-11-26T02:00:00.000Z');
  });

  it('lets exactly one claimer win a period, with concurrent claims in one statement each', async () => {
    const now = clock.now().toISOString();
    const leaseUntil = new Date(clock.now().getTime() + 60_000).toISOString();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        claimRun(i % 2 ? other.kysely : db.kysely, { job: 'test.claim', period: 'p1', scheduledAt: now, owner: `o${i}`, now, leaseUntil, maxAttempts: 3 }),
      ),
    );
    expect(claims.filter((c) => c !== null)).toEqual([1]);
  });

  it('runs a period again when its runner crashed (lease expired while running), and only once', async () => {
    clock.set('2026-11-26T03:00:10.000Z');
    let releaseA!: () => void;
    const gate = new Promise<void>((r) => {
      releaseA = r;
    });
    let seenByA: JobPeriod | null = null;
    // Instance A's run hangs as a dead process would: no heartbeat fires within the test.
    const jobA = compileJob({
      name: 'test.crash',
      schedule: '0 * * * *',
      leaseMs: 60_000,
      async run(_d, p) {
        seenByA = p;
        await gate;
      },
    });
    const { def: jobB, counts } = counting('test.crash', { schedule: '0 * * * *', leaseMs: 60_000 });
    const a = new Scheduler(depsA, { jobs: [jobA], pollers: [], owner: 'crashing' });
    const b = new Scheduler(depsB, { jobs: [jobB], pollers: [], owner: 'survivor' });

    const aTick = a.tick();
    for (let i = 0; i < 100 && !seenByA; i++) await sleep(10);
    expect(seenByA).not.toBeNull();
    expect((await rows('test.crash'))[0]).toMatchObject({ state: 'running', lease_owner: 'crashing', attempts: 1 });

    // Within the lease nobody else touches it.
    await b.tick();
    expect(counts.size).toBe(0);

    clock.advance(61_000);
    const reportsB = await b.tick();
    expect(reportsB).toEqual([{ job: 'test.crash', period: '2026-11-26T03:00:00.000Z', attempt: 2, outcome: 'done' }]);

    // The stalled instance wakes up: its late finish must not count.
    releaseA();
    const reportsA = await aTick;
    expect(reportsA[0]?.outcome).toBe('lost');
    const [row] = await rows('test.crash');
    expect(row).toMatchObject({ state: 'done', lease_owner: 'survivor', attempts: 2 });

    // And done stays done, whoever ticks and however late.
    clock.advance(5 * 60_000);
    await Promise.all([a.tick(), b.tick()]);
    expect(counts.get('2026-11-26T03:00:00.000Z')).toBe(1);
  });

  it('takes over a run left behind by a dead process', async () => {
    clock.set('2026-11-26T04:30:00.000Z');
    await db.kysely
      .insertInto('job_runs')
      .values({
        job: 'test.orphan',
        period: '2026-11-26T04:00:00.000Z',
        scheduled_at: '2026-11-26T04:00:00.000Z',
        state: 'running',
        lease_owner: 'host/1234/dead',
        lease_until: '2026-11-26T04:10:00.000Z',
        attempts: 1,
        started_at: '2026-11-26T04:00:01.000Z',
        finished_at: null,
        error: null,
      })
      .execute();
    const { def, counts } = counting('test.orphan', { schedule: '0 * * * *' });
    const reports = await new Scheduler(depsB, { jobs: [def], pollers: [] }).tick();
    expect(reports.map((r) => [r.period, r.attempt, r.outcome])).toEqual([['2026-11-26T04:00:00.000Z', 2, 'done']]);
    expect(counts.get('2026-11-26T04:00:00.000Z')).toBe(1);
  });

  it('never runs a done period again, even for an instance whose clock is behind', async () => {
    const { def, counts } = counting('test.done', { schedule: '*/5 * * * *' });
    const s = new Scheduler(depsA, { jobs: [def], pollers: [] });
    clock.set('2026-11-26T05:07:00.000Z');
    await s.tick();
    expect([...counts.keys()]).toEqual(['2026-11-26T05:05:00.000Z']);
    await s.tick();
    clock.set('2026-11-26T05:06:00.000Z');
    await new Scheduler(depsB, { jobs: [def], pollers: [] }).tick();
    clock.advance(24 * 3600_000);
    // Much later only the newest periods are due; 05:05 is not among them again.
    await s.tick();
    expect(counts.get('2026-11-26T05:05:00.000Z')).toBe(1);
    const now = clock.now().toISOString();
    await expect(
      claimRun(db.kysely, { job: 'test.done', period: '2026-11-26T05:05:00.000Z', scheduledAt: now, owner: 'x', now, leaseUntil: now, maxAttempts: 99 }),
    ).resolves.toBeNull();
  });

  it('catches up missed periods after downtime, bounded to the newest few, in order', async () => {
    const order: string[] = [];
    const def = compileJob({
      name: 'test.catchup',
      schedule: '0 * * * *',
      maxCatchUp: 3,
      async run(_d, p) {
        order.push(p.key);
      },
    });
    const s = new Scheduler(depsA, { jobs: [def], pollers: [] });
    clock.set('2026-11-26T06:10:00.000Z');
    await s.tick();
    clock.set('2026-11-26T16:10:00.000Z'); // ten hours down
    await s.tick();
    expect(order).toEqual(['2026-11-26T06:00:00.000Z', '2026-11-26T14:00:00.000Z', '2026-11-26T15:00:00.000Z', '2026-11-26T16:00:00.000Z']);
  });

  it('retries a failed run after a backoff and gives up after maxAttempts', async () => {
    let calls = 0;
    const def = compileJob({
      name: 'test.flaky',
      schedule: '0 8 * * *',
      period: periodKeys.day,
      maxAttempts: 3,
      async run() {
        calls++;
        throw new Error('邮件服务器不可用');
      },
    });
    const s = new Scheduler(depsA, { jobs: [def], pollers: [] });
    clock.set('2026-11-27T00:30:00.000Z'); // 08:30 Beijing
    expect((await s.tick())[0]).toMatchObject({ period: '2026-11-27', outcome: 'failed', attempt: 1, error: '邮件服务器不可用' });
    await s.tick(); // backoff not over yet
    expect(calls).toBe(1);
    clock.advance(61_000);
    expect((await s.tick())[0]).toMatchObject({ outcome: 'failed', attempt: 2 });
    clock.advance(121_000);
    expect((await s.tick())[0]).toMatchObject({ outcome: 'failed', attempt: 3 });
    clock.advance(3600_000);
    expect(await s.tick()).toEqual([]);
    expect(calls).toBe(3);
    expect((await rows('test.flaky'))[0]).toMatchObject({ state: 'failed', attempts: 3, error: '邮件服务器不可用' });
  });

  it('keys periods by ISO week: a daily schedule runs once per week', async () => {
    const weeks: string[] = [];
    const def = compileJob({
      name: 'test.weekly',
      schedule: '0 9 * * *',
      period: periodKeys.isoWeek,
      async run(_d, p) {
        weeks.push(p.key);
      },
    });
    const s = new Scheduler(depsA, { jobs: [def], pollers: [] });
    clock.set('2026-11-23T01:30:00.000Z'); // Monday 09:30 Beijing
    for (let day = 0; day < 9; day++) {
      await s.tick();
      clock.advance(24 * 3600_000);
    }
    expect(weeks).toEqual(['2026-W48', '2026-W49']);
  });

  it('commits a job’s effects and its done mark together, and rolls both back when the lease was taken', async () => {
    clock.set('2026-11-28T02:00:05.000Z');
    let stealFirst = true;
    const def = compileJob({
      name: 'test.atomic',
      schedule: '0 * * * *',
      async run(deps, p) {
        if (stealFirst) {
          stealFirst = false;
          // Another instance took over while we were working.
          await deps.db.updateTable('job_runs').set({ lease_owner: 'thief' }).where('job', '=', 'test.atomic').execute();
        }
        await deps.db.transaction().execute(async (trx) => {
          await queueNotifications(trx, deps.clock, [{ userId: 'u-atomic', title: `提醒 ${p.key}`, kind: 'test.atomic' }]);
          await p.complete(trx);
        });
      },
    });
    const reports = await new Scheduler(depsA, { jobs: [def], pollers: [] }).tick();
    expect(reports[0]?.outcome).toBe('lost');
    const count = async () => (await db.kysely.selectFrom('notifications').select('id').where('user_id', '=', 'u-atomic').execute()).length;
    expect(await count()).toBe(0);

    // Same job, lease intact: one notification and done, in one commit.
    await db.kysely.deleteFrom('job_runs').where('job', '=', 'test.atomic').execute();
    const ok = await new Scheduler(depsA, { jobs: [def], pollers: [] }).tick();
    expect(ok[0]?.outcome).toBe('done');
    expect(await count()).toBe(1);
    expect((await rows('test.atomic'))[0]?.state).toBe('done');
  });

  it('runs pollers on every instance at their interval', async () => {
    let n = 0;
    const s = new Scheduler(depsA, { jobs: [], pollers: [{ name: 'test.poll', everyMs: 10_000, run: async () => void n++ }] });
    await s.tick();
    await s.tick();
    expect(n).toBe(1);
    clock.advance(10_000);
    await s.tick();
    expect(n).toBe(2);
  });

  it('aborts running jobs on stop and leaves them for another instance', async () => {
    clock.set('2026-11-29T02:00:05.000Z');
    let aborted = false;
    const def = compileJob({
      name: 'test.stop',
      schedule: '0 * * * *',
      async run(_d, p) {
        await new Promise<void>((resolve) => p.signal.addEventListener('abort', () => resolve(), { once: true }));
        aborted = true;
        throw new Error('已中止');
      },
    });
    const s = new Scheduler(depsA, { jobs: [def], pollers: [], stopGraceMs: 2000 });
    const t = s.tick();
    for (let i = 0; i < 100 && (await rows('test.stop')).length === 0; i++) await sleep(10);
    await s.stop();
    await t;
    expect(aborted).toBe(true);
    expect(await s.tick()).toEqual([]);
  });

  it('purges old finished runs but keeps each job’s newest', async () => {
    const deleted = await purgeFinishedRuns(db.kysely, '2027-06-01T00:00:00.000Z');
    expect(deleted).toBeGreaterThan(10);
    const left = await db.kysely.selectFrom('job_runs').select(['job', 'scheduled_at', 'state']).execute();
    const finishedPerJob = new Map<string, number>();
    for (const r of left) if (r.state !== 'running') finishedPerJob.set(r.job, (finishedPerJob.get(r.job) ?? 0) + 1);
    expect([...finishedPerJob.values()].every((n) => n === 1)).toBe(true);
    expect(left.filter((r) => r.job === 'test.race').map((r) => r.scheduled_at)).toEqual(['2026-11-26T02:11:00.000Z']);
  });
});
