import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { createTestDb, testDialects } from '../../../../test/support/databases.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';

describe.each(testDialects())('scheduler inside the app on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is not started in tests; tick() runs the jobs modules registered', async () => {
    expect(await t.deps.db.selectFrom('job_runs').selectAll().execute()).toEqual([]);
    const reports = await t.scheduler.tick();
    // 2026-11-26 02:00 UTC is 10:00 in Beijing: the 03:17 housekeeping of that day is due.
    expect(reports).toContainEqual({ job: 'scheduler.purge_runs', period: '2026-11-26', attempt: 1, outcome: 'done' });
    expect(await t.scheduler.tick()).toEqual([]);
  });

  it('runs by itself when started (the server) and stops with the app', async () => {
    const db = await createTestDb(dialect);
    try {
      const config = loadConfig({ ZHONGSHU_DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' });
      const built = await buildApp({ config, db, clock: new ManualClock('2026-12-01T02:00:00.000Z'), logger: false, serveWeb: false });
      let row: { state: string } | undefined;
      for (let i = 0; i < 200 && row?.state !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        row = await db.kysely.selectFrom('job_runs').select('state').where('job', '=', 'scheduler.purge_runs').executeTakeFirst();
      }
      expect(row?.state).toBe('done');
      const started = Date.now();
      await built.app.close();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await built.scheduler.tick()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
