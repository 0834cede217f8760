import pino from 'pino';
import type { Clock } from '../../src/server/core/clock.js';
import { type Config, loadConfig } from '../../src/server/core/config.js';
import { type Db, openPostgres, openSqlite } from '../../src/server/core/db/connect.js';
import type { Deps } from '../../src/server/core/deps.js';
import type { TestDb } from './databases.js';
import { join } from 'node:path';

/** Service-level deps over a test database, without an HTTP app. */
export function testDeps(db: Db, clock: Clock, dataDir: string, config: Partial<Config> = {}): Deps {
  return {
    db: db.kysely,
    dialect: db.dialect,
    clock,
    config: loadConfig({ ZHONGSHU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, config),
    log: pino({ level: 'silent' }),
  };
}

/**
 * A second, independent connection to the same test database: what another
 * instance (PostgreSQL) or another process (the SQLite file) would have.
 */
export function secondConnection(db: TestDb): Db {
  if (db.dialect === 'postgres') {
    if (!db.url) throw new Error('test database has no URL');
    return openPostgres(db.url, 5);
  }
  return openSqlite(join(db.dataDir, 'zhongshu.db'));
}
