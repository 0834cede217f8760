import pino from 'pino';
import { systemClock } from './core/clock.js';
import type { Config } from './core/config.js';
import type { Db } from './core/db/connect.js';
import type { Deps } from './core/deps.js';

/** Service dependencies for commands that run without the HTTP server. */
export function cliDeps(db: Db, config: Config): Deps {
  return { db: db.kysely, dialect: db.dialect, clock: systemClock, config, log: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }) };
}
