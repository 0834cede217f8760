import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingFields, IncomingOptions } from '../../../shared/incoming.js';
import type { SupervisionFields } from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { linksFrom } from '../../core/links/links.service.js';
import { itemForIncoming } from '../supervision/supervision.service.js';

type View = WorkflowView<IncomingFields>;
type ItemView = WorkflowView<SupervisionFields>;
interface ErrorBody {
  error: { code: string; message: string };
}
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = ['office_clerk', 'leader1', 'div1_head', 'div2_head', 'div2_staff', 'sysadmin'] as const;
type U = (typeof USERS)[number];

let counter = 0;
function doc(over: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    sourceOrg: '财政部',
    sourceDocNumber: `财办〔2026〕${300 + counter}号`,
    title: `财政部办公厅关于开展预算执行专项检查的通知（${counter}）`,
    docType: '通知',
    classification: 'internal',
    urgency: 'normal',
    kind: 'handle',
    copies: 1,
    receivedDate: '2026-11-25',
    ...over,
  };
}

describe.each(testDialects())('收文 批办 列入督办 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = opts.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (as: U, url: string) => injectAs(t.app, s[as], { method: 'GET', url });
  const fire = (as: U, url: string, payload: Record<string, unknown>, key?: string) =>
    injectAs(t.app, s[as], { method: 'POST', url: `${url}/transitions`, payload, headers: key ? { 'idempotency-key': key } : {} });
  const ok = <T = View>(res: LightMyRequestResponse, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return body<T>(res);
  };
  /** A document registered and proposed to leader1, waiting for 批办. */
  async function proposed(): Promise<View> {
    const d = ok(await injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/incoming', payload: doc() }), 201);
    return ok(
      await fire('office_clerk', `/api/incoming/${d.id}`, {
        action: 'propose',
        version: d.version,
        opinion: '拟请监管一处牵头办理',
        leadDivisionId: div1,
        leaderIds: [s.leader1.user.id],
      }),
    );
  }
  const instruction = '请监管一处牵头开展专项检查，监管二处配合，12月20日前报我。';

  it('refuses 列入督办 without a lead division, with a bad kind, or without a 办理时限 (400), and creates nothing', async () => {
    const p = await proposed();
    const url = `/api/incoming/${p.id}`;
    for (const bad of [
      { instruction, circulate: [s.div2_staff.user.id], supervision: {} },
      { instruction, leadDivisionId: div1, deadline: '2026-12-20', supervision: { kind: 'urgent' } },
      { instruction, leadDivisionId: div1, deadline: '2026-12-20', supervision: { extra: 1 } },
      { instruction, leadDivisionId: div1, supervision: {} },
    ]) {
      const r = await fire('leader1', url, { action: 'instruct', version: p.version, ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(body<ErrorBody>(r).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await itemForIncoming(t.deps, p.id)).toBeUndefined();
    expect(ok(await get('leader1', url))).toMatchObject({ state: 'proposed', supervisionItem: null, supervisionResults: [] });
  });

  it('批办 with 列入督办 makes the item in one step, linked both ways; a replay or second attempt makes no second item; 销号 is written back onto the document', async () => {
    const p = await proposed();
    const url = `/api/incoming/${p.id}`;
    const payload = {
      action: 'instruct',
      version: p.version,
      instruction,
      leadDivisionId: div1,
      assistDivisionIds: [div2],
      deadline: '2026-12-20',
      supervision: { kind: 'key' },
    };
    // Only a leader instructs: the 列入督办 field does not open the action to anybody else.
    expect((await fire('office_clerk', url, payload)).statusCode).toBe(403);

    const first = await fire('leader1', url, payload, 'instruct-supervise-1');
    const h = ok(first);
    expect(h.state).toBe('handling');
    expect(h.supervisionItem).toEqual({ id: expect.any(String), number: expect.stringMatching(/^督〔2026〕\d+号$/) });
    const itemId = h.supervisionItem?.id ?? '';

    // Linked both ways: 督办 knows the document, the document knows the item.
    expect(await itemForIncoming(t.deps, p.id)).toMatchObject({ id: itemId, state: 'open' });
    const item = ok<ItemView>(await get('div1_head', `/api/supervision/${itemId}`));
    expect(item).toMatchObject({
      source: 'incoming',
      incoming: { id: p.id },
      sourceRef: h.regNo,
      instruction,
      kind: 'key',
      // 2026-12-20 is a Sunday: a time limit ending on a day off ends on the next working day (issue 13).
      deadline: '2026-12-21',
      leadDivision: { id: div1 },
      assistDivisions: [{ id: div2 }],
    });

    // The same request replayed answers the stored response; a second 批办 is refused by state.
    const replay = await fire('leader1', url, payload, 'instruct-supervise-1');
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(body<View>(replay).supervisionItem).toEqual(h.supervisionItem);
    const again = await fire('leader1', url, { ...payload, version: h.version }, 'instruct-supervise-2');
    expect(again.statusCode).toBe(409);
    expect(await linksFrom(t.deps.db, { kind: 'incoming', id: p.id })).toMatchObject([
      { target: { kind: 'supervision', id: itemId }, relation: 'supervise', createdBy: s.leader1.user.id },
    ]);

    // The lead division walks the item to closure; the leader approves (销号).
    const a = ok<ItemView>(await fire('div1_head', `/api/supervision/${itemId}`, { action: 'accept', version: item.version }));
    const c = ok<ItemView>(
      await fire('div1_head', `/api/supervision/${itemId}`, { action: 'request_closure', version: a.version, result: '专项检查已完成，检查报告已报局领导。' }),
    );
    const before = ok(await get('leader1', url));
    ok<ItemView>(await fire('leader1', `/api/supervision/${itemId}`, { action: 'approve_closure', version: c.version, comment: '同意销号。' }));

    const after = ok(await get('div1_head', url));
    expect(after.supervisionResults).toEqual([
      {
        itemId,
        number: h.supervisionItem?.number,
        result: '专项检查已完成，检查报告已报局领导。',
        comment: '同意销号。',
        by: s.leader1.user.name,
        onBehalfOf: null,
        at: expect.any(String),
      },
    ]);
    // A note on the timeline, not a transition: the document's own state and version are untouched.
    expect(after).toMatchObject({ state: 'handling', version: before.version });
    const audit = await t.deps.db.selectFrom('audit_events').select(['action', 'target_id']).where('action', '=', 'incoming.supervision_closed').execute();
    expect(audit).toEqual([{ action: 'incoming.supervision_closed', target_id: p.id }]);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('批办 without 列入督办 makes no item', async () => {
    const p = await proposed();
    const h = ok(
      await fire('leader1', `/api/incoming/${p.id}`, { action: 'instruct', version: p.version, instruction, leadDivisionId: div1, deadlineWorkdays: 5 }),
    );
    expect(h.supervisionItem).toBeNull();
    expect(await itemForIncoming(t.deps, p.id)).toBeUndefined();
  });
});
