import { hostname } from 'node:os';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { type CompiledJob, type JobPeriod, type PollerDefinition, registeredJobs, registeredPollers } from './scheduler.registry.js';
import { abandonExhausted, claimRun, existingPeriods, getRun, lastScheduledAt, markDone, markFailed, recoverableRuns, renewLease } from './scheduler.repo.js';

export interface SchedulerOptions {
  /** The jobs to run; default: everything given to `registerJob` (read at each tick). */
  jobs?: readonly CompiledJob[];
  pollers?: readonly PollerDefinition[];
  /** Identifies this instance in `job_runs.lease_owner`; default host/pid/random. */
  owner?: string;
  /** Longest real-time sleep between ticks once started. Default 15 s. */
  maxSleepMs?: number;
  /** How long `stop()` waits for running jobs before leaving them to lease expiry. Default 10 s. */
  stopGraceMs?: number;
}

export type RunOutcome = 'done' | 'failed' | 'lost';

export interface RunReport {
  job: string;
  period: string;
  attempt: number;
  outcome: RunOutcome;
  error?: string;
}

export class LeaseLostError extends Error {
  constructor(job: string, period: string) {
    super(`定时任务 ${job}（${period}）的租约已被其他实例接管`);
    this.name = 'LeaseLostError';
  }
}

/** Retry spacing after a failed run: 1, 2, 4 … minutes, at most an hour. */
const failureBackoffMs = (attempt: number) => Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * Runs recurring jobs so that each job-period runs exactly once across all
 * instances sharing the database, without a leader: every instance computes
 * which periods are due and races to claim them with one atomic statement on
 * `job_runs` (see `claimRun`). Time is `deps.clock`; tests call `tick()`.
 */
export class Scheduler {
  readonly owner: string;
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly pollerLastRun = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly deps: Deps,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.owner = opts.owner ?? `${hostname()}/${process.pid}/${uuidv7().slice(-12)}`;
  }

  private jobs(): readonly CompiledJob[] {
    return this.opts.jobs ?? registeredJobs();
  }

  private pollers(): readonly PollerDefinition[] {
    return this.opts.pollers ?? registeredPollers();
  }

  /** Starts the real-time loop (the server). Tests call `tick()` themselves instead. */
  start(): void {
    if (this.timer || this.stopping) return;
    const loop = () => {
      this.timer = null;
      if (this.stopping) return;
      this.tick().catch((err: unknown) => this.deps.log.error({ err }, 'scheduler tick failed'));
      this.timer = setTimeout(loop, this.sleepMs());
      // A scheduler alone must not keep a CLI process alive.
      this.timer.unref();
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref();
  }

  /** Sleeps until the next cron instant of any job (so runs are punctual) but never longer than maxSleepMs. */
  private sleepMs(): number {
    const max = this.opts.maxSleepMs ?? 15_000;
    const now = this.deps.clock.now();
    let best = max;
    for (const j of this.jobs()) {
      const next = j.cron.nextRun(now);
      if (next) best = Math.min(best, next.getTime() - now.getTime() + 50);
    }
    for (const p of this.pollers()) best = Math.min(best, p.everyMs);
    return Math.max(200, best);
  }

  /**
   * Stops the loop, tells running jobs to wind down (their signal aborts) and
   * waits a little for them. Whatever is still running keeps its row
   * `running`; its lease expires and another instance (or the next start)
   * runs the period again.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const running = [...this.inFlight.values()];
    for (const r of running) r.controller.abort(new Error('服务正在停止'));
    const grace = this.opts.stopGraceMs ?? 10_000;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running.map((r) => r.done)),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, grace);
        timeout.unref();
      }),
    ]);
    if (timeout) clearTimeout(timeout);
  }

  /**
   * One pass: for every job not already running here, take over crashed or
   * failed periods, then claim and run the due ones in order; run the pollers
   * that are due. Resolves when everything it started has finished.
   */
  async tick(): Promise<RunReport[]> {
    if (this.stopping) return [];
    const reports: RunReport[] = [];
    const work: Promise<void>[] = [];
    for (const job of this.jobs()) {
      const key = `job:${job.name}`;
      if (this.inFlight.has(key)) continue;
      work.push(this.track(key, (signal) => this.runJob(job, signal, reports)));
    }
    const nowMs = this.deps.clock.now().getTime();
    for (const p of this.pollers()) {
      const key = `poller:${p.name}`;
      const last = this.pollerLastRun.get(p.name);
      if (this.inFlight.has(key) || (last !== undefined && nowMs - last < p.everyMs)) continue;
      this.pollerLastRun.set(p.name, nowMs);
      work.push(this.track(key, (signal) => p.run(this.deps, signal)));
    }
    await Promise.all(work);
    return reports;
  }

  /** Marks the work in flight synchronously (before any await), so overlapping ticks never double it. */
  private track(key: string, fn: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    const done = (async () => {
      try {
        await fn(controller.signal);
      } catch (err) {
        this.deps.log.error({ err, task: key }, 'scheduled work failed');
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, { controller, done });
    return done;
  }

  private async runJob(job: CompiledJob, signal: AbortSignal, reports: RunReport[]): Promise<void> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();

    await abandonExhausted(db, job.name, nowIso, job.maxAttempts);
    const candidates: { key: string; scheduledAt: Date }[] = [];
    for (const r of await recoverableRuns(db, job.name, nowIso, job.maxAttempts, job.maxCatchUp)) {
      candidates.push({ key: r.period, scheduledAt: new Date(r.scheduled_at) });
    }

    // The due instants are the newest maxCatchUp ones up to now (previousRuns
    // excludes its reference, hence +1 ms), newer than the last one recorded.
    const recent = job.cron.previousRuns(job.maxCatchUp, new Date(now.getTime() + 1)).reverse();
    const last = await lastScheduledAt(db, job.name);
    const due = last === null ? recent.slice(-1) : recent.filter((d) => d.toISOString() > last);
    const first = due[0];
    if (last !== null && first && due.length === job.maxCatchUp) {
      const before = job.cron.previousRuns(1, first)[0];
      if (before && before.toISOString() > last) {
        this.deps.log.warn({ job: job.name, since: last, resumingAt: first.toISOString() }, 'scheduler skipped missed periods beyond maxCatchUp');
      }
    }
    const byKey = new Map<string, Date>();
    for (const d of due) {
      const k = job.period(d, job.timezone);
      if (!byKey.has(k)) byKey.set(k, d);
    }
    // Several instants can share a key (a daily schedule keyed by week): a key
    // that already has a row is someone's, and the recovery above handles it.
    const taken = await existingPeriods(db, job.name, [...byKey.keys()]);
    for (const [k, d] of byKey) if (!taken.has(k)) candidates.push({ key: k, scheduledAt: d });

    for (const c of candidates) {
      if (signal.aborted) return;
      const report = await this.runPeriod(job, c.key, c.scheduledAt, signal);
      if (report) reports.push(report);
    }
  }

  private async runPeriod(job: CompiledJob, key: string, scheduledAt: Date, stopSignal: AbortSignal): Promise<RunReport | null> {
    const db = this.deps.db;
    const clock = this.deps.clock;
    const leaseUntil = () => new Date(clock.now().getTime() + job.leaseMs).toISOString();
    const attempt = await claimRun(db, {
      job: job.name,
      period: key,
      scheduledAt: scheduledAt.toISOString(),
      owner: this.owner,
      now: clock.now().toISOString(),
      leaseUntil: leaseUntil(),
      maxAttempts: job.maxAttempts,
    });
    if (attempt === null) return null;

    const controller = new AbortController();
    const onStop = () => controller.abort(stopSignal.reason);
    stopSignal.addEventListener('abort', onStop, { once: true });
    let lost = false;
    // Renewing at a third of the lease leaves two chances before it lapses.
    const heartbeat = setInterval(
      () => {
        renewLease(db, job.name, key, this.owner, leaseUntil())
          .then((ok) => {
            if (!ok && !lost) {
              lost = true;
              controller.abort(new LeaseLostError(job.name, key));
            }
          })
          .catch((err: unknown) => this.deps.log.warn({ err, job: job.name, period: key }, 'lease renewal failed'));
      },
      Math.max(1000, Math.floor(job.leaseMs / 3)),
    );
    heartbeat.unref();

    const period: JobPeriod = {
      key,
      scheduledAt,
      attempt,
      signal: controller.signal,
      complete: async (trx: Transaction<Database>) => {
        if (!(await markDone(trx, job.name, key, this.owner, clock.now().toISOString()))) {
          throw new LeaseLostError(job.name, key);
        }
      },
    };
    const base = { job: job.name, period: key, attempt };
    try {
      await job.run(this.deps, period);
      if (await markDone(db, job.name, key, this.owner, clock.now().toISOString())) return { ...base, outcome: 'done' };
      // Zero rows: either the job completed itself in its transaction, or the period was taken from us.
      const row = await getRun(db, job.name, key);
      if (row?.state === 'done' && row.lease_owner === this.owner) return { ...base, outcome: 'done' };
      this.deps.log.warn({ job: job.name, period: key }, 'job finished after its lease was taken over');
      return { ...base, outcome: 'lost' };
    } catch (err) {
      const error = errorText(err);
      const now = clock.now();
      const retryAt = new Date(now.getTime() + failureBackoffMs(attempt)).toISOString();
      if (await markFailed(db, job.name, key, this.owner, now.toISOString(), retryAt, error)) {
        this.deps.log.error({ err, job: job.name, period: key, attempt }, 'job failed');
        return { ...base, outcome: 'failed', error };
      }
      return { ...base, outcome: 'lost', error };
    } finally {
      clearInterval(heartbeat);
      stopSignal.removeEventListener('abort', onStop);
    }
  }
}
