import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { createTestDb, testDialects } from '../../../../test/support/databases.js';
import { testDeps } from '../../../../test/support/deps.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { LookupResult, PetitionFields, PetitionList, PetitionStats } from '../../../shared/petition.js';
import type { SearchResponse } from '../../../shared/search.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { backup, restore } from '../../core/backup/backup.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { listDivisions, listUnits } from '../../core/org/org.service.js';
import { petitionDashboard } from './petition.dashboard.js';
import { deadlineWarnings } from './petition.jobs.js';
import { checkVaultAtStart, readPetitioner } from './petition.service.js';

type View = WorkflowView<PetitionFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const err = (res: LightMyRequestResponse) => body<{ error: { code: string; message: string } }>(res).error;

const USERS = ['leader1', 'office_director', 'office_clerk', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff', 'secrecy_officer', 'sysadmin'] as const;
type U = (typeof USERS)[number] | 'officer';

// Clear values that must never reach a table.
const NAME = '欧阳明远';
const ID = '360102198001010013';
const ID2 = '360102198505050027';
const PHONE = '13907910001';
const ADDRESS = '江西省南昌市东湖区八一大道100号';

const letter = (over: Record<string, unknown> = {}) => ({
  channel: 'letter',
  source: 'direct',
  receivedDate: '2026-11-20',
  category: 'appeal',
  topic: 'fiscal_funds',
  subject: '反映惠农补贴未足额发放',
  content: '本人承包土地的惠农补贴2026年度未足额发放，请求核查。',
  petitioner: { name: NAME, idNumber: ID, phone: PHONE, address: ADDRESS },
  ...over,
});

describe.each(testDialects())('信访 API on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let office = '';
  let officerId = '';

  /** Everyone signs in again (after the clock jumped past the idle timeout). */
  async function signIn() {
    for (const u of USERS) s[u] = await login(t.app, u);
    s.officer = await login(t.app, 'petition_officer');
  }
  async function at(instant: string) {
    t.clock.set(instant);
    await signIn();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-11-26T02:00:00.000Z'); // Thursday 10:00 in Beijing
    await seedDemoOrg(t.deps);
    await signIn();
    officerId = s.officer.user.id;
    div1 = (await listDivisions(t.deps)).find((u) => u.name === '监管一处')?.id ?? '';
    office = (await listUnits(t.deps, 'office'))[0]?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (who: U, payload: unknown) => injectAs(t.app, s[who], { method: 'POST', url: '/api/petition', payload: payload as Record<string, unknown> });
  const read = (who: U, id: string) => injectAs(t.app, s[who], { method: 'GET', url: `/api/petition/${id}` });
  const list = (who: U, q = '') => injectAs(t.app, s[who], { method: 'GET', url: `/api/petition${q}` });
  const fire = (who: U, id: string, payload: Record<string, unknown>) =>
    injectAs(t.app, s[who], { method: 'POST', url: `/api/petition/${id}/transitions`, payload });
  async function step(who: U, v: View, action: string, payload: Record<string, unknown> = {}): Promise<View> {
    const res = await fire(who, v.id, { action, version: v.version, ...payload });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
    return body<View>(res);
  }
  async function created(payload: unknown = letter()): Promise<View> {
    const res = await create('officer', payload);
    if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
    return body<View>(res);
  }

  it('answers 401 without a session, 403 to the 三员 and to roles outside 信访', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/petition' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/petition', payload: {} })).statusCode).toBe(401);
    expect((await list('sysadmin')).statusCode).toBe(403);
    expect((await create('sysadmin', letter())).statusCode).toBe(403);
    expect((await list('secrecy_officer')).statusCode).toBe(403);
    expect((await list('office_clerk')).statusCode).toBe(403);
    // Only the officer registers; a division sees an empty ledger until something is assigned to it.
    const refused = await create('office_director', letter());
    expect(refused.statusCode).toBe(403);
    expect(err(refused).message).toMatch(/信访工作人员/);
    expect(body<PetitionList>(await list('div1_staff')).total).toBe(0);
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [letter({ subject: '' }), /事由/],
      [letter({ petitioner: { name: NAME, idNumber: '360102198001010011', phone: PHONE } }), /校验位/],
      [letter({ petitioner: { name: NAME, idNumber: '360102198002300015', phone: PHONE } }), /出生日期|校验位/],
      [letter({ petitioner: { name: NAME, phone: '1234567' } }), /联系电话/],
      [letter({ petitioner: { name: NAME } }), /联系电话和通信地址至少填写一项/],
      [letter({ channel: 'visit', visitors: 6 }), /5 人/],
      [letter({ visitors: 2 }), /来访/],
      [letter({ receivedDate: '2026-11-27' }), /收到日期不能晚于今天/],
      [letter({ receivedDate: '2026-02-30' }), /收到日期/],
      [letter({ source: 'transferred_in' }), /转送交办机关/],
      [letter({ content: 'x'.repeat(5001) }), /信访内容/],
      [letter({ type: 'review' }), /原信访件/],
      [letter({ extra: 1 }), /.+/],
    ];
    for (const [payload, message] of cases) {
      const res = await create('officer', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(err(res).code).toBe('validation');
      expect(JSON.stringify(err(res))).toMatch(message);
    }
    expect((await t.deps.db.selectFrom('petition_items').select('id').execute()).length).toBe(0);
  });

  it('refuses a marked text with 422', async () => {
    const res = await create('officer', letter({ subject: '机密★ 某事项' }));
    expect(res.statusCode).toBe(422);
    expect(err(res).code).toBe('classified_refused');
  });

  let first: View;

  it('registers 信〔2026〕1号 with masked petitioner, the 告知 deadline and its countdown; no clear value in any table', async () => {
    first = await created();
    expect(first).toMatchObject({
      number: '信〔2026〕1号',
      state: 'registered',
      type: 'initial',
      petitioner: { name: '欧***', idNumber: '360***********0013', phone: '139****0001', address: '江西省南昌市****' },
      noticeDeadline: '2026-12-07', // 11-20 + 15 = 12-05, a Saturday
      daysLeft: 11,
      warning: null,
      overdue: false,
      repeat: false,
      rights: { mayReadPersonalData: true, mayAttach: true, mayDownloadNotice: false },
    });
    expect(first.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'transfer', 'raise_objection']));
    const second = await created(letter({ topic: 'accounting', petitioner: { name: '李四', phone: '0791-86123456' } }));
    expect(second.number).toBe('信〔2026〕2号');
    expect(second.petitioner).toEqual({ name: '李*', idNumber: null, phone: '079*****3456', address: null });

    for (const table of ['petition_items', 'workflow_history', 'audit_events', 'idempotency_keys', 'search_docs', 'notifications']) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.deps.db);
      const text = JSON.stringify(rows.rows);
      for (const clear of [NAME, ID, PHONE, ADDRESS, '86123456']) expect(text, `${table} holds ${clear}`).not.toContain(clear);
    }
    if (dialect === 'sqlite') {
      // The database file itself (and its write-ahead log), byte for byte.
      const bytes = ['zhongshu.db', 'zhongshu.db-wal'].flatMap((f) => (existsSync(join(t.db.dataDir, f)) ? [readFileSync(join(t.db.dataDir, f))] : []));
      expect(bytes.length).toBeGreaterThan(0);
      for (const b of bytes) for (const clear of [NAME, ID, PHONE, ADDRESS]) expect(b.includes(Buffer.from(clear)), clear).toBe(false);
    }
  });

  it('shows the clear petitioner to the officer and leaders only, and audits each read and lookup', async () => {
    const clear = await injectAs(t.app, s.officer, { method: 'GET', url: `/api/petition/${first.id}/petitioner` });
    expect(clear.statusCode).toBe(200);
    expect(body(clear)).toEqual({ name: NAME, idNumber: ID, phone: PHONE, address: ADDRESS });
    expect((await injectAs(t.app, s.leader1, { method: 'GET', url: `/api/petition/${first.id}/petitioner` })).statusCode).toBe(200);
    expect((await injectAs(t.app, s.office_director, { method: 'GET', url: `/api/petition/${first.id}/petitioner` })).statusCode).toBe(403);
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/petition/${first.id}/petitioner` })).statusCode).toBe(404);

    const found = await injectAs(t.app, s.officer, { method: 'POST', url: '/api/petition/lookup', payload: { idNumber: ID.toLowerCase() } });
    expect(found.statusCode).toBe(200);
    expect(body<LookupResult>(found).items.map((i) => i.number)).toEqual(['信〔2026〕1号']);
    const byPhone = await injectAs(t.app, s.leader1, { method: 'POST', url: '/api/petition/lookup', payload: { phone: '0791-86123456' } });
    expect(body<LookupResult>(byPhone).items.map((i) => i.number)).toEqual(['信〔2026〕2号']);
    expect((await injectAs(t.app, s.office_director, { method: 'POST', url: '/api/petition/lookup', payload: { phone: PHONE } })).statusCode).toBe(403);
    expect((await injectAs(t.app, s.officer, { method: 'POST', url: '/api/petition/lookup', payload: {} })).statusCode).toBe(400);

    const audit = await t.deps.db.selectFrom('audit_events').select(['action', 'details']).where('action', 'like', 'petition.personal_data%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'petition.personal_data_lookup',
      'petition.personal_data_lookup',
      'petition.personal_data_read',
      'petition.personal_data_read',
    ]);
    expect(JSON.stringify(audit)).not.toContain(ID);
  });

  it('marks a later petition of the same person and topic as a repeat, and refuses linking another person', async () => {
    const again = await created(letter({ receivedDate: '2026-11-24', petitioner: { name: NAME, idNumber: ID, address: ADDRESS } }));
    expect(again).toMatchObject({ repeat: true, repeatOf: { id: first.id, number: first.number } });
    expect(body<View>(await read('officer', first.id)).repeats).toEqual([{ id: again.id, number: again.number }]);
    const other = await create('officer', letter({ repeatOfId: first.id, petitioner: { name: '王五', idNumber: ID2, phone: '13800000000' } }));
    expect(other.statusCode).toBe(400);
    expect(err(other).message).toMatch(/不是同一信访人/);
    const ledger = body<PetitionList>(await list('officer', '?repeat=true'));
    expect(ledger.items.map((i) => i.id)).toEqual([again.id]);
  });

  it('runs accept → assign → feedback → extension → reply → delivery → close, with the deadlines and who may do what', async () => {
    // 告知 outside receivedDate…today is a 400; the division cannot act yet.
    expect((await fire('officer', first.id, { action: 'accept', version: first.version, noticeMethod: 'letter', noticeDate: '2026-11-19' })).statusCode).toBe(
      400,
    );
    expect((await fire('officer', first.id, { action: 'accept', version: first.version, noticeMethod: 'letter', noticeDate: '2026-11-27' })).statusCode).toBe(
      400,
    );
    expect(
      (await fire('office_director', first.id, { action: 'accept', version: first.version, noticeMethod: 'letter', noticeDate: '2026-11-25' })).statusCode,
    ).toBe(403);
    expect((await read('div1_staff', first.id)).statusCode).toBe(404);

    let v = await step('officer', first, 'accept', { noticeMethod: 'letter', noticeDate: '2026-11-25' });
    // 11-25 + 60 = 2027-01-24, a Sunday, in a year whose holidays are not published.
    expect(v).toMatchObject({
      state: 'accepted',
      acceptedDate: '2026-11-25',
      noticeOnTime: true,
      handlingDeadline: '2027-01-25',
      deadlineProvisional: true,
      rights: { mayDownloadNotice: true },
    });
    expect(v.notices).toEqual([{ kind: 'accept', method: 'letter', date: '2026-11-25', onTime: true }]);
    const notice = await injectAs(t.app, s.officer, { method: 'GET', url: `/api/petition/${first.id}/notice.docx` });
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-disposition']).toMatch(/petition-notice\.docx/);
    expect((await fire('officer', first.id, { action: 'accept', version: 1, noticeMethod: 'letter', noticeDate: '2026-11-25' })).statusCode).toBe(409);

    expect((await fire('officer', v.id, { action: 'assign', version: v.version, divisionId: office })).statusCode).toBe(400);
    expect((await fire('officer', v.id, { action: 'assign', version: v.version, divisionId: div1, dueDate: '2027-02-01' })).statusCode).toBe(400);
    v = await step('officer', v, 'assign', { divisionId: div1, requirement: '请核实补贴发放情况', dueDate: '2027-01-15' });
    expect(v).toMatchObject({ state: 'handling', division: { id: div1, name: '监管一处' }, dueDate: '2027-01-15' });

    // The division now sees it (masked, no clear read), another does not.
    const asStaff = body<View>(await read('div1_staff', v.id));
    expect(asStaff.petitioner.name).toBe('欧***');
    expect(asStaff.rights).toMatchObject({ mayReadPersonalData: false, mayAttach: true });
    expect(asStaff.actions).toEqual(['feedback']);
    expect((await read('div2_staff', v.id)).statusCode).toBe(404);
    expect(body<PetitionList>(await list('div1_staff')).items.map((i) => i.id)).toEqual([v.id]);
    const todos = body<TodoList>(await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/todos' }));
    expect(todos.items.find((i) => i.id === v.id)).toMatchObject({ deadline: '2027-01-15', title: '信〔2026〕1号 反映惠农补贴未足额发放' });
    const hits = body<SearchResponse>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/search?q=${encodeURIComponent('惠农补贴')}` }));
    expect(hits.items.map((h) => h.id)).toContain(v.id);
    const miss = body<SearchResponse>(await injectAs(t.app, s.div2_staff, { method: 'GET', url: `/api/search?q=${encodeURIComponent('惠农补贴')}` }));
    expect(miss.items.map((h) => h.id)).not.toContain(v.id);

    v = await step('div1_staff', v, 'feedback', { content: '已调取补贴发放台账。' });

    // 督办: a leader or the office director opens a linked 督办 item for the division, once.
    expect((await fire('div1_head', v.id, { action: 'supervise', version: v.version, deadline: '2027-01-10', kind: 'key' })).statusCode).toBe(403);
    expect((await fire('leader1', v.id, { action: 'supervise', version: v.version, deadline: '2026-11-01', kind: 'key' })).statusCode).toBe(400);
    v = await step('office_director', v, 'supervise', { deadline: '2027-01-10', kind: 'key' });
    expect(v.supervision).toMatchObject({ number: expect.stringMatching(/^督〔2026〕\d+号$/), state: 'open' });
    const item = body<{ sourceRef: string; deadline: string }>(
      await injectAs(t.app, s.office_director, { method: 'GET', url: `/api/supervision/${v.supervision?.id ?? ''}` }),
    );
    expect(item).toMatchObject({ sourceRef: '信访件 信〔2026〕1号', deadline: '2027-01-10' });
    const twice = await fire('leader1', v.id, { action: 'supervise', version: v.version, deadline: '2027-01-10', kind: 'key' });
    expect(twice.statusCode).toBe(409);
    expect(err(twice).message).toMatch(/已立项督办/);
    expect((await fire('div2_staff', v.id, { action: 'feedback', version: v.version, content: 'x' })).statusCode).toBe(404);

    // Extension: 1–30 days, one at a time, a leader decides, the officer tells.
    expect((await fire('div1_head', v.id, { action: 'request_extension', version: v.version, days: 31, reason: '情况复杂' })).statusCode).toBe(400);
    expect((await fire('div1_staff', v.id, { action: 'request_extension', version: v.version, days: 10, reason: '情况复杂' })).statusCode).toBe(403);
    v = await step('div1_head', v, 'request_extension', { days: 20, reason: '涉及多个乡镇，需实地核查' });
    expect(v.extension).toEqual({ days: 20, reason: '涉及多个乡镇，需实地核查', state: 'pending', noticeDate: null });
    const again = await fire('officer', v.id, { action: 'request_extension', version: v.version, days: 5, reason: '再延' });
    expect(again.statusCode).toBe(409);
    expect(err(again).code).toBe('invalid_transition');
    expect(body<TodoList>(await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/todos' })).items.map((i) => i.id)).toContain(v.id);
    expect((await fire('office_director', v.id, { action: 'approve_extension', version: v.version })).statusCode).toBe(403);
    v = await step('leader1', v, 'approve_extension', {});
    // 2027-01-25 + 20 = 02-14, a Sunday.
    expect(v).toMatchObject({ handlingDeadline: '2027-02-15', originalHandlingDeadline: '2027-01-25', extension: { state: 'approved' } });
    v = await step('officer', v, 'notify_extension', { noticeMethod: 'phone', noticeDate: '2026-11-26' });
    expect(v.extension?.noticeDate).toBe('2026-11-26');
    expect((await fire('officer', v.id, { action: 'notify_extension', version: v.version, noticeMethod: 'phone', noticeDate: '2026-11-26' })).statusCode).toBe(
      409,
    );
    expect(
      (await fire('officer', v.id, { action: 'hold_hearing', version: v.version, hearingStart: '2026-11-26', hearingEnd: '2026-11-26', summary: 'x' }))
        .statusCode,
    ).toBe(409);

    // Reply: the head drafts, a leader returns or approves.
    expect((await fire('div1_staff', v.id, { action: 'submit_reply', version: v.version, opinion: '拟答复', replyText: '经核查……' })).statusCode).toBe(403);
    v = await step('div1_head', v, 'submit_reply', { opinion: '建议按核查结果答复', replyText: '经核查，你反映的补贴已于12月补发到位。' });
    expect(v).toMatchObject({ state: 'reply_review', rights: { mayDownloadReply: false } });
    expect(body<View>(await read('leader1', v.id)).rights.mayDownloadReply).toBe(true);
    v = await step('leader1', v, 'return_reply', { comment: '请补充补发金额' });
    expect(v.state).toBe('handling');
    v = await step('div1_head', v, 'submit_reply', { opinion: '已补充', replyText: '经核查，你反映的补贴1,260元已于12月补发到位。' });
    const doc = await injectAs(t.app, s.leader1, { method: 'GET', url: `/api/petition/${v.id}/reply.docx` });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toMatch(/wordprocessingml/);
    const xml = (await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    const words = xml.replace(/<[^>]+>/g, '');
    for (const want of ['信访事项答复意见书', '信〔2026〕1号', `${NAME}：`, '1,260元', '30日内向上一级机关（财政部）请求复查'])
      expect(words, want).toContain(want);
    expect((await injectAs(t.app, s.office_director, { method: 'GET', url: `/api/petition/${v.id}/reply.docx` })).statusCode).toBe(403);
    // The PDF where LibreOffice is installed, 503 with the reason where it is not.
    const pdf = await injectAs(t.app, s.officer, { method: 'GET', url: `/api/petition/${v.id}/reply.pdf` });
    if (pdf.statusCode === 200) expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    else expect(pdf.statusCode).toBe(503);
    expect((await injectAs(t.app, s.office_director, { method: 'GET', url: `/api/petition/${v.id}/reply.pdf` })).statusCode).toBe(403);
    expect((await fire('leader1', v.id, { action: 'approve_reply', version: v.version, replyDate: '2026-11-24' })).statusCode).toBe(400);
    v = await step('leader1', v, 'approve_reply', { replyDate: '2026-11-26' });
    expect(v).toMatchObject({ state: 'replied', replyDate: '2026-11-26', onTime: true, daysLeft: null, warning: null });

    const early = await fire('officer', v.id, { action: 'close', version: v.version, satisfaction: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(err(early).message).toMatch(/送达/);
    v = await step('officer', v, 'record_delivery', { deliveryMethod: 'letter', deliveredDate: '2026-11-26' });
    expect(v.reviewRequestDeadline).toBe('2026-12-28'); // 12-26 is a Saturday
    v = await step('officer', v, 'close', { satisfaction: 'basically_satisfied' });
    expect(v).toMatchObject({ state: 'closed', satisfaction: 'basically_satisfied', actions: [] });
    expect((await fire('officer', v.id, { action: 'close', version: v.version - 1, satisfaction: 'satisfied' })).statusCode).toBe(409);
    expect(v.history.map((h) => h.action)).toEqual([
      'create',
      'accept',
      'assign',
      'feedback',
      'supervise',
      'request_extension',
      'approve_extension',
      'notify_extension',
      'submit_reply',
      'return_reply',
      'submit_reply',
      'approve_reply',
      'record_delivery',
      'close',
    ]);
    first = v;
  });

  it('复查 within 30 日 of delivery gets 30 日 from receipt; a 复核 may hold a hearing whose days do not count', async () => {
    const review = await created({ ...letter({ receivedDate: '2026-11-26' }), type: 'review', parentId: first.id, petitioner: undefined });
    expect(review).toMatchObject({ type: 'review', parent: { id: first.id }, petitioner: { name: '欧***' }, repeat: false });
    expect(body<View>(await read('officer', first.id)).followUps).toEqual([{ id: review.id, number: review.number, type: 'review' }]);
    let v = await step('officer', review, 'accept', { noticeMethod: 'letter', noticeDate: '2026-11-26' });
    expect(v.handlingDeadline).toBe('2026-12-28'); // 11-26 + 30 = 12-26, a Saturday
    expect(
      (await fire('officer', v.id, { action: 'hold_hearing', version: v.version, hearingStart: '2026-11-26', hearingEnd: '2026-11-27', summary: 'x' }))
        .statusCode,
    ).toBe(409);
    // A 复核 of a review not yet answered is refused.
    const early = await create('officer', { ...letter({ receivedDate: '2026-11-26' }), type: 'recheck', parentId: review.id, petitioner: undefined });
    expect(early.statusCode).toBe(409);
    // Walk the review to delivery, then a 复核 with a hearing.
    v = await step('officer', v, 'assign', { divisionId: div1 });
    v = await step('div1_head', v, 'submit_reply', { opinion: '维持', replyText: '维持原答复意见。' });
    v = await step('leader1', v, 'approve_reply', {});
    v = await step('officer', v, 'record_delivery', { deliveryMethod: 'in_person', deliveredDate: '2026-11-26' });
    const recheck = await created({ ...letter({ receivedDate: '2026-11-26' }), type: 'recheck', parentId: v.id, petitioner: undefined });
    let r = await step('officer', recheck, 'accept', { noticeMethod: 'letter', noticeDate: '2026-11-26' });
    r = await step('officer', r, 'assign', { divisionId: div1 });
    expect(
      (await fire('officer', r.id, { action: 'hold_hearing', version: r.version, hearingStart: '2026-11-20', hearingEnd: '2026-11-21', summary: '听证' }))
        .statusCode,
    ).toBe(400);
    expect((await fire('div1_head', r.id, { action: 'request_extension', version: r.version, days: 5, reason: 'x' })).statusCode).toBe(409);
    r = await step('officer', r, 'hold_hearing', { hearingStart: '2026-12-01', hearingEnd: '2026-12-03', summary: '听证会听取了各方意见。' });
    // 2026-12-28 + 3 = 12-31, a Thursday.
    expect(r).toMatchObject({
      handlingDeadline: '2026-12-31',
      hearings: [{ start: '2026-12-01', end: '2026-12-03', days: 3, summary: '听证会听取了各方意见。' }],
    });
    // A 复查 asked after its window is refused.
    await at('2027-01-05T02:00:00.000Z');
    const late = await create('officer', { ...letter({ receivedDate: '2027-01-04' }), type: 'review', parentId: first.id, petitioner: undefined });
    expect(late.statusCode).toBe(409);
    expect(err(late).message).toMatch(/30 日/);
    await at('2026-11-26T02:00:00.000Z');
  });

  it('objects to a transferred petition within 5 工作日 only; rejects and transfers with their 告知', async () => {
    const transferred = await created(letter({ source: 'transferred_in', transferredFrom: '国家信访局', receivedDate: '2026-11-20', topic: 'procurement' }));
    expect(transferred.objectionDeadline).toBe('2026-11-27');
    let v = await step('officer', transferred, 'raise_objection', { reason: '不属于本机关职权' });
    expect(v.state).toBe('objected');
    v = await step('officer', v, 'objection_overruled', { comment: '经核实属于本机关职权' });
    expect(v.state).toBe('registered');
    await at('2026-11-30T02:00:00.000Z');
    const late = await fire('officer', v.id, { action: 'raise_objection', version: v.version, reason: '再提' });
    expect(late.statusCode).toBe(409);
    expect(err(late).message).toMatch(/5 个工作日/);
    await at('2026-11-26T02:00:00.000Z');
    const direct = await created(letter({ topic: 'debt', petitioner: { name: '赵六', phone: '13800000001' } }));
    expect((await fire('officer', direct.id, { action: 'raise_objection', version: direct.version, reason: 'x' })).statusCode).toBe(409);

    expect(
      (
        await fire('officer', direct.id, {
          action: 'reject',
          version: direct.version,
          reasonType: 'not_in_scope',
          reason: '属法院管辖',
          noticeMethod: 'letter',
          noticeDate: '2026-11-26',
        })
      ).statusCode,
    ).toBe(400);
    const rejected = await step('officer', direct, 'reject', {
      reasonType: 'legal_channel',
      reason: '应通过行政复议途径解决',
      noticeMethod: 'letter',
      noticeDate: '2026-11-26',
    });
    expect(rejected).toMatchObject({ state: 'not_accepted', decision: { reasonType: 'legal_channel' }, noticeOnTime: true, actions: [] });
    expect((await injectAs(t.app, s.officer, { method: 'GET', url: `/api/petition/${rejected.id}/notice.docx` })).statusCode).toBe(200);
    const moved = await step('officer', await created(letter({ topic: 'fees', petitioner: { name: '钱七', phone: '13800000002' } })), 'transfer', {
      toOrg: '省财政厅',
      reason: '属省级事权',
      noticeMethod: 'sms',
      noticeDate: '2026-11-26',
    });
    expect(moved).toMatchObject({ state: 'transferred', decision: { toOrg: '省财政厅' } });
  });

  it('filters the ledger by warning and overdue as of today, sends each warning once, and counts the year', async () => {
    const due = await created(letter({ receivedDate: '2026-11-13', topic: 'budget', petitioner: { name: '孙八', phone: '13800000003' } }));
    expect(due).toMatchObject({ noticeDeadline: '2026-11-30', daysLeft: 4, warning: 'due_soon' });
    const soon = body<PetitionList>(await list('officer', '?warning=due_soon'));
    expect(soon.items.map((i) => i.id)).toContain(due.id);
    expect(soon.items.every((i) => i.warning === 'due_soon')).toBe(true);
    // Open items first, nearest running deadline first.
    const all = body<PetitionList>(await list('officer', '?pageSize=100'));
    expect(all.items[0]?.id).toBe(due.id);

    // The daily job (08:00 Beijing; it is 10:00) warns once per petition, deadline and level.
    const ran = (reports: { job: string; outcome: string }[]) => reports.find((r) => r.job === 'petition.deadline_warnings')?.outcome;
    expect(ran(await t.scheduler.tick())).toBe('done');
    const warned = () => t.deps.db.selectFrom('notifications').select(['user_id', 'title']).where('kind', '=', 'petition.deadline_warning').execute();
    const first = await warned();
    expect(first.map((n) => n.title).join('\n')).toMatch(/信访临期.*信〔2026〕\d+号/);
    expect(first.some((n) => n.user_id === officerId)).toBe(true);
    const again = await t.deps.db.transaction().execute((trx) => deadlineWarnings(t.deps, trx));
    expect(again.sent).toBe(0);
    // Down for four days: the first run after catches up with what is overdue by then.
    await at('2026-12-01T02:00:00.000Z');
    expect(body<PetitionList>(await list('officer', '?overdue=true')).items.map((i) => i.id)).toContain(due.id);
    expect(ran(await t.scheduler.tick())).toBe('done');
    expect((await warned()).length).toBeGreaterThan(first.length);
    const toLeader = await t.deps.db
      .selectFrom('notifications')
      .select('title')
      .where('kind', '=', 'petition.deadline_warning')
      .where('user_id', '=', s.leader1.user.id)
      .execute();
    expect(toLeader.map((n) => n.title).join('\n')).toMatch(/已逾期/);
    await at('2026-11-26T02:00:00.000Z');

    const stats = await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/petition/stats?year=2026' });
    expect(stats.statusCode).toBe(200);
    const st = body<PetitionStats>(stats);
    const rows = await t.deps.db.selectFrom('petition_items').selectAll().execute();
    expect(st.total).toBe(rows.length);
    expect(st.byChannel.letter).toBe(rows.length);
    expect(st.byMonth[10]).toBe(rows.length);
    expect(st.replied).toBe(2);
    expect(st.repliedOnTime).toBe(2);
    expect(st.onTimeRate).toBe(1);
    expect(st.byDivision).toEqual([{ divisionId: div1, name: '监管一处', assigned: 3, replied: 2, repliedOnTime: 2 }]);
    expect((await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/petition/stats?year=2026' })).statusCode).toBe(403);
    // The 驾驶舱's figures are the statistics' own.
    const leader = { ...s.leader1.user, sessionId: 'test', ip: '127.0.0.1' };
    const section = await petitionDashboard.build(t.deps, leader, { year: 2026, scope: 'bureau', unitId: null });
    expect(section).toMatchObject({ open: st.open, dueIn5Days: st.dueIn5Days, overdue: st.overdue, onTimeRate: st.onTimeRate });
    expect(await petitionDashboard.trends?.['petition.received']?.(t.deps, leader, ['2026-10', '2026-11'])).toEqual([0, rows.length]);
    expect((await injectAs(t.app, s.leader1, { method: 'GET', url: '/api/petition/stats?year=1999' })).statusCode).toBe(400);

    const xlsx = await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/petition/export.xlsx?type=initial' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.includes(Buffer.from(NAME))).toBe(false);
    expect((await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/petition/export.xlsx' })).statusCode).toBe(403);
  });

  it('numbers gaplessly under concurrent registrations, and a replayed Idempotency-Key registers once', async () => {
    const before = await t.deps.db.selectFrom('petition_items').select(['seq_no']).where('year', '=', 2026).execute();
    const last = Math.max(...before.map((r) => r.seq_no));
    const payload = (i: number) => letter({ topic: 'other', subject: `并发登记 ${i}`, petitioner: { name: '周九', phone: `1380000010${i}` } });
    const all = await Promise.all([0, 1, 2, 3, 4].map((i) => create('officer', payload(i))));
    expect(all.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const numbers = all.map((r) => body<View>(r).number).sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5].map((n) => `信〔2026〕${last + n}号`).sort());
    // A failed registration takes no number.
    expect((await create('officer', payload(5))).statusCode).toBe(201);
    expect((await create('officer', letter({ receivedDate: '2030-01-01' }))).statusCode).toBe(400);
    const key = { 'idempotency-key': 'petition-replay-1' };
    const one = await injectAs(t.app, s.officer, { method: 'POST', url: '/api/petition', payload: payload(7), headers: key });
    const two = await injectAs(t.app, s.officer, { method: 'POST', url: '/api/petition', payload: payload(7), headers: key });
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(body<View>(two).number).toBe(body<View>(one).number);
    expect(body<View>(one).number).toBe(`信〔2026〕${last + 7}号`);
    const seqs = (await t.deps.db.selectFrom('petition_items').select('seq_no').where('year', '=', 2026).execute()).map((r) => r.seq_no).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('keeps the settings versioned and the audit chain whole', async () => {
    const got = await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/petition/settings' });
    expect(body(got)).toEqual({ superiorOrg: '财政部', orgName: '财政部某某监管局', version: 0 });
    expect(
      (await injectAs(t.app, s.office_director, { method: 'PUT', url: '/api/petition/settings', payload: { superiorOrg: 'x', orgName: 'y', version: 0 } }))
        .statusCode,
    ).toBe(403);
    const saved = await injectAs(t.app, s.officer, {
      method: 'PUT',
      url: '/api/petition/settings',
      payload: { superiorOrg: '财政部', orgName: '财政部江西监管局', version: 0 },
    });
    expect(body(saved)).toMatchObject({ version: 1, orgName: '财政部江西监管局' });
    expect(
      (await injectAs(t.app, s.officer, { method: 'PUT', url: '/api/petition/settings', payload: { superiorOrg: '财政部', orgName: 'z', version: 0 } }))
        .statusCode,
    ).toBe(409);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('backup and restore keep petitions readable with the same key; the backup holds no clear value nor the key', async () => {
    const file = join(t.db.dataDir, 'petition-backup.jsonl.gz');
    await backup(t.db, t.db.dataDir, file);
    const dump = gunzipSync(readFileSync(file)).toString('utf8');
    for (const clear of [NAME, ID, PHONE, ADDRESS]) expect(dump).not.toContain(clear);
    expect(dump).not.toContain(readFileSync(join(t.db.dataDir, 'keys', 'pii.key'), 'utf8').trim());
    const dst = await createTestDb(dialect);
    try {
      await restore(dst, dst.dataDir, file);
      // The key travels apart from the backup, as the README says.
      mkdirSync(join(dst.dataDir, 'keys'), { recursive: true });
      copyFileSync(join(t.db.dataDir, 'keys', 'pii.key'), join(dst.dataDir, 'keys', 'pii.key'));
      const deps = testDeps(dst, t.clock, dst.dataDir);
      await expect(checkVaultAtStart(deps)).resolves.toBeUndefined();
      const leader = { ...s.leader1.user, sessionId: 'test', ip: '127.0.0.1' };
      expect(await readPetitioner(deps, leader, first.id)).toEqual({ name: NAME, idNumber: ID, phone: PHONE, address: ADDRESS });
    } finally {
      await dst.destroy();
    }
  });

  it('refuses to start with a key that does not match the sealed data', async () => {
    await expect(checkVaultAtStart(t.deps)).resolves.toBeUndefined();
    const before = process.env.ZHONGSHU_PII_KEY;
    process.env.ZHONGSHU_PII_KEY = 'cd'.repeat(32);
    try {
      await expect(checkVaultAtStart(t.deps)).rejects.toThrow(/密钥与数据库中的数据不符/);
    } finally {
      if (before === undefined) delete process.env.ZHONGSHU_PII_KEY;
      else process.env.ZHONGSHU_PII_KEY = before;
    }
  });
});
