import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { DialectName } from './db/connect.js';

/** What every service factory receives: named, explicit, nothing global. */
export interface Deps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
}
