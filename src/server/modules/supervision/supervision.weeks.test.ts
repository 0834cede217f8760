import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { isoWeeksInYear, type SupervisionFields, type SupervisionOptions, type SupervisionSettings, type WeeklyReport } from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/*
 * Which weeks have a report, who issues it and when, and what a week that
 * was never issued says: the week's own facts, not today's.
 */
type View = WorkflowView<SupervisionFields>;
const USERS = ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div1_staff', 'div2_head'] as const;
type U = (typeof USERS)[number];
const json = <T>(r: LightMyRequestResponse): T => JSON.parse(r.body) as T;

describe('ISO weeks', () => {
  it('a year has 53 weeks only when 1 January is a Thursday, or a Wednesday in a leap year', () => {
    expect([2015, 2020, 2025, 2026, 2027, 2032].map(isoWeeksInYear)).toEqual([53, 53, 52, 53, 52, 53]);
  });
});

describe.each(testDialects())('督办周报 weeks on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    await setClock('2026-09-07T02:00:00.000Z'); // Mon of W37
    const o = json<SupervisionOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' }));
    div1 = o.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = o.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });
  /** Moving the clock days ahead ends the sessions (idle timeout): sign in again at the new time. */
  async function setClock(at: string) {
    t.clock.set(at);
    for (const u of USERS) s[u] = await login(t.app, u);
  }
  const post = async (as: U, url: string, payload: Record<string, unknown>, status = 200): Promise<View> => {
    const r = await injectAs(t.app, s[as], { method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(status);
    return json<View>(r);
  };
  const fire = (as: U, v: View, payload: Record<string, unknown>) => post(as, `/api/supervision/${v.id}/transitions`, { version: v.version, ...payload });
  const make = (title: string, lead: string, deadline: string) =>
    post(
      'office_clerk',
      '/api/supervision',
      { title, content: `${title}，按要求办理。`, source: 'leader_instruction', leadDivisionId: lead, deadline, kind: 'active' },
      201,
    );
  const report = (week: string, as: U = 'leader1') => injectAs(t.app, s[as], { method: 'GET', url: `/api/supervision/weekly-report?week=${week}` });
  const stored = async () => (await t.deps.db.selectFrom('supervision_reports').select('week').orderBy('week').execute()).map((r) => r.week);
  const reportNotes = async () =>
    (await t.deps.db.selectFrom('notifications').select('title').where('kind', '=', 'supervision.weekly_report').execute()).map((r) => r.title);
  const missed = async () =>
    (await t.deps.db.selectFrom('supervision_missed').select(['item_id', 'week']).orderBy('week').execute()).map((r) => `${r.item_id}@${r.week}`);

  let x: View;
  let y: View;
  let z: View;

  it('week: a week that does not exist is a 400 in Chinese; a week before the ledger began is built live and never stored', async () => {
    x = await fire('div1_head', await make('X 专项整治问题清单整改', div1, '2026-09-16'), { action: 'accept' });
    y = await fire('div2_head', await make('Y 内部审计发现问题整改', div2, '2026-12-31'), { action: 'accept' });
    z = await fire('div1_head', await make('Z 预算绩效评价报告', div1, '2026-12-31'), { action: 'accept' });
    for (const w of ['2025-W53', '2027-W53', '2026-W54', '2026-W00', '2026-48']) {
      const r = await report(w);
      expect(r.statusCode, w).toBe(400);
      expect(json<{ error: { message: string } }>(r).error.message, w).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(json<{ error: { message: string } }>(await report('2025-W53')).error.message).toContain('2025-W53 不存在');
    expect((await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/supervision/division?week=2025-W53' })).statusCode).toBe(400);
    // 2020 had 53 weeks; both weeks are long before the first item.
    for (const w of ['2020-W53', '2000-W01']) {
      const r = await report(w);
      expect(r.statusCode, r.body).toBe(200);
      expect(json<WeeklyReport>(r)).toMatchObject({ week: w, issued: false, totals: { total: 0 } });
    }
    expect(await stored()).toEqual([]);
    expect(await reportNotes()).toEqual([]);
  });

  it('the scheduler runs the weekly check and issues the report after the configured weekday: a 调休 Sunday delays both', async () => {
    const cur = json<SupervisionSettings>(await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/supervision/settings' }));
    const put = await injectAs(t.app, s.office_director, {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: { updateWeekday: 7, dueSoonWorkdays: 3, version: cur.version },
    });
    expect(put.statusCode, put.body).toBe(200);

    await setClock('2026-09-14T02:00:00.000Z'); // Mon of W38; Sunday 2026-09-20 is a 调休 workday
    x = await fire('div1_head', x, { action: 'request_extension', reason: '整改涉及外部单位，需延长时限', deadline: '2026-10-30' });
    y = await fire('div2_head', y, { action: 'progress', content: '已梳理审计发现的 8 个问题。' });
    z = await fire('div1_head', z, { action: 'progress', content: '已收集 20 个项目的绩效自评材料。', percent: 20 });

    await setClock('2026-09-18T11:30:00.000Z'); // Fri 19:30 Beijing: the old fixed report time
    await t.scheduler.tick();
    expect(await stored()).toEqual([]);
    expect(await missed()).toEqual([]);

    await setClock('2026-09-20T10:30:00.000Z'); // Sun 18:30: the check is due, the report not yet
    await t.scheduler.tick();
    expect(await missed()).toEqual([`${x.id}@2026-W38`]);
    expect(await stored()).toEqual([]);
    const heads = json<{ items: { title: string }[] }>(await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/notifications' }));
    expect(heads.items.map((n) => n.title)).toContain(`【一周一督】本周进展未报送：${x.number} ${x.title}`);

    await setClock('2026-09-20T11:30:00.000Z'); // Sun 19:30
    await t.scheduler.tick();
    expect(await stored()).toEqual(['2026-W38']);
    expect((await reportNotes()).filter((n) => n.startsWith('督办周报（2026-W38）'))).toHaveLength(4); // 王局长, 李副局长, 赵主任, 钱文秘;
    const w38 = json<WeeklyReport>(await report('2026-W38'));
    expect(w38).toMatchObject({ week: '2026-W38', issued: true, totals: { total: 3, inProgress: 3, overdue: 1 } });
    expect(w38.missingUpdates.map((i) => i.number)).toEqual([x.number]);
    expect(w38.byDivision.find((d) => d.divisionId === div1)).toMatchObject({ total: 2, overdue: 1, missedUpdates: 1 });
    // A second run in the same week changes nothing.
    await setClock('2026-09-20T11:45:00.000Z');
    await t.scheduler.tick();
    expect(await stored()).toEqual(['2026-W38']);
  });

  it('a finished week never issued is built from what was true that week, stored quietly on first read', async () => {
    await setClock('2026-09-22T02:00:00.000Z'); // Tue of W39
    y = await fire('div2_head', y, { action: 'progress', content: '8 个问题已整改 5 个。' });
    z = await fire('div1_staff', z, { action: 'progress', content: '绩效评价报告初稿已完成。', percent: 50 });

    await setClock('2026-09-28T02:00:00.000Z'); // Mon of W40: the server was down on W39's report day
    x = await fire('leader1', x, { action: 'approve_extension', comment: '同意延期。' });
    y = await fire('office_director', y, { action: 'suspend', reason: '待上级部门统一部署后再办理。' });
    z = await fire('div1_staff', z, { action: 'progress', content: '报告已征求各处室意见。', percent: 80 });
    expect(x).toMatchObject({ deadline: '2026-10-30', light: 'green' });
    expect(y).toMatchObject({ state: 'suspended', light: 'blue' });

    const before = (await reportNotes()).length;
    const res = await report('2026-W39', 'office_clerk');
    expect(res.statusCode, res.body).toBe(200);
    const r = json<WeeklyReport>(res);
    expect(r).toMatchObject({ week: '2026-W39', from: '2026-09-21', to: '2026-09-27', issued: true });
    expect(r.totals).toEqual({ total: 3, closed: 0, inProgress: 3, suspended: 0, overdue: 1, completionRate: 0 });
    const base = (v: View, deadline = v.deadline) => ({ id: v.id, number: v.number, title: v.title, leadDivision: v.leadDivision.name, deadline });
    // X was late all week: the extension came after it, so the original deadline stands: 7 workdays (09-17, 09-18, the 调休 Sunday 09-20, 09-21…24; 中秋 09-25 is off).
    expect(r.overdue).toEqual([{ ...base(x, '2026-09-16'), workdaysOverdue: 7, responsible: '监管一处' }]);
    expect(r.inProgress).toEqual([
      { ...base(x, '2026-09-16'), percent: 0, light: 'red', latestUpdate: null },
      { ...base(y), percent: 0, light: 'green', latestUpdate: { content: '8 个问题已整改 5 个。', at: '2026-09-22T02:00:00.000Z', by: '监管二处 吴处长' } },
      { ...base(z), percent: 50, light: 'green', latestUpdate: { content: '绩效评价报告初稿已完成。', at: '2026-09-22T02:00:00.000Z', by: '监管一处 周科员' } },
    ]);
    expect(r.extensions).toEqual([]);
    expect(r.missingUpdates.map((i) => i.number)).toEqual([x.number]);
    expect(await stored()).toEqual(['2026-W38', '2026-W39']);
    expect((await reportNotes()).length).toBe(before);
    // As stored: a second read is the same report.
    expect(json<WeeklyReport>(await report('2026-W39'))).toEqual(r);
  });
});
