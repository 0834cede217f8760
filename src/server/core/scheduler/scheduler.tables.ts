/**
 * One row per job and period (`2026-11-26T00:00:00.000Z`, `2026-W48`): the
 * unique key is what makes "exactly one run per period" hold across
 * instances and processes, and the lease is what lets a crashed run be
 * taken over.
 */
export interface JobRunTable {
  job: string;
  period: string;
  /** The cron instant the period was derived from; orders the catch-up. */
  scheduled_at: string;
  state: JobRunState;
  /** Scheduler instance holding (or last holding) the run. */
  lease_owner: string | null;
  /** While running: the lease's end. After a failure: not retried before this. */
  lease_until: string | null;
  attempts: number;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

export type JobRunState = 'running' | 'done' | 'failed';

export interface SchedulerTables {
  job_runs: JobRunTable;
}
