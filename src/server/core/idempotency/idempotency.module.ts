import type { ServerModule } from '../module.js';
import { purgeExpiredIdempotencyKeys } from './idempotency.service.js';

/** Housekeeping for Idempotency-Key: expired first responses go once an hour. */
export const idempotencyModule: ServerModule = {
  name: 'idempotency',
  jobs: [
    {
      name: 'idempotency.purge_keys',
      schedule: '23 * * * *',
      async run(deps) {
        const n = await purgeExpiredIdempotencyKeys(deps);
        if (n > 0) deps.log.info({ deleted: n }, 'purged expired idempotency keys');
      },
    },
  ],
};
