import { Cron } from 'croner';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { DEFAULT_TIMEZONE, type PeriodKeyFn, periodKeys } from './scheduler.periods.js';

/*
 * Usage, from a module's `register(app, deps)` (or at module load):
 *
 *   registerJob({
 *     name: 'supervision.deadline_reminders',
 *     schedule: '0 8 * * 1-5',          // 08:00 Beijing time, Monday to Friday
 *     period: periodKeys.day,           // at most one run per day, whatever the catch-up
 *     async run(deps, period) {
 *       await deps.db.transaction().execute(async (trx) => {
 *         await queueNotifications(trx, deps.clock, reminders, { email: true });
 *         await period.complete(trx);   // effects and "done" commit together
 *       });
 *     },
 *   });
 *
 * Each (name, period key) runs exactly once across all instances; a run that
 * dies is taken over after its lease; a failed run is retried with backoff.
 * That once-a-day, one-transaction shape is `dailyJob` (scheduler.daily.ts).
 */

/** What a job's `run` learns about the period it is running for. */
export interface JobPeriod {
  /** The period key: unique per job, e.g. `2026-11-26T00:00:00.000Z` or `2026-W48`. */
  key: string;
  /** The cron instant this period was derived from. */
  scheduledAt: Date;
  /** 1 on the first run; more after a crash (lease expired) or a failure. */
  attempt: number;
  /**
   * Aborted when this instance lost the lease (another took the period over
   * after it stalled) or is shutting down: stop and return or throw.
   */
  signal: AbortSignal;
  /**
   * Marks the period done inside the job's own (last) transaction, so that the
   * job's database effects and "done" commit together: a crash can then never
   * repeat them. Throws (rolling the transaction back) when the lease was lost.
   * Optional: a job that does not call it is marked done after `run` returns,
   * and must then tolerate a rerun after a crash (at-least-once).
   */
  complete(trx: Transaction<Database>): Promise<void>;
}

export interface JobDefinition {
  /** `<module>.<job>`, e.g. `supervision.deadline_reminders`. */
  name: string;
  /** Cron expression (5 fields, or 6 with seconds), read in `timezone`. */
  schedule: string;
  /** IANA zone; the bureau's, Asia/Shanghai, unless said otherwise. */
  timezone?: string;
  /** Maps a scheduled instant to its period key; default: the instant itself. See `periodKeys`. */
  period?: PeriodKeyFn;
  /** At most this many missed periods are caught up after downtime (the most recent ones). Default 3. */
  maxCatchUp?: number;
  /** How long a run may go without renewing its lease before another instance takes over. Default 10 min. */
  leaseMs?: number;
  /** Runs (including crash takeovers) before a period is left failed. Default 3. */
  maxAttempts?: number;
  run(deps: Deps, period: JobPeriod): Promise<void>;
}

/**
 * Work that every instance does on an interval, with no bookkeeping of
 * periods: it must claim its own items safely (the e-mail outbox does so row
 * by row).
 */
export interface PollerDefinition {
  name: string;
  everyMs: number;
  run(deps: Deps, signal: AbortSignal): Promise<void>;
}

/** A job definition checked and with its defaults filled in. */
export interface CompiledJob {
  name: string;
  schedule: string;
  timezone: string;
  cron: Cron;
  period: PeriodKeyFn;
  maxCatchUp: number;
  leaseMs: number;
  maxAttempts: number;
  run: JobDefinition['run'];
}

const NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/;

/** Checks a definition eagerly, so a bad cron expression fails at start-up, not at 3 a.m. */
export function compileJob(def: JobDefinition): CompiledJob {
  if (!NAME.test(def.name)) throw new Error(`定时任务名称须为 <模块>.<任务>（小写字母、数字、下划线）：${def.name}`);
  const timezone = def.timezone ?? DEFAULT_TIMEZONE;
  let cron: Cron;
  try {
    // paused and without a callback: croner only computes instants, it never sets a timer.
    cron = new Cron(def.schedule, { timezone, paused: true });
    cron.nextRun(new Date(0));
  } catch (err) {
    throw new Error(`定时任务 ${def.name} 的执行计划无效（${def.schedule}，时区 ${timezone}）：${err instanceof Error ? err.message : String(err)}`);
  }
  const positive = (v: number | undefined, dflt: number, what: string) => {
    const n = v ?? dflt;
    if (!Number.isInteger(n) || n < 1) throw new Error(`定时任务 ${def.name} 的 ${what} 须为正整数`);
    return n;
  };
  return {
    name: def.name,
    schedule: def.schedule,
    timezone,
    cron,
    period: def.period ?? periodKeys.instant,
    maxCatchUp: positive(def.maxCatchUp, 3, 'maxCatchUp'),
    leaseMs: positive(def.leaseMs, 10 * 60_000, 'leaseMs'),
    maxAttempts: positive(def.maxAttempts, 3, 'maxAttempts'),
    run: def.run,
  };
}

// Process-wide, like route declarations: modules register their jobs when
// they are loaded or registered; each app's scheduler reads the list when it
// starts. Registering a name again replaces it (buildApp runs once per test).
const jobs = new Map<string, CompiledJob>();
const pollers = new Map<string, PollerDefinition>();

/** Adds a recurring job to every scheduler started from now on. */
export function registerJob(def: JobDefinition): void {
  jobs.set(def.name, compileJob(def));
}

/** Adds an every-instance poller (e.g. the e-mail outbox) to every scheduler started from now on. */
export function registerPoller(def: PollerDefinition): void {
  if (!NAME.test(def.name)) throw new Error(`轮询任务名称须为 <模块>.<任务>：${def.name}`);
  if (!Number.isInteger(def.everyMs) || def.everyMs < 100) throw new Error(`轮询任务 ${def.name} 的间隔须不少于 100 毫秒`);
  pollers.set(def.name, def);
}

export function registeredJobs(): CompiledJob[] {
  return [...jobs.values()];
}

export function registeredPollers(): PollerDefinition[] {
  return [...pollers.values()];
}
