import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { AppError } from '../errors.js';
import { createWidget, createWidgetServer, USERS, type UserKey, type WidgetServer, widgetWorkflow } from './workflow.fixture.js';
import { workflowFor } from './workflow.definition.js';
import { fireTransition, loadHistory, loadWorkflowObject } from './workflow.engine.js';
import { z } from 'zod';

interface View {
  id: string;
  state: string;
  version: number;
  title: string;
  approvedBy: string | null;
  notes: number;
  history: {
    seq: number;
    action: string;
    actor: string;
    onBehalfOf: { id: string; name: string } | null;
    at: string;
    comment?: string;
    fromState: string | null;
    toState: string;
  }[];
  actions: string[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

describe.each(testDialects())('workflow engine over HTTP on %s', (dialect) => {
  let s: WidgetServer;
  beforeAll(async () => {
    s = await createWidgetServer(dialect);
  });
  afterAll(async () => {
    await s?.close();
  });

  const get = (id: string, as?: UserKey) => s.app.inject({ method: 'GET', url: `/api/widgets/${id}`, headers: as ? { 'x-test-actor': as } : {} });
  const fire = (id: string, as: UserKey | undefined, payload: Record<string, unknown>, key?: string) =>
    s.app.inject({
      method: 'POST',
      url: `/api/widgets/${id}/transitions`,
      headers: { ...(as ? { 'x-test-actor': as } : {}), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  const count = async (table: 'workflow_history' | 'audit_events' | 'notifications' | 'idempotency_keys') =>
    Number(
      (
        await s.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('rejects a declaration that names an undeclared state or a reserved field', () => {
    const wf = workflowFor<{ id: string; state: 'a' | 'b'; version: number; updated_at: string }>();
    const base = { kind: 'bad', label: '坏', table: 'bad', initial: 'a' as const, states: { a: 'A', b: 'B' }, canSee: () => true };
    expect(() =>
      wf.define({ ...base, actions: { go: wf.action({ label: '走', from: ['a'], to: 'c' as 'b', payload: z.strictObject({}), who: () => true }) } }),
    ).toThrow(/undeclared state c/);
    expect(() =>
      wf.define({
        ...base,
        actions: { go: wf.action({ label: '走', from: ['a'], to: 'b', payload: z.strictObject({ version: z.number() }), who: () => true }) },
      }),
    ).toThrow(/version/);
  });

  it('answers 401 without a user, 404 for a missing or invisible object, then shows the view', async () => {
    const w = await createWidget(s.deps, USERS.staffA, '申请采购打印机');
    expect((await get(w.id)).statusCode).toBe(401);
    expect((await fire(w.id, undefined, { action: 'submit', version: 1, bogus: 1 })).statusCode).toBe(401);
    expect((await get('no-such-id', 'staffA')).statusCode).toBe(404);
    const hidden = await get(w.id, 'staffB');
    expect(hidden.statusCode).toBe(404);
    expect(body<ErrorBody>(hidden).error.code).toBe('not_found');
    expect((await fire(w.id, 'staffB', { action: 'submit', version: 1 })).statusCode).toBe(404);

    const res = await get(w.id, 'staffA');
    expect(res.statusCode).toBe(200);
    const v = body<View>(res);
    expect(v).toMatchObject({ id: w.id, state: 'draft', version: 1, title: '申请采购打印机', actions: ['submit'] });
    expect(v.history).toEqual([expect.objectContaining({ seq: 1, action: 'create', actor: '周科员', fromState: null, toState: 'draft', onBehalfOf: null })]);
    // The director may void a draft but not submit it; the head of the unit sees it but has nothing to do yet.
    expect(body<View>(await get(w.id, 'director')).actions).toEqual(['void']);
    expect(body<View>(await get(w.id, 'headA')).actions).toEqual([]);
  });

  it('answers 400 for an unknown action, a bad or unknown field, and a bad version, with Chinese messages', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    for (const payload of [
      { action: 'explode', version: 1 },
      { action: 'submit', version: 1, extra: 'x' },
      { action: 'submit', version: '1' },
      { action: 'submit' },
      { action: 'void', version: 1, reason: '' },
      { action: 'void', version: 1, reason: 'x'.repeat(501) },
      { action: 'archive', version: 1, retention: 'forever' },
    ]) {
      const res = await fire(w.id, 'director', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const e = body<ErrorBody>(res).error;
      expect(e.code).toBe('validation');
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // A NUL in text would be a driver error on PostgreSQL: it is a 400 like any other bad input.
    const nul = await fire(w.id, 'director', { action: 'void', version: 1, reason: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect((await get('bad%00id', 'staffA')).statusCode).toBe(400);
    expect((await fire('x'.repeat(65), 'staffA', { action: 'submit', version: 1 })).statusCode).toBe(400);
    // Nothing moved.
    expect(body<View>(await get(w.id, 'staffA')).version).toBe(1);
  });

  it('answers 403 when the user may not fire the action, 409 for a stale version and for a wrong state', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    const forbidden = await fire(w.id, 'staffA2', { action: 'submit', version: 1 });
    expect(forbidden.statusCode).toBe(403);
    expect(body<ErrorBody>(forbidden).error.code).toBe('forbidden');

    const wrongState = await fire(w.id, 'headA', { action: 'approve', version: 1 });
    expect(wrongState.statusCode).toBe(409);
    expect(body<ErrorBody>(wrongState).error).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('草稿') });

    const ok = await fire(w.id, 'staffA', { action: 'submit', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(body<View>(ok)).toMatchObject({ state: 'submitted', version: 2 });

    const stale = await fire(w.id, 'headA', { action: 'approve', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(body<ErrorBody>(stale).error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
  });

  it('runs the effect, queues notifications, records history and audit, computes targets', async () => {
    const before = await count('notifications');
    const w = await createWidget(s.deps, USERS.staffA);
    await fire(w.id, 'staffA', { action: 'submit', version: 1 });
    const rejected = await fire(w.id, 'headA', { action: 'reject', version: 2, reason: '  预算不足  ' });
    expect(body<View>(rejected)).toMatchObject({ state: 'draft', version: 3 });
    await fire(w.id, 'staffA', { action: 'submit', version: 3 });
    const noted = await fire(w.id, 'staffA2', { action: 'note', version: 4, content: '已补充报价' });
    expect(body<View>(noted)).toMatchObject({ state: 'submitted', version: 5, notes: 1 });
    const approved = await fire(w.id, 'headA', { action: 'approve', version: 5, comment: '同意' });
    expect(approved.statusCode).toBe(200);
    const v = body<View>(approved);
    expect(v).toMatchObject({ state: 'approved', version: 6, approvedBy: USERS.headA.id });
    expect(v.history.map((h) => [h.seq, h.action, h.fromState, h.toState, h.comment ?? null])).toEqual([
      [1, 'create', null, 'draft', null],
      [2, 'submit', 'draft', 'submitted', null],
      [3, 'reject', 'submitted', 'draft', '预算不足'],
      [4, 'submit', 'draft', 'submitted', null],
      [5, 'note', 'submitted', 'submitted', '已补充报价'],
      [6, 'approve', 'submitted', 'approved', '同意'],
    ]);
    expect(v.actions).toEqual([]);
    expect(body<View>(await get(w.id, 'clerk')).actions).toEqual(['archive']);
    expect(await count('notifications')).toBe(before + 1);
    const audit = await s.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'target_type', 'target_id', 'details'])
      .where('target_id', '=', w.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['widgets.create', 'widgets.submit', 'widgets.reject', 'widgets.submit', 'widgets.note', 'widgets.approve']);
    expect(JSON.parse(audit[5]?.details ?? '{}')).toMatchObject({ from: 'submitted', to: 'approved', version: 6, seq: 6, payload: { comment: '同意' } });
    await expect(verifyAuditChain(s.db.kysely)).resolves.toMatchObject({ ok: true });
  });

  it('keeps a long text in the history and only its length in the audit log, whose chain still verifies', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    await fire(w.id, 'staffA', { action: 'submit', version: 1 });
    const long = '经研究，同意按方案执行，请办公室牵头会同各处室于本月底前完成并报送书面结果，逾期未报的予以通报。';
    const rejected = await fire(w.id, 'headA', { action: 'reject', version: 2, reason: long, final: true });
    expect(rejected.statusCode).toBe(200);
    const history = body<View>(await get(w.id, 'staffA')).history;
    expect(history.at(-1)).toMatchObject({ action: 'reject', comment: long });
    const row = await s.db.kysely
      .selectFrom('audit_events')
      .select('details')
      .where('target_id', '=', w.id)
      .where('action', '=', 'widgets.reject')
      .executeTakeFirstOrThrow();
    // The auditor sees which fields were given, and short values as typed; the 批示-like text stays with the business data.
    expect(JSON.parse(row.details)).toMatchObject({ from: 'submitted', to: 'rejected', payload: { reason: `〔${long.length}字〕`, final: true } });
    expect(row.details).not.toContain('方案');
    await expect(verifyAuditChain(s.db.kysely)).resolves.toMatchObject({ ok: true });
  });

  it('answers every transition with what a fresh read shows, whether or not an effect ran', async () => {
    // Without an effect the engine answers from the object it loaded (state, version and updated_at set), with one it reads again.
    const w = await createWidget(s.deps, USERS.staffA);
    const steps: [UserKey, Record<string, unknown>][] = [
      ['staffA', { action: 'submit', version: 1 }],
      ['headA', { action: 'reject', version: 2, reason: '补充报价' }],
      ['staffA', { action: 'submit', version: 3 }],
      ['staffA2', { action: 'note', version: 4, content: '已补充报价' }],
      ['headA', { action: 'approve', version: 5 }],
      ['clerk', { action: 'archive', version: 6, retention: '30y' }],
    ];
    for (const [who, payload] of steps) {
      const res = await fire(w.id, who, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(200);
      expect(body<View>(res), JSON.stringify(payload)).toEqual(body<View>(await get(w.id, who)));
    }
  });

  it('hands beforeAudit the object as stored, updated_at included, with and without an effect', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    const steps = [
      { action: 'submit', version: 1, payload: {}, actor: USERS.staffA },
      { action: 'note', version: 2, payload: { content: '补充' }, actor: USERS.staffA2 },
    ];
    for (const step of steps) {
      s.clock.advance(60_000);
      await fireTransition(
        s.deps,
        widgetWorkflow,
        { id: w.id, ...step },
        {
          beforeAudit: async (trx, r) => {
            expect(await r.after()).toEqual(await loadWorkflowObject(trx, widgetWorkflow, w.id));
          },
        },
      );
    }
  });

  it('records both names when a delegate acts for a leader', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    const res = await fire(w.id, 'delegate', { action: 'void', version: 1, reason: '重复申请' });
    expect(res.statusCode).toBe(200);
    const last = body<View>(res).history.at(-1);
    expect(last).toMatchObject({ action: 'void', actor: '钱文秘', onBehalfOf: { id: 'u-leader', name: '王局长' }, comment: '重复申请' });
    const ev = await s.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', w.id)
      .where('action', '=', 'widgets.void')
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ actor_id: 'u-clerk', actor_name: '钱文秘', on_behalf_of_id: 'u-leader' });
    expect(JSON.parse(ev.details)).toMatchObject({ onBehalfOfName: '王局长' });
  });

  it('replays a transition sent again with the same Idempotency-Key and changes nothing', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    const [h0, a0, k0] = [await count('workflow_history'), await count('audit_events'), await count('idempotency_keys')];
    const first = await fire(w.id, 'staffA', { action: 'submit', version: 1 }, 'key-submit-1');
    expect(first.statusCode).toBe(200);
    s.clock.advanceMinutes(60);
    const again = await fire(w.id, 'staffA', { action: 'submit', version: 1 }, 'key-submit-1');
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect([await count('workflow_history'), await count('audit_events'), await count('idempotency_keys')]).toEqual([h0 + 1, a0 + 1, k0 + 1]);

    // The same key for another request is refused, clearly.
    const other = await fire(w.id, 'staffA', { action: 'note', version: 2, content: '别的请求' }, 'key-submit-1');
    expect(other.statusCode).toBe(409);
    expect(body<ErrorBody>(other).error.message).toMatch(/Idempotency-Key/);
    // Keys are per user: another user's identical key is a different key.
    const staff2 = await fire(w.id, 'staffA2', { action: 'note', version: 2, content: '补充' }, 'key-submit-1');
    expect(staff2.statusCode).toBe(200);
  });

  it('keeps no key for a failed request, so a corrected retry with the same key runs', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    const k0 = await count('idempotency_keys');
    const failed = await fire(w.id, 'staffA', { action: 'submit', version: 7 }, 'key-retry');
    expect(failed.statusCode).toBe(409);
    expect(await count('idempotency_keys')).toBe(k0);
    const ok = await fire(w.id, 'staffA', { action: 'submit', version: 1 }, 'key-retry');
    expect(ok.statusCode).toBe(200);
    expect(await count('idempotency_keys')).toBe(k0 + 1);
  });

  it('refuses a malformed Idempotency-Key with 400', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    for (const key of ['x'.repeat(201), '中文键', '   ']) {
      const res = await fire(w.id, 'staffA', { action: 'submit', version: 1 }, key);
      expect(res.statusCode, key).toBe(400);
      expect(body<ErrorBody>(res).error.message).toMatch(/Idempotency-Key/i);
    }
    expect((await fire(w.id, 'staffA', { action: 'submit', version: 1 }, 'x'.repeat(200))).statusCode).toBe(200);
  });

  it('replays a create within 24 h and runs it again after the key expired', async () => {
    const create = (key: string) =>
      s.app.inject({ method: 'POST', url: '/api/widgets', headers: { 'x-test-actor': 'staffA', 'idempotency-key': key }, payload: { title: '新事项' } });
    const first = await create('create-1');
    expect(first.statusCode).toBe(201);
    s.clock.advanceMinutes(23 * 60);
    const again = await create('create-1');
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    s.clock.advanceMinutes(2 * 60);
    const later = await create('create-1');
    expect(later.statusCode).toBe(201);
    expect(body<{ id: string }>(later).id).not.toBe(body<{ id: string }>(first).id);
  });

  it('lets exactly one of two simultaneous transitions with the same version win', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    await fire(w.id, 'staffA', { action: 'submit', version: 1 });
    const results = await Promise.allSettled([
      fireTransition(s.deps, widgetWorkflow, { id: w.id, action: 'approve', version: 2, payload: {}, actor: USERS.headA }),
      fireTransition(s.deps, widgetWorkflow, { id: w.id, action: 'reject', version: 2, payload: { reason: '不行' }, actor: USERS.headA }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toBeInstanceOf(AppError);
    expect((failed[0]?.reason as AppError).code).toBe('version_conflict');
    const history = await loadHistory(s.db.kysely, 'widgets', w.id);
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3]);

    // The same race over HTTP: one 200, one 409.
    const w2 = await createWidget(s.deps, USERS.staffA);
    const [a, b] = await Promise.all([
      fire(w2.id, 'staffA', { action: 'submit', version: 1 }),
      fire(w2.id, 'director', { action: 'void', version: 1, reason: '作废' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('lets two simultaneous requests with one Idempotency-Key execute once', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    const h0 = await count('workflow_history');
    const [a, b] = await Promise.all([
      fire(w.id, 'staffA', { action: 'submit', version: 1 }, 'same-key-race'),
      fire(w.id, 'staffA', { action: 'submit', version: 1 }, 'same-key-race'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.body).toBe(b.body);
    expect(await count('workflow_history')).toBe(h0 + 1);
  });

  it('rolls everything back when an effect fails', async () => {
    const w = await createWidget(s.deps, USERS.staffA);
    await fire(w.id, 'staffA', { action: 'submit', version: 1 });
    const h0 = await count('workflow_history');
    await sql`alter table widgets rename column approved_by to approved_by_old`.execute(s.db.kysely);
    try {
      const res = await fire(w.id, 'headA', { action: 'approve', version: 2 }, 'effect-fails');
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`alter table widgets rename column approved_by_old to approved_by`.execute(s.db.kysely);
    }
    expect(await count('workflow_history')).toBe(h0);
    expect(body<View>(await get(w.id, 'staffA'))).toMatchObject({ state: 'submitted', version: 2 });
    await expect(verifyAuditChain(s.db.kysely)).resolves.toMatchObject({ ok: true });
  });

  it('documents the routes in OpenAPI', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const doc = body<{ paths: Record<string, Record<string, unknown>> }>(res);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/widgets/{id}', '/api/widgets/{id}/transitions', '/api/todos']));
    expect(JSON.stringify(doc.paths['/api/widgets/{id}/transitions'])).toContain('retention');
  });
});
