import type { Executor } from '../db/executor.js';

export interface ClaimInput {
  job: string;
  period: string;
  scheduledAt: string;
  owner: string;
  now: string;
  leaseUntil: string;
  maxAttempts: number;
}

/**
 * Takes a job-period in one statement, which is what makes it safe between
 * instances: the row is created, or an existing row is taken over when its
 * runner's lease expired (a crash) or it failed and its retry time has come.
 * A done period, or one whose lease is alive, matches neither branch, so the
 * statement returns nothing. On PostgreSQL a concurrent claimer blocks on the
 * unique key until the first commits and then sees its row; SQLite runs one
 * writer at a time. Returns the attempt number, or null when not ours.
 */
export async function claimRun(db: Executor, c: ClaimInput): Promise<number | null> {
  const row = await db
    .insertInto('job_runs')
    .values({
      job: c.job,
      period: c.period,
      scheduled_at: c.scheduledAt,
      state: 'running',
      lease_owner: c.owner,
      lease_until: c.leaseUntil,
      attempts: 1,
      started_at: c.now,
      finished_at: null,
      error: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['job', 'period'])
        .doUpdateSet((eb) => ({
          state: 'running',
          lease_owner: c.owner,
          lease_until: c.leaseUntil,
          attempts: eb('job_runs.attempts', '+', 1),
          started_at: c.now,
          finished_at: null,
          error: null,
        }))
        .where((eb) =>
          eb.and([
            eb('job_runs.attempts', '<', c.maxAttempts),
            eb.or([
              eb.and([eb('job_runs.state', '=', 'running'), eb('job_runs.lease_until', '<', c.now)]),
              eb.and([eb('job_runs.state', '=', 'failed'), eb('job_runs.lease_until', '<=', c.now)]),
            ]),
          ]),
        ),
    )
    .returning('attempts')
    .executeTakeFirst();
  return row ? row.attempts : null;
}

/** Extends our lease; false when it is no longer ours. */
export async function renewLease(db: Executor, job: string, period: string, owner: string, leaseUntil: string): Promise<boolean> {
  const r = await db
    .updateTable('job_runs')
    .set({ lease_until: leaseUntil })
    .where('job', '=', job)
    .where('period', '=', period)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Done, if the run is still ours; false when another instance took it over meanwhile. */
export async function markDone(db: Executor, job: string, period: string, owner: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('job_runs')
    .set({ state: 'done', finished_at: now, lease_until: null, error: null })
    .where('job', '=', job)
    .where('period', '=', period)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markFailed(db: Executor, job: string, period: string, owner: string, now: string, retryAt: string, error: string): Promise<boolean> {
  const r = await db
    .updateTable('job_runs')
    .set({ state: 'failed', finished_at: now, lease_until: retryAt, error })
    .where('job', '=', job)
    .where('period', '=', period)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getRun(db: Executor, job: string, period: string) {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).where('period', '=', period).executeTakeFirst();
}

/** The newest scheduled instant this job has a row for: where catching up starts. */
export async function lastScheduledAt(db: Executor, job: string): Promise<string | null> {
  const r = await db.selectFrom('job_runs').select('scheduled_at').where('job', '=', job).orderBy('scheduled_at', 'desc').limit(1).executeTakeFirst();
  return r?.scheduled_at ?? null;
}

export async function existingPeriods(db: Executor, job: string, periods: readonly string[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await db.selectFrom('job_runs').select('period').where('job', '=', job).where('period', 'in', periods).execute();
  return new Set(rows.map((r) => r.period));
}

/** Periods to take over: a runner's lease expired (it crashed), or a failed run's retry time came. */
export async function recoverableRuns(db: Executor, job: string, now: string, maxAttempts: number, limit: number) {
  return db
    .selectFrom('job_runs')
    .select(['period', 'scheduled_at', 'state', 'attempts'])
    .where('job', '=', job)
    .where('state', 'in', ['running', 'failed'])
    .where('lease_until', '<=', now)
    .where('attempts', '<', maxAttempts)
    .orderBy('scheduled_at')
    .limit(limit)
    .execute();
}

/**
 * A period whose runner died once too often is given up rather than taken
 * over again: a job that kills its process must not take down every instance
 * in turn.
 */
export async function abandonExhausted(db: Executor, job: string, now: string, maxAttempts: number): Promise<number> {
  const r = await db
    .updateTable('job_runs')
    .set({ state: 'failed', finished_at: now, error: '运行多次中断（进程退出或租约过期），已放弃' })
    .where('job', '=', job)
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Housekeeping: finished runs older than the cut-off. Each job's newest row is
 * kept whatever its age, because catching up starts after it: without it a
 * yearly job would run its last period again.
 */
export async function purgeFinishedRuns(db: Executor, before: string): Promise<number> {
  const r = await db
    .deleteFrom('job_runs')
    .where('state', 'in', ['done', 'failed'])
    .where('scheduled_at', '<', before)
    .where(({ eb, selectFrom }) =>
      eb(
        'scheduled_at',
        '<',
        selectFrom('job_runs as newest')
          .select(({ fn }) => fn.max('newest.scheduled_at').as('m'))
          .whereRef('newest.job', '=', 'job_runs.job'),
      ),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
