import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredJobs } from '../scheduler/scheduler.registry.js';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { createWidgetServer, type WidgetServer } from '../workflow/workflow.fixture.js';
import { sortTodos, type TodoInput, type TodoSource } from './todos.service.js';

const item = (id: string, urgency: TodoInput['urgency'], deadline?: string | null): TodoInput => ({
  kind: 'incoming',
  id,
  title: `事项${id}`,
  urgency,
  state: 'handling',
  ...(deadline === undefined ? {} : { deadline }),
});

describe('to-do ordering', () => {
  it('puts extra urgent, then urgent, then normal first; earlier deadlines first; none last', () => {
    const sorted = sortTodos([
      item('n-none', 'normal'),
      item('n-late', 'normal', '2026-12-31'),
      item('u-none', 'urgent', null),
      item('x-late', 'extra_urgent', '2026-12-20'),
      item('n-early', 'normal', '2026-11-27'),
      item('u-early', 'urgent', '2026-11-28'),
      item('x-early', 'extra_urgent', '2026-12-01'),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['x-early', 'x-late', 'u-early', 'u-none', 'n-early', 'n-late', 'n-none']);
    expect(sorted.find((i) => i.id === 'n-none')?.deadline).toBeNull();
  });
});

describe.each(testDialects())('GET /api/todos on %s', (dialect) => {
  let s: WidgetServer;
  const sources: TodoSource[] = [
    {
      name: 'incoming',
      todos: async (_deps, actor) => (actor.roles.includes('division_head') ? [item('a', 'normal', '2026-12-01'), item('b', 'extra_urgent')] : []),
    },
    { name: 'no-todos' },
    {
      name: 'supervision',
      todos: async () => [{ kind: 'supervision', id: 'c', title: '督办事项', urgency: 'urgent', deadline: '2026-11-30', state: 'in_progress' }],
    },
  ];
  beforeAll(async () => {
    s = await createWidgetServer(dialect, sources);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('needs a signed-in user', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/todos' });
    expect(res.statusCode).toBe(401);
  });

  it('merges every module’s items for the user, most urgent first', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/todos', headers: { 'x-test-actor': 'headA' } });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as { items: { id: string; deadline: string | null }[]; total: number; unavailable: string[] };
    expect(body.items.map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect(body.items[0]?.deadline).toBeNull();
    expect(body.total).toBe(3);
    expect(body.unavailable).toEqual([]);
    const staff = JSON.parse((await s.app.inject({ method: 'GET', url: '/api/todos', headers: { 'x-test-actor': 'staffA' } })).body) as {
      total: number;
    };
    expect(staff.total).toBe(1);
  });

  it('still lists the others when one module fails', async () => {
    sources.push({
      name: 'broken',
      todos: async () => {
        throw new Error('boom');
      },
    });
    const res = await s.app.inject({ method: 'GET', url: '/api/todos', headers: { 'x-test-actor': 'headA' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ total: 3, unavailable: ['broken'] });
    sources.pop();
  });
});

describe.each(testDialects())('the real app wiring on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  it('refuses anonymous callers with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/todos' });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'unauthenticated' } });
  });
  it('schedules the purge of expired Idempotency-Keys', () => {
    expect(registeredJobs().map((j) => j.name)).toContain('idempotency.purge_keys');
  });
});
