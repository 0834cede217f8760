import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type {
  DivisionView,
  ImportResult,
  SupervisionFields,
  SupervisionList,
  SupervisionOptions,
  SupervisionSettings,
  WeeklyReport,
} from '../../../shared/supervision.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import type { Actor } from '../../core/http/actor.js';
import { actingFor, createDelegation } from '../../core/org/org.delegation.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { supervisionWorkflow } from './supervision.workflow.js';
import { linkHook, linksTo, type LinkHookCall } from '../../core/links/links.service.js';
import { registerLinkHook } from '../../core/links/links.events.js';
import { weeklyUpdateCheck } from './supervision.jobs.js';
import { createFromIncoming } from './supervision.service.js';

type View = WorkflowView<SupervisionFields>;
interface ErrorBody {
  error: { code: string; message: string; details?: { errors?: { row: number; column: string | null; message: string }[] } };
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

async function docxXml(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  return xml;
}
/** The visible text of a .docx body: the runs joined, so a word split across runs still matches. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe.each(testDialects())('督办 API on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let opts: SupervisionOptions;
  let div1 = '';
  let div2 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    opts = body<SupervisionOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = opts.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  /** Moving the clock days ahead ends the sessions (idle timeout): sign in again at the new time. */
  const setClock = async (at: string) => {
    t.clock.set(at);
    for (const u of USERS) s[u] = await login(t.app, u);
  };
  afterAll(async () => {
    await t?.close();
  });

  let n = 0;
  const item = (over: Record<string, unknown> = {}) => {
    n++;
    return {
      title: `落实局长办公会关于加强预算执行监管的决定（${n}）`,
      content: '对中央预算单位预算执行情况开展专项监管，形成监管报告报局党组。',
      source: 'director_meeting',
      sourceRef: '2026年第12次局长办公会',
      instruction: '请监管一处牵头，12月底前报送结果。',
      leadDivisionId: div1,
      deadline: '2026-12-31',
      kind: 'key',
      ...over,
    };
  };
  const create = (as: U, payload: unknown, key?: string) =>
    injectAs(t.app, s[as], {
      method: 'POST',
      url: '/api/supervision',
      payload: payload as Record<string, unknown>,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const get = (as: U, id: string) => injectAs(t.app, s[as], { method: 'GET', url: `/api/supervision/${id}` });
  const fire = (as: U, id: string, payload: Record<string, unknown>, key?: string) =>
    injectAs(t.app, s[as], { method: 'POST', url: `/api/supervision/${id}/transitions`, payload, headers: key ? { 'idempotency-key': key } : {} });
  const ok = (res: LightMyRequestResponse, status = 200): View => {
    expect(res.statusCode, res.body).toBe(status);
    return body<View>(res);
  };
  const created = async (over: Record<string, unknown> = {}) => ok(await create('office_clerk', item(over)), 201);
  const accepted = async (over: Record<string, unknown> = {}) => {
    const v = await created(over);
    const head = v.leadDivision.id === div2 ? 'div2_head' : 'div1_head';
    return ok(await fire(head, v.id, { action: 'accept', version: v.version }));
  };

  it('create: 401, then 403 for roles that may not, 400 for bad input, 201 with a gapless number and a light; a replay creates nothing', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/supervision', payload: item() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/supervision' })).statusCode).toBe(401);
    // Every read answers 401 without a session, before its query is looked at.
    for (const url of [
      '/api/supervision/weekly-report',
      '/api/supervision/weekly-report?week=bogus',
      '/api/supervision/weekly-report.docx',
      '/api/supervision/export.xlsx',
      '/api/supervision/export.xlsx?state=bogus',
      '/api/supervision/division',
      '/api/supervision/settings',
      '/api/supervision/options',
      '/api/supervision/00000000-0000-7000-8000-000000000000',
      '/api/supervision/00000000-0000-7000-8000-000000000000/reminders/00000000-0000-7000-8000-000000000001/notice.docx',
    ]) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(body<ErrorBody>(r).error.message, url).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/supervision/settings', payload: { updateWeekday: 1, dueSoonWorkdays: 3, version: 0 } })).statusCode,
    ).toBe(401);
    expect((await create('sysadmin', { bogus: 1 })).statusCode).toBe(403);
    expect((await create('div1_head', item())).statusCode).toBe(403);
    expect((await create('div1_staff', item())).statusCode).toBe(403);
    for (const bad of [
      {},
      { ...item(), extra: 1 },
      { ...item(), title: '' },
      { ...item(), title: 'x'.repeat(201) },
      { ...item(), deadline: '2026-02-30' },
      { ...item(), source: 'rumour' },
      { ...item(), kind: 'urgent' },
      { ...item(), assistDivisionIds: [div1] },
      { ...item(), milestones: [{ title: '调研', dueDate: '2027-01-05' }] },
      { ...item(), deadline: '2026-11-01' },
      { ...item(), leadDivisionId: 'nope' },
      { ...item(), content: 'a\u0000b' },
    ]) {
      const r = await create('office_clerk', bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(body<ErrorBody>(r).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const secret = await create('office_clerk', item({ content: '密级：机密★10年 的文件内容' }));
    expect(secret.statusCode).toBe(422);

    const first = await created({ assistDivisionIds: [div2], milestones: [{ title: '完成调研', dueDate: '2026-12-10' }] });
    expect(first).toMatchObject({
      state: 'open',
      number: '督〔2026〕1号',
      light: 'green',
      leadDivision: { id: div1, name: '监管一处' },
      assistDivisions: [{ id: div2, name: '监管二处' }],
    });
    expect(first.milestones).toHaveLength(1);
    expect(first.actions).toEqual(['remind']);
    const same = item();
    const a = await create('leader1', same, 'create-key-1');
    const b = await create('leader1', same, 'create-key-1');
    expect(a.statusCode).toBe(201);
    expect(b.body).toBe(a.body);
    expect(body<View>(a).number).toBe('督〔2026〕2号');
    expect((await created()).number).toBe('督〔2026〕3号');
  });

  it('visibility: office and leaders see all; divisions what they lead or assist; others 404, and lists are filtered in SQL', async () => {
    const onlyDiv1 = await created();
    const withDiv2 = await created({ assistDivisionIds: [div2] });
    for (const u of ['office_clerk', 'office_director', 'leader2', 'div1_staff'] as const) expect((await get(u, onlyDiv1.id)).statusCode, u).toBe(200);
    for (const u of ['div2_head', 'div2_staff', 'secrecy_officer'] as const) {
      const r = await get(u, onlyDiv1.id);
      expect(r.statusCode, u).toBe(404);
      expect(body<ErrorBody>(r).error.code).toBe('not_found');
    }
    expect((await get('sysadmin', onlyDiv1.id)).statusCode).toBe(403);
    expect((await get('div2_staff', withDiv2.id)).statusCode).toBe(200);
    const list2 = body<SupervisionList>(await injectAs(t.app, s.div2_staff, { method: 'GET', url: '/api/supervision?pageSize=100' }));
    expect(list2.items.some((i) => i.id === onlyDiv1.id)).toBe(false);
    expect(list2.items.some((i) => i.id === withDiv2.id)).toBe(true);
    const all = body<SupervisionList>(await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/supervision?pageSize=100' }));
    expect(all.total).toBeGreaterThan(list2.total);
    expect(body<SupervisionList>(await injectAs(t.app, s.secrecy_officer, { method: 'GET', url: '/api/supervision' })).total).toBe(0);
    // A transition by someone who cannot see the item is a 404 too, not a 403.
    expect((await fire('div2_head', onlyDiv1.id, { action: 'accept', version: onlyDiv1.version })).statusCode).toBe(404);
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision?pageSize=1000' })).statusCode).toBe(400);
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision?light=purple' })).statusCode).toBe(400);
  });

  it('accept → progress → extension → closure rejected → closure approved (销号), each by its role only, versioned, idempotent and audited', async () => {
    const v0 = await created({ assistDivisionIds: [div2], ownerId: s.div1_staff.user.id, milestones: [{ title: '完成调研', dueDate: '2026-12-10' }] });
    expect(v0.owner).toEqual({ id: s.div1_staff.user.id, name: '周科员' });
    // Before anything else: unknown action and bad payload 400, wrong role 403, stale version 409.
    expect((await fire('div1_head', v0.id, { action: 'fly', version: v0.version })).statusCode).toBe(400);
    expect((await fire('div1_head', v0.id, { action: 'accept', version: v0.version, extra: 1 })).statusCode).toBe(400);
    expect((await fire('div1_staff', v0.id, { action: 'accept', version: v0.version })).statusCode).toBe(403);
    expect((await fire('div2_head', v0.id, { action: 'accept', version: v0.version })).statusCode).toBe(403);
    expect((await fire('office_clerk', v0.id, { action: 'accept', version: v0.version })).statusCode).toBe(403);
    expect(body<ErrorBody>(await fire('div1_head', v0.id, { action: 'accept', version: v0.version + 5 })).error.code).toBe('version_conflict');
    expect(body<ErrorBody>(await fire('div1_head', v0.id, { action: 'progress', version: v0.version, content: '已开展' })).error.code).toBe(
      'invalid_transition',
    );
    const r1 = await fire('div1_head', v0.id, { action: 'accept', version: v0.version }, 'accept-1');
    const r2 = await fire('div1_head', v0.id, { action: 'accept', version: v0.version }, 'accept-1');
    const v1 = ok(r1);
    expect(r2.body).toBe(r1.body);
    expect(v1.state).toBe('in_progress');
    expect(body<ErrorBody>(await fire('div1_head', v0.id, { action: 'accept', version: v1.version })).error.code).toBe('invalid_transition');

    expect((await fire('div2_staff', v1.id, { action: 'progress', version: v1.version, content: '协办' })).statusCode).toBe(403);
    expect((await fire('div1_staff', v1.id, { action: 'progress', version: v1.version, content: '', percent: 20 })).statusCode).toBe(400);
    expect((await fire('div1_staff', v1.id, { action: 'progress', version: v1.version, content: '进展', percent: 120 })).statusCode).toBe(400);
    expect((await fire('div1_staff', v1.id, { action: 'progress', version: v1.version, content: '进展', milestonesDone: ['x'] })).statusCode).toBe(400);
    const v2 = ok(
      await fire('div1_staff', v1.id, {
        action: 'progress',
        version: v1.version,
        content: '已完成对 12 家预算单位的现场调研。',
        percent: 40,
        coordination: '需办公室协调财政部预算司提供数据',
        milestonesDone: [v0.milestones[0]?.id ?? ''],
      }),
    );
    expect(v2).toMatchObject({
      percent: 40,
      updates: [{ content: '已完成对 12 家预算单位的现场调研。', percent: 40, unitName: '监管一处', userName: '周科员', week: '2026-W48' }],
    });
    expect(v2.milestones[0]?.doneAt).not.toBeNull();

    // Extensions: the lead division head asks before the deadline; a leader decides.
    expect((await fire('div1_staff', v2.id, { action: 'request_extension', version: v2.version, reason: '数据未到', deadline: '2027-01-15' })).statusCode).toBe(
      403,
    );
    expect((await fire('div1_head', v2.id, { action: 'request_extension', version: v2.version, reason: '数据未到', deadline: '2026-12-01' })).statusCode).toBe(
      400,
    );
    const v3 = ok(
      await fire('div1_head', v2.id, { action: 'request_extension', version: v2.version, reason: '预算司数据12月中旬才能提供', deadline: '2027-01-15' }),
    );
    expect(v3.extensions).toMatchObject([{ state: 'pending', requestedDeadline: '2027-01-15', previousDeadline: '2026-12-31' }]);
    expect(v3.actions).not.toContain('request_extension');
    expect((await fire('office_director', v3.id, { action: 'approve_extension', version: v3.version })).statusCode).toBe(403);
    const leaderView = ok(await get('leader1', v3.id));
    expect(leaderView.actions).toEqual(expect.arrayContaining(['approve_extension', 'refuse_extension', 'suspend']));
    const v4 = ok(await fire('leader1', v3.id, { action: 'approve_extension', version: v3.version, comment: '同意' }));
    expect(v4).toMatchObject({ deadline: '2027-01-15', originalDeadline: '2026-12-31', deadlineExtended: true });

    expect((await fire('div1_staff', v4.id, { action: 'request_closure', version: v4.version, result: '已完成' })).statusCode).toBe(403);
    const v5 = ok(await fire('div1_head', v4.id, { action: 'request_closure', version: v4.version, result: '形成专项监管报告，已报局党组。' }));
    expect(v5).toMatchObject({ state: 'closure_requested', closureResult: '形成专项监管报告，已报局党组。', light: 'green' });
    expect((await fire('office_director', v5.id, { action: 'approve_closure', version: v5.version })).statusCode).toBe(403);
    for (const u of ['office_director', 'office_clerk', 'div1_head'] as const) {
      expect((await fire(u, v5.id, { action: 'reject_closure', version: v5.version, comment: '请补充。' })).statusCode, u).toBe(403);
    }
    expect((await fire('leader1', v5.id, { action: 'reject_closure', version: v5.version, comment: '' })).statusCode).toBe(400);
    const v6 = ok(await fire('leader1', v5.id, { action: 'reject_closure', version: v5.version, comment: '请补充整改情况。' }));
    expect(v6).toMatchObject({ state: 'in_progress', reviewComment: '请补充整改情况。' });
    const v7 = ok(await fire('div1_head', v6.id, { action: 'request_closure', version: v6.version, result: '报告已补充整改情况。' }));
    // Evidence is attached while open; after 销号 nothing is added.
    const up = await injectAs(t.app, s.div1_head, {
      method: 'POST',
      url: `/api/supervision/${v7.id}/attachments`,
      payload: multipart('整改报告.txt', '专项监管整改报告：已完成整改。'),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const v8 = ok(await fire('leader2', v7.id, { action: 'approve_closure', version: v7.version, comment: '同意销号。' }));
    expect(v8).toMatchObject({ state: 'closed', closedBy: '李副局长', reviewComment: '同意销号。', percent: 100, light: 'green', actions: [] });
    expect(v8.history.map((h) => h.action)).toEqual([
      'create',
      'accept',
      'progress',
      'request_extension',
      'approve_extension',
      'request_closure',
      'reject_closure',
      'request_closure',
      'approve_closure',
    ]);
    const late = await injectAs(t.app, s.div1_head, {
      method: 'POST',
      url: `/api/supervision/${v8.id}/attachments`,
      payload: multipart('补充.txt', '补充材料'),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(late.statusCode).toBe(403);
    const files = body<{ total: number }>(await injectAs(t.app, s.leader1, { method: 'GET', url: `/api/supervision/${v8.id}/attachments` }));
    expect(files.total).toBe(1);
    const audit = await t.deps.db.selectFrom('audit_events').select('action').where('target_id', '=', v8.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['supervision.create', 'supervision.accept', 'supervision.approve_closure']));
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('a late item cannot ask for an extension and stays measured against its deadline (red)', async () => {
    const v = await accepted({ deadline: '2026-11-30' });
    await setClock('2026-12-02T02:00:00.000Z');
    try {
      const r = await fire('div1_head', v.id, { action: 'request_extension', version: v.version, reason: '来不及', deadline: '2026-12-20' });
      expect(r.statusCode).toBe(409);
      expect(body<ErrorBody>(r).error).toMatchObject({ code: 'invalid_transition' });
      expect(body<ErrorBody>(r).error.message).toContain('按原时限考核');
      const now = ok(await get('office_clerk', v.id));
      expect(now).toMatchObject({ light: 'red', deadline: '2026-11-30' });
      expect(now.lightReasons[0]).toBe('已超过办结时限 2026-11-30（逾期 2 个工作日）');
      const red = body<SupervisionList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision?light=red&pageSize=100' }));
      expect(red.items.map((i) => i.id)).toContain(v.id);
      expect(red.items.every((i) => i.light === 'red')).toBe(true);
    } finally {
      await setClock('2026-11-26T02:00:00.000Z');
    }
  });

  it('refused extension keeps the deadline; suspend and resume (blue while suspended) by leader or office director only', async () => {
    const v = await accepted();
    const e = ok(await fire('div1_head', v.id, { action: 'request_extension', version: v.version, reason: '人手不足', deadline: '2027-02-01' }));
    for (const u of ['office_director', 'office_clerk', 'div1_head'] as const) {
      expect((await fire(u, e.id, { action: 'refuse_extension', version: e.version, reason: '请按期完成' })).statusCode, u).toBe(403);
    }
    expect((await fire('leader1', e.id, { action: 'refuse_extension', version: e.version })).statusCode).toBe(400);
    const r = ok(await fire('leader1', e.id, { action: 'refuse_extension', version: e.version, reason: '请按期完成' }));
    expect(r).toMatchObject({ deadline: '2026-12-31', extensions: [{ state: 'refused', comment: '请按期完成' }] });
    expect((await fire('office_clerk', r.id, { action: 'suspend', version: r.version, reason: '政策调整' })).statusCode).toBe(403);
    expect((await fire('div1_head', r.id, { action: 'suspend', version: r.version, reason: '政策调整' })).statusCode).toBe(403);
    const sus = ok(await fire('office_director', r.id, { action: 'suspend', version: r.version, reason: '上级政策调整，暂缓执行' }));
    expect(sus).toMatchObject({ state: 'suspended', light: 'blue', suspendReason: '上级政策调整，暂缓执行' });
    // The rights sent with the item are what the attachment route does: the office adds material to a suspended item, the division does not.
    for (const [u, may] of [
      ['office_clerk', true],
      ['div1_head', false],
    ] as const) {
      expect(ok(await get(u, sus.id)).rights, u).toEqual({ mayAttach: may });
      const up = await injectAs(t.app, s[u], {
        method: 'POST',
        url: `/api/supervision/${sus.id}/attachments`,
        payload: multipart('暂缓说明.txt', '暂缓期间的情况说明'),
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect(up.statusCode, u).toBe(may ? 201 : 403);
    }
    const mayCreate = async (u: U) => body<SupervisionList>(await injectAs(t.app, s[u], { method: 'GET', url: '/api/supervision' })).rights.mayCreate;
    expect([await mayCreate('office_clerk'), await mayCreate('leader1'), await mayCreate('div1_head')]).toEqual([true, true, false]);
    expect(body<ErrorBody>(await fire('office_clerk', sus.id, { action: 'remind', version: sus.version, message: '请办理' })).error.code).toBe(
      'invalid_transition',
    );
    for (const u of ['office_clerk', 'div1_head', 'div1_staff'] as const) {
      expect((await fire(u, sus.id, { action: 'resume', version: sus.version })).statusCode, u).toBe(403);
    }
    const back = ok(await fire('leader1', sus.id, { action: 'resume', version: sus.version }));
    expect(back).toMatchObject({ state: 'in_progress', suspendReason: null });
    expect(back.light).not.toBe('blue');
  });

  it('催办: office roles only; the notice goes to the division head as a notification and as a .docx 催办单', async () => {
    const v = await created({ ownerId: s.div1_staff.user.id });
    expect((await fire('div1_head', v.id, { action: 'remind', version: v.version, message: '请抓紧' })).statusCode).toBe(403);
    expect((await fire('leader1', v.id, { action: 'remind', version: v.version, message: '请抓紧' })).statusCode).toBe(403);
    expect((await fire('office_clerk', v.id, { action: 'remind', version: v.version, message: '' })).statusCode).toBe(400);
    const r = ok(await fire('office_clerk', v.id, { action: 'remind', version: v.version, message: '请于本周五前签收并报送办理计划。' }));
    expect(r.state).toBe('open');
    expect(r.reminders).toHaveLength(1);
    const notes = body<{ items: { title: string; link: string }[] }>(await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/notifications' }));
    expect(notes.items.some((x) => x.title.startsWith('【催办】') && x.link === `/supervision/${v.id}`)).toBe(true);
    const staffNotes = body<{ items: { title: string }[] }>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/notifications' }));
    expect(staffNotes.items.some((x) => x.title.startsWith('【催办】'))).toBe(true);
    const url = r.reminders[0]?.noticeUrl ?? '';
    expect((await injectAs(t.app, s.div2_head, { method: 'GET', url })).statusCode).toBe(404);
    const doc = await injectAs(t.app, s.div1_head, { method: 'GET', url });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const xml = await docxXml(doc.rawPayload);
    const text = textOf(xml);
    expect(text).toContain('督办催办单');
    expect(text).toContain(r.number);
    expect(text).toContain('请于本周五前签收并报送办理计划。');
    expect(text).toContain('监管一处');
    expect(xml).toContain('w:color w:val="C00000"');
    expect(xml).toContain('仿宋_GB2312');
  });

  it('settings: only the office director changes the weekday, versioned; the division view lists what is owed', async () => {
    const cur = body<SupervisionSettings>(await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/supervision/settings' }));
    expect(cur).toMatchObject({ updateWeekday: 5, dueSoonWorkdays: 3 });
    expect(
      (
        await injectAs(t.app, s.office_clerk, {
          method: 'PUT',
          url: '/api/supervision/settings',
          payload: { updateWeekday: 4, dueSoonWorkdays: 3, version: cur.version },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await injectAs(t.app, s.office_director, {
          method: 'PUT',
          url: '/api/supervision/settings',
          payload: { updateWeekday: 9, dueSoonWorkdays: 3, version: cur.version },
        })
      ).statusCode,
    ).toBe(400);
    const unknownKey = await injectAs(t.app, s.office_director, {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: { updateWeekday: 4, dueSoonWorkdays: 3, version: cur.version, reminderHour: 9 },
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(body<ErrorBody>(unknownKey).error.message).toMatch(/[\u4e00-\u9fff]/);
    const upd = await injectAs(t.app, s.office_director, {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: { updateWeekday: 4, dueSoonWorkdays: 3, version: cur.version },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(
      (
        await injectAs(t.app, s.office_director, {
          method: 'PUT',
          url: '/api/supervision/settings',
          payload: { updateWeekday: 4, dueSoonWorkdays: 3, version: cur.version },
        })
      ).statusCode,
    ).toBe(409);
    // Thursday is now the due day: an accepted item with no update this week is yellow today.
    const v = await accepted();
    await t.deps.db
      .updateTable('supervision_items')
      .set({ created_at: '2026-11-16T02:00:00.000Z', last_update_at: '2026-11-20T02:00:00.000Z' })
      .where('id', '=', v.id)
      .execute();
    expect(ok(await get('div1_head', v.id))).toMatchObject({ light: 'yellow', updateMissingThisWeek: true, updateDueDate: '2026-11-26' });
    const mine = body<DivisionView>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/supervision/division' }));
    expect(mine.division.name).toBe('监管一处');
    const row = mine.items.find((i) => i.id === v.id);
    expect(row?.owes).toContain('本周进展未报送（应于 2026-11-26 报送）');
    expect((await injectAs(t.app, s.div2_staff, { method: 'GET', url: `/api/supervision/division?divisionId=${div1}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/supervision/division?divisionId=${div1}` })).statusCode).toBe(200);
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/division?week=2026-48' })).statusCode).toBe(400);
    const todos = body<TodoList>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/todos' }));
    expect(todos.items.some((i) => i.kind === 'supervision' && i.id === v.id)).toBe(true);
    const back = body<SupervisionSettings>(upd);
    await injectAs(t.app, s.office_director, {
      method: 'PUT',
      url: '/api/supervision/settings',
      payload: { updateWeekday: 5, dueSoonWorkdays: 3, version: back.version },
    });
  });

  it('from a 收文 批办 in one step, linked both ways; 销号 tells the linked 收文 through its link hook', async () => {
    const seen: LinkHookCall<'supervision.closed'>[] = [];
    // Listens in for 收文's hook during this test only (the real one finds no document 'incoming-doc-1').
    const undo = registerLinkHook(
      linkHook({
        on: 'supervision.closed',
        kind: 'incoming',
        async handle(_deps, _trx, call) {
          seen.push(call);
        },
      }),
    );
    const leader: Actor = {
      id: s.leader1.user.id,
      username: 'leader1',
      name: '王局长',
      unitId: s.leader1.user.unitId,
      roles: ['leader'],
      sessionId: 'test',
      ip: '127.0.0.1',
    };
    const made = await createFromIncoming(t.deps, leader, {
      incomingId: 'incoming-doc-1',
      title: '关于报送2026年度财政监管工作总结的通知',
      content: '按财政部要求报送年度工作总结。',
      instruction: '请监管一处牵头起草，12月20日前报我。',
      leadDivisionId: div1,
      deadline: '2026-12-20',
      sourceRef: '收〔2026〕12号',
    });
    await expect(
      createFromIncoming(t.deps, leader, {
        incomingId: 'incoming-doc-1',
        title: 'x',
        content: 'x',
        instruction: 'x',
        leadDivisionId: div1,
        deadline: '2026-12-20',
      }),
    ).rejects.toMatchObject({ code: 'duplicate' });
    const v = ok(await get('div1_head', made.id));
    expect(v).toMatchObject({
      source: 'incoming',
      incoming: { id: 'incoming-doc-1' },
      instruction: '请监管一处牵头起草，12月20日前报我。',
      sourceRef: '收〔2026〕12号',
    });
    const a = ok(await fire('div1_head', v.id, { action: 'accept', version: v.version }));
    const c = ok(await fire('div1_head', a.id, { action: 'request_closure', version: a.version, result: '总结已报送。' }));
    ok(await fire('leader1', c.id, { action: 'approve_closure', version: c.version }));
    undo();
    expect(await linksTo(t.deps.db, { kind: 'supervision', id: made.id })).toMatchObject([
      { source: { kind: 'incoming', id: 'incoming-doc-1' }, relation: 'supervise', createdBy: leader.id },
    ]);
    expect(seen).toMatchObject([
      {
        id: 'incoming-doc-1',
        link: { source: { kind: 'incoming', id: 'incoming-doc-1' }, target: { kind: 'supervision', id: made.id } },
        payload: { itemId: made.id, number: made.number, result: '总结已报送。', comment: null, actor: { id: s.leader1.user.id } },
      },
    ]);
  });

  it("a delegate approves 销号 in the leader's name (委托/代理): both names are kept; the OpenAPI document lists the routes", async () => {
    const asActor = (u: U): Actor => ({
      id: s[u].user.id,
      username: u,
      name: s[u].user.name,
      unitId: s[u].user.unitId,
      roles: s[u].user.roles,
      sessionId: 'test',
      ip: '127.0.0.1',
    });
    await createDelegation(t.deps, asActor('leader1'), {
      delegateId: s.office_director.user.id,
      startsAt: '2026-11-26T00:00:00.000Z',
      endsAt: '2026-12-10T00:00:00.000Z',
      reason: '出差',
    });
    const v = await accepted();
    const c = ok(await fire('div1_head', v.id, { action: 'request_closure', version: v.version, result: '已办结。' }));
    const delegate = await actingFor(t.deps, asActor('office_director'), s.leader1.user.id);
    await fireTransition(t.deps, supervisionWorkflow, { id: c.id, action: 'approve_closure', version: c.version, payload: {}, actor: delegate });
    const closed = ok(await get('office_clerk', c.id));
    expect(closed.closedBy).toBe('王局长（赵主任代）');
    expect(closed.history.at(-1)).toMatchObject({ action: 'approve_closure', actor: '赵主任', onBehalfOf: { name: '王局长' } });
    const docs = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/docs' })).body) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/supervision',
      '/api/supervision/{id}/transitions',
      '/api/supervision/weekly-report',
      '/api/supervision/weekly-report.docx',
      '/api/supervision/export.xlsx',
      '/api/supervision/import',
      '/api/supervision/division',
    ]) {
      expect(Object.keys(docs.paths), p).toContain(p);
    }
  });

  it('ledger: .xlsx export with the ledger columns and lights; import validates every row and imports all or nothing', async () => {
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/supervision/export.xlsx?state=bogus' })).statusCode).toBe(400);
    const res = await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/export.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toBe('督办编号');
    expect(ws?.getRow(1).getCell(18).value).toBe('灯色');
    const total = body<SupervisionList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision' })).total;
    expect((ws?.rowCount ?? 0) - 1).toBe(total);
    // A division exports only what it may see.
    const d2 = await injectAs(t.app, s.div2_staff, { method: 'GET', url: '/api/supervision/export.xlsx' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(d2.rawPayload as unknown as ArrayBuffer);
    expect((wb2.worksheets[0]?.rowCount ?? 0) - 1).toBe(
      body<SupervisionList>(await injectAs(t.app, s.div2_staff, { method: 'GET', url: '/api/supervision' })).total,
    );

    const sheet = async (rows: Record<string, string>[]) => {
      const out = new ExcelJS.Workbook();
      const w = out.addWorksheet('台账');
      const headers = [
        '督办编号',
        '事项名称',
        '事项内容',
        '来源类别',
        '来源依据',
        '督办类型',
        '交办日期',
        '牵头处室',
        '协办处室',
        '责任人',
        '办结时限',
        '节点计划',
        '状态',
        '办结时间',
      ];
      w.addRow(headers);
      for (const r of rows) w.addRow(headers.map((h) => r[h] ?? ''));
      return Buffer.from(await out.xlsx.writeBuffer());
    };
    const good = {
      督办编号: '督字〔2026〕7号',
      事项名称: '推进内控制度建设',
      事项内容: '修订完善局内部控制制度。',
      来源类别: '党组会议',
      来源依据: '党组会第8次',
      督办类型: '重点督办',
      交办日期: '2026/3/5',
      牵头处室: '监管二处',
      协办处室: '监管一处',
      责任人: '郑科员',
      办结时限: '2026-06-30',
      节点计划: '形成初稿@2026-05-15；征求意见@2026-06-10',
      状态: '办理中',
    };
    const closed = { ...good, 督办编号: '督字〔2026〕8号', 事项名称: '清理规范津补贴', 状态: '已销号', 办结时间: '2026年9月1日', 节点计划: '', 责任人: '' };
    const bad = { ...good, 督办编号: '督字〔2026〕9号', 牵头处室: '不存在处', 督办类型: '特别督办' };
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const imp = (as: U, payload: Buffer, q = '') =>
      injectAs(t.app, s[as], { method: 'POST', url: `/api/supervision/import${q}`, payload, headers: { 'content-type': xlsx } });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/supervision/import', payload: await sheet([good]), headers: { 'content-type': xlsx } })).statusCode,
    ).toBe(401);
    expect((await imp('div1_head', await sheet([good]))).statusCode).toBe(403);
    expect((await imp('office_clerk', Buffer.from('not a spreadsheet'))).statusCode).toBe(400);
    const before = (
      await t.deps.db
        .selectFrom('supervision_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const failed = await imp('office_clerk', await sheet([good, closed, bad]));
    expect(failed.statusCode).toBe(400);
    const errs = body<ErrorBody>(failed).error.details?.errors ?? [];
    expect(errs.map((e) => [e.row, e.column])).toEqual([
      [4, '督办类型'],
      [4, '牵头处室'],
      [4, '责任人'],
    ]);
    const mid = (
      await t.deps.db
        .selectFrom('supervision_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(mid)).toBe(Number(before));
    const dry = body<ImportResult>(await imp('office_clerk', await sheet([good, closed, bad]), '?dryRun=true'));
    expect(dry).toMatchObject({ dryRun: true, imported: 0, rows: 3 });
    const done = await imp('office_director', await sheet([good, closed]));
    expect(done.statusCode, done.body).toBe(201);
    expect(body<ImportResult>(done)).toMatchObject({ imported: 2, rows: 2 });
    const found = body<SupervisionList>(
      await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/supervision?q=${encodeURIComponent('督字〔2026〕7号')}` }),
    );
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      state: 'in_progress',
      leadDivision: { name: '监管二处' },
      assistDivisions: [{ name: '监管一处' }],
      ownerName: '郑科员',
      light: 'red',
    });
    const closedRow = body<SupervisionList>(
      await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/supervision?q=${encodeURIComponent('清理规范津补贴')}` }),
    );
    expect(closedRow.items[0]).toMatchObject({ state: 'closed', closedAt: '2026-08-31T16:00:00.000Z' });
  });
});

const BOUNDARY = '----zs-supervision-test';
function multipart(name: string, text: string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(text),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

describe.each(testDialects())('督办周报 for a constructed week on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const o = JSON.parse((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' })).body) as SupervisionOptions;
    div1 = o.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = o.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });
  const setClock = async (at: string) => {
    t.clock.set(at);
    for (const u of USERS) s[u] = await login(t.app, u);
  };

  const post = async (as: U, url: string, payload: Record<string, unknown>, status = 200): Promise<View> => {
    const r = await injectAs(t.app, s[as], { method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(status);
    return JSON.parse(r.body) as View;
  };
  const fire = (as: U, v: View, payload: Record<string, unknown>) => post(as, `/api/supervision/${v.id}/transitions`, { version: v.version, ...payload });
  const make = (title: string, lead: string, deadline: string, extra: Record<string, unknown> = {}) =>
    post(
      'office_clerk',
      '/api/supervision',
      { title, content: `${title}，按要求办理。`, source: 'party_meeting', leadDivisionId: lead, deadline, kind: 'key', ...extra },
      201,
    );

  it('lists the week field by field, names the overdue division, stays as issued, and opens as a bulletin .docx', async () => {
    await setClock('2026-11-16T02:00:00.000Z'); // Mon of W47
    let a = await make('A 预算执行专项检查', div1, '2026-11-25');
    let b = await make('B 政府采购监管调研', div2, '2026-12-31', { milestones: [{ title: '完成实地调研', dueDate: '2026-12-02' }] });
    let c = await make('C 整改问题清单销号', div1, '2026-11-27');
    let e = await make('E 财务报告编制督导', div1, '2026-12-01');
    let f = await make('F 资产清查统计', div2, '2026-12-31');
    let g = await make('G 专项资金使用情况核查', div1, '2026-11-18');
    let h = await make('H 行政事业性收费核查', div2, '2026-11-30');
    a = await fire('div1_head', a, { action: 'accept' });
    b = await fire('div2_head', b, { action: 'accept' });
    c = await fire('div1_head', c, { action: 'accept' });
    e = await fire('div1_head', e, { action: 'accept' });
    f = await fire('div2_head', f, { action: 'accept' });
    g = await fire('div1_head', g, { action: 'accept' });
    h = await fire('div2_head', h, { action: 'accept' });
    h = await fire('div2_head', h, { action: 'request_extension', reason: '收费单位数量超出预计', deadline: '2026-12-15' });

    await setClock('2026-11-24T02:00:00.000Z'); // Tue of W48
    const d = await make('D 会计信息质量检查', div2, '2026-12-30');
    b = await fire('div2_staff', b, {
      action: 'progress',
      content: '已走访 3 家采购单位。',
      percent: 30,
      coordination: '需办公室协调财政部国库司提供采购数据',
    });
    c = await fire('div1_staff', c, { action: 'progress', content: '问题清单已全部整改。', percent: 90 });
    c = await fire('div1_head', c, { action: 'request_closure', result: '12 项问题全部整改到位。' });
    c = await fire('leader1', c, { action: 'approve_closure', comment: '同意。' });
    a = await fire('div1_head', a, { action: 'request_extension', reason: '被检查单位资料未齐', deadline: '2026-12-10' });
    e = await fire('div1_staff', e, { action: 'progress', content: '财务报告初稿已审核。', percent: 70 });
    f = await fire('office_director', f, { action: 'suspend', reason: '等待上级统一部署。' });
    expect(f).toMatchObject({ state: 'suspended', light: 'blue' });
    // G is closed a week after its deadline: it counts as closed, not overdue.
    g = await fire('div1_head', g, { action: 'request_closure', result: '核查报告已报送。' });
    g = await fire('leader2', g, { action: 'approve_closure' });
    h = await fire('leader1', h, { action: 'approve_extension', comment: '同意延期。' });
    h = await fire('div2_staff', h, { action: 'progress', content: '已核查 6 家收费单位。', percent: 10 });

    await setClock('2026-11-27T10:00:00.000Z'); // Fri 18:00 Beijing: the weekly check runs
    const flagged = await t.deps.db.transaction().execute((trx) => weeklyUpdateCheck(t.deps, trx));
    expect(flagged).toEqual({ flagged: 2, due: '2026-11-27' });
    const again = await t.deps.db.transaction().execute((trx) => weeklyUpdateCheck(t.deps, trx));
    expect(again.flagged).toBe(0);
    const headNotes = JSON.parse((await injectAs(t.app, s.div2_head, { method: 'GET', url: '/api/notifications' })).body) as { items: { title: string }[] };
    expect(headNotes.items.some((x) => x.title.includes('【一周一督】') && x.title.includes('D 会计信息质量检查'))).toBe(true);

    await setClock('2026-11-30T02:00:00.000Z'); // Mon of W49
    expect((await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/supervision/weekly-report?week=2026-W48' })).statusCode).toBe(403);
    expect((await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/supervision/weekly-report?week=2026-48' })).statusCode).toBe(400);
    expect((await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/supervision/weekly-report?week=2027-W10' })).statusCode).toBe(400);
    const res = await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/supervision/weekly-report?week=2026-W48' });
    expect(res.statusCode, res.body).toBe(200);
    const r = JSON.parse(res.body) as WeeklyReport;
    const base = (v: View) => ({ id: v.id, number: v.number, title: v.title, leadDivision: v.leadDivision.name, deadline: v.deadline });
    expect(r).toMatchObject({ week: '2026-W48', from: '2026-11-23', to: '2026-11-29', issued: true });
    const at = '2026-11-24T02:00:00.000Z';
    expect(Object.keys(r).sort()).toEqual([
      'byDivision',
      'closedItems',
      'coordination',
      'dueSoon',
      'extensions',
      'from',
      'generatedAt',
      'inProgress',
      'issued',
      'missingUpdates',
      'newItems',
      'nextWeekMilestones',
      'overdue',
      'to',
      'totals',
      'week',
    ]);
    expect(r.totals).toEqual({ total: 8, closed: 2, inProgress: 5, suspended: 1, overdue: 1, completionRate: 25 });
    expect(r.newItems).toEqual([{ ...base(d), source: '党组会议', createdAt: at }]);
    expect(r.closedItems).toEqual([
      { ...base(c), closedAt: at, result: '12 项问题全部整改到位。' },
      { ...base(g), closedAt: at, result: '核查报告已报送。' },
    ]);
    expect(r.inProgress).toEqual([
      { ...base(a), percent: 0, light: 'red', latestUpdate: null },
      { ...base(b), percent: 30, light: 'green', latestUpdate: { content: '已走访 3 家采购单位。', at, by: '监管二处 郑科员' } },
      { ...base(e), percent: 70, light: 'yellow', latestUpdate: { content: '财务报告初稿已审核。', at, by: '监管一处 周科员' } },
      { ...base(h), percent: 10, light: 'green', latestUpdate: { content: '已核查 6 家收费单位。', at, by: '监管二处 郑科员' } },
      { ...base(d), percent: 0, light: 'yellow', latestUpdate: null },
    ]);
    expect(r.overdue).toEqual([{ ...base(a), workdaysOverdue: 2, responsible: '监管一处' }]);
    // 11-30 and 12-01 are left after the week's last day (a Sunday).
    expect(r.dueSoon).toEqual([{ ...base(e), workdaysLeft: 2 }]);
    // H was asked for last week and decided this week; A asked this week and still waits.
    expect(r.extensions).toEqual([
      { ...base(h), deadline: '2026-12-15', requestedDeadline: '2026-12-15', reason: '收费单位数量超出预计', state: 'approved' },
      { ...base(a), requestedDeadline: '2026-12-10', reason: '被检查单位资料未齐', state: 'pending' },
    ]);
    expect(r.coordination).toEqual([{ ...base(b), matter: '需办公室协调财政部国库司提供采购数据', raisedBy: '监管二处 郑科员', at }]);
    expect(r.nextWeekMilestones).toEqual([
      { ...base(e), milestone: '办结时限', dueDate: '2026-12-01' },
      { ...base(b), milestone: '完成实地调研', dueDate: '2026-12-02' },
    ]);
    expect(r.missingUpdates).toEqual([base(a), base(d)]);
    expect(r.byDivision).toEqual([
      { divisionId: expect.any(String) as string, name: '综合处', total: 0, closed: 0, inProgress: 0, overdue: 0, missedUpdates: 0, completionRate: 0 },
      { divisionId: div1, name: '监管一处', total: 4, closed: 2, inProgress: 2, overdue: 1, missedUpdates: 1, completionRate: 50 },
      { divisionId: div2, name: '监管二处', total: 4, closed: 0, inProgress: 3, overdue: 0, missedUpdates: 1, completionRate: 0 },
    ]);

    // Later work does not change an issued week.
    b = await fire('div2_staff', b, { action: 'progress', content: '调研完成。', percent: 60 });
    await fire('leader1', a, { action: 'approve_extension' });
    const later = JSON.parse(
      (await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/weekly-report?week=2026-W48' })).body,
    ) as WeeklyReport;
    expect(later).toEqual(r);
    // The running week is live and not yet issued.
    const live = JSON.parse((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/weekly-report' })).body) as WeeklyReport;
    expect(live).toMatchObject({ week: '2026-W49', issued: false });

    const doc = await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/supervision/weekly-report.docx?week=2026-W48' });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-disposition']).toContain(encodeURIComponent('督办周报-2026-W48.docx'));
    const xml = await docxXml(doc.rawPayload);
    const text = textOf(xml);
    for (const want of [
      '督 办 周 报',
      '2026年第48周（2026年11月23日—2026年11月29日）',
      '办结率 25%',
      '逾期未办结 1 件',
      a.number,
      'A 预算执行专项检查',
      '需办公室协调财政部国库司提供采购数据',
      '完成实地调研',
      '各处室办理情况',
      '50%',
    ]) {
      expect(text, want).toContain(want);
    }
    expect(xml).toContain('w:color w:val="C00000"');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
  });

  it('the weekly job issues the running week once per ISO week', async () => {
    await setClock('2026-12-04T11:30:00.000Z'); // Fri 19:30 Beijing, W49
    await t.scheduler.tick();
    const row = await t.deps.db.selectFrom('supervision_reports').select(['week']).where('week', '=', '2026-W49').executeTakeFirst();
    expect(row?.week).toBe('2026-W49');
    const rep = JSON.parse((await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/supervision/weekly-report?week=2026-W49' })).body) as WeeklyReport;
    expect(rep.issued).toBe(true);
  });
});
