import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { InfoFields, InfoList } from '../../../shared/info.js';
import type { NotificationList } from '../../../shared/notify.js';
import type { SearchResponse } from '../../../shared/search.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type View = WorkflowView<InfoFields>;
type Err = { error: { code: string; message: string } };
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = ['div1_staff', 'div1_head', 'div2_staff', 'div2_head', 'office_clerk', 'office_director', 'leader1', 'secrecy_officer', 'sysadmin'] as const;
type U = (typeof USERS)[number];

/*
 * 政务信息 (kind `info`) through its whole life, on both dialects: who may do
 * what in each state, the 保密审查 tied to the revision it judged, 报送's
 * gapless number, adoptions and 批示 with their points, the portal's
 * publication, visibility in lists, search and to-dos, and bad input.
 * The information editor is the office's 文秘 (office_clerk) until the
 * platform has the `info_editor` role.
 */
describe.each(testDialects())('信息报送 API on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  const piece = {
    title: '监管一处开展直达资金监控专项核查',
    infoType: 'news',
    body: '为确保直达资金精准落地，监管一处对辖区内直达资金使用情况开展专项核查。',
    summary: '直达资金专项核查情况',
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (who: U, payload: unknown) => injectAs(t.app, s[who], { method: 'POST', url: '/api/info', payload: payload as Record<string, unknown> });
  const read = (who: U, id: string) => injectAs(t.app, s[who], { method: 'GET', url: `/api/info/${id}` });
  const put = (who: U, id: string, payload: Record<string, unknown>) => injectAs(t.app, s[who], { method: 'PUT', url: `/api/info/${id}`, payload });
  const fire = (who: U, id: string, payload: Record<string, unknown>) =>
    injectAs(t.app, s[who], { method: 'POST', url: `/api/info/${id}/transitions`, payload });
  const ok = async (res: Promise<LightMyRequestResponse>, status = 200): Promise<View> => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return body<View>(r);
  };
  const code = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    return { status: r.statusCode, code: body<Err>(r).error?.code, message: body<Err>(r).error?.message };
  };

  /** A piece of div1 moved to `approved` (or leader_review for 专报) through every step. */
  async function approvedPiece(over: Record<string, unknown> = {}): Promise<View> {
    let v = await ok(create('div1_staff', { ...piece, ...over }), 201);
    v = await ok(fire('div1_staff', v.id, { action: 'submit', version: v.version }));
    v = await ok(fire('div1_head', v.id, { action: 'approve', version: v.version }));
    v = await ok(
      fire('secrecy_officer', v.id, { action: 'secrecy_review', version: v.version, conclusion: 'cleared', publishable: true, opinion: '不涉密，可以公开' }),
    );
    v = await ok(fire('office_clerk', v.id, { action: 'approve', version: v.version }));
    v = await ok(fire('office_director', v.id, { action: 'approve', version: v.version }));
    if (v.state === 'leader_review') v = await ok(fire('leader1', v.id, { action: 'approve', version: v.version }));
    return v;
  }

  it('answers 401 without a session and 403 to the 三员 administrators', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/info' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/info', payload: {} })).statusCode).toBe(401);
    expect((await injectAs(t.app, s.sysadmin, { method: 'GET', url: '/api/info' })).statusCode).toBe(403);
    const r = await code(create('sysadmin', piece));
    expect(r.status).toBe(403);
    expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses bad input with 400 and a Chinese message naming the field', async () => {
    for (const bad of [
      { ...piece, title: '' },
      { ...piece, title: '一行\n两行' },
      { ...piece, title: '长'.repeat(101) },
      { ...piece, infoType: 'rumour' },
      { ...piece, body: '' },
      { ...piece, summary: '长'.repeat(301) },
      { ...piece, writers: ['甲', '乙', '丙', '丁', '戊', '己'] },
      { ...piece, extra: 1 },
      { ...piece, requestId: '0190f0e0-0000-7000-8000-000000000000' },
    ]) {
      const r = await code(create('div1_staff', bad));
      expect(r.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(r.code).toBe('validation');
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // Only staff and heads of a division write pieces.
    expect((await code(create('office_clerk', piece))).status).toBe(403);
    expect((await code(create('leader1', piece))).status).toBe(403);
  });

  it('refuses a classified marking in any text with 422, audited and reported to the secrecy officer', async () => {
    const r = await code(create('div1_staff', { ...piece, body: '根据机密★5年文件精神' }));
    expect(r).toMatchObject({ status: 422, code: 'classified_refused' });
    const v = await ok(create('div1_staff', piece), 201);
    expect((await code(put('div1_staff', v.id, { ...piece, summary: '绝密★长期', version: v.version }))).code).toBe('classified_refused');
    const audit = await t.deps.db.selectFrom('audit_events').select('action').where('action', '=', 'guard.classified_refused').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('drafts, edits with revisions, and keeps a draft within its division', async () => {
    const v = await ok(create('div1_staff', { ...piece, urgent: true, writers: ['周科员'] }), 201);
    expect(v).toMatchObject({
      state: 'draft',
      revision: 1,
      version: 1,
      urgent: true,
      writers: ['周科员'],
      serialNo: null,
      secrecyReview: null,
      points: { total: 0 },
    });
    expect(v.actions.sort()).toEqual(['submit', 'void']);
    expect(v.rights).toMatchObject({ canEdit: true, mayPublish: false });
    // A draft is the division's: the office, leaders, the secrecy officer and another division get 404.
    for (const u of ['office_clerk', 'office_director', 'leader1', 'secrecy_officer', 'div2_staff'] as const)
      expect((await read(u, v.id)).statusCode).toBe(404);
    expect((await read('div1_head', v.id)).statusCode).toBe(200);

    const edited = await ok(put('div1_staff', v.id, { ...piece, title: '直达资金监控专项核查取得阶段性成效', version: 1 }));
    expect(edited).toMatchObject({ revision: 2, version: 2, title: '直达资金监控专项核查取得阶段性成效' });
    expect(edited.revisions.map((r) => [r.revision, r.title])).toEqual([
      [1, piece.title],
      [2, '直达资金监控专项核查取得阶段性成效'],
    ]);
    expect((await code(put('div1_staff', v.id, { ...piece, version: 1 }))).code).toBe('version_conflict');
    expect((await code(put('div1_head', v.id, { ...piece, version: 2 }))).status).toBe(403);
    expect((await code(put('div2_staff', v.id, { ...piece, version: 2 }))).status).toBe(404);
    const audit = await t.deps.db.selectFrom('audit_events').select('action').where('target_id', '=', v.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['info.create', 'info.edit']);
  });

  it('moves through review, needs a current 保密审查 at the office, and returns for rework', async () => {
    let v = await ok(create('div1_staff', piece), 201);
    expect((await code(fire('div1_head', v.id, { action: 'approve', version: v.version }))).code).toBe('invalid_transition');
    v = await ok(fire('div1_staff', v.id, { action: 'submit', version: v.version }));
    expect(v.state).toBe('division_review');
    expect((await code(fire('div1_staff', v.id, { action: 'approve', version: v.version }))).status).toBe(403);
    // The head may edit in 处室审核.
    v = await ok(put('div1_head', v.id, { ...piece, body: `${piece.body}\n核查覆盖 12 个县区。`, version: v.version }));
    expect(v.revision).toBe(2);
    v = await ok(fire('div1_head', v.id, { action: 'approve', version: v.version, comment: '同意报办公室' }));
    expect(v.state).toBe('office_review');
    // Now the office, leaders and the secrecy officer see it.
    for (const u of ['office_clerk', 'leader1', 'secrecy_officer'] as const) expect((await read(u, v.id)).statusCode).toBe(200);

    // No review yet: 409.
    expect((await code(fire('office_clerk', v.id, { action: 'approve', version: v.version }))).code).toBe('invalid_transition');
    // not_cleared + publishable is contradictory.
    expect(
      (
        await code(
          fire('secrecy_officer', v.id, {
            action: 'secrecy_review',
            version: v.version,
            conclusion: 'not_cleared',
            publishable: true,
            opinion: '涉及敏感数据',
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (await code(fire('div1_head', v.id, { action: 'secrecy_review', version: v.version, conclusion: 'cleared', publishable: true, opinion: '可' }))).status,
    ).toBe(403);
    v = await ok(
      fire('office_clerk', v.id, { action: 'secrecy_review', version: v.version, conclusion: 'cleared', publishable: false, opinion: '不涉密，仅供内部报送' }),
    );
    expect(v.secrecyReview).toMatchObject({ conclusion: 'cleared', publishable: false, reviewer: '钱文秘', revision: 2, current: true });
    // The editor edits: the review no longer covers the current text.
    v = await ok(put('office_clerk', v.id, { ...piece, title: '直达资金专项核查覆盖全部县区', version: v.version }));
    expect(v.secrecyReview).toMatchObject({ revision: 2, current: false });
    expect((await code(fire('office_clerk', v.id, { action: 'approve', version: v.version }))).code).toBe('invalid_transition');
    v = await ok(
      fire('secrecy_officer', v.id, { action: 'secrecy_review', version: v.version, conclusion: 'cleared', publishable: true, opinion: '不涉密，可以公开' }),
    );
    // Return from the office: back to the drafter, who sees it as a to-do.
    v = await ok(fire('office_clerk', v.id, { action: 'return', version: v.version, comment: '请补充核查发现的问题' }));
    expect(v.state).toBe('draft');
    const todos = body<TodoList>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/todos' }));
    expect(todos.items.map((i) => i.id)).toContain(v.id);
    expect((await code(fire('office_clerk', v.id, { action: 'return', version: v.version, comment: '再退' }))).status).toBe(404);
  });

  it('routes a 专报 to a leader, reports with a gapless number and scores adoptions and 批示', async () => {
    const news = await approvedPiece();
    expect(news.state).toBe('approved');
    const special = await approvedPiece({ infoType: 'special', title: '关于地方政府债务风险防控的专报' });
    expect(special.state).toBe('approved');
    expect(special.history.map((h) => h.toState)).toContain('leader_review');

    expect((await code(fire('div1_head', news.id, { action: 'report', version: news.version, recipients: ['mof_office'] }))).status).toBe(403);
    expect((await code(fire('office_clerk', news.id, { action: 'report', version: news.version, recipients: [] }))).status).toBe(400);
    const a = await ok(fire('office_clerk', news.id, { action: 'report', version: news.version, recipients: ['mof_office', 'provincial_government'] }));
    const b = await ok(fire('office_director', special.id, { action: 'report', version: special.version, recipients: ['mof_department'] }));
    expect(a).toMatchObject({
      state: 'submitted',
      serialNo: '信〔2026〕1号',
      report: { recipients: ['mof_office', 'provincial_government'], reportedDate: '2026-11-26' },
    });
    expect(b.serialNo).toBe('信〔2026〕2号');
    expect(a.points).toEqual({ submission: 1, adoption: 0, instruction: 0, total: 1 });
    expect((await code(fire('office_clerk', news.id, { action: 'report', version: a.version, recipients: ['mof_office'] }))).code).toBe('invalid_transition');

    // Adoption: active channel of the year, date real, not in the future, not before the report.
    const adopt = (who: U, v: View, p: Record<string, unknown>) => fire(who, v.id, { action: 'record_adoption', version: v.version, ...p });
    expect((await code(adopt('office_clerk', a, { channel: 'nope', adoptedDate: '2026-11-26' }))).status).toBe(400);
    expect((await code(adopt('office_clerk', a, { channel: 'mof_info', adoptedDate: '2026-11-27' }))).status).toBe(400);
    expect((await code(adopt('office_clerk', a, { channel: 'mof_info', adoptedDate: '2026-11-25' }))).status).toBe(400);
    expect((await code(adopt('office_clerk', a, { channel: 'mof_info', adoptedDate: '2026-02-30' }))).status).toBe(400);
    expect((await code(adopt('div1_staff', a, { channel: 'mof_info', adoptedDate: '2026-11-26' }))).status).toBe(403);
    let x = await ok(adopt('office_clerk', a, { channel: 'mof_info', publication: '《财政信息》第 45 期', adoptedDate: '2026-11-26' }));
    expect(x.state).toBe('adopted');
    x = await ok(adopt('office_clerk', x, { channel: 'gov_office', adoptedDate: '2026-11-26' }));
    expect((await code(adopt('office_clerk', x, { channel: 'mof_info', adoptedDate: '2026-11-26' }))).code).toBe('duplicate');
    // 多刊采用累加: 10 + 50; the 专报 doubles: 30 × 2.
    expect(x.points).toMatchObject({ submission: 1, adoption: 60, total: 61 });
    const y = await ok(adopt('office_director', b, { channel: 'mof_special', adoptedDate: '2026-11-26' }));
    expect(y.adoptions).toEqual([expect.objectContaining({ channel: 'mof_special', channelName: '财政部专报信息', level: 'ministry', points: 60 })]);

    // 批示, rule `highest`: a provincial 30, then a ministry 50 counts 20 more, then another provincial nothing.
    const instruct = (v: View, level: string) =>
      fire('office_clerk', v.id, {
        action: 'record_instruction',
        version: v.version,
        level,
        leaderTitle: '财政部副部长',
        content: '此件很好，请推广。',
        instructedDate: '2026-11-26',
      });
    let z = await ok(instruct(x, 'provincial'));
    z = await ok(instruct(z, 'ministry'));
    z = await ok(instruct(z, 'provincial'));
    expect(z.instructions.map((i) => i.points)).toEqual([30, 20, 0]);
    expect(z.points).toEqual({ submission: 1, adoption: 60, instruction: 50, total: 111 });
    expect(
      (
        await code(
          fire('office_clerk', z.id, {
            action: 'record_instruction',
            version: z.version,
            level: 'king',
            leaderTitle: '某',
            content: '某',
            instructedDate: '2026-11-26',
          }),
        )
      ).status,
    ).toBe(400);

    const list = body<InfoList>(await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/info?year=2026&state=adopted' }));
    expect(list.items.find((i) => i.id === z.id)).toMatchObject({
      serialNo: '信〔2026〕1号',
      adoptionCount: 2,
      instructionCount: 3,
      points: 111,
      published: false,
    });
    expect(list.rights.mayCreate).toBe(false);
    expect((await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/info?year=1999' })).statusCode).toBe(400);
    expect((await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/info?published=maybe' })).statusCode).toBe(400);
  });

  it('publishes only with a current cleared publishable review, once; withdraws with a reason', async () => {
    const v = await approvedPiece({ title: '会计信息质量检查发现的共性问题及建议', infoType: 'proposal' });
    expect((await ok(read('office_clerk', v.id))).rights).toMatchObject({ mayPublish: false });
    const dir = await ok(read('office_director', v.id));
    expect(dir.rights).toMatchObject({ mayPublish: true, mayUnpublish: false });
    expect((await code(fire('office_clerk', v.id, { action: 'publish', version: v.version }))).status).toBe(403);
    let p = await ok(fire('office_director', v.id, { action: 'publish', version: v.version, comment: '经审查可以公开' }));
    expect(p).toMatchObject({ state: 'approved', publication: { state: 'published' } });
    expect((await code(fire('office_director', v.id, { action: 'publish', version: p.version }))).code).toBe('invalid_transition');
    expect((await code(fire('div1_head', v.id, { action: 'unpublish', version: p.version, reason: '撤' }))).status).toBe(403);
    expect((await code(fire('secrecy_officer', v.id, { action: 'unpublish', version: p.version }))).status).toBe(400);
    p = await ok(fire('secrecy_officer', v.id, { action: 'unpublish', version: p.version, reason: '涉及未公开的检查数据' }));
    expect(p.publication).toMatchObject({ state: 'withdrawn', reason: '涉及未公开的检查数据' });
    expect((await code(fire('secrecy_officer', v.id, { action: 'unpublish', version: p.version, reason: '再撤' }))).code).toBe('invalid_transition');
    const log = body<{ items: { action: string; reason: string | null; actor: string }[] }>(
      await injectAs(t.app, s.secrecy_officer, { method: 'GET', url: '/api/info/portal-log' }),
    );
    expect(log.items.filter((l) => l.actor === '冯保密员')[0]).toMatchObject({ action: 'unpublish', reason: '涉及未公开的检查数据' });
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/info/portal-log' })).statusCode).toBe(403);

    // A piece whose review said "not publishable" cannot go up.
    let q = await ok(create('div2_staff', { ...piece, title: '转移支付资金监管情况' }), 201);
    q = await ok(fire('div2_staff', q.id, { action: 'submit', version: q.version }));
    q = await ok(fire('div2_head', q.id, { action: 'approve', version: q.version }));
    q = await ok(fire('office_clerk', q.id, { action: 'secrecy_review', version: q.version, conclusion: 'cleared', publishable: false, opinion: '不宜公开' }));
    q = await ok(fire('office_clerk', q.id, { action: 'approve', version: q.version }));
    q = await ok(fire('office_director', q.id, { action: 'approve', version: q.version }));
    expect((await code(fire('office_director', q.id, { action: 'publish', version: q.version }))).code).toBe('invalid_transition');
  });

  it('voids a draft, hides it from the office, and keeps it (nothing is deleted)', async () => {
    const v = await ok(create('div1_staff', { ...piece, title: '拟作废的信息' }), 201);
    expect((await code(fire('div1_staff', v.id, { action: 'void', version: v.version }))).status).toBe(400);
    const x = await ok(fire('div1_head', v.id, { action: 'void', version: v.version, reason: '内容重复' }));
    expect(x.state).toBe('voided');
    expect((await read('office_director', v.id)).statusCode).toBe(404);
    expect((await read('div1_staff', v.id)).statusCode).toBe(200);
  });

  it('lists, searches and to-dos only what the reader may open', async () => {
    const v = await ok(create('div2_staff', { ...piece, title: '预算执行监控月度分析独有标题' }), 201);
    const find = async (who: U) =>
      body<SearchResponse>(
        await injectAs(t.app, s[who], { method: 'GET', url: `/api/search?q=${encodeURIComponent('预算执行监控月度分析独有标题')}` }),
      ).items.map((h) => h.id);
    expect(await find('div2_head')).toContain(v.id);
    for (const u of ['div1_staff', 'office_clerk', 'leader1'] as const) expect(await find(u)).not.toContain(v.id);
    const idsOf = async (who: U) => body<InfoList>(await injectAs(t.app, s[who], { method: 'GET', url: '/api/info?pageSize=100' })).items.map((i) => i.id);
    expect(await idsOf('div2_staff')).toContain(v.id);
    expect(await idsOf('office_director')).not.toContain(v.id);
    const sub = await ok(fire('div2_staff', v.id, { action: 'submit', version: v.version }));
    const headTodos = body<TodoList>(await injectAs(t.app, s.div2_head, { method: 'GET', url: '/api/todos' }));
    expect(headTodos.items.map((i) => i.id)).toContain(v.id);
    const up = await ok(fire('div2_head', v.id, { action: 'approve', version: sub.version }));
    expect(await find('office_clerk')).toContain(v.id);
    expect(await find('div1_staff')).not.toContain(v.id);
    for (const u of ['office_clerk', 'secrecy_officer'] as const) {
      const todos = body<TodoList>(await injectAs(t.app, s[u], { method: 'GET', url: '/api/todos' }));
      expect(todos.items.map((i) => i.id)).toContain(up.id);
    }
    await ok(fire('secrecy_officer', v.id, { action: 'secrecy_review', version: up.version, conclusion: 'cleared', publishable: true, opinion: '可以公开' }));
    const after = body<TodoList>(await injectAs(t.app, s.secrecy_officer, { method: 'GET', url: '/api/todos' }));
    expect(after.items.map((i) => i.id)).not.toContain(up.id);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
  it('tells the next actor at each step, and the drafter and head of returns, reports, adoptions, 批示 and publication', async () => {
    const kindsOf = async (who: U, id: string) =>
      body<NotificationList>(await injectAs(t.app, s[who], { method: 'GET', url: '/api/notifications?pageSize=100' }))
        .items.filter((n) => n.link === `/info/${id}`)
        .map((n) => n.kind)
        .sort();
    let v = await ok(create('div2_staff', { ...piece, title: '通知测试信息', infoType: 'special' }), 201);
    v = await ok(fire('div2_staff', v.id, { action: 'submit', version: v.version }));
    expect(await kindsOf('div2_head', v.id)).toEqual(['info.submit']);
    v = await ok(fire('div2_head', v.id, { action: 'approve', version: v.version }));
    expect(await kindsOf('office_clerk', v.id)).toEqual(['info.approve']);
    expect(await kindsOf('secrecy_officer', v.id)).toEqual(['info.approve']);
    v = await ok(
      fire('secrecy_officer', v.id, { action: 'secrecy_review', version: v.version, conclusion: 'cleared', publishable: true, opinion: '可以公开' }),
    );
    v = await ok(fire('office_clerk', v.id, { action: 'approve', version: v.version }));
    expect(await kindsOf('office_director', v.id)).toEqual(['info.approve']);
    v = await ok(fire('office_director', v.id, { action: 'approve', version: v.version }));
    // A 专报 goes to a leader, whose to-do it is now.
    expect(v.state).toBe('leader_review');
    expect(await kindsOf('leader1', v.id)).toEqual(['info.approve']);
    const leaderTodos = body<TodoList>(await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/todos' }));
    expect(leaderTodos.items.map((i) => i.id)).toContain(v.id);
    v = await ok(fire('leader1', v.id, { action: 'return', version: v.version, comment: '请补充数据来源' }));
    expect(await kindsOf('div2_staff', v.id)).toEqual(['info.return']);
    expect(await kindsOf('div2_head', v.id)).toEqual(['info.return', 'info.submit']);
    // Back in the division: the office no longer sees it.
    expect((await read('office_clerk', v.id)).statusCode).toBe(404);
  });

  it('answers the policy table: who sees a piece in each state', async () => {
    const v = await approvedPiece({ title: '可见性表测试' });
    const seen = async (who: U) => (await read(who, v.id)).statusCode;
    expect({
      div1_staff: await seen('div1_staff'),
      div1_head: await seen('div1_head'),
      div2_staff: await seen('div2_staff'),
      div2_head: await seen('div2_head'),
      office_clerk: await seen('office_clerk'),
      office_director: await seen('office_director'),
      leader1: await seen('leader1'),
      secrecy_officer: await seen('secrecy_officer'),
    }).toEqual({
      div1_staff: 200,
      div1_head: 200,
      div2_staff: 404,
      div2_head: 404,
      office_clerk: 200,
      office_director: 200,
      leader1: 200,
      secrecy_officer: 200,
    });
    // The editor's to-do: 待报送.
    const todos = body<TodoList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/todos' }));
    expect(todos.items.find((i) => i.id === v.id)).toMatchObject({ kind: 'info', state: 'approved' });
  });
  it('refuses every action to those who may not fire it (403), or who may not see the piece (404)', async () => {
    const v = await approvedPiece({ title: '动作权限表测试' });
    const reported = await ok(fire('office_director', v.id, { action: 'report', version: v.version, recipients: ['mof_office'] }));
    const payloads: Record<string, Record<string, unknown>> = {
      record_adoption: { channel: 'mof_info', adoptedDate: '2026-11-26' },
      record_instruction: { level: 'ministry', leaderTitle: '部长', content: '阅', instructedDate: '2026-11-26' },
      publish: {},
      unpublish: { reason: '撤' },
    };
    const table: Record<string, Partial<Record<U, number>>> = {
      record_adoption: { div1_staff: 403, div1_head: 403, leader1: 403, secrecy_officer: 403, div2_staff: 404 },
      record_instruction: { div1_staff: 403, div1_head: 403, leader1: 403, secrecy_officer: 403, div2_head: 404 },
      publish: { office_clerk: 403, leader1: 403, secrecy_officer: 403, div1_head: 403 },
      unpublish: { leader1: 403, div1_staff: 403 },
    };
    for (const [action, refusals] of Object.entries(table)) {
      for (const [who, status] of Object.entries(refusals)) {
        const r = await fire(who as U, reported.id, { action, version: reported.version, ...payloads[action] });
        expect(r.statusCode, `${who} ${action}`).toBe(status);
      }
    }
    // The piece is unchanged by all of that.
    expect((await ok(read('office_director', reported.id))).version).toBe(reported.version);
  });
});
