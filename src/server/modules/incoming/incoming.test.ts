import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingFields, IncomingList, IncomingOptions, IncomingStats, ImportResult, CheckReport } from '../../../shared/incoming.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type View = WorkflowView<IncomingFields>;
interface ErrorBody {
  error: { code: string; message: string; details?: { existing?: { id: string }; errors?: { row: number; column: string | null; message: string }[] } };
}
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = [
  'office_clerk',
  'office_director',
  'leader1',
  'leader2',
  'div1_head',
  'div1_staff',
  'div2_head',
  'div2_staff',
  'secrecy_officer',
  'sysadmin',
] as const;
type U = (typeof USERS)[number];

let counter = 0;
function doc(over: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    sourceOrg: '财政部',
    sourceDocNumber: `财办〔2026〕${100 + counter}号`,
    title: `财政部办公厅关于做好2026年度预算执行工作的通知（${counter}）`,
    docType: '通知',
    classification: 'internal',
    urgency: 'normal',
    kind: 'handle',
    copies: 2,
    receivedDate: '2026-11-25',
    ...over,
  };
}

describe.each(testDialects())('收文 API on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let opts: IncomingOptions;
  let div1 = '';
  let div2 = '';
  const id = (u: U) => s[u].user.id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = opts.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (as: U, payload: Record<string, unknown>, key?: string) =>
    injectAs(t.app, s[as], { method: 'POST', url: '/api/incoming', payload, headers: key ? { 'idempotency-key': key } : {} });
  const get = (as: U, docId: string) => injectAs(t.app, s[as], { method: 'GET', url: `/api/incoming/${docId}` });
  const fire = (as: U, docId: string, payload: Record<string, unknown>, key?: string) =>
    injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${docId}/transitions`, payload, headers: key ? { 'idempotency-key': key } : {} });
  async function ok(res: LightMyRequestResponse, status = 200): Promise<View> {
    expect(res.statusCode, res.body).toBe(status);
    return body<View>(res);
  }
  async function registered(over: Record<string, unknown> = {}): Promise<View> {
    return ok(await create('office_clerk', doc(over)), 201);
  }
  async function handling(over: Record<string, unknown> = {}, instruct: Record<string, unknown> = {}): Promise<View> {
    const d = await registered(over);
    const p = await ok(
      await fire('office_clerk', d.id, {
        action: 'propose',
        version: d.version,
        opinion: '拟请监管一处牵头办理',
        leadDivisionId: div1,
        leaderIds: [id('leader1')],
      }),
    );
    return ok(
      await fire('leader1', d.id, {
        action: 'instruct',
        version: p.version,
        instruction: '请监管一处办理，监管二处配合',
        leadDivisionId: div1,
        assistDivisionIds: [div2],
        deadlineWorkdays: 5,
        ...instruct,
      }),
    );
  }

  it('registration: 401, 403, 400 before anything; 422 for classified; 201 with a gapless number; 409 duplicate; override; replay', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/incoming', payload: doc() });
    expect(anon.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/incoming' })).statusCode).toBe(401);
    expect((await create('sysadmin', { bogus: 1 })).statusCode).toBe(403);
    expect((await create('div1_staff', doc())).statusCode).toBe(403);
    expect((await create('leader1', doc())).statusCode).toBe(403);
    for (const bad of [
      { ...doc(), extra: 1 },
      { ...doc(), title: '' },
      { ...doc(), title: 'x'.repeat(301) },
      { ...doc(), receivedDate: '2026-02-30' },
      { ...doc(), copies: 0 },
      { ...doc(), urgency: 'now' },
      {},
    ]) {
      const r = await create('office_clerk', bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(body<ErrorBody>(r).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const secret = await create('office_clerk', doc({ classification: 'secret' }));
    expect(secret.statusCode).toBe(422);
    expect(body<ErrorBody>(secret).error).toMatchObject({ code: 'classified_refused', message: expect.stringContaining('涉密载体登记簿') });
    const marked = await create('office_clerk', doc({ title: '关于某事项的通知 机密★1年' }));
    expect(marked.statusCode).toBe(422);

    const first = await registered({ sourceDocNumber: '财办〔2026〕1号', urgency: 'extra_urgent' });
    expect(first).toMatchObject({
      state: 'registered',
      version: 1,
      regNo: expect.stringMatching(/^收〔2026〕\d+号$/),
      actions: expect.arrayContaining(['propose', 'return']),
    });
    expect(first.history[0]).toMatchObject({ action: 'create', actor: '钱文秘' });
    const dup = await create('office_clerk', doc({ sourceDocNumber: '财办〔2026〕1号' }));
    expect(dup.statusCode).toBe(409);
    expect(body<ErrorBody>(dup).error).toMatchObject({ code: 'duplicate', details: { existing: { id: first.id } } });
    const over = await ok(
      await create('office_clerk', doc({ sourceDocNumber: '财办〔2026〕1号', duplicateOverride: { reason: '来文单位重新印发，正文有更正' } })),
      201,
    );
    expect(over.duplicateOf).toEqual({ id: first.id, regNo: first.regNo });
    expect(over.duplicateReason).toBe('来文单位重新印发，正文有更正');

    const payload = doc();
    const a = await create('office_clerk', payload, 'reg-key-1');
    const b = await create('office_clerk', payload, 'reg-key-1');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(body<View>(b).regNo).toBe(body<View>(a).regNo);
    const n = Number(/〔2026〕(\d+)号/.exec(body<View>(a).regNo)?.[1]);
    const next = await registered();
    expect(next.regNo).toBe(`收〔2026〕${n + 1}号`);
  });

  it('拟办 → 批办 → 反馈 → 办结 → 归档, with each role checked first and stale versions refused', async () => {
    const d = await registered();
    // Visibility: nobody outside the office and leaders sees a registered document.
    expect((await get('div1_staff', d.id)).statusCode).toBe(404);
    expect((await get('secrecy_officer', d.id)).statusCode).toBe(404);
    expect((await get('sysadmin', d.id)).statusCode).toBe(403);
    expect(body<View>(await get('leader2', d.id)).actions).toEqual([]);
    expect((await fire('div1_staff', d.id, { action: 'propose', version: 1, opinion: 'x', leaderIds: [id('leader1')] })).statusCode).toBe(404);
    expect((await fire('leader1', d.id, { action: 'propose', version: 1, opinion: 'x', leaderIds: [id('leader1')] })).statusCode).toBe(403);
    expect((await fire('office_clerk', d.id, { action: 'propose', version: 1, opinion: '', leaderIds: [] })).statusCode).toBe(400);
    expect((await fire('office_clerk', d.id, { action: 'propose', version: 1, opinion: '拟办', leaderIds: [id('div1_head')] })).statusCode).toBe(400);
    expect((await fire('office_clerk', d.id, { action: 'propose', version: 9, opinion: '拟办', leaderIds: [id('leader1')] })).statusCode).toBe(409);
    expect((await fire('office_clerk', d.id, { action: 'archive', version: 1, retention: 'permanent' })).statusCode).toBe(409);

    const p = await ok(
      await fire('office_director', d.id, { action: 'propose', version: 1, opinion: '拟请监管一处牵头办理', leadDivisionId: div1, leaderIds: [id('leader1')] }),
    );
    expect(p).toMatchObject({
      state: 'proposed',
      version: 2,
      proposal: { opinion: '拟请监管一处牵头办理', leadDivision: { id: div1, name: '监管一处' }, leaders: [{ name: '王局长' }] },
    });
    // Only the leader asked to instruct may do so.
    expect((await fire('leader2', d.id, { action: 'instruct', version: 2, instruction: '同意', leadDivisionId: div1 })).statusCode).toBe(403);
    expect((await fire('leader1', d.id, { action: 'instruct', version: 2, instruction: '同意' })).statusCode).toBe(400);
    expect(
      (await fire('leader1', d.id, { action: 'instruct', version: 2, instruction: '同意', leadDivisionId: div1, deadline: '2020-01-01' })).statusCode,
    ).toBe(400);
    const h = await ok(
      await fire('leader1', d.id, {
        action: 'instruct',
        version: 2,
        instruction: '请监管一处办理，监管二处配合',
        leadDivisionId: div1,
        assistDivisionIds: [div2],
        deadlineWorkdays: 5,
      }),
    );
    expect(h).toMatchObject({ state: 'handling', leadDivision: { name: '监管一处' }, assistDivisions: [{ name: '监管二处' }], instruction: { by: '王局长' } });
    // 2026-11-26 (Thu) + 5 workdays = 2026-12-03.
    expect(h.handlingDeadline).toBe('2026-12-03');

    expect(body<View>(await get('div2_staff', d.id)).actions).toEqual(['feedback']);
    expect(body<View>(await get('div1_head', d.id)).actions).toEqual(expect.arrayContaining(['feedback', 'request_extension', 'complete']));
    expect((await get('secrecy_officer', d.id)).statusCode).toBe(404);
    const f = await ok(await fire('div2_staff', d.id, { action: 'feedback', version: h.version, content: '监管二处意见：无不同意见' }));
    expect(f.feedback).toEqual([expect.objectContaining({ unitName: '监管二处', userName: '郑科员' })]);
    expect((await fire('div1_staff', d.id, { action: 'complete', version: f.version, result: '已办' })).statusCode).toBe(403);
    expect((await fire('div2_head', d.id, { action: 'complete', version: f.version, result: '已办' })).statusCode).toBe(403);
    const c = await ok(await fire('div1_head', d.id, { action: 'complete', version: f.version, result: '已按要求报送执行情况' }));
    expect(c).toMatchObject({ state: 'completed', result: '已按要求报送执行情况' });
    expect((await fire('office_clerk', d.id, { action: 'archive', version: c.version, retention: 'forever' })).statusCode).toBe(400);
    expect((await fire('div1_head', d.id, { action: 'archive', version: c.version, retention: '30y' })).statusCode).toBe(403);
    const a = await ok(await fire('office_clerk', d.id, { action: 'archive', version: c.version, retention: '30y' }));
    expect(a.state).toBe('archived');
    expect(a.archivalNo).toMatch(/^Z001-WS·2026-D30-BGS-\d{4}$/);
    expect(a.history.map((x) => x.action)).toEqual(['create', 'propose', 'instruct', 'feedback', 'complete', 'archive']);
    expect((await fire('office_director', d.id, { action: 'void', version: a.version, reason: '误登' })).statusCode).toBe(409);
    const audit = await t.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', d.id).execute();
    expect(audit.map((e) => e.action)).toEqual([
      'incoming.create',
      'incoming.propose',
      'incoming.instruct',
      'incoming.feedback',
      'incoming.complete',
      'incoming.archive',
    ]);
  });

  it('extension: the lead head asks, only the instructing leader decides', async () => {
    const h = await handling();
    const r = await ok(await fire('div1_head', h.id, { action: 'request_extension', version: h.version, reason: '需征求各地意见', deadlineWorkdays: 3 }));
    expect(r.extensions).toEqual([expect.objectContaining({ state: 'pending', requestedDeadline: '2026-12-08' })]);
    expect((await fire('leader2', h.id, { action: 'approve_extension', version: r.version })).statusCode).toBe(403);
    expect((await fire('div1_head', h.id, { action: 'request_extension', version: r.version, reason: '再延', deadlineWorkdays: 3 })).statusCode).toBe(403);
    expect(body<View>(await get('leader1', h.id)).actions).toEqual(expect.arrayContaining(['approve_extension', 'refuse_extension']));
    const a = await ok(await fire('leader1', h.id, { action: 'approve_extension', version: r.version, comment: '同意' }));
    expect(a.handlingDeadline).toBe('2026-12-08');
    const r2 = await ok(await fire('div1_head', h.id, { action: 'request_extension', version: a.version, reason: '再延两天', deadline: '2026-12-10' }));
    const refused = await ok(await fire('leader1', h.id, { action: 'refuse_extension', version: r2.version, reason: '请按时办结' }));
    expect(refused.handlingDeadline).toBe('2026-12-08');
    expect(refused.extensions.map((e) => e.state)).toEqual(['approved', 'refused']);
  });

  it('extension: the calendar\u2019s provisional flag goes from the request to the document', async () => {
    // A fixed date in the published year: not provisional.
    const h = await handling({}, { deadlineWorkdays: undefined, deadline: '2026-12-29' });
    expect(h.deadlineProvisional).toBe(false);
    // Five workdays past 12-29 land in 2027, whose official schedule is not out yet.
    const r = await ok(await fire('div1_head', h.id, { action: 'request_extension', version: h.version, reason: '跨年办理', deadlineWorkdays: 5 }));
    expect(r.extensions[0]).toMatchObject({ requestedDeadline: expect.stringMatching(/^2027-01-/), requestedDeadlineProvisional: true });
    const a = await ok(await fire('leader1', h.id, { action: 'approve_extension', version: r.version }));
    expect(a).toMatchObject({ handlingDeadline: r.extensions[0]?.requestedDeadline, deadlineProvisional: true });
    // A date the leader approves as typed is exact again.
    const r2 = await ok(await fire('div1_head', h.id, { action: 'request_extension', version: a.version, reason: '再延', deadline: '2027-02-26' }));
    expect(r2.extensions[1]?.requestedDeadlineProvisional).toBe(false);
    const a2 = await ok(await fire('leader1', h.id, { action: 'approve_extension', version: r2.version }));
    expect(a2).toMatchObject({ handlingDeadline: '2027-02-26', deadlineProvisional: false });
    // A refusal leaves the deadline and its flag as they were.
    const r3 = await ok(await fire('div1_head', h.id, { action: 'request_extension', version: a2.version, reason: '三延', deadlineWorkdays: 2 }));
    const f = await ok(await fire('leader1', h.id, { action: 'refuse_extension', version: r3.version, reason: '不同意' }));
    expect(f).toMatchObject({ handlingDeadline: '2027-02-26', deadlineProvisional: false });
  });

  it('传阅 in sequence: only the next reader reads; the last read completes it; then parallel', async () => {
    const d = await registered({ kind: 'read' });
    const p = await ok(await fire('office_clerk', d.id, { action: 'propose', version: 1, opinion: '拟请局领导阅示', leaderIds: [id('leader1')] }));
    const c = await ok(
      await fire('leader1', d.id, {
        action: 'instruct',
        version: p.version,
        instruction: '请传阅',
        circulate: [id('div1_staff'), id('div2_staff')],
        circulationMode: 'sequential',
      }),
    );
    expect(c.state).toBe('circulating');
    expect((await fire('div2_staff', d.id, { action: 'read', version: c.version })).statusCode).toBe(403);
    expect((await fire('div1_head', d.id, { action: 'read', version: c.version })).statusCode).toBe(404);
    const r1 = await ok(await fire('div1_staff', d.id, { action: 'read', version: c.version, comment: '已阅，将在检查中落实' }));
    expect(r1.state).toBe('circulating');
    expect((await fire('div1_staff', d.id, { action: 'read', version: r1.version })).statusCode).toBe(403);
    const r2 = await ok(await fire('div2_staff', d.id, { action: 'read', version: r1.version }));
    expect(r2.state).toBe('completed');
    expect(r2.circulation?.readers.map((r) => [r.name, !!r.readAt, r.comment])).toEqual([
      ['周科员', true, '已阅，将在检查中落实'],
      ['郑科员', true, null],
    ]);

    const e = await registered({ kind: 'read' });
    const ep = await ok(await fire('office_clerk', e.id, { action: 'propose', version: 1, opinion: '阅', leaderIds: [id('leader2')] }));
    const ec = await ok(
      await fire('leader2', e.id, { action: 'instruct', version: ep.version, instruction: '传阅', circulate: [id('div1_head'), id('div2_head')] }),
    );
    const er = await ok(await fire('div2_head', e.id, { action: 'read', version: ec.version }));
    expect(er.state).toBe('circulating');
  });

  it('退文 and 作废 record their reasons; concurrent transitions: exactly one wins', async () => {
    const d = await registered();
    expect((await fire('office_director', d.id, { action: 'return', version: 1, reason: '不属本机关职责' })).statusCode).toBe(403);
    const r = await ok(await fire('office_clerk', d.id, { action: 'return', version: 1, reason: '不属本机关职责，退回来文单位' }));
    expect(r).toMatchObject({ state: 'returned', returnReason: '不属本机关职责，退回来文单位' });
    const v = await registered();
    expect((await fire('office_clerk', v.id, { action: 'void', version: 1, reason: '误登' })).statusCode).toBe(403);
    const voided = await ok(await fire('office_director', v.id, { action: 'void', version: 1, reason: '重复登记，作废' }));
    expect(voided).toMatchObject({ state: 'voided', voidReason: '重复登记，作废' });

    const w = await registered();
    const results = await Promise.all([
      fire('office_clerk', w.id, { action: 'return', version: 1, reason: '退回' }),
      fire('office_director', w.id, { action: 'propose', version: 1, opinion: '拟办', leaderIds: [id('leader1')] }),
      fire('office_clerk', w.id, { action: 'propose', version: 1, opinion: '拟办', leaderIds: [id('leader1')] }),
    ]);
    const codes = results.map((x) => x.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    expect(body<View>(await get('office_clerk', w.id)).version).toBe(2);
  });

  it('every action: a stale version is 409 version_conflict, a replay changes nothing, the wrong state is 409 invalid_transition', async () => {
    let keyNo = 0;
    const code = (r: LightMyRequestResponse) => body<ErrorBody>(r).error.code;
    /** Stale first (refused, nothing moves), then the real step with a key, then its replay, then the old version again. */
    const step = async (as: U, docId: string, payload: Record<string, unknown>): Promise<View> => {
      const v = body<View>(await get('office_clerk', docId)).version;
      const stale = await fire(as, docId, { ...payload, version: v - 1 });
      expect([stale.statusCode, code(stale)], `${String(payload['action'])} stale`).toEqual([409, 'version_conflict']);
      const key = `every-${dialect}-${++keyNo}`;
      const done = await ok(await fire(as, docId, { ...payload, version: v }, key));
      expect(done.version).toBe(v + 1);
      const again = await fire(as, docId, { ...payload, version: v }, key);
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(body<View>(again).version).toBe(v + 1);
      expect(body<View>(await get('office_clerk', docId)).history).toHaveLength(v + 1);
      // The old version under a new key: refused, as stale or (when the step took the action away, e.g. a pending extension) as no longer theirs.
      const late = await fire(as, docId, { ...payload, version: v }, `every-${dialect}-${++keyNo}`);
      expect(
        [
          [409, 'version_conflict'],
          [403, 'forbidden'],
        ],
        `${String(payload['action'])} late`,
      ).toContainEqual([late.statusCode, code(late)]);
      expect(body<View>(await get('office_clerk', docId)).version).toBe(v + 1);
      return done;
    };
    const wrongState = async (as: U, docId: string, payload: Record<string, unknown>) => {
      const v = body<View>(await get('office_clerk', docId)).version;
      const r = await fire(as, docId, { ...payload, version: v });
      expect([r.statusCode, code(r)], String(payload['action'])).toEqual([409, 'invalid_transition']);
      expect(body<View>(await get('office_clerk', docId)).version).toBe(v);
    };

    const d = await registered();
    await wrongState('office_clerk', d.id, { action: 'archive', retention: '10y' });
    await step('office_clerk', d.id, { action: 'propose', opinion: '拟请监管一处办理', leadDivisionId: div1, leaderIds: [id('leader1')] });
    await wrongState('office_clerk', d.id, { action: 'return', reason: '退回' });
    await step('leader1', d.id, { action: 'instruct', instruction: '请监管一处办理', leadDivisionId: div1, assistDivisionIds: [div2], deadlineWorkdays: 5 });
    await step('div2_staff', d.id, { action: 'feedback', content: '监管二处无不同意见' });
    await step('div1_head', d.id, { action: 'request_extension', reason: '需征求意见', deadlineWorkdays: 2 });
    await step('leader1', d.id, { action: 'approve_extension', comment: '同意' });
    await step('div1_head', d.id, { action: 'request_extension', reason: '再延', deadlineWorkdays: 2 });
    await step('leader1', d.id, { action: 'refuse_extension', reason: '请按时办结' });
    await step('div1_head', d.id, { action: 'complete', result: '已办理' });
    await wrongState('div1_head', d.id, { action: 'complete', result: '再办结' });
    await step('office_clerk', d.id, { action: 'archive', retention: '30y' });
    await wrongState('office_director', d.id, { action: 'void', reason: '作废' });

    const r = await registered({ kind: 'read' });
    await step('office_clerk', r.id, { action: 'propose', opinion: '阅', leaderIds: [id('leader2')] });
    await step('leader2', r.id, { action: 'instruct', instruction: '传阅', circulate: [id('div1_staff')] });
    await step('div1_staff', r.id, { action: 'read', comment: '已阅' });
    await step('office_clerk', (await registered()).id, { action: 'return', reason: '不属本机关职责' });
    await step('office_director', (await registered()).id, { action: 'void', reason: '误登' });
  });

  it('transition replay with the same Idempotency-Key changes nothing', async () => {
    const d = await registered();
    const payload = { action: 'propose', version: 1, opinion: '拟办', leaderIds: [id('leader1')] };
    const a = await fire('office_clerk', d.id, payload, 'tr-key-1');
    const b = await fire('office_clerk', d.id, payload, 'tr-key-1');
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(body<View>(await get('office_clerk', d.id)).history).toHaveLength(2);
  });

  it('ledger: visible rows only, urgent first, filters, search; to-dos', async () => {
    const urgent = await handling({ urgency: 'urgent', title: '国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知' }, { deadlineWorkdays: 2 });
    const list = (as: U, q = '') => injectAs(t.app, s[as], { method: 'GET', url: `/api/incoming?pageSize=100${q}` });
    const all = body<IncomingList>(await list('office_clerk'));
    expect(all.total).toBeGreaterThan(5);
    const rank = (u: string, st: string) =>
      ['registered', 'proposed', 'handling', 'circulating'].includes(st) ? ({ extra_urgent: 0, urgent: 1, normal: 2 }[u] ?? 2) : 3;
    const ranks = all.items.map((i) => rank(i.urgency, i.state));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const mine = body<IncomingList>(await list('div2_staff'));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.leadDivision?.id === div1 || i.state !== 'registered')).toBe(true);
    expect(body<IncomingList>(await list('secrecy_officer')).total).toBe(0);
    expect((await list('office_clerk', '&state=flying')).statusCode).toBe(400);
    expect((await list('office_clerk', '&pageSize=1000')).statusCode).toBe(400);
    expect(body<IncomingList>(await list('office_clerk', '&state=handling&urgency=urgent')).items.map((i) => i.id)).toContain(urgent.id);
    expect(body<IncomingList>(await list('office_clerk', `&divisionId=${div2}`)).items.every((i) => i.leadDivision?.id === div1)).toBe(true);
    const found = body<IncomingList>(await list('office_clerk', `&q=${encodeURIComponent('幼儿园治理')}`));
    expect(found.items.map((i) => i.id)).toEqual([urgent.id]);
    expect(body<IncomingList>(await list('div1_staff', `&q=${encodeURIComponent(urgent.regNo)}`)).items.map((i) => i.id)).toEqual([urgent.id]);

    const todos = body<TodoList>(await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/todos' }));
    const mineTodos = todos.items.filter((i) => i.kind === 'incoming');
    expect(mineTodos.map((i) => i.id)).toContain(urgent.id);
    expect(mineTodos[0]?.urgency).not.toBe('normal');
    const clerkTodos = body<TodoList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/todos' })).items.filter((i) => i.kind === 'incoming');
    expect(clerkTodos.length).toBeGreaterThan(0);
    expect(clerkTodos.every((i) => i.state === 'registered' || i.state === 'completed')).toBe(true);
  });

  it('ledger: a searched % or _ is a literal character on both dialects, in q and sourceOrg', async () => {
    const pct = await registered({ sourceOrg: '江西省财政厅（100%绩效）', sourceDocNumber: '赣财预〔2026〕50%号' });
    const plain = await registered({ sourceOrg: '江西省财政厅（100X绩效）', sourceDocNumber: '赣财预〔2026〕5000号' });
    const under = await registered({ sourceOrg: '鹰潭市_财政局', sourceDocNumber: '鹰财_〔2026〕3号' });
    const other = await registered({ sourceOrg: '鹰潭市X财政局', sourceDocNumber: '鹰财X〔2026〕3号' });
    const ids = async (q: string) =>
      body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming?pageSize=100${q}` })).items.map((i) => i.id);
    expect(await ids(`&q=${encodeURIComponent('%')}`)).toEqual([pct.id]);
    expect(await ids(`&q=${encodeURIComponent('_')}`)).toEqual([under.id]);
    expect(await ids(`&sourceOrg=${encodeURIComponent('100%绩效')}`)).toEqual([pct.id]);
    expect(await ids(`&sourceOrg=${encodeURIComponent('市_财')}`)).toEqual([under.id]);
    expect(await ids(`&sourceOrg=${encodeURIComponent('100X绩效')}`)).toEqual([plain.id]);
    expect(await ids(`&sourceOrg=${encodeURIComponent('市X财')}`)).toEqual([other.id]);
    const range = await ids(`&sourceOrg=${encodeURIComponent('财政')}&from=2026-11-25&to=2026-11-25`);
    expect(range).toEqual(expect.arrayContaining([pct.id, plain.id, under.id, other.id]));
    expect(await ids(`&sourceOrg=${encodeURIComponent('财政')}&from=2026-11-26`)).toEqual([]);
  });

  it('wrong people: refuse_extension and feedback refused with the right code', async () => {
    const h = await handling();
    const r = await ok(await fire('div1_head', h.id, { action: 'request_extension', version: h.version, reason: '需征求意见', deadlineWorkdays: 2 }));
    const refuse = { action: 'refuse_extension', version: r.version, reason: '不同意' };
    for (const who of ['leader2', 'div1_head', 'office_director', 'office_clerk'] as const) {
      const x = await fire(who, h.id, refuse);
      expect([x.statusCode, body<ErrorBody>(x).error.code], who).toEqual([403, 'forbidden']);
    }
    // Outside the document's divisions it is not even visible.
    expect(body<ErrorBody>(await fire('secrecy_officer', h.id, refuse)).error.code).toBe('not_found');
    // A division not on the document cannot see it; a leader sees it but takes no part in 承办.
    const other = await handling({}, { leadDivisionId: div2, assistDivisionIds: [] });
    const fb = { action: 'feedback', version: other.version, content: '反馈' };
    const outside = await fire('div1_staff', other.id, fb);
    expect([outside.statusCode, body<ErrorBody>(outside).error.code]).toEqual([404, 'not_found']);
    for (const who of ['leader1', 'office_clerk'] as const) {
      const x = await fire(who, other.id, fb);
      expect([x.statusCode, body<ErrorBody>(x).error.code], who).toEqual([403, 'forbidden']);
    }
    expect(body<View>(await get('office_clerk', other.id)).version).toBe(other.version);
    expect(body<View>(await get('office_clerk', h.id)).extensions.map((e) => e.state)).toEqual(['pending']);
  });

  it('exports the ledger as .xlsx that opens in exceljs, and audits the export', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/incoming/export.xlsx' })).statusCode).toBe(401);
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/export.xlsx?from=bad' })).statusCode).toBe(400);
    const res = await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/export.xlsx?state=archived' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('收文登记簿');
    expect(ws?.getRow(1).getCell(1).value).toBe('收文编号');
    expect(ws?.rowCount).toBeGreaterThanOrEqual(2);
    expect(String(ws?.getRow(2).getCell(19).value)).toMatch(/^Z001-WS·2026-/);
    const ev = await t.db.kysely.selectFrom('audit_events').select(['action', 'actor_id']).where('action', '=', 'incoming.export').execute();
    expect(ev).toEqual([{ action: 'incoming.export', actor_id: id('office_clerk') }]);
  });

  it('imports all or nothing, with row-level errors', async () => {
    const build = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('收文登记簿');
      ws.addRow(['收文编号', '收文日期', '来文单位', '来文字号', '标题', '文种', '密级', '紧急程度', '类型', '份数', '状态', '办结时间', '办理结果']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const post = (as: U, payload: Buffer, q = '') =>
      injectAs(t.app, s[as], {
        method: 'POST',
        url: `/api/incoming/import${q}`,
        payload,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
    const good = [
      '旧001',
      '2026-03-02',
      '江西省人民政府',
      '赣府字〔2026〕11号',
      '江西省人民政府关于鹰潭港总体规划的批复',
      '批复',
      '无',
      '平件',
      '办件',
      1,
      '已登记',
      '',
      '',
    ];
    const done = [
      '旧002',
      '2026-03-05',
      '国务院办公厅',
      '国办函〔2026〕9号',
      '国务院办公厅关于调整有关工作的通知',
      '通知',
      '内部',
      '加急',
      '办件',
      1,
      '已办结',
      '2026-03-20',
      '已落实',
    ];
    const bad = ['旧003', '2026-13-01', '', '', '标题', '通知', '机密', '快件', '办件', 0, '', '', ''];
    const before = body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming?pageSize=1' })).total;
    expect((await post('div1_head', await build([good]))).statusCode).toBe(403);
    const rejected = await post('office_clerk', await build([good, done, bad, good]));
    expect(rejected.statusCode).toBe(400);
    const errs = body<ErrorBody>(rejected).error.details?.errors ?? [];
    expect(errs.filter((e) => e.row === 4).map((e) => e.column)).toEqual(expect.arrayContaining(['密级', '紧急程度', '来文单位', '收文日期']));
    expect(errs.some((e) => e.row === 5 && e.column === '来文字号')).toBe(true);
    expect(body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming?pageSize=1' })).total).toBe(before);
    const dry = body<ImportResult>(await post('office_clerk', await build([good, done]), '?dryRun=true'));
    expect(dry).toEqual({ imported: 0, rows: 2, dryRun: true, errors: [] });
    // Numbered in the year of 收文日期, in date order: the 2025 rows get 收〔2025〕1号 and 2号 whatever their place in the file.
    const old2 = [
      '旧005',
      '2025-12-30',
      '江西省财政厅',
      '赣财预〔2025〕88号',
      '江西省财政厅关于下达2026年提前批预算的通知',
      '通知',
      '无',
      '平件',
      '办件',
      1,
      '已办结',
      '2026-01-09',
      '已落实',
    ];
    const old1 = [
      '旧004',
      '2025-12-01',
      '鹰潭市人民政府',
      '鹰府字〔2025〕40号',
      '鹰潭市人民政府关于年度工作的函',
      '函',
      '无',
      '平件',
      '办件',
      1,
      '已登记',
      '',
      '',
    ];
    const imported = await post('office_clerk', await build([good, old2, done, old1]));
    expect(imported.statusCode, imported.body).toBe(201);
    expect(body<ImportResult>(imported).imported).toBe(4);
    const regNoOfRow = async (no: string) =>
      body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming?q=${encodeURIComponent(no)}` })).items.map((i) => i.regNo);
    expect(await regNoOfRow('鹰府字〔2025〕40号')).toEqual(['收〔2025〕1号']);
    expect(await regNoOfRow('赣财预〔2025〕88号')).toEqual(['收〔2025〕2号']);
    expect((await regNoOfRow('赣府字〔2026〕11号'))[0]).toMatch(/^收〔2026〕\d+号$/);
    const completed = body<IncomingList>(
      await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming?q=${encodeURIComponent('国办函〔2026〕9号')}` }),
    );
    expect(completed.items[0]?.state).toBe('completed');
    expect((await post('office_clerk', Buffer.from('not a spreadsheet'))).statusCode).toBe(400);
  });

  it('statistics: completion rate, overdue, median handling time, by division and month', async () => {
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/stats?year=abc' })).statusCode).toBe(400);
    const st = body<IncomingStats>(await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/incoming/stats?year=2026' }));
    expect(st.total).toBeGreaterThan(0);
    expect(st.completed).toBeGreaterThan(0);
    expect(st.completionRate).toBeCloseTo(st.completed / st.total, 2);
    expect(st.byMonth).toHaveLength(12);
    expect(st.byDivision.find((d) => d.name === '监管一处')?.total).toBeGreaterThan(0);
    expect(st.medianHandlingDays).not.toBeNull();
  });

  it('reminders before the deadline and escalation after it, once each, through the scheduler', async () => {
    const normal = await handling({}, { deadlineWorkdays: 4 });
    const urgent = await handling({ urgency: 'extra_urgent' }, { deadlineWorkdays: 1 });
    const notes = async (docId: string, kind: string) =>
      t.db.kysely.selectFrom('notifications').select(['user_id']).where('link', '=', `/incoming/${docId}`).where('kind', '=', kind).execute();
    // Thu 2026-11-26 → normal deadline Wed 12-02, urgent Fri 11-27.
    t.clock.set('2026-11-27T00:30:00.000Z'); // 08:30 Beijing, Friday
    await t.scheduler.tick();
    expect((await notes(urgent.id, 'incoming.reminder')).map((n) => n.user_id)).toEqual([id('div1_head')]);
    expect(await notes(normal.id, 'incoming.reminder')).toEqual([]);
    t.clock.set('2026-11-30T00:30:00.000Z'); // Monday: 2 workdays before Wednesday
    await t.scheduler.tick();
    expect(await notes(normal.id, 'incoming.reminder')).toHaveLength(1);
    expect((await notes(urgent.id, 'incoming.overdue')).map((n) => n.user_id).sort()).toEqual(
      [id('div1_head'), id('office_clerk'), id('office_director')].sort(),
    );
    t.clock.set('2026-12-01T00:30:00.000Z');
    await t.scheduler.tick();
    expect(await notes(normal.id, 'incoming.reminder')).toHaveLength(1);
    expect(await notes(urgent.id, 'incoming.overdue')).toHaveLength(3);
    // Sessions idle out while the clock jumps days ahead: sign in again.
    for (const u of ['office_director', 'div1_staff'] as const) s[u] = await login(t.app, u);
    const check = body<CheckReport>(await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/incoming/checks/latest' }));
    expect(check.at).not.toBeNull();
    expect(check.findings.some((f) => f.kind === 'stuck_without_reminder')).toBe(false);
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/incoming/checks/latest' })).statusCode).toBe(403);
    t.clock.set('2026-11-26T02:00:00.000Z');
    for (const u of USERS) s[u] = await login(t.app, u);
  });

  it('attachments belong to the document: visibility and who may add', async () => {
    const d = await registered();
    const up = (as: U) =>
      injectAs(t.app, s[as], {
        method: 'POST',
        url: `/api/incoming/${d.id}/attachments`,
        payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="scan.txt"\r\nContent-Type: text/plain\r\n\r\n扫描件：财政部通知正文\r\n--b--\r\n`,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
    expect((await up('div1_staff')).statusCode).toBe(404);
    // The rights sent with the document are what the attachment route does.
    const rights = async (as: U) => body<{ rights: unknown }>(await injectAs(t.app, s[as], { method: 'GET', url: `/api/incoming/${d.id}` })).rights;
    expect(await rights('office_clerk')).toEqual({ mayAttach: true });
    expect(await rights('leader1')).toEqual({ mayAttach: false });
    expect((await up('leader1')).statusCode).toBe(403);
    // The list carries the create right: 登记 is the clerk's.
    const mayCreate = async (as: U) =>
      body<{ rights: { mayCreate: boolean } }>(await injectAs(t.app, s[as], { method: 'GET', url: '/api/incoming' })).rights.mayCreate;
    expect([await mayCreate('office_clerk'), await mayCreate('office_director'), await mayCreate('div1_staff')]).toEqual([true, false, false]);
    const ok201 = await up('office_clerk');
    expect(ok201.statusCode, ok201.body).toBe(201);
    const list = await injectAs(t.app, s.leader1, { method: 'GET', url: `/api/incoming/${d.id}/attachments` });
    expect(body<{ total: number }>(list).total).toBe(1);
  });

  it('a scan with a 国家秘密 marking is refused for the document (422), audited, and the secrecy officer told', async () => {
    const d = await registered();
    const up = (name: string, text: string) =>
      injectAs(t.app, s.office_clerk, {
        method: 'POST',
        url: `/api/incoming/${d.id}/attachments`,
        payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--b--\r\n`,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
    const refused = await up('scan-secret.txt', '秘密★1年\n关于某某事项的通知\n正文……');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(body<ErrorBody>(refused).error.code).toBe('classified_refused');
    expect(body<ErrorBody>(refused).error.message).toMatch(/[\u4e00-\u9fff]/);
    const ev = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'target_type', 'target_id', 'outcome'])
      .where('action', '=', 'guard.classified_refused')
      .where('target_id', '=', d.id)
      .execute();
    expect(ev).toEqual([{ action: 'guard.classified_refused', target_type: 'incoming', target_id: d.id, outcome: 'denied' }]);
    const told = await t.db.kysely.selectFrom('notifications').select('user_id').where('kind', '=', 'guard.classified_refused').execute();
    expect(told.map((n) => n.user_id)).toContain(id('secrecy_officer'));
    // Nothing was stored; a clean scan of the same document is accepted.
    expect(body<{ total: number }>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming/${d.id}/attachments` })).total).toBe(0);
    expect((await up('scan.txt', '财政部办公厅关于做好年终决算工作的通知')).statusCode).toBe(201);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });
});

describe.each(testDialects())('收文 concurrency on %s', (dialect) => {
  let t: TestApp;
  let clerk: Session;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    clerk = await login(t.app, 'office_clerk');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('concurrent registrations get gapless, unique numbers; a concurrent duplicate is one 201 and one 409', async () => {
    const res = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        injectAs(t.app, clerk, { method: 'POST', url: '/api/incoming', payload: doc({ sourceDocNumber: `并发〔2026〕${i + 1}号` }) }),
      ),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const nums = res.map((r) => Number(/〔2026〕(\d+)号/.exec(body<View>(r).regNo)?.[1])).sort((a, b) => a - b);
    expect(nums).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const same = doc({ sourceDocNumber: '并发〔2026〕999号' });
    const pair = await Promise.all([0, 1].map(() => injectAs(t.app, clerk, { method: 'POST', url: '/api/incoming', payload: same })));
    expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const after = await injectAs(t.app, clerk, { method: 'POST', url: '/api/incoming', payload: doc() });
    expect(body<View>(after).regNo).toBe('收〔2026〕26号');
  });
});

describe.each(testDialects())('收文 demo data on %s', (dialect) => {
  it('seeds a realistic year in every state through the real workflow, once', { timeout: 240_000 }, async () => {
    const t = await createTestApp(dialect);
    try {
      await seedDemoOrg(t.deps);
      const { seedDemoIncoming } = await import('./incoming.seed.js');
      const { created } = await seedDemoIncoming(t.deps);
      expect(created).toBeGreaterThanOrEqual(150);
      expect((await seedDemoIncoming(t.deps)).created).toBe(0);
      const rows = await t.db.kysely
        .selectFrom('incoming_docs')
        .select(['state', 'source_org', 'source_doc_number', 'received_date', 'reg_year', 'reg_seq'])
        .execute();
      expect(rows).toHaveLength(created);
      expect([...new Set(rows.map((x) => x.state))].sort()).toEqual([
        'archived',
        'circulating',
        'completed',
        'handling',
        'proposed',
        'registered',
        'returned',
        'voided',
      ]);
      // Spread over the past twelve months, every month with arrivals.
      const months = new Set(rows.map((x) => x.received_date.slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(12);
      expect(rows.every((x) => x.received_date >= '2025-11-26' && x.received_date <= '2026-11-26')).toBe(true);
      // 财政部 and local bodies; 文号 of the year received (or the year before, for early January).
      const orgs = new Set(rows.map((x) => x.source_org));
      expect(orgs.has('财政部')).toBe(true);
      expect([...orgs].filter((o) => /省|市/.test(o)).length).toBeGreaterThanOrEqual(4);
      for (const x of rows) {
        const year = Number(/〔(\d{4})〕\d+号$/.exec(x.source_doc_number)?.[1]);
        const received = Number(x.received_date.slice(0, 4));
        expect([received, received - 1], x.source_doc_number).toContain(year);
        if (year !== received) expect(x.received_date.slice(5) <= '01-10').toBe(true);
      }
      expect(new Set(rows.map((x) => `${x.source_org}|${x.source_doc_number}`)).size).toBe(rows.length);
      // Numbered per year of registration, gapless, in order of receipt.
      for (const y of new Set(rows.map((x) => Number(x.reg_year)))) {
        const ofYear = rows.filter((x) => Number(x.reg_year) === y).sort((p, q) => Number(p.reg_seq) - Number(q.reg_seq));
        expect(ofYear.map((x) => Number(x.reg_seq))).toEqual(ofYear.map((_, i) => i + 1));
        expect(ofYear.map((x) => x.received_date)).toEqual([...ofYear.map((x) => x.received_date)].sort());
      }
      expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
    } finally {
      await t.close();
    }
  });
});
