import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login } from '../../../../test/support/session.js';
import type { IncomingStats } from '../../../shared/incoming.js';
import type { Actor } from '../../core/http/actor.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { registerInTransaction } from './incoming.service.js';
import { median } from './incoming.stats.js';
import { incomingWorkflow } from './incoming.workflow.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([6, 4, 5])).toBe(5);
    expect(median([9, 4, 5, 1])).toBe(4.5);
  });
});

/**
 * Statistics on a fixed year whose answers are worked out by hand. Handling
 * time is workdays from 收文日期 to 办结, (received, done]. No holiday falls
 * in the March and June weeks used.
 *
 *   doc  received    lead  deadline    end                 workdays  overdue
 *   A    2026-03-02  一处  2026-03-13  办结 03-06           4         no
 *   B    2026-03-03  一处  2026-03-05  办结 03-10           5         yes (late)
 *   G    2026-03-04  —     —           still 已登记         —         no
 *   C    2026-06-01  二处  2026-06-12  办结 06-09, 归档     6         no
 *   D    2026-06-02  二处  2026-06-05  still 承办           —         yes (open, past)
 *   E    2026-06-03  一处  2026-12-31  still 承办           —         no
 *   F    2026-06-04  一处  —           作废                 left out
 *   R    2026-06-04  —     —           退文                 left out
 *   H    2025-12-30  一处  —           办结 2026-01-05      other year
 */
describe.each(testDialects())('收文 statistics on a fixed year on %s', (dialect) => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  let div1 = '';
  let div2 = '';

  const as = (u: string): Actor => {
    const a = actors.get(u);
    if (!a) throw new Error(`no ${u}`);
    return a;
  };
  const at = (day: string) => t.clock.set(`${day}T02:00:00.000Z`);
  let n = 0;
  async function doc(
    received: string,
    plan: { lead?: string; deadline?: string; complete?: string; archive?: boolean; void?: boolean; return?: boolean; open?: boolean },
  ) {
    at(received);
    n++;
    const created = await t.deps.db.transaction().execute((trx) =>
      registerInTransaction(
        t.deps,
        as('office_clerk'),
        {
          sourceOrg: '财政部',
          sourceDocNumber: `财办〔${received.slice(0, 4)}〕${n}号`,
          title: `统计样本${n}`,
          docType: '通知',
          classification: 'none',
          urgency: 'normal',
          kind: 'handle',
          copies: 1,
          receivedDate: received,
        },
        trx,
      ),
    );
    let version = created.version;
    const fire = async (u: string, action: string, payload: Record<string, unknown>) => {
      version = (await fireTransition(t.deps, incomingWorkflow, { id: created.id, action, version, payload, actor: as(u) })).version;
    };
    if (plan.return) return fire('office_clerk', 'return', { reason: '退回' });
    if (!plan.lead && !plan.void) return;
    await fire('office_clerk', 'propose', { opinion: '拟办', leaderIds: [as('leader1').id] });
    if (plan.void) return fire('office_director', 'void', { reason: '误登' });
    await fire('leader1', 'instruct', { instruction: '请办理', leadDivisionId: plan.lead, ...(plan.deadline ? { deadline: plan.deadline } : {}) });
    if (!plan.complete) return;
    at(plan.complete);
    await fire(plan.lead === div1 ? 'div1_head' : 'div2_head', 'complete', { result: '已办' });
    if (plan.archive) await fire('office_clerk', 'archive', { retention: '10y' });
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div2_head']) {
      const a = await getAccountByUsername(t.deps, u);
      if (a)
        actors.set(u, { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 's', ip: '10.0.0.1', onBehalfOf: null });
    }
    const divisions = new Map((await listDivisions(t.deps)).map((d) => [d.name, d.id]));
    div1 = divisions.get('监管一处') ?? '';
    div2 = divisions.get('监管二处') ?? '';
    await doc('2025-12-30', { lead: div1, complete: '2026-01-05' });
    await doc('2026-03-02', { lead: div1, deadline: '2026-03-13', complete: '2026-03-06' });
    await doc('2026-03-03', { lead: div1, deadline: '2026-03-05', complete: '2026-03-10' });
    await doc('2026-03-04', {});
    await doc('2026-06-01', { lead: div2, deadline: '2026-06-12', complete: '2026-06-09', archive: true });
    await doc('2026-06-02', { lead: div2, deadline: '2026-06-05' });
    await doc('2026-06-03', { lead: div1, deadline: '2026-12-31' });
    await doc('2026-06-04', { void: true });
    await doc('2026-06-04', { return: true });
    at('2026-11-26');
  });
  afterAll(async () => {
    await t?.close();
  });

  const stats = async (u: string, year = 2026) => {
    const res = await injectAs(t.app, await login(t.app, u), { method: 'GET', url: `/api/incoming/stats?year=${year}` });
    expect(res.statusCode, res.body).toBe(200);
    return JSON.parse(res.body) as IncomingStats;
  };

  it('gives the worked-out totals, per division and per month', async () => {
    const s = await stats('leader1');
    expect(s).toMatchObject({ year: 2026, total: 6, completed: 3, completionRate: 0.5, overdue: 2, medianHandlingDays: 5 });
    const div = (id: string | null) => s.byDivision.find((d) => d.divisionId === id);
    expect(div(div1)).toEqual({ divisionId: div1, name: '监管一处', total: 3, completed: 2, completionRate: 0.667, overdue: 1, medianHandlingDays: 4.5 });
    expect(div(div2)).toEqual({ divisionId: div2, name: '监管二处', total: 2, completed: 1, completionRate: 0.5, overdue: 1, medianHandlingDays: 6 });
    expect(div(null)).toEqual({
      divisionId: null,
      name: '未交办（传阅或待批）',
      total: 1,
      completed: 0,
      completionRate: 0,
      overdue: 0,
      medianHandlingDays: null,
    });
    expect(s.byDivision.map((d) => d.total)).toEqual([3, 2, 1]);
    expect(s.byMonth.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const month = (m: string) => s.byMonth.find((x) => x.month === m);
    expect(month('2026-03')).toEqual({ month: '2026-03', total: 3, completed: 2, completionRate: 0.667, overdue: 1, medianHandlingDays: 4.5 });
    expect(month('2026-06')).toEqual({ month: '2026-06', total: 3, completed: 1, completionRate: 0.333, overdue: 1, medianHandlingDays: 6 });
    expect(s.byMonth.filter((m) => m.total > 0).map((m) => m.month)).toEqual(['2026-03', '2026-06']);
  });

  it('counts only what the person may see, and the year asked for', async () => {
    const s = await stats('div2_head');
    expect(s).toMatchObject({ total: 2, completed: 1, completionRate: 0.5, overdue: 1, medianHandlingDays: 6 });
    expect(s.byDivision.map((d) => d.name)).toEqual(['监管二处']);
    // 2025-12-30 → 2026-01-05 over 元旦 (01-01~03 off, Sunday 01-04 worked): 12-31, 01-04, 01-05.
    const last = await stats('leader1', 2025);
    expect(last).toMatchObject({ year: 2025, total: 1, completed: 1, completionRate: 1, overdue: 0, medianHandlingDays: 3 });
    expect(last.byMonth.find((m) => m.month === '2025-12')?.total).toBe(1);
  });
});
