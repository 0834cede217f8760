import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrg } from '../src/server/core/org/org.seed.js';
import { createTestApp, json, type TestApp } from './support/app.js';
import { testDialects } from './support/databases.js';

/**
 * Bad input never yields a 500: every route of the OpenAPI document, called by
 * signed-in users of different roles with hostile paths, queries and bodies,
 * answers below 500 with the error envelope.
 */
interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(t: TestApp, username: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo#2026zs' } });
  expect(res.statusCode).toBe(200);
  const raw = res.headers['set-cookie'];
  const cookie = (Array.isArray(raw) ? raw : [raw ?? '']).map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: json<{ csrfToken: string }>(res).csrfToken };
}

const hostileStrings = [
  '',
  ' ',
  "' or 1=1 --",
  '"; drop table users; --',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '<script>alert(1)</script>',
  '机密★10年',
  'x'.repeat(5000),
  '0',
  '-1',
  '1e309',
  'null',
  '{}',
  '🀄️',
];

const hostileBodies: unknown[] = [
  null,
  [],
  {},
  'text',
  42,
  { version: 'x' },
  { version: -1, action: 'nope' },
  { __proto__: { admin: true } },
  { constructor: { prototype: { admin: true } } },
  { roles: ['sysadmin', 'leader'], version: 1 },
  { page: -5, pageSize: 100000 },
  { username: 'a'.repeat(10000), password: 1 },
];

describe.each(testDialects())('no 500 on hostile input (%s)', (dialect) => {
  let t: TestApp;
  const sessions: Record<string, Session> = {};
  let routes: { method: string; path: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of ['office_clerk', 'div1_staff', 'leader1', 'sysadmin', 'secadmin', 'auditor']) sessions[u] = await signIn(t, u);
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await t.app.inject({ method: 'GET', url: '/api/docs' }));
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        // Logging out ends the session the rest of the test relies on.
        .filter((m) => !(path === '/api/auth/logout' || (path.endsWith('/stream') && m === 'get')))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('covers a meaningful number of routes', () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  it('answers every route below 500 for hostile input', async () => {
    const users = Object.keys(sessions);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(...users),
        fc.constantFrom(...hostileStrings),
        fc.constantFrom(...hostileBodies),
        fc.constantFrom(...hostileStrings),
        async (routeIndex, user, paramValue, body, queryValue) => {
          const route = routes[routeIndex % routes.length];
          if (!route) return;
          const s = sessions[user];
          if (!s) return;
          const url =
            route.path.replace(/\{[^}]+\}/g, encodeURIComponent(paramValue) || 'x') +
            `?page=${encodeURIComponent(queryValue)}&q=${encodeURIComponent(queryValue)}`;
          const res = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
          });
          if (res.statusCode >= 500) throw new Error(`${route.method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
          if (res.statusCode >= 400 && res.headers['content-type']?.toString().includes('json')) {
            const env = json<{ error?: { code?: string; message?: string } }>(res);
            if (!env.error?.code || !env.error.message) throw new Error(`${route.method} ${url} → ${res.statusCode} without the error envelope`);
          }
        },
      ),
      { numRuns: 400, seed: 20261126 },
    );
  }, 240_000);
});
