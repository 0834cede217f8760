import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { multipart } from '../../../../test/fixtures/guard/make-files.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { Finding, OutgoingDiff, OutgoingFields, OutgoingList, OutgoingOptions, OutgoingSettings } from '../../../shared/outgoing.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { diffText } from './outgoing.diff.js';
import { seedDemoOutgoing } from './outgoing.seed.js';

type View = WorkflowView<OutgoingFields>;
interface ErrorBody {
  error: { code: string; message: string; details?: { findings?: Finding[]; currentVersion?: number } };
}
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = ['office_clerk', 'office_director', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff', 'sysadmin'] as const;
type U = (typeof USERS)[number];

const BODY = [
  '为加强财政资金监管，根据工作安排，现将有关事项通知如下：',
  '一、检查范围',
  '2026年度中央财政转移支付资金。',
  '二、工作要求',
  '（一）各处室要高度重视，认真组织。',
  '（二）请于12月10日前报送检查报告。',
].join('\n');

let counter = 0;
function draft(over: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    docType: '通知',
    title: `财政部某某监管局关于开展第${counter}批财政资金专项检查的通知`,
    mainRecipients: ['局内各处室'],
    copyTo: [],
    body: BODY,
    attachments: [],
    classification: 'internal',
    urgency: 'normal',
    disclosure: 'not_public',
    cosignDivisionIds: [],
    ...over,
  };
}

describe.each(testDialects())('发文 API on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<OutgoingOptions>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/outgoing/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = opts.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (as: U, payload: Record<string, unknown>, key?: string) =>
    injectAs(t.app, s[as], { method: 'POST', url: '/api/outgoing', payload, headers: key ? { 'idempotency-key': key } : {} });
  const get = (as: U, id: string) => injectAs(t.app, s[as], { method: 'GET', url: `/api/outgoing/${id}` });
  const put = (as: U, id: string, payload: Record<string, unknown>) => injectAs(t.app, s[as], { method: 'PUT', url: `/api/outgoing/${id}`, payload });
  const fire = (as: U, id: string, payload: Record<string, unknown>) =>
    injectAs(t.app, s[as], { method: 'POST', url: `/api/outgoing/${id}/transitions`, payload });
  function ok(res: LightMyRequestResponse, status = 200): View {
    expect(res.statusCode, res.body).toBe(status);
    return body<View>(res);
  }
  const created = async (over: Record<string, unknown> = {}, as: U = 'div1_staff') => ok(await create(as, draft(over)), 201);
  /** Walks a new draft to 待签发. */
  async function atSignoff(over: Record<string, unknown> = {}): Promise<View> {
    let d = await created(over);
    d = ok(await fire('div1_staff', d.id, { action: 'submit', version: d.version }));
    d = ok(await fire('div1_head', d.id, { action: 'approve', version: d.version }));
    if (d.state === 'cosign')
      for (const c of d.cosigns) d = ok(await fire(c.unitId === div2 ? 'div2_head' : 'div1_head', d.id, { action: 'cosign', version: d.version }));
    return ok(await fire('office_director', d.id, { action: 'approve', version: d.version }));
  }

  it('create: 401, 403, 400 before anything; 422 for classified text; 201 with the first version; replay', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/outgoing', payload: draft() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/outgoing' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/outgoing/x/document.docx' })).statusCode).toBe(401);
    expect((await create('sysadmin', { bogus: 1 })).statusCode).toBe(403);
    expect((await create('leader1', draft())).statusCode).toBe(403);
    for (const bad of [
      { ...draft(), extra: 1 },
      { ...draft(), title: '' },
      { ...draft(), title: '关'.repeat(201) },
      { ...draft(), docType: '方案' },
      { ...draft(), classification: 'secret' },
      { ...draft(), mainRecipients: 'x' },
      { ...draft(), body: 'a\u0000b' },
      {},
    ]) {
      const r = await create('div1_staff', bad);
      expect(r.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(body<ErrorBody>(r).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await create('div1_staff', draft({ cosignDivisionIds: [div1] }))).statusCode).toBe(400);
    expect((await create('div1_staff', draft({ cosignDivisionIds: ['nope'] }))).statusCode).toBe(400);
    const marked = await create('div1_staff', draft({ title: '关于某事项的通知 机密★1年' }));
    expect(marked.statusCode).toBe(422);

    const d = await created();
    expect(d).toMatchObject({
      state: 'draft',
      version: 1,
      round: 1,
      direction: 'down',
      docNumber: null,
      blockingFindings: 0,
      actions: expect.arrayContaining(['submit']),
    });
    expect(d.draftingUnit.id).toBe(div1);
    const p = draft();
    const a = await create('div1_staff', p, 'og-key-1');
    const b = await create('div1_staff', p, 'og-key-1');
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(body<View>(b).id).toBe(body<View>(a).id);
  });

  it('visibility: drafting division, co-sign divisions, office and leaders; others 404 on every read', async () => {
    const d = await created();
    for (const u of ['div1_staff', 'div1_head', 'office_clerk', 'office_director', 'leader2'] as const) expect((await get(u, d.id)).statusCode, u).toBe(200);
    for (const url of ['', '/findings', '/versions', '/versions/1', '/diff?from=1&to=1', '/document.docx']) {
      expect((await injectAs(t.app, s.div2_staff, { method: 'GET', url: `/api/outgoing/${d.id}${url}` })).statusCode, url).toBe(404);
    }
    expect((await put('div2_staff', d.id, { ...draft(), version: d.version })).statusCode).toBe(404);
    const list = body<OutgoingList>(await injectAs(t.app, s.div2_staff, { method: 'GET', url: '/api/outgoing' }));
    expect(list.items.some((i) => i.id === d.id)).toBe(false);
    const co = await created({ cosignDivisionIds: [div2] });
    expect((await get('div2_staff', co.id)).statusCode).toBe(200);
    expect(body<OutgoingList>(await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/outgoing?state=draft' })).items.some((i) => i.id === d.id)).toBe(
      true,
    );
    expect((await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/outgoing?state=nope' })).statusCode).toBe(400);
  });

  it('the chain with co-sign: each role checked first, parallel co-sign, sign allocates 文号 and 成文日期, 核发 and 归档', async () => {
    let d = await created({ cosignDivisionIds: [div2] });
    // The co-sign division sees the draft but may not submit it.
    expect((await fire('div2_head', d.id, { action: 'submit', version: d.version })).statusCode).toBe(403);
    expect((await fire('office_clerk', d.id, { action: 'submit', version: d.version })).statusCode).toBe(403);
    expect((await fire('div1_staff', d.id, { action: 'submit', version: d.version + 5 })).statusCode).toBe(409);
    expect((await fire('div1_staff', d.id, { action: 'approve', version: d.version })).statusCode).toBe(403);
    d = ok(await fire('div1_staff', d.id, { action: 'submit', version: d.version }));
    expect(d.state).toBe('division_review');
    expect((await fire('div1_staff', d.id, { action: 'approve', version: d.version })).statusCode).toBe(403);
    expect((await fire('div2_head', d.id, { action: 'approve', version: d.version })).statusCode).toBe(403);
    d = ok(await fire('div1_head', d.id, { action: 'approve', version: d.version, comment: '同意，请会签' }));
    expect(d.state).toBe('cosign');
    expect(d.divisionReviewed).toBe(true);
    expect(d.cosigns).toEqual([expect.objectContaining({ unitId: div2, signedAt: null })]);
    expect((await fire('div1_head', d.id, { action: 'cosign', version: d.version })).statusCode).toBe(403);
    expect((await fire('div2_staff', d.id, { action: 'cosign', version: d.version })).statusCode).toBe(403);
    d = ok(await fire('div2_head', d.id, { action: 'cosign', version: d.version, comment: '无意见' }));
    expect(d.state).toBe('office_review');
    expect(d.cosigns[0]).toMatchObject({ signedBy: '吴处长', comment: '无意见' });
    expect((await fire('office_clerk', d.id, { action: 'approve', version: d.version })).statusCode).toBe(403);
    d = ok(await fire('office_director', d.id, { action: 'approve', version: d.version }));
    expect(d.state).toBe('signoff');
    expect((await fire('office_director', d.id, { action: 'sign', version: d.version })).statusCode).toBe(403);
    const todos = body<TodoList>(await injectAs(t.app, s.leader2, { method: 'GET', url: '/api/todos' }));
    expect(todos.items.some((i) => i.id === d.id)).toBe(true);
    d = ok(await fire('leader2', d.id, { action: 'sign', version: d.version, comment: '同意印发' }));
    expect(d.state).toBe('numbered');
    expect(d.docNumber).toMatch(/^财监办〔2026〕\d+号$/);
    expect(d).toMatchObject({ signDate: '2026年11月26日', signDateIso: '2026-11-26', signer: '李副局长' });
    expect((await fire('div1_head', d.id, { action: 'issue', version: d.version })).statusCode).toBe(403);
    expect((await fire('office_clerk', d.id, { action: 'issue', version: d.version, distribution: { copies: 0, recipients: [] } })).statusCode).toBe(400);
    d = ok(
      await fire('office_clerk', d.id, { action: 'issue', version: d.version, distribution: { copies: 30, recipients: ['局内各处室'], note: '电子分发' } }),
    );
    expect(d).toMatchObject({ state: 'issued', distribution: { copies: 30, recipients: ['局内各处室'] } });
    expect((await fire('office_clerk', d.id, { action: 'archive', version: d.version, retention: 'forever' })).statusCode).toBe(400);
    d = ok(await fire('office_clerk', d.id, { action: 'archive', version: d.version, retention: '30y' }));
    expect(d.state).toBe('archived');
    expect(d.archivalNo).toMatch(/^Z001-WS·2026-D30-FW-\d{4}$/);
    expect(d.history.map((h) => h.action)).toEqual(['create', 'submit', 'approve', 'cosign', 'approve', 'sign', 'issue', 'archive']);
    expect((await fire('office_clerk', d.id, { action: 'issue', version: d.version })).statusCode).toBe(409);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });

  it('return with comments from any review step; the text is kept as versions with a diff between rounds', async () => {
    let d = await created();
    expect((await put('div1_staff', d.id, { ...d.draft, version: d.version + 1 })).statusCode).toBe(409);
    expect((await put('div1_staff', d.id, { ...d.draft, version: d.version, extra: 1 })).statusCode).toBe(400);
    d = ok(await put('div1_staff', d.id, { ...d.draft, body: `${BODY}\n三、联系方式\n联系人：周科员。`, version: d.version, note: '补充联系方式' }));
    expect(d.round).toBe(2);
    d = ok(await fire('div1_staff', d.id, { action: 'submit', version: d.version }));
    expect((await put('div1_staff', d.id, { ...d.draft, version: d.version })).statusCode).toBe(403);
    expect((await fire('div1_head', d.id, { action: 'return', version: d.version })).statusCode).toBe(400);
    expect((await fire('div1_staff', d.id, { action: 'return', version: d.version, comment: '改' })).statusCode).toBe(403);
    d = ok(await fire('div1_head', d.id, { action: 'return', version: d.version, comment: '检查时限提前到12月5日' }));
    expect(d).toMatchObject({ state: 'draft', returnComment: '检查时限提前到12月5日', divisionReviewed: false });
    d = ok(await put('div1_staff', d.id, { ...d.draft, body: d.draft.body.replace('12月10日', '12月5日'), version: d.version }));
    expect(d.round).toBe(3);
    // Resubmitted and returned again from the office step, and from sign-off.
    d = ok(await fire('div1_staff', d.id, { action: 'submit', version: d.version }));
    d = ok(await fire('div1_head', d.id, { action: 'approve', version: d.version }));
    d = ok(
      await put('office_director', d.id, { ...d.draft, title: d.draft.title.replace('专项检查', '专项核查'), version: d.version, note: '办公室核稿修改' }),
    );
    d = ok(await fire('office_clerk', d.id, { action: 'return', version: d.version, comment: '请处室确认标题修改' }));
    expect(d.state).toBe('draft');
    d = ok(await fire('div1_staff', d.id, { action: 'submit', version: d.version }));
    d = ok(await fire('div1_head', d.id, { action: 'approve', version: d.version }));
    d = ok(await fire('office_director', d.id, { action: 'approve', version: d.version }));
    d = ok(await fire('leader1', d.id, { action: 'return', version: d.version, comment: '再斟酌' }));
    expect(d.state).toBe('draft');

    const versions = body<{ items: { round: number; author: string; note: string | null }[] }>(
      await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/versions` }),
    );
    expect(versions.items.map((v) => v.round)).toEqual([1, 2, 3, 4]);
    expect(versions.items[3]).toMatchObject({ author: '赵主任', note: '办公室核稿修改' });
    const diff = body<OutgoingDiff>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/diff?from=1&to=3` }));
    const bodyDiff = diff.fields.find((f) => f.field === 'body');
    expect(bodyDiff?.lines.filter((l) => l.op === 'insert').map((l) => l.text)).toEqual(['三、联系方式', '联系人：周科员。']);
    const changed = bodyDiff?.lines.find((l) => l.op === 'change');
    expect(changed?.pieces).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: '10' },
        { op: 'insert', text: '5' },
      ]),
    );
    const titleDiff = body<OutgoingDiff>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/diff?from=3&to=4` }));
    expect(titleDiff.fields.map((f) => f.field)).toEqual(['title']);
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/diff?from=1&to=99` })).statusCode).toBe(404);
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/diff?from=x&to=1` })).statusCode).toBe(400);
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/versions/2` })).statusCode).toBe(200);
  });

  it('sign is refused with 409 invalid_transition while the checker reports an error; findings endpoint shows it', async () => {
    let d = await atSignoff({ body: BODY.replace('（一）', '(一)') });
    expect(d.blockingFindings).toBe(1);
    const f = body<{ findings: Finding[] }>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}/findings` }));
    expect(f.findings).toEqual([expect.objectContaining({ rule: 'F09', severity: 'error', fix: expect.objectContaining({ replacement: '（一）' }) })]);
    const refused = await fire('leader1', d.id, { action: 'sign', version: d.version });
    expect(refused.statusCode).toBe(409);
    expect(body<ErrorBody>(refused).error).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('不能签发') });
    expect(body<ErrorBody>(refused).error.details?.findings?.[0]).toMatchObject({ rule: 'F09' });
    // Nothing moved and no number was used.
    expect(ok(await get('leader1', d.id))).toMatchObject({ state: 'signoff', docNumber: null, version: d.version });
    d = ok(await fire('leader1', d.id, { action: 'return', version: d.version, comment: '层次序数括号请改为全角' }));
    d = ok(await put('div1_staff', d.id, { ...d.draft, body: BODY, version: d.version }));
    expect(d.blockingFindings).toBe(0);
  });

  it('上行文: signed by the configured principal leader, 签发人 printed; a substantive change after sign-off goes back to the signer', async () => {
    const st = body<OutgoingSettings>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/outgoing/settings' }));
    const update = { agencyCode: '财监办', orgName: '财政部某某监管局', principalLeaderId: s.leader1.user.id, version: st.version };
    expect((await injectAs(t.app, s.office_clerk, { method: 'PUT', url: '/api/outgoing/settings', payload: update })).statusCode).toBe(403);
    expect(
      (
        await injectAs(t.app, s.office_director, {
          method: 'PUT',
          url: '/api/outgoing/settings',
          payload: { ...update, principalLeaderId: s.div1_head.user.id },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await injectAs(t.app, s.office_director, { method: 'PUT', url: '/api/outgoing/settings', payload: { ...update, agencyCode: 'AB' } })).statusCode,
    ).toBe(400);
    const saved = body<OutgoingSettings>(await injectAs(t.app, s.office_director, { method: 'PUT', url: '/api/outgoing/settings', payload: update }));
    expect(saved.principalLeader?.name).toBe('王局长');

    let d = await atSignoff({
      docType: '请示',
      title: '财政部某某监管局关于申请2026年度专项检查经费的请示',
      mainRecipients: ['财政部'],
      body: '为做好2026年度财政资金专项检查工作，拟申请专项经费20万元。\n妥否，请批示。',
      contact: { name: '周科员', phone: '010-12345678' },
    });
    expect(d).toMatchObject({ direction: 'up', requiredSigner: { name: '王局长' } });
    expect((await fire('leader2', d.id, { action: 'sign', version: d.version })).statusCode).toBe(403);
    d = ok(await fire('leader1', d.id, { action: 'sign', version: d.version }));
    expect(d).toMatchObject({ state: 'numbered', signer: '王局长' });
    const number = d.docNumber;

    const docx = await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/outgoing/${d.id}/document.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain(number);
    expect(xml).toContain('关于申请2026年度专项检查经费的请示');
    expect(xml).toContain('签发人');
    expect(xml).toContain('王局长');

    // A 抄送-only correction is not substantive: stays numbered.
    d = ok(await put('office_clerk', d.id, { ...d.draft, copyTo: ['财政部监督评价局'], version: d.version }));
    expect(d.state).toBe('numbered');
    expect((await put('div1_staff', d.id, { ...d.draft, version: d.version })).statusCode).toBe(403);
    d = ok(await put('office_clerk', d.id, { ...d.draft, body: d.draft.body.replace('20万元', '18万元'), version: d.version }));
    expect(d).toMatchObject({ state: 'signoff', docNumber: number });
    expect(d.history.at(-1)).toMatchObject({ action: 'reopen', comment: expect.stringContaining('实质性修改') });
    d = ok(await fire('leader1', d.id, { action: 'sign', version: d.version }));
    expect(d).toMatchObject({ state: 'numbered', docNumber: number });
  });

  it('attachment files: the drafting side while drafting, the office until 核发; others 404', async () => {
    const d = await created();
    const up = (as: U, id: string) => {
      const mp = multipart([{ name: 'file', filename: '检查工作方案.txt', contentType: 'text/plain', data: '2026年度财政资金专项检查工作方案' }]);
      return injectAs(t.app, s[as], { method: 'POST', url: `/api/outgoing/${id}/attachments`, payload: mp.payload, headers: mp.headers });
    };
    expect((await up('div2_staff', d.id)).statusCode).toBe(404);
    expect((await up('leader1', d.id)).statusCode).toBe(403);
    expect((await up('div1_staff', d.id)).statusCode).toBe(201);
    const next = ok(await fire('div1_staff', d.id, { action: 'submit', version: d.version }));
    // The rights sent with the document are what the attachment and save routes do.
    const rights = async (as: U) => body<{ rights: unknown }>(await injectAs(t.app, s[as], { method: 'GET', url: `/api/outgoing/${next.id}` })).rights;
    expect(await rights('div1_staff')).toEqual({ mayAttach: false, canEdit: false });
    expect(await rights('div1_head')).toEqual({ mayAttach: false, canEdit: true });
    expect(await rights('office_clerk')).toEqual({ mayAttach: true, canEdit: false });
    const mayCreate = async (as: U) =>
      body<{ rights: { mayCreate: boolean } }>(await injectAs(t.app, s[as], { method: 'GET', url: '/api/outgoing' })).rights.mayCreate;
    expect([await mayCreate('div1_staff'), await mayCreate('office_clerk'), await mayCreate('leader1')]).toEqual([true, true, false]);
    expect((await up('div1_staff', next.id)).statusCode).toBe(403);
    expect((await up('office_clerk', next.id)).statusCode).toBe(201);
    const list = body<{ items: { name: string }[] }>(await injectAs(t.app, s.leader2, { method: 'GET', url: `/api/outgoing/${d.id}/attachments` }));
    expect(list.items.map((f) => f.name)).toEqual(['检查工作方案.txt', '检查工作方案.txt']);
  });

  it('委托: a delegate signs a 上行文 in the principal leader’s name (x-acting-for), both names kept', async () => {
    const now = t.clock.now().getTime();
    const del = await injectAs(t.app, s.leader1, {
      method: 'POST',
      url: '/api/me/delegations',
      payload: {
        delegateId: s.office_director.user.id,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 86_400_000).toISOString(),
        reason: '出差',
      },
    });
    expect(del.statusCode, del.body).toBe(201);
    const d = await atSignoff({
      docType: '报告',
      title: '财政部某某监管局关于2026年度财政资金专项检查情况的报告',
      mainRecipients: ['财政部'],
      body: '根据工作安排，现将专项检查情况报告如下：\n一、基本情况\n检查覆盖全部转移支付资金。\n特此报告。',
    });
    const sign = { action: 'sign', version: d.version };
    expect((await fire('office_director', d.id, sign)).statusCode).toBe(403);
    const r = ok(
      await injectAs(t.app, s.office_director, {
        method: 'POST',
        url: `/api/outgoing/${d.id}/transitions`,
        payload: sign,
        headers: { 'x-acting-for': s.leader1.user.id },
      }),
    );
    expect(r).toMatchObject({ state: 'numbered', signer: '王局长' });
    expect(r.history.at(-1)).toMatchObject({ action: 'sign', actor: '赵主任', onBehalfOf: { name: '王局长' } });
  });

  it('sent back after sign-off: only the leader who signed may re-sign or return it; a 上行文 also the 主要负责人 named now', async () => {
    let d = await atSignoff();
    d = ok(await fire('leader2', d.id, { action: 'sign', version: d.version }));
    const number = d.docNumber;
    d = ok(await put('office_clerk', d.id, { ...d.draft, body: d.draft.body.replace('12月10日', '12月8日'), version: d.version }));
    expect(d).toMatchObject({ state: 'signoff', docNumber: number, requiredSigner: { name: '李副局长' } });
    const refused = await fire('leader1', d.id, { action: 'sign', version: d.version });
    expect(refused.statusCode).toBe(403);
    expect(body<ErrorBody>(refused).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await fire('leader1', d.id, { action: 'return', version: d.version, comment: '再改' })).statusCode).toBe(403);
    expect(ok(await get('leader1', d.id)).actions).not.toContain('sign');
    expect(ok(await get('leader2', d.id)).actions).toContain('sign');
    d = ok(await fire('leader2', d.id, { action: 'sign', version: d.version }));
    expect(d).toMatchObject({ state: 'numbered', docNumber: number, signer: '李副局长' });

    // A 上行文 signed by 王局长; the office then names 李副局长 主要负责人: either of them may re-sign, and no third leader exists to refuse.
    let up = await atSignoff({
      docType: '报告',
      title: '财政部某某监管局关于2026年度预算执行监管情况的报告',
      mainRecipients: ['财政部'],
      body: '根据工作安排，现将预算执行监管情况报告如下：\n一、基本情况\n监管覆盖全部预算单位。\n特此报告。',
    });
    expect((await fire('leader2', up.id, { action: 'sign', version: up.version })).statusCode).toBe(403);
    up = ok(await fire('leader1', up.id, { action: 'sign', version: up.version }));
    const st = body<OutgoingSettings>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/outgoing/settings' }));
    const settings = (leader: Session) => ({ agencyCode: '财监办', orgName: '财政部某某监管局', principalLeaderId: leader.user.id });
    let saved = body<OutgoingSettings>(
      await injectAs(t.app, s.office_director, { method: 'PUT', url: '/api/outgoing/settings', payload: { ...settings(s.leader2), version: st.version } }),
    );
    up = ok(await put('office_clerk', up.id, { ...up.draft, body: up.draft.body.replace('全部预算单位', '全部一级预算单位'), version: up.version }));
    expect(up.state).toBe('signoff');
    up = ok(await fire('leader2', up.id, { action: 'sign', version: up.version }));
    expect(up).toMatchObject({ state: 'numbered', signer: '李副局长' });
    saved = body<OutgoingSettings>(
      await injectAs(t.app, s.office_director, { method: 'PUT', url: '/api/outgoing/settings', payload: { ...settings(s.leader1), version: saved.version } }),
    );
    expect(saved.principalLeader?.name).toBe('王局长');
  });

  it('会签 by two divisions in either order: the state stays 会签 until the last; return from 会签 by a pending division only', async () => {
    // Drafted by the office, so both 监管处 can co-sign; the office director is the drafting head.
    let d = await created({ cosignDivisionIds: [div1, div2] }, 'office_clerk');
    d = ok(await fire('office_clerk', d.id, { action: 'submit', version: d.version }));
    d = ok(await fire('office_director', d.id, { action: 'approve', version: d.version }));
    expect(d.state).toBe('cosign');
    expect(d.cosigns.map((c) => c.unitId).sort()).toEqual([div1, div2].sort());
    d = ok(await fire('div2_head', d.id, { action: 'cosign', version: d.version, comment: '同意' }));
    expect(d.state).toBe('cosign');
    expect(d.cosigns.find((c) => c.unitId === div2)).toMatchObject({ signedBy: '吴处长' });
    expect(d.cosigns.find((c) => c.unitId === div1)).toMatchObject({ signedAt: null });
    // Signed already: neither a second co-sign nor a return from that division.
    expect((await fire('div2_head', d.id, { action: 'cosign', version: d.version })).statusCode).toBe(403);
    expect((await fire('div2_head', d.id, { action: 'return', version: d.version, comment: '改' })).statusCode).toBe(403);
    expect((await fire('office_director', d.id, { action: 'return', version: d.version, comment: '改' })).statusCode).toBe(403);
    expect((await fire('div1_staff', d.id, { action: 'return', version: d.version, comment: '改' })).statusCode).toBe(403);
    expect((await fire('div1_head', d.id, { action: 'return', version: d.version })).statusCode).toBe(400);
    d = ok(await fire('div1_head', d.id, { action: 'return', version: d.version, comment: '第二项检查范围与我处职责重叠，请调整' }));
    expect(d).toMatchObject({ state: 'draft', returnComment: '第二项检查范围与我处职责重叠，请调整', divisionReviewed: false });
    // The returned round starts over: both co-signs are open again.
    expect(d.cosigns.every((c) => c.signedAt === null)).toBe(true);
    d = ok(await fire('office_clerk', d.id, { action: 'submit', version: d.version }));
    d = ok(await fire('office_director', d.id, { action: 'approve', version: d.version }));
    d = ok(await fire('div1_head', d.id, { action: 'cosign', version: d.version }));
    expect(d.state).toBe('cosign');
    d = ok(await fire('div2_head', d.id, { action: 'cosign', version: d.version }));
    expect(d.state).toBe('office_review');
    expect(d.history.map((h) => h.action)).toEqual(['create', 'submit', 'approve', 'cosign', 'return', 'submit', 'approve', 'cosign', 'cosign']);
  });

  it('归档 only by the office clerk; 退回签发人复审 never by a leader or a division', async () => {
    let d = await atSignoff();
    d = ok(await fire('leader1', d.id, { action: 'sign', version: d.version }));
    for (const u of ['leader1', 'leader2', 'div1_head', 'div1_staff'] as const) {
      const r = await fire(u, d.id, { action: 'reopen', version: d.version, comment: '需要复审' });
      expect(r.statusCode, u).toBe(403);
      expect(body<ErrorBody>(r).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    d = ok(await fire('office_clerk', d.id, { action: 'issue', version: d.version }));
    expect(d.distribution).toEqual({ copies: 1, recipients: ['局内各处室'] });
    for (const u of ['office_director', 'div1_head', 'div1_staff', 'leader1'] as const) {
      expect((await fire(u, d.id, { action: 'archive', version: d.version, retention: '10y' })).statusCode, u).toBe(403);
    }
    expect(ok(await get('office_director', d.id)).actions).not.toContain('archive');
    d = ok(await fire('office_clerk', d.id, { action: 'archive', version: d.version, retention: '10y' }));
    expect(d).toMatchObject({ state: 'archived', retention: '10y' });
  });

  it('concurrent sign-offs get distinct, gapless 文号', async () => {
    const docs: View[] = [];
    for (let i = 0; i < 6; i++) docs.push(await atSignoff());
    const results = await Promise.all(docs.map((d, i) => fire(i % 2 ? 'leader1' : 'leader2', d.id, { action: 'sign', version: d.version })));
    const numbers = results.map((r) => ok(r).docNumber ?? '');
    const seqs = numbers.map((n) => Number(/〔2026〕(\d+)号/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(6);
    expect(seqs.at(-1)! - seqs[0]!).toBe(5);
    // Gapless over the whole year: every number from 1 to the highest is held by exactly one document.
    const all = body<OutgoingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/outgoing?pageSize=100' })).items.filter(
      (i) => i.docNumber,
    );
    const held = all.map((i) => Number(/〔2026〕(\d+)号/.exec(i.docNumber ?? '')?.[1])).sort((a, b) => a - b);
    expect(held).toEqual(held.map((_, i) => i + 1));
  });

  it('diff: lines kept, added, removed and changed with character pieces', () => {
    expect(diffText('a\nb\nc', 'a\nB2\nc\nd')).toEqual([
      { op: 'equal', text: 'a' },
      {
        op: 'change',
        pieces: [
          { op: 'delete', text: 'b' },
          { op: 'insert', text: 'B2' },
        ],
      },
      { op: 'equal', text: 'c' },
      { op: 'insert', text: 'd' },
    ]);
    expect(diffText('', '')).toEqual([]);
  });
});

describe.each(testDialects())('发文 demo seed on %s', (dialect) => {
  it('drafts twelve real documents into every state, once', { timeout: 60_000 }, async () => {
    const t = await createTestApp(dialect);
    try {
      await seedDemoOrg(t.deps);
      expect(await seedDemoOutgoing(t.deps)).toEqual({ created: 12 });
      expect(await seedDemoOutgoing(t.deps)).toEqual({ created: 0 });
      const rows = await t.deps.db.selectFrom('outgoing_docs').select(['state', 'doc_number', 'return_comment']).execute();
      expect(new Set(rows.map((r) => r.state))).toEqual(
        new Set(['draft', 'division_review', 'cosign', 'office_review', 'signoff', 'numbered', 'issued', 'archived']),
      );
      expect(
        rows
          .filter((r) => r.doc_number)
          .map((r) => r.doc_number)
          .sort(),
      ).toEqual(['财监办〔2026〕1号', '财监办〔2026〕2号', '财监办〔2026〕3号', '财监办〔2026〕4号']);
      expect(rows.some((r) => r.state === 'draft' && r.return_comment)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
