import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { payloadFieldLabels, payloadTexts } from './guard.payload.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { findings?: { marking: string; where: string }[]; channel?: string } };
}
type View = WorkflowView<{ leadDivision?: { id: string } }>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div1_staff', 'div2_staff', 'secrecy_officer'] as const;
type U = (typeof USERS)[number];

describe('payloadTexts', () => {
  it('collects every string, nested in objects and arrays, keyed by path; numbers, booleans and empties are skipped', () => {
    const texts = payloadTexts({ comment: '同意', n: 3, ok: true, empty: '', list: ['甲', { name: '乙' }], deep: { a: { b: '丙' } } });
    expect(texts).toEqual({ comment: '同意', 'list.0': '甲', 'list.1.name': '乙', 'deep.a.b': '丙' });
    expect(payloadFieldLabels({ comment: 'x', 'reason.0': 'y', other: 'z' })).toEqual({ comment: '意见', 'reason.0': '理由' });
  });

  it('stops at a bounded depth instead of recursing without end', () => {
    let v: unknown = '机密★1年';
    for (let i = 0; i < 50; i++) v = { x: v };
    expect(payloadTexts(v)).toEqual({});
  });
});

describe.each(testDialects())('the guard on workflow transitions, %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<{ divisions: { id: string; name: string }[] }>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (as: U, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    injectAs(t.app, s[as], { method: 'POST', url, payload, headers });
  const ok = (res: LightMyRequestResponse, status = 200): View => {
    expect(res.statusCode, res.body).toBe(status);
    return body<View>(res);
  };
  const refusals = () =>
    t.deps.db
      .selectFrom('audit_events')
      .select(['actor_id', 'target_type', 'target_id', 'outcome', 'details'])
      .where('action', '=', 'guard.classified_refused')
      .orderBy('seq')
      .execute();
  const officerNotes = () =>
    t.deps.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'guard.classified_refused')
      .where('user_id', '=', s.secrecy_officer.user.id)
      .execute();
  const historyCount = async (kind: string, id: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('workflow_history')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('kind', '=', kind)
          .where('object_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /**
   * Fires a transition whose text carries a marking and checks the whole
   * refusal: 422 with the marking, the field and the 机要 channels named;
   * nothing moved (state, version, history); one audit event (denied, no
   * surrounding text) and one notification to the secrecy officer.
   */
  async function expectRefused(kind: string, as: U, v: View, payload: Record<string, unknown>, marking: string, where: string) {
    const before = { audits: (await refusals()).length, notes: (await officerNotes()).length, history: await historyCount(kind, v.id) };
    const res = await post(as, `/api/${kind}/${v.id}/transitions`, { version: v.version, ...payload }, { 'idempotency-key': `guard-${kind}-${++n}` });
    expect(res.statusCode, res.body).toBe(422);
    const err = body<ErrorBody>(res).error;
    expect(err.code).toBe('classified_refused');
    expect(err.message).toContain(marking);
    expect(err.message).toContain(where);
    expect(err.message).toMatch(/机要交通、机要通信等机要渠道/u);
    expect(err.details?.findings?.[0]).toMatchObject({ marking });

    const after = ok(await injectAs(t.app, s[as], { method: 'GET', url: `/api/${kind}/${v.id}` }));
    expect(after).toMatchObject({ state: v.state, version: v.version });
    expect(await historyCount(kind, v.id)).toBe(before.history);

    const audits = await refusals();
    expect(audits.length).toBe(before.audits + 1);
    const last = audits.at(-1);
    expect(last).toMatchObject({ actor_id: s[as].user.id, target_type: kind, target_id: v.id, outcome: 'denied' });
    expect(last?.details).toContain(marking);
    // The audit log records the marking and where it was, never the text around it.
    expect(last?.details).not.toContain('请尽快办理');
    const notes = await officerNotes();
    expect(notes.length).toBe(before.notes + 1);
    expect(notes.at(-1)?.title).toContain(marking);
    return after;
  }

  it('收文: 拟办意见 and 批示 carrying a marking are refused and nothing changes; clean prose about secrecy passes', async () => {
    const reg = ok(
      await post('office_clerk', '/api/incoming', {
        sourceOrg: '财政部',
        sourceDocNumber: '财办〔2026〕901号',
        title: '财政部办公厅关于加强保密管理工作的通知',
        docType: '通知',
        classification: 'internal',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-25',
      }),
      201,
    );
    const propose = { action: 'propose', leadDivisionId: div1, leaderIds: [s.leader1.user.id] };
    await expectRefused('incoming', 'office_clerk', reg, { ...propose, opinion: '拟请监管一处办理。\n机密★1年 请尽快办理' }, '机密★1年', '拟办意见第2行');
    // Someone who may not see the document learns nothing and leaves no refusal behind.
    const audits = (await refusals()).length;
    expect((await post('div2_staff', `/api/incoming/${reg.id}/transitions`, { version: reg.version, ...propose, opinion: '机密★1年' })).statusCode).toBe(404);
    expect((await refusals()).length).toBe(audits);

    const proposed = ok(
      await post('office_clerk', `/api/incoming/${reg.id}/transitions`, {
        version: reg.version,
        ...propose,
        opinion: '请监管一处牵头，做好保密工作，注意文件的机密性。',
      }),
    );
    expect(proposed.state).not.toBe(reg.state);
    await expectRefused(
      'incoming',
      'leader1',
      proposed,
      { action: 'instruct', instruction: '同意。密级：秘密 请尽快办理', leadDivisionId: div1, deadlineWorkdays: 5 },
      '密级：秘密',
      '批示意见第1行',
    );
  });

  it('发文: a 送核 or 退回 comment carrying a marking is refused and nothing changes', async () => {
    const draft = ok(
      await post('div1_staff', '/api/outgoing', {
        docType: '通知',
        title: '财政部某某监管局关于开展财政资金专项检查的通知',
        mainRecipients: ['局内各处室'],
        copyTo: [],
        body: '为加强财政资金监管，现将有关事项通知如下。',
        attachments: [],
        classification: 'internal',
        urgency: 'normal',
        disclosure: 'not_public',
        cosignDivisionIds: [],
      }),
      201,
    );
    await expectRefused('outgoing', 'div1_staff', draft, { action: 'submit', comment: '请审核 绝密★长期 请尽快办理' }, '绝密★长期', '意见第1行');
    const submitted = ok(await post('div1_staff', `/api/outgoing/${draft.id}/transitions`, { version: draft.version, action: 'submit' }));
    await expectRefused('outgoing', 'div1_head', submitted, { action: 'return', comment: '退回修改。\n\n秘密☆5年 请尽快办理' }, '秘密☆5年', '意见第3行');
  });

  it('督办: 进展情况 and 需协调事项 carrying a marking are refused and nothing changes', async () => {
    const created = ok(
      await post('office_clerk', '/api/supervision', {
        title: '落实局长办公会关于加强预算执行监管的决定',
        content: '对中央预算单位预算执行情况开展专项监管。',
        source: 'director_meeting',
        sourceRef: '2026年第12次局长办公会',
        instruction: '请监管一处牵头。',
        leadDivisionId: div1,
        deadline: '2026-12-31',
        kind: 'key',
      }),
      201,
    );
    const accepted = ok(await post('div1_head', `/api/supervision/${created.id}/transitions`, { version: created.version, action: 'accept' }));
    await expectRefused(
      'supervision',
      'div1_head',
      accepted,
      { action: 'progress', content: '已完成初步检查，机密★10年 请尽快办理', percent: 30 },
      '机密★10年',
      '内容第1行',
    );
    await expectRefused(
      'supervision',
      'div1_head',
      accepted,
      { action: 'progress', content: '已完成初步检查。', coordination: '机密\n请尽快办理' },
      '机密',
      '需协调事项第1行',
    );
    ok(
      await post('div1_head', `/api/supervision/${created.id}/transitions`, {
        version: accepted.version,
        action: 'progress',
        content: '已完成初步检查，做好保密工作。',
      }),
    );
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });
});
