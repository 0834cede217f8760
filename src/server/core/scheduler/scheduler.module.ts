import type { ServerModule } from '../module.js';
import { periodKeys } from './scheduler.periods.js';

import { purgeFinishedRuns } from './scheduler.repo.js';

/** How long finished runs are kept for the administrator to look at. */
const KEEP_RUNS_DAYS = 90;

/** The scheduler's own housekeeping job; the loop itself is started by buildApp. */
export const schedulerModule: ServerModule = {
  name: 'scheduler',
  jobs: [
    {
      name: 'scheduler.purge_runs',
      schedule: '17 3 * * *',
      period: periodKeys.day,
      async run(deps) {
        const before = new Date(deps.clock.now().getTime() - KEEP_RUNS_DAYS * 86_400_000).toISOString();
        const n = await purgeFinishedRuns(deps.db, before);
        if (n > 0) deps.log.info({ deleted: n }, 'purged old job runs');
      },
    },
  ],
};
