import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrg } from '../src/server/core/org/org.seed.js';
import { createTestApp, json, type TestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { injectAs, login, type Session } from './support/session.js';

/** 委托/代理 end to end: a delegate acts in the leader's name through `x-acting-for`, and both names are kept. */
describe.each(testDialects())('acting for a leader (%s)', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div2_staff']) {
      s[u] = await login(t.app, u);
      ids[u] = s[u].user.id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function proposedDocument(): Promise<{ id: string; version: number; div1: string }> {
    const units = json<Array<{ id: string; name: string; children: Array<{ id: string; name: string }> }>>(
      await injectAs(t.app, s['office_clerk']!, { method: 'GET', url: '/api/org/units' }),
    );
    const flat = units.flatMap((u) => [u, ...u.children]);
    const div1 = flat.find((u) => u.name === '监管一处')!.id;
    const created = await injectAs(t.app, s['office_clerk']!, {
      method: 'POST',
      url: '/api/incoming',
      payload: {
        sourceOrg: '财政部',
        sourceDocNumber: `财办〔2026〕${Math.floor(Math.random() * 100000)}号`,
        title: '财政部办公厅关于开展2026年度内部控制评价工作的通知',
        docType: '通知',
        classification: 'none',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-25',
      },
    });
    expect(created.statusCode).toBe(201);
    const d = json<{ id: string; version: number }>(created);
    const p = await injectAs(t.app, s['office_clerk']!, {
      method: 'POST',
      url: `/api/incoming/${d.id}/transitions`,
      payload: { action: 'propose', version: d.version, opinion: '拟请监管一处牵头办理', leadDivisionId: div1, leaderIds: [ids['leader1']] },
    });
    expect(p.statusCode).toBe(200);
    return { id: d.id, version: json<{ version: number }>(p).version, div1 };
  }

  it('refuses to act for someone without an active delegation (403) and a malformed principal (400)', async () => {
    const r = await injectAs(t.app, s['office_director']!, { method: 'GET', url: '/api/todos', headers: { 'x-acting-for': ids['leader1']! } });
    expect(r.statusCode).toBe(403);
    const bad = await injectAs(t.app, s['office_director']!, { method: 'GET', url: '/api/todos', headers: { 'x-acting-for': 'leader1' } });
    expect(bad.statusCode).toBe(400);
  });

  it('lets the delegate instruct in the leader\u2019s name and records both names', async () => {
    const now = t.clock.now().getTime();
    const del = await injectAs(t.app, s['leader1']!, {
      method: 'POST',
      url: '/api/me/delegations',
      payload: {
        delegateId: ids['office_director'],
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3 * 86_400_000).toISOString(),
        reason: '出差',
      },
    });
    expect(del.statusCode).toBe(201);

    const d = await proposedDocument();
    const body = { action: 'instruct', version: d.version, instruction: '请监管一处抓紧办理', leadDivisionId: d.div1, deadlineWorkdays: 5 };
    const own = await injectAs(t.app, s['office_director']!, { method: 'POST', url: `/api/incoming/${d.id}/transitions`, payload: body });
    expect(own.statusCode).toBe(403);

    const acting = await injectAs(t.app, s['office_director']!, {
      method: 'POST',
      url: `/api/incoming/${d.id}/transitions`,
      payload: body,
      headers: { 'x-acting-for': ids['leader1']! },
    });
    expect(acting.statusCode).toBe(200);
    const view = json<{ state: string; history: Array<{ action: string; actor: string; onBehalfOf?: unknown }> }>(acting);
    expect(view.state).toBe('handling');
    const entry = view.history.find((h) => h.action === 'instruct');
    expect(JSON.stringify(entry)).toContain('赵主任');
    expect(JSON.stringify(entry)).toContain('王局长');

    const audit = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_id', 'on_behalf_of_id', 'details'])
      .where('action', '=', 'incoming.instruct')
      .where('target_id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect([audit.actor_id, audit.on_behalf_of_id].sort()).toEqual([ids['leader1'], ids['office_director']].sort());
  });

  it('lets the delegate approve and refuse extensions in the leader\u2019s name, with both names on the record', async () => {
    // The delegation of the previous test is still running.
    type Ext = { state: string; decidedBy: string | null; decidedOnBehalfOf: string | null };
    type V = { version: number; handlingDeadline: string | null; extensions: Ext[] };
    const fire = async (who: string, id: string, payload: Record<string, unknown>, actingFor?: string): Promise<V> => {
      const r = await injectAs(t.app, s[who]!, {
        method: 'POST',
        url: `/api/incoming/${id}/transitions`,
        payload,
        ...(actingFor ? { headers: { 'x-acting-for': actingFor } } : {}),
      });
      expect(r.statusCode, r.body).toBe(200);
      return json<V>(r);
    };
    const d = await proposedDocument();
    const h = await fire('leader1', d.id, {
      action: 'instruct',
      version: d.version,
      instruction: '请监管一处办理',
      leadDivisionId: d.div1,
      deadlineWorkdays: 5,
    });
    const r1 = await fire('div1_head', d.id, { action: 'request_extension', version: h.version, reason: '需征求各地意见', deadlineWorkdays: 3 });
    // The delegate in person is not the instructing leader.
    const own = await injectAs(t.app, s['office_director']!, {
      method: 'POST',
      url: `/api/incoming/${d.id}/transitions`,
      payload: { action: 'approve_extension', version: r1.version },
    });
    expect(own.statusCode).toBe(403);
    const a = await fire('office_director', d.id, { action: 'approve_extension', version: r1.version, comment: '同意' }, ids['leader1']);
    expect(a.extensions[0]).toMatchObject({ state: 'approved', decidedBy: '王局长', decidedOnBehalfOf: '赵主任' });
    const r2 = await fire('div1_head', d.id, { action: 'request_extension', version: a.version, reason: '再延', deadlineWorkdays: 2 });
    const f = await fire('office_director', d.id, { action: 'refuse_extension', version: r2.version, reason: '请按时办结' }, ids['leader1']);
    expect(f.extensions[1]).toMatchObject({ state: 'refused', decidedBy: '王局长', decidedOnBehalfOf: '赵主任' });
    expect(f.handlingDeadline).toBe(a.handlingDeadline);
    const audit = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'on_behalf_of_id'])
      .where('target_id', '=', d.id)
      .where('action', 'in', ['incoming.approve_extension', 'incoming.refuse_extension'])
      .execute();
    expect(audit).toHaveLength(2);
    for (const e of audit) expect([e.actor_id, e.on_behalf_of_id].sort()).toEqual([ids['leader1'], ids['office_director']].sort());
    // The leader in person still decides too: the record then has one name.
    const r3 = await fire('div1_head', d.id, { action: 'request_extension', version: f.version, reason: '三延', deadlineWorkdays: 1 });
    const p = await fire('leader1', d.id, { action: 'approve_extension', version: r3.version });
    expect(p.extensions[2]).toMatchObject({ state: 'approved', decidedBy: '王局长', decidedOnBehalfOf: null });
  });

  it('does not let an unrelated user borrow the delegation', async () => {
    const r = await injectAs(t.app, s['div2_staff']!, { method: 'GET', url: '/api/todos', headers: { 'x-acting-for': ids['leader1']! } });
    expect(r.statusCode).toBe(403);
  });
});
