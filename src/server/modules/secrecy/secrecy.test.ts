import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { SecrecyFields, SecrecyList } from '../../../shared/secrecy.js';
import type { SearchResponse } from '../../../shared/search.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type View = WorkflowView<SecrecyFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = ['div1_staff', 'div2_staff', 'office_director', 'sysadmin'] as const;
type U = (typeof USERS)[number];

describe.each(testDialects())('涉密载体 API on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  const item = { title: '涉密载体测试事项', content: '测试内容', urgency: 'urgent' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (who: U, payload: unknown) => injectAs(t.app, s[who], { method: 'POST', url: '/api/secrecy', payload: payload as Record<string, unknown> });
  const read = (who: U, id: string) => injectAs(t.app, s[who], { method: 'GET', url: `/api/secrecy/${id}` });
  const fire = (who: U, id: string, payload: Record<string, unknown>) =>
    injectAs(t.app, s[who], { method: 'POST', url: `/api/secrecy/${id}/transitions`, payload });

  it('answers 401 without a session, before looking at the body', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/secrecy' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/secrecy', payload: {} })).statusCode).toBe(401);
  });

  it('refuses the 三员 administrators with 403 (三员分立)', async () => {
    expect((await injectAs(t.app, s.sysadmin, { method: 'GET', url: '/api/secrecy' })).statusCode).toBe(403);
    const res = await create('sysadmin', item);
    expect(res.statusCode).toBe(403);
    expect(body<{ error: { message: string } }>(res).error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers 400 with a Chinese message for a missing title or an unknown field', async () => {
    const missing = await create('div1_staff', { urgency: 'normal' });
    expect(missing.statusCode).toBe(400);
    expect(body<{ error: { message: string } }>(missing).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await create('div1_staff', { ...item, extra: 1 })).statusCode).toBe(400);
  });

  it('creates (201), shows it to its unit and the office only, and moves it to done', async () => {
    const res = await create('div1_staff', item);
    expect(res.statusCode).toBe(201);
    const created = body<View>(res);
    expect(created).toMatchObject({ title: item.title, state: 'draft', version: 1, actions: ['finish'], rights: { mayAttach: true } });
    expect(created.history.map((h) => h.action)).toEqual(['create']);

    // Another unit does not even learn that it exists; the office director sees it in the ledger.
    expect((await read('div2_staff', created.id)).statusCode).toBe(404);
    expect(body<SecrecyList>(await injectAs(t.app, s.div2_staff, { method: 'GET', url: '/api/secrecy' })).items.map((i) => i.id)).not.toContain(created.id);
    const ledger = body<SecrecyList>(await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/secrecy?state=draft' }));
    expect(ledger.items.map((i) => i.id)).toContain(created.id);
    expect(ledger.rights.mayCreate).toBe(true);

    // Found by search and listed as a to-do for its creator only.
    const found = body<SearchResponse>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/search?q=${encodeURIComponent(item.title)}` }));
    expect(found.items.map((h) => h.id)).toContain(created.id);
    const hidden = body<SearchResponse>(await injectAs(t.app, s.div2_staff, { method: 'GET', url: `/api/search?q=${encodeURIComponent(item.title)}` }));
    expect(hidden.items.map((h) => h.id)).not.toContain(created.id);
    const todos = body<TodoList>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/todos' }));
    expect(todos.items.map((i) => i.id)).toContain(created.id);

    expect((await fire('div2_staff', created.id, { action: 'finish', version: 1, result: '已办' })).statusCode).toBe(404);
    expect((await fire('div1_staff', created.id, { action: 'finish', version: 1 })).statusCode).toBe(400);
    const done = await fire('div1_staff', created.id, { action: 'finish', version: 1, result: '已按要求办理完毕。' });
    expect(done.statusCode).toBe(200);
    expect(body<View>(done)).toMatchObject({ state: 'done', version: 2, result: '已按要求办理完毕。', actions: [], rights: { mayAttach: false } });
    expect((await fire('div1_staff', created.id, { action: 'finish', version: 1, result: '再办一次' })).statusCode).toBe(409);

    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
