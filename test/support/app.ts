import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/core/clock.js';
import { loadConfig } from '../../src/server/core/config.js';
import type { DialectName } from '../../src/server/core/db/connect.js';
import type { Deps } from '../../src/server/core/deps.js';
import type { Scheduler } from '../../src/server/core/scheduler/scheduler.js';
import { createTestDb, type TestDb } from './databases.js';
import { secondConnection } from './deps.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  db: TestDb;
  clock: ManualClock;
  /** Not started: a test runs due jobs with `scheduler.tick()` after moving the clock. */
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** A real server (no listening socket) on its own fresh database, with a clock the test moves. */
export async function createTestApp(dialect: DialectName): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const clock = new ManualClock();
  const config = loadConfig({ ZHONGSHU_DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' });
  const { app, deps, scheduler } = await buildApp({ config, db, clock, logger: false, serveWeb: false, scheduler: false });
  return {
    app,
    deps,
    db,
    clock,
    scheduler,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

/**
 * A second app instance on `t`'s database, as a second server process would
 * run: its own connection (pool), clock and caches. Sessions live in the shared
 * database, so a sign-in on either instance serves both.
 */
export async function secondInstance(t: TestApp): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const db = secondConnection(t.db);
  const config = loadConfig({ ZHONGSHU_DATA_DIR: t.db.dataDir, LOG_LEVEL: 'silent' });
  const { app } = await buildApp({ config, db, clock: new ManualClock(t.clock.now()), logger: false, serveWeb: false, scheduler: false });
  return {
    app,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export function json<T = unknown>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
