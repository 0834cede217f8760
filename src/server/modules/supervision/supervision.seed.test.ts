import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login } from '../../../../test/support/session.js';
import type { SupervisionList, WeeklyReport } from '../../../shared/supervision.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { seedDemoSupervision } from './supervision.seed.js';

describe.each(testDialects())('督办 demo data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds twenty items in every state and light, once', async () => {
    expect(await seedDemoSupervision(t.deps)).toEqual({ created: 20 });
    expect(await seedDemoSupervision(t.deps)).toEqual({ created: 0 });
    const s = await login(t.app, 'office_director');
    const list = JSON.parse((await injectAs(t.app, s, { method: 'GET', url: '/api/supervision?pageSize=100' })).body) as SupervisionList;
    expect(list.total).toBe(20);
    expect(new Set(list.items.map((i) => i.state))).toEqual(new Set(['open', 'in_progress', 'closure_requested', 'closed', 'suspended']));
    expect(new Set(list.items.map((i) => i.light))).toEqual(new Set(['red', 'yellow', 'green', 'blue']));
    const res = await injectAs(t.app, s, { method: 'GET', url: '/api/supervision/weekly-report' });
    expect(res.statusCode, res.body).toBe(200);
    const report = JSON.parse(res.body) as WeeklyReport;
    expect(report.totals.total).toBe(20);
    expect(report.overdue.length).toBeGreaterThan(0);
    expect(report.byDivision.find((d) => d.name === '监管一处')?.total).toBeGreaterThan(0);
  });
});
