import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { login, type Session as TestSession } from './support/session.js';
import { seedDemoOrg } from '../src/server/core/org/org.seed.js';

interface Envelope {
  error: { code: string; message: string; details?: unknown };
}

describe.each(testDialects())('platform HTTP conventions on %s', (dialect) => {
  let t: TestApp;
  let auditor: TestSession;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    auditor = await login(t.app, 'auditor');
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks for a session before looking at a state-changing body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { 'content-type': 'application/json' }, payload: '{"oops": ' });
    expect(res.statusCode).toBe(401);
  });

  it('reports health with the dialect and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'ok', db: dialect });
  });

  it('sends security headers on every response and no-store under /api', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await t.app.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI document generated from the schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/health');
    expect(Object.keys(doc.paths)).toContain('/api/audit');
  });

  it('answers unknown routes with the error envelope in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    const body = json<Envelope>(res);
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/找不到/);
  });

  it('rejects malformed JSON with 400, never 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { ...auditor.headers, 'content-type': 'application/json' },
      payload: '{"oops": ',
    });
    expect(res.statusCode).toBe(400);
    expect(json<Envelope>(res).error.code).toBe('validation');
  });

  it('rejects an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { ...auditor.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(json<Envelope>(res).error.code).toBe('payload_too_large');
  });

  it('rejects an unsupported content type with 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { ...auditor.headers, 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(json<Envelope>(res).error.code).toBe('unsupported_type');
  });
});

describe.each(testDialects())('input hygiene on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a NUL character in the body, query or path with 400', async () => {
    const body = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'x' } });
    expect(body.statusCode).toBe(400);
    expect(json<Envelope>(body).error.message).toMatch(/控制字符/);
    const query = await t.app.inject({ method: 'GET', url: '/api/health?x=%00' });
    expect(query.statusCode).toBe(400);
  });
});
