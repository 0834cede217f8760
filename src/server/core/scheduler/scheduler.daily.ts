import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { periodKeys } from './scheduler.periods.js';
import type { JobDefinition, JobPeriod } from './scheduler.registry.js';

export interface DailyJobDefinition extends Omit<JobDefinition, 'period' | 'run'> {
  /** The day's work, inside the transaction that also marks the day done. */
  run(deps: Deps, trx: Transaction<Database>, period: JobPeriod): Promise<unknown>;
}

/**
 * A job that runs once per Beijing day, its effects and its "done" in one
 * transaction: a crash or a lost lease rolls both back, so a day's
 * reminders or check are never sent twice nor skipped.
 *
 * ```ts
 * dailyJob({ name: 'incoming.daily_check', schedule: '30 7 * * *', run: (deps, trx) => dailyCheck(deps, trx) })
 * ```
 */
export function dailyJob(def: DailyJobDefinition): JobDefinition {
  const { run, ...rest } = def;
  return {
    ...rest,
    period: periodKeys.day,
    async run(deps, period) {
      await deps.db.transaction().execute(async (trx) => {
        await run(deps, trx, period);
        await period.complete(trx);
      });
    },
  };
}
