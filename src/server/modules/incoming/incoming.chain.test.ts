import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingFields, IncomingList, IncomingOptions } from '../../../shared/incoming.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/* Issue 13: the 批示 chain, 承办 with 传阅 together, and a time limit that ends on a day off. */

type View = WorkflowView<IncomingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const USERS = ['office_clerk', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_staff'] as const;
type U = (typeof USERS)[number];

let counter = 0;
const doc = (over: Record<string, unknown> = {}) => ({
  sourceOrg: '财政部',
  sourceDocNumber: `财办〔2026〕${500 + ++counter}号`,
  title: `关于开展财会监督专项行动的通知（${counter}）`,
  docType: '通知',
  classification: 'internal',
  urgency: 'normal',
  kind: 'handle',
  copies: 1,
  receivedDate: '2026-11-25',
  ...over,
});

describe.each(testDialects())('收文 批示 chain on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  const id = (u: U) => s[u].user.id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-11-26T02:00:00.000Z');
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (as: U, docId: string) => body<View>(await injectAs(t.app, s[as], { method: 'GET', url: `/api/incoming/${docId}` }));
  const fire = (as: U, docId: string, payload: Record<string, unknown>) =>
    injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${docId}/transitions`, payload });
  const ok = (res: LightMyRequestResponse): View => {
    expect(res.statusCode, res.body).toBe(200);
    return body<View>(res);
  };
  const step = async (as: U, docId: string, payload: Record<string, unknown>) =>
    ok(await fire(as, docId, { ...payload, version: (await get('office_clerk', docId)).version }));
  const todoIds = async (as: U) => body<TodoList>(await injectAs(t.app, s[as], { method: 'GET', url: '/api/todos' })).items.map((i) => i.id);

  async function proposed(leaders: U[] = ['leader1']): Promise<View> {
    const created = await injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/incoming', payload: doc() });
    expect(created.statusCode, created.body).toBe(201);
    const d = body<View>(created);
    return step('office_clerk', d.id, { action: 'propose', opinion: '拟请王局长阅示', leaderIds: leaders.map(id) });
  }

  it('圈阅 and on to the next leader: the document stays 待批办, each sees it in turn, every 批示 is kept', async () => {
    const p = await proposed();
    // Passing on excludes assigning, circulating and a deadline: the last leader decides those.
    for (const bad of [
      { nextLeaderIds: [id('leader2')], leadDivisionId: div1 },
      { nextLeaderIds: [id('leader2')], deadline: '2026-12-10' },
      { nextLeaderIds: [id('leader2'), id('leader2')] },
      { nextLeaderIds: [id('div1_head')] },
      { nextLeaderIds: [id('leader1')] },
      {},
    ]) {
      const r = await fire('leader1', p.id, { action: 'instruct', version: p.version, instruction: '请李副局长阅示', ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await todoIds('leader2')).not.toContain(p.id);
    const first = await step('leader1', p.id, { action: 'instruct', instruction: '请李副局长阅示', nextLeaderIds: [id('leader2')] });
    expect(first).toMatchObject({
      state: 'proposed',
      awaitingLeaders: [{ id: id('leader2'), name: '李副局长' }],
      leaderQueue: [],
      instructions: [{ by: '王局长', text: '请李副局长阅示', nextLeaders: [{ id: id('leader2'), name: '李副局长' }] }],
      instruction: { text: '请李副局长阅示', by: '王局长' },
    });
    expect(first.actions).not.toContain('instruct');
    expect((await get('leader2', p.id)).actions).toContain('instruct');
    expect(await todoIds('leader2')).toContain(p.id);
    expect(await todoIds('leader1')).not.toContain(p.id);
    // The leader who passed it on may not instruct again out of turn.
    expect((await fire('leader1', p.id, { action: 'instruct', version: first.version, instruction: '再批', leadDivisionId: div1 })).statusCode).toBe(403);

    // 请X局长阅示，X处办理: 承办 and 传阅 together.
    const both = await step('leader2', p.id, {
      action: 'instruct',
      instruction: '请监管一处办理，王局长、周科员阅',
      leadDivisionId: div1,
      circulate: [id('leader1'), id('div1_staff')],
      deadline: '2026-12-10',
    });
    expect(both).toMatchObject({
      state: 'handling',
      leadDivision: { id: div1 },
      circulation: { mode: 'parallel', readers: [{ userId: id('leader1') }, { userId: id('div1_staff') }] },
      awaitingLeaders: [],
      instruction: { by: '李副局长' },
    });
    expect(both.instructions.map((i) => i.by)).toEqual(['王局长', '李副局长']);
    expect(both.history.filter((h) => h.action === 'instruct').map((h) => h.comment)).toEqual(['请李副局长阅示', '请监管一处办理，王局长、周科员阅']);
    expect(await todoIds('leader1')).toContain(p.id);
    expect(await todoIds('div1_head')).toContain(p.id);

    // The division's 办结 waits for the readers; the last reader completes it.
    const done = await step('div1_head', p.id, { action: 'complete', result: '已按要求开展', handledBy: '周科员' });
    expect(done).toMatchObject({ state: 'handling', result: '已按要求开展', handledBy: '周科员', divisionDoneAt: expect.any(String), completedAt: null });
    expect(done.actions).not.toContain('complete');
    expect((await get('div1_staff', p.id)).actions).toEqual(expect.arrayContaining(['read']));
    expect((await step('leader1', p.id, { action: 'read', comment: '阅' })).state).toBe('handling');
    const last = await step('div1_staff', p.id, { action: 'read' });
    expect(last).toMatchObject({ state: 'completed', result: '已按要求开展', completedAt: expect.any(String) });

    // The register carries the chain.
    const list = body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming?q=${encodeURIComponent(last.regNo)}` }));
    expect(list.items.find((i) => i.id === p.id)).toMatchObject({
      proposalOpinion: '拟请王局长阅示',
      instructions: [{ by: '王局长' }, { by: '李副局长' }],
      handledBy: '周科员',
      result: '已按要求开展',
    });
  });

  it('readers first, then the division: the 办结 completes it; a queue of leaders is followed in order', async () => {
    const p = await proposed();
    await step('leader1', p.id, { action: 'instruct', instruction: '请监管一处办理，周科员阅', leadDivisionId: div1, circulate: [id('div1_staff')] });
    expect((await step('div1_staff', p.id, { action: 'read' })).state).toBe('handling');
    expect((await step('div1_head', p.id, { action: 'complete', result: '已办理' })).state).toBe('completed');

    // leader1 names two leaders: leader2, then back to leader1, who decides.
    const q = await proposed();
    const a = await step('leader1', q.id, { action: 'instruct', instruction: '请李副局长提出意见后再呈我', nextLeaderIds: [id('leader2'), id('leader1')] });
    expect(a).toMatchObject({ awaitingLeaders: [{ id: id('leader2') }], leaderQueue: [{ id: id('leader1') }] });
    const b = await step('leader2', q.id, { action: 'instruct', instruction: '拟同意，请王局长定' });
    expect(b).toMatchObject({ state: 'proposed', awaitingLeaders: [{ id: id('leader1') }], leaderQueue: [] });
    const c = await step('leader1', q.id, { action: 'instruct', instruction: '传阅', circulate: [id('div2_staff')] });
    expect(c.state).toBe('circulating');
    expect(c.instructions.map((i) => [i.by, i.text])).toEqual([
      ['王局长', '请李副局长提出意见后再呈我'],
      ['李副局长', '拟同意，请王局长定'],
      ['王局长', '传阅'],
    ]);
  });

  it('a time limit entered on a day off moves to the next working day, and says so', async () => {
    t.clock.set('2026-09-28T02:00:00.000Z');
    for (const u of USERS) s[u] = await login(t.app, u);
    const p = await proposed();
    // 2026-10-03 is in the 国庆 holiday (10-01 to 10-07): the limit ends on Thursday 10-08.
    const h = await step('leader1', p.id, { action: 'instruct', instruction: '请办理', leadDivisionId: div1, deadline: '2026-10-03' });
    expect(h).toMatchObject({ handlingDeadline: '2026-10-08', deadlineEntered: '2026-10-03', deadlineProvisional: false });
    const w = await proposed();
    const on = await step('leader1', w.id, { action: 'instruct', instruction: '请办理', leadDivisionId: div1, deadline: '2026-10-09' });
    expect(on).toMatchObject({ handlingDeadline: '2026-10-09', deadlineEntered: null });
    // Working days count across the holiday: 9-29, 9-30, 10-08 → Thursday 10-08.
    const c = await proposed();
    expect((await step('leader1', c.id, { action: 'instruct', instruction: '请办理', leadDivisionId: div1, deadlineWorkdays: 3 })).handlingDeadline).toBe(
      '2026-10-08',
    );
    // An extension asked for a day off moves the same way.
    const ext = await step('div1_head', on.id, { action: 'request_extension', reason: '需会商', deadline: '2026-10-11' });
    expect(ext.extensions[0]).toMatchObject({ requestedDeadline: '2026-10-12' });
    t.clock.set('2026-11-26T02:00:00.000Z');
    for (const u of USERS) s[u] = await login(t.app, u);
  });
});
