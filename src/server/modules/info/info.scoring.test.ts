import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { InfoFields } from '../../../shared/info.js';
import { type Bulletin, DEFAULT_SCORING, type InfoLedger, type Penalty, type RequestFields, type Scoring, type Targets } from '../../../shared/info.scoring.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { listDivisions } from '../../core/org/org.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { getAccountByUsername } from '../../core/org/org.service.js';
import type { Actor } from '../../core/http/actor.js';
import { infoDashboard } from './info.dashboard.js';
import { bulletinIssue, lastFinishedPeriods, requestCheck } from './info.jobs.js';
import { instructionPoints, itemPoints, rate, type TableFor } from './info.points.js';

type View = WorkflowView<InfoFields>;
type Err = { error: { code: string; message: string } };
const json = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

describe('信息考核 arithmetic', () => {
  const sumTable = { ...DEFAULT_SCORING, instructionRule: 'sum' as const };
  const byYear: TableFor = (y) => (y >= 2026 ? sumTable : DEFAULT_SCORING);

  it('gives each 批示 its bonus under `sum`, and only what exceeds the earlier ones under `highest`', () => {
    const list = [
      { level: 'provincial' as const, instructed_date: '2025-03-01' },
      { level: 'state' as const, instructed_date: '2025-03-02' },
      { level: 'ministry' as const, instructed_date: '2025-03-03' },
    ];
    expect(instructionPoints(() => DEFAULT_SCORING, list)).toEqual([30, 70, 0]);
    expect(instructionPoints(() => sumTable, list)).toEqual([30, 100, 50]);
  });

  it('scores each event by the table of its own year: a 2025 批示 by highest, a 2026 one by sum', () => {
    const list = [
      { level: 'ministry' as const, instructed_date: '2025-12-30' },
      { level: 'ministry' as const, instructed_date: '2026-01-05' },
    ];
    expect(instructionPoints(byYear, list)).toEqual([50, 50]);
  });

  it('adds adoptions across channels, multiplies a 专报 and counts the report once', () => {
    const p = itemPoints(
      () => DEFAULT_SCORING,
      { info_type: 'special', reported_date: '2026-03-01' },
      [
        { channel: 'mof_special', adopted_date: '2026-03-05' },
        { channel: 'prov_info', adopted_date: '2026-03-06' },
        { channel: 'retired_code', adopted_date: '2026-03-06' },
      ],
      [],
    );
    expect(p).toMatchObject({ submission: 1, adoption: 60 + 20, instruction: 0, total: 81, perAdoption: [60, 20, 0] });
  });

  it('rates as ⌊100 × actual ÷ target⌋, never below 0, null without a target', () => {
    expect(rate(7, 24)).toBe(29);
    expect(rate(-5, 100)).toBe(0);
    expect(rate(30, 0)).toBeNull();
    expect(rate(30, 20)).toBe(150);
  });

  it('names the month and quarter that ended last', () => {
    expect(lastFinishedPeriods('2026-11-02')).toEqual(['2026-10', '2026-Q3']);
    expect(lastFinishedPeriods('2026-01-05')).toEqual(['2025-12', '2025-Q4']);
  });
});

const USERS = ['div1_staff', 'div1_head', 'div2_staff', 'div2_head', 'office_clerk', 'office_director', 'leader1', 'secrecy_officer'] as const;
type U = (typeof USERS)[number];

describe.each(testDialects())('信息考核, 约稿, 台账 and 通报 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';
  let zonghe = '';

  /** Moves the clock to 10:00 Beijing on `day` and signs everyone in again (sessions idle out across days). */
  async function at(day: string) {
    t.clock.set(`${day}T02:00:00.000Z`);
    for (const u of USERS) s[u] = await login(t.app, u);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    const divisions = await listDivisions(t.deps);
    div1 = divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = divisions.find((d) => d.name === '监管二处')?.id ?? '';
    zonghe = divisions.find((d) => d.name === '综合处')?.id ?? '';
    await at('2026-09-24');
  });
  afterAll(async () => {
    await t?.close();
  });

  const req = (who: U, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    injectAs(t.app, s[who], { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const ok = async <T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return json<T>(r);
  };
  const status = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    return { status: r.statusCode, code: json<Err>(r).error?.code };
  };
  const fire = (who: U, v: View, payload: Record<string, unknown>) =>
    ok<View>(req(who, 'POST', `/api/info/${v.id}/transitions`, { version: v.version, ...payload }));

  /** A piece of `who`'s division reported today (by the editor). */
  async function reported(who: 'div1_staff' | 'div2_staff', over: Record<string, unknown> = {}): Promise<View> {
    const head = who === 'div1_staff' ? 'div1_head' : 'div2_head';
    let v = await ok<View>(req(who, 'POST', '/api/info', { title: '财政收入质量分析', infoType: 'news', body: '正文', ...over }), 201);
    v = await fire(who, v, { action: 'submit' });
    v = await fire(head, v, { action: 'approve' });
    v = await fire('office_clerk', v, { action: 'secrecy_review', conclusion: 'cleared', publishable: false, opinion: '不涉密' });
    v = await fire('office_clerk', v, { action: 'approve' });
    v = await fire('office_director', v, { action: 'approve' });
    if (v.state === 'leader_review') v = await fire('leader1', v, { action: 'approve' });
    return fire('office_clerk', v, { action: 'report', recipients: ['mof_office'] });
  }

  it('reads the default table for a year without one, and lets only the director change it, checked', async () => {
    const table = await ok<Scoring>(req('office_clerk', 'GET', '/api/info/scoring/2026'));
    expect(table).toMatchObject({ year: 2026, version: 0, submissionPoints: 1, instructionRule: 'highest', typeMultiplier: { special: 2 } });
    expect(table.channels.map((c) => [c.code, c.points])).toEqual([
      ['gov_office', 50],
      ['mof_special', 30],
      ['mof_info', 10],
      ['mof_portal', 5],
      ['mof_internal', 3],
      ['prov_special', 20],
      ['prov_info', 10],
    ]);
    const { year: _y, version: _v, ...body } = table;
    expect((await status(req('office_clerk', 'PUT', '/api/info/scoring/2026', { ...body, version: 0 }))).status).toBe(403);
    for (const bad of [
      { ...body, typeMultiplier: { ...body.typeMultiplier, news: 6 } },
      { ...body, penalties: [{ code: 'late', name: '迟报', points: 5 }] },
      { ...body, channels: [...body.channels, { ...body.channels[0], name: '重复' }] },
      { ...body, channels: [{ ...body.channels[0], code: 'Bad-Code' }] },
      { ...body, submissionPoints: 1.5 },
      { ...body, instructionBonus: { ...body.instructionBonus, state: 1001 } },
    ]) {
      expect((await status(req('office_director', 'PUT', '/api/info/scoring/2026', { ...bad, version: 0 }))).status).toBe(400);
    }
    const saved = await ok<Scoring>(req('office_director', 'PUT', '/api/info/scoring/2026', { ...body, submissionPoints: 2, version: 0 }));
    expect(saved).toMatchObject({ version: 1, submissionPoints: 2 });
    expect((await status(req('office_director', 'PUT', '/api/info/scoring/2026', { ...body, version: 0 }))).code).toBe('version_conflict');
    // A later year without its own table copies the latest earlier one.
    expect(await ok<Scoring>(req('office_director', 'GET', '/api/info/scoring/2027'))).toMatchObject({ year: 2027, version: 0, submissionPoints: 2 });
    expect((await status(req('office_director', 'GET', '/api/info/scoring/1999'))).status).toBe(400);
    // Back to 1 point a report for the figures below.
    await ok<Scoring>(req('office_director', 'PUT', '/api/info/scoring/2026', { ...body, version: 1 }));
  });

  it('sets the divisions’ targets (every division listed, 0 unset)', async () => {
    const empty = await ok<Targets>(req('div1_head', 'GET', '/api/info/targets/2026'));
    expect(empty.version).toBe(0);
    expect(empty.items.map((i) => i.divisionName).sort()).toEqual(['监管一处', '监管二处', '综合处'].sort());
    expect(empty.items.every((i) => i.submissions === 0 && i.points === 0)).toBe(true);
    const items = [
      { divisionId: div1, submissions: 4, adoptions: 2, points: 100 },
      { divisionId: div2, submissions: 2, adoptions: 1, points: 0 },
    ];
    expect((await status(req('office_clerk', 'PUT', '/api/info/targets/2026', { version: 0, items }))).status).toBe(403);
    expect((await status(req('office_director', 'PUT', '/api/info/targets/2026', { version: 0, items: [{ ...items[0], points: 10001 }] }))).status).toBe(400);
    expect((await status(req('office_director', 'PUT', '/api/info/targets/2026', { version: 0, items: [{ ...items[0], divisionId: 'nope' }] }))).status).toBe(
      400,
    );
    const saved = await ok<Targets>(req('office_director', 'PUT', '/api/info/targets/2026', { version: 0, items }));
    expect(saved.version).toBe(1);
    expect(saved.items.find((i) => i.divisionId === zonghe)).toMatchObject({ submissions: 0, adoptions: 0, points: 0 });
    expect((await status(req('office_director', 'PUT', '/api/info/targets/2026', { version: 0, items }))).code).toBe('version_conflict');
  });

  it('counts 约稿 deadlines in 工作日 across 中秋, 国庆 and the 调休 Saturday', async () => {
    // Thursday 2026-09-24: 09-25..27 and 10-01..07 are off, Saturday 10-10 is worked.
    const mk = (n: number) =>
      req('office_clerk', 'POST', '/api/info_request', { topic: '国庆前后直达资金监控', requirements: '请报送', divisionId: div1, deadlineWorkdays: n });
    const three = await ok<WorkflowView<RequestFields>>(mk(3), 201);
    expect(three).toMatchObject({ state: 'open', deadline: '2026-09-30', number: '约〔2026〕1号', overdue: false });
    expect((await ok<WorkflowView<RequestFields>>(mk(4), 201)).deadline).toBe('2026-10-08');
    expect((await ok<WorkflowView<RequestFields>>(mk(6), 201)).deadline).toBe('2026-10-10');
    const base = { topic: '约稿', requirements: '要求', divisionId: div1 };
    for (const bad of [
      base,
      { ...base, deadline: '2026-10-09', deadlineWorkdays: 3 },
      { ...base, deadline: '2026-09-23' },
      { ...base, deadlineWorkdays: 0 },
      { ...base, deadlineWorkdays: 61 },
      { ...base, deadline: '2026-10-09', divisionId: 'nope' },
    ]) {
      expect((await status(req('office_clerk', 'POST', '/api/info_request', bad))).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await status(req('div1_head', 'POST', '/api/info_request', { ...base, deadline: '2026-10-09' }))).status).toBe(403);
    // Seen by the office, leaders and its division; another division gets 404.
    expect((await status(req('div2_head', 'GET', `/api/info_request/${three.id}`))).status).toBe(404);
    expect((await status(req('leader1', 'GET', `/api/info_request/${three.id}`))).status).toBe(200);
    const mine = await ok<{ items: { id: string }[] }>(req('div1_staff', 'GET', '/api/info_request?state=open'));
    expect(mine.items.length).toBe(3);
    expect((await ok<{ items: unknown[] }>(req('div2_staff', 'GET', '/api/info_request'))).items).toHaveLength(0);
  });

  it('answers a 约稿 when its piece reaches the office; reminds and then penalises an open one once', async () => {
    const list = await ok<{ items: { id: string; deadline: string }[] }>(req('office_clerk', 'GET', '/api/info_request?state=open'));
    const byDeadline = (d: string) => list.items.find((r) => r.deadline === d)?.id ?? '';
    // A piece answering the 09-30 one.
    let v = await ok<View>(
      req('div1_staff', 'POST', '/api/info', { title: '直达资金节前监控情况', infoType: 'news', body: '正文', requestId: byDeadline('2026-09-30') }),
      201,
    );
    expect(v).toMatchObject({ requestNumber: '约〔2026〕1号' });
    v = await fire('div1_staff', v, { action: 'submit' });
    v = await fire('div1_head', v, { action: 'approve' });
    const answered = await ok<WorkflowView<RequestFields>>(req('office_clerk', 'GET', `/api/info_request/${byDeadline('2026-09-30')}`));
    expect(answered).toMatchObject({ state: 'answered', answers: [{ id: v.id }] });
    expect(answered.history.map((h) => h.action)).toEqual(['create', 'answer']);
    // A piece may not name another division's 约稿.
    expect(
      (await status(req('div2_staff', 'POST', '/api/info', { title: 'x', infoType: 'news', body: 'x', requestId: byDeadline('2026-10-08') }))).status,
    ).toBe(400);

    // 2026-10-08 (Thursday after 国庆): the 10-10 one is 2 workdays away — reminded, once; the 10-08 one due today.
    await at('2026-10-08');
    const day1 = await t.deps.db.transaction().execute((trx) => requestCheck(t.deps, trx));
    expect(day1).toEqual({ reminded: 2, penalised: 0 });
    expect(await t.deps.db.transaction().execute((trx) => requestCheck(t.deps, trx))).toEqual({ reminded: 0, penalised: 0 });
    // 2026-10-09: the 10-08 one passed its deadline: one request_overdue penalty.
    await at('2026-10-09');
    expect(await t.deps.db.transaction().execute((trx) => requestCheck(t.deps, trx))).toEqual({ reminded: 0, penalised: 1 });
    expect(await t.deps.db.transaction().execute((trx) => requestCheck(t.deps, trx))).toEqual({ reminded: 0, penalised: 0 });
    const overdue = await ok<WorkflowView<RequestFields>>(req('div1_head', 'GET', `/api/info_request/${byDeadline('2026-10-08')}`));
    expect(overdue).toMatchObject({ state: 'open', overdue: true });
    expect(overdue.penaltyId).not.toBeNull();
    const pens = await ok<{ items: Penalty[] }>(req('div1_head', 'GET', '/api/info/penalties?year=2026'));
    expect(pens.items).toEqual([
      expect.objectContaining({ code: 'request_overdue', name: '约稿逾期未报', points: -5, date: '2026-10-09', divisionId: div1, revoked: false }),
    ]);
    // Division 2 sees none of division 1's penalties.
    expect((await ok<{ items: Penalty[] }>(req('div2_head', 'GET', '/api/info/penalties?year=2026'))).items).toHaveLength(0);
    const overdueList = await ok<{ items: { id: string }[] }>(req('office_clerk', 'GET', '/api/info_request?overdue=true'));
    expect(overdueList.items.map((r) => r.id)).toEqual([byDeadline('2026-10-08')]);
    // The director cancels the other; the head may not.
    const other = await ok<WorkflowView<RequestFields>>(req('office_director', 'GET', `/api/info_request/${byDeadline('2026-10-10')}`));
    expect(
      (await status(req('div1_head', 'POST', `/api/info_request/${other.id}/transitions`, { action: 'cancel', version: other.version, reason: '不需要了' })))
        .status,
    ).toBe(403);
    await ok(req('office_director', 'POST', `/api/info_request/${other.id}/transitions`, { action: 'cancel', version: other.version, reason: '主题调整' }));
  });

  it('totals the ledger by division over the year: reports, adoptions, 批示, penalties, rates and rank', async () => {
    await at('2026-10-20');
    // div1: two reports, one adopted twice (10 + 50), one 专报 adopted once (30 × 2) with a ministry 批示; div2: one report.
    const a = await reported('div1_staff');
    await fire('office_clerk', await fire('office_clerk', a, { action: 'record_adoption', channel: 'mof_info', adoptedDate: '2026-10-20' }), {
      action: 'record_adoption',
      channel: 'gov_office',
      adoptedDate: '2026-10-20',
    });
    const b = await reported('div1_staff', { infoType: 'special', title: '地方政府债务风险专报' });
    await fire('office_clerk', await fire('office_clerk', b, { action: 'record_adoption', channel: 'mof_special', adoptedDate: '2026-10-20' }), {
      action: 'record_instruction',
      level: 'ministry',
      leaderTitle: '财政部部长',
      content: '请研究',
      instructedDate: '2026-10-20',
    });
    await reported('div2_staff');
    // A manual penalty for div2, revoked again, and one kept for div1.
    const bad = await status(req('office_clerk', 'POST', '/api/info/penalties', { divisionId: div2, code: 'nope', date: '2026-10-20', reason: '事由' }));
    expect(bad.status).toBe(400);
    expect(
      (await status(req('office_clerk', 'POST', '/api/info/penalties', { divisionId: div2, code: 'inaccurate', date: '2026-10-21', reason: '事由' }))).status,
    ).toBe(400);
    expect(
      (await status(req('div1_head', 'POST', '/api/info/penalties', { divisionId: div2, code: 'inaccurate', date: '2026-10-20', reason: '事由' }))).status,
    ).toBe(403);
    expect(
      (
        await status(
          req('office_clerk', 'POST', '/api/info/penalties', { divisionId: div2, code: 'inaccurate', date: '2026-10-20', reason: '引用机密★5年文件' }),
        )
      ).code,
    ).toBe('classified_refused');
    const p2 = await ok<Penalty>(
      req('office_clerk', 'POST', '/api/info/penalties', { divisionId: div2, code: 'inaccurate', date: '2026-10-20', reason: '数据有误' }),
      201,
    );
    expect(p2).toMatchObject({ points: -20, name: '信息失实' });
    expect((await status(req('office_clerk', 'POST', `/api/info/penalties/${p2.id}/revoke`, { reason: '核实无误' }))).status).toBe(403);
    await ok(req('office_director', 'POST', `/api/info/penalties/${p2.id}/revoke`, { reason: '核实无误' }));
    expect((await status(req('office_director', 'POST', `/api/info/penalties/${p2.id}/revoke`, { reason: '再撤' }))).code).toBe('invalid_transition');
    await ok<Penalty>(
      req('office_clerk', 'POST', '/api/info/penalties', { divisionId: div1, code: 'late_urgent', date: '2026-10-20', reason: '紧急信息迟报' }),
      201,
    );

    const ledger = await ok<InfoLedger>(req('leader1', 'GET', '/api/info/ledger?year=2026'));
    const row1 = ledger.items.find((r) => r.divisionId === div1);
    const row2 = ledger.items.find((r) => r.divisionId === div2);
    // div1: reports 2 × 1; adoptions 10 + 50 + 60; 批示 50; penalties −5 (overdue 约稿) −10.
    expect(row1).toMatchObject({
      rank: 1,
      submitted: 2,
      adoptions: 3,
      instructions: 1,
      penalties: 2,
      points: { submission: 2, adoption: 120, instruction: 50, penalty: -15, total: 157 },
      target: { submissions: 4, adoptions: 2, points: 100 },
      rates: { submissions: 50, adoptions: 150, points: 157 },
    });
    expect(row2).toMatchObject({
      rank: 2,
      submitted: 1,
      adoptions: 0,
      penalties: 0,
      points: { total: 1 },
      rates: { submissions: 50, adoptions: 0, points: null },
    });
    expect(ledger.items.find((r) => r.divisionId === zonghe)).toMatchObject({ rank: 3, submitted: 0, points: { total: 0 } });
    expect((await status(req('office_clerk', 'GET', '/api/info/ledger'))).status).toBe(400);
    expect((await status(req('secrecy_officer', 'GET', '/api/info/ledger?year=2026'))).status).toBe(403);

    // The export: two sheets with Chinese headers.
    const xlsx = await req('office_director', 'GET', '/api/info/export.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['信息报送台账', '处室进度']);
    expect(wb.getWorksheet('信息报送台账')?.getRow(1).getCell(1).value).toBe('信息编号');
    expect(wb.getWorksheet('信息报送台账')?.rowCount).toBe(1 + 3);
    expect(wb.getWorksheet('信息报送台账')?.getRow(2).getCell(7).value).toBeInstanceOf(Date);
    expect((await status(req('div1_head', 'GET', '/api/info/export.xlsx?year=2026'))).status).toBe(403);
  });

  it('gives the 驾驶舱 the ledger’s own figures: bureau-wide for a leader, one division for its head', async () => {
    const actor = async (username: string): Promise<Actor> => {
      const a = await getAccountByUsername(t.deps, username);
      if (!a) throw new Error(username);
      return { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 't', ip: '127.0.0.1', onBehalfOf: null };
    };
    const ledger = await ok<InfoLedger>(req('leader1', 'GET', '/api/info/ledger?year=2026'));
    const bureau = await infoDashboard.build(t.deps, await actor('leader1'), { year: 2026, scope: 'bureau', unitId: null });
    expect(bureau).toMatchObject({
      submitted: ledger.items.reduce((n, r) => n + r.submitted, 0),
      adopted: ledger.items.reduce((n, r) => n + r.adoptions, 0),
      points: ledger.items.reduce((n, r) => n + r.points.total, 0),
    });
    expect((bureau['byDivision'] as unknown[]).length).toBe(3);
    expect((bureau['top'] as { points: number }[])[0]).toMatchObject({ points: 111 });
    const head = await infoDashboard.build(t.deps, await actor('div2_head'), { year: 2026, scope: 'division', unitId: div2 });
    expect(head).toMatchObject({ submitted: 1, adopted: 0, points: 1, byDivision: [expect.objectContaining({ divisionId: div2 })] });
    const trend = await infoDashboard.trends?.['info.points']?.(t.deps, await actor('leader1'), ['2026-09', '2026-10']);
    expect(trend).toEqual([0, bureau['points']]);
  });

  it('issues a finished period’s 通报 once and keeps it; the running one is live; the future refused', async () => {
    await at('2026-11-02');
    // The job on Monday 2 November issues October and the third quarter.
    expect(await t.deps.db.transaction().execute((trx) => bulletinIssue(t.deps, trx))).toEqual(['2026-10', '2026-Q3']);
    expect(await t.deps.db.transaction().execute((trx) => bulletinIssue(t.deps, trx))).toEqual([]);
    const oct = await ok<Bulletin>(req('div1_head', 'GET', '/api/info/bulletin?period=2026-10'));
    expect(oct).toMatchObject({ period: '2026-10', title: '政务信息工作通报（2026年第10期）', from: '2026-10-01', to: '2026-10-31', issued: true });
    expect(oct.totals).toEqual({ submitted: 3, adoptions: 3, instructions: 1, penalties: 2, points: 158 });
    expect(oct.ranking[0]).toMatchObject({ rank: 1, divisionName: '监管一处', points: 157, yearPoints: 157, yearRate: 157 });
    expect(oct.highlights.filter((h) => h.type === 'instruction')).toEqual([expect.objectContaining({ points: 50, detail: '财政部部长（部领导）批示' })]);
    expect(oct.requests).toEqual({ issued: 0, answered: 0, overdue: 0 });
    expect(oct.penalties.map((p) => p.name).sort()).toEqual(['约稿逾期未报', '紧急信息迟报'].sort());
    const q3 = await ok<Bulletin>(req('office_clerk', 'GET', '/api/info/bulletin?period=2026-Q3'));
    expect(q3).toMatchObject({ title: '政务信息工作通报（2026年第15期）', issued: true, requests: { issued: 3, answered: 1, overdue: 1 } });

    // A late adoption dated in October does not change the issued 通报.
    const late = await reported('div2_staff', { title: '迟到的采用' });
    await fire('office_clerk', late, { action: 'record_adoption', channel: 'prov_info', adoptedDate: '2026-11-02' });
    expect(await ok<Bulletin>(req('div1_head', 'GET', '/api/info/bulletin?period=2026-10'))).toEqual(oct);
    // November is running: live, and includes the new report.
    const nov = await ok<Bulletin>(req('div1_head', 'GET', '/api/info/bulletin?period=2026-11'));
    expect(nov).toMatchObject({ issued: false, issuedAt: null, totals: { submitted: 1, adoptions: 1 } });
    for (const bad of ['2026-12', '2026-13', '2026-Q5', '26-10', '2026-10-01']) {
      expect((await status(req('div1_head', 'GET', `/api/info/bulletin?period=${bad}`))).status, bad).toBe(400);
    }
    const docx = await req('office_director', 'GET', '/api/info/bulletin.docx?period=2026-10');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('政务信息工作通报（2026年第10期）'));
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
