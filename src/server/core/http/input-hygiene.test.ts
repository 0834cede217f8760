import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { seedDemoOrg } from '../org/org.seed.js';

interface Envelope {
  error: { code: string; message: string };
}

describe.each(testDialects())('routes without a body schema on %s', (dialect) => {
  let t: TestApp;
  let auditor: Session;
  let clerk: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    auditor = await login(t.app, 'auditor');
    clerk = await login(t.app, 'office_clerk');
  });
  afterAll(async () => {
    await t.close();
  });

  it('accept no body, JSON null and {}', async () => {
    for (const payload of [undefined, 'null', '{}']) {
      const res = await injectAs(t.app, auditor, {
        method: 'POST',
        url: '/api/audit/verify',
        ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }),
      });
      expect(res.statusCode, String(payload)).toBe(200);
    }
  });

  it('refuse any other body with 400 and a Chinese message, before doing anything', async () => {
    const before = await t.deps.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [type, payload] of [
      ['application/json', '{"pad":1}'],
      ['application/json', '[]'],
      ['application/json', '"x"'],
      ['application/json', '0'],
      ['text/plain', 'hello'],
    ] as const) {
      const res = await injectAs(t.app, auditor, { method: 'POST', url: '/api/audit/verify', payload, headers: { 'content-type': type } });
      expect(res.statusCode, payload).toBe(400);
      const body = json<Envelope>(res);
      expect(body.error.code).toBe('validation');
      expect(body.error.message).toBe('此接口不接受请求内容，请不要提交任何字段');
    }
    const after = await t.deps.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('leave an unknown route a 404 whatever the method and body', async () => {
    for (const [method, payload] of [
      ['POST', '{"pad":1}'],
      ['PUT', '[]'],
      ['DELETE', '"x"'],
      ['PATCH', '{"a":"\\u0000"}'],
      ['GET', undefined],
    ] as const) {
      const res = await injectAs(t.app, clerk, {
        method,
        url: '/api/nonexistent/x1',
        ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }),
      });
      expect(res.statusCode, method).toBe(404);
      expect(json<Envelope>(res).error.code).toBe('not_found');
    }
  });

  it('applies to every state-changing route of the OpenAPI document that declares no body', async () => {
    const doc = json<{ paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>> }>(
      await t.app.inject({ method: 'GET', url: '/api/docs' }),
    );
    // Uploads (attachments, .xlsx imports) answer a JSON body with 415 themselves.
    const bodyless = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m, op]) => ['post', 'put', 'patch', 'delete'].includes(m) && !op.requestBody && !op.responses?.['415'])
        .map(([m]) => ({
          method: m.toUpperCase() as 'POST',
          url: path
            .replace('{kind}', 'incoming')
            .replace('{year}', '2026')
            .replace(/\{[^}]+\}/g, 'x1'),
        })),
    );
    // logout, unlock, read-all, a notification read, session, delegation and attachment revokes, calendar reset, verify.
    expect(bodyless.length).toBeGreaterThanOrEqual(9);
    for (const r of bodyless) {
      const res = await injectAs(t.app, clerk, { ...r, payload: { pad: 'ignored?' } });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(400);
      expect(json<Envelope>(res).error.message, `${r.method} ${r.url}`).toMatch(/不接受请求内容/);
    }
    // The clerk's session survived the refused logout.
    expect((await injectAs(t.app, clerk, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });
});
