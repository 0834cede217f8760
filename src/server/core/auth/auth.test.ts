import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, randomAddress, sessionCookie } from '../../../../test/support/session.js';
import { DEMO_PASSWORD, seedDemoOrg } from '../../modules/org/org.seed.js';
import { getUser } from '../../modules/org/org.service.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

describe.each(testDialects())('auth on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('login', () => {
    it('400 on malformed JSON, unknown fields, missing fields: never 500', async () => {
      const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":', remoteAddress: randomAddress() });
      expect(bad.statusCode).toBe(400);
      expect(json<ErrorBody>(bad).error.code).toBe('validation');
      const extra = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader1', password: 'x', admin: true }, remoteAddress: randomAddress() });
      expect(extra.statusCode).toBe(400);
      const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader1' }, remoteAddress: randomAddress() });
      expect(missing.statusCode).toBe(400);
      const long = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader1', password: 'x'.repeat(5000) }, remoteAddress: randomAddress() });
      expect(long.statusCode).toBe(400);
    });

    it('answers an unknown user and a wrong password alike', async () => {
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Whatever#1' }, remoteAddress: randomAddress() });
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'div2_staff', password: 'Whatever#1' }, remoteAddress: randomAddress() });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(json<ErrorBody>(unknown)).toEqual(json<ErrorBody>(wrong));
      expect(json<ErrorBody>(wrong).error.code).toBe('invalid_credentials');
      expect(sessionCookie(wrong)).toBeUndefined();
    });

    it('signs in with an HttpOnly SameSite=Strict cookie and returns the user, CSRF token and flag', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ' Leader1 ', password: DEMO_PASSWORD }, remoteAddress: randomAddress() });
      expect(res.statusCode).toBe(200);
      const body = json<{ user: { username: string; name: string; roles: string[] }; csrfToken: string; mustChangePassword: boolean }>(res);
      expect(body.user).toMatchObject({ username: 'leader1', name: '王局长', roles: ['leader'] });
      expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
      expect(body.mustChangePassword).toBe(false);
      const c = res.cookies.find((x) => x.name === 'zs_session');
      expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(c?.secure).toBeFalsy();
      expect(c?.value.length).toBeGreaterThanOrEqual(43);
      // Only the SM3 hash of the token is stored.
      const stored = await t.deps.db.selectFrom('sessions').select('token_hash').execute();
      expect(stored.some((s) => s.token_hash === c?.value)).toBe(false);
      expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
    });

    it('gives a new token at every login', async () => {
      const a = await login(t.app, 'leader2');
      const b = await login(t.app, 'leader2');
      expect(a.cookie).not.toBe(b.cookie);
      expect(a.csrf).not.toBe(b.csrf);
    });

    it('rate-limits login attempts per address: 429 rate_limited', async () => {
      const ip = randomAddress();
      const codes: number[] = [];
      for (let i = 0; i < t.deps.config.loginRatePerMinute + 1; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: ip });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, -1).every((c) => c === 401)).toBe(true);
      const last = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: ip });
      expect(last.statusCode).toBe(429);
      expect(json<ErrorBody>(last).error.code).toBe('rate_limited');
      const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: randomAddress() });
      expect(other.statusCode).toBe(401);
    });
  });

  describe('me and logout', () => {
    it('401 without a session, with a garbage cookie', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
      const r = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'zs_session=forged-token-forged-token-forged' } });
      expect(r.statusCode).toBe(401);
      expect(json<ErrorBody>(r).error.code).toBe('unauthenticated');
    });

    it('returns the user with unit name and CSRF token', async () => {
      const s = await login(t.app, 'div1_head');
      const r = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
      expect(r.statusCode).toBe(200);
      expect(json(r)).toMatchObject({ username: 'div1_head', name: '孙处长', unitName: '监管一处', roles: ['division_head'], mustChangePassword: false, csrfToken: s.csrf });
    });

    it('logout: 401 without session, 403 without or with a wrong CSRF token, then revokes the session', async () => {
      const s = await login(t.app, 'div1_staff');
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
      expect(noCsrf.statusCode).toBe(403);
      expect(json<ErrorBody>(noCsrf).error.code).toBe('csrf');
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -2)}xx` } });
      expect(wrong.statusCode).toBe(403);
      expect(json<ErrorBody>(wrong).error.code).toBe('csrf');
      const ok = await injectAs(t.app, s, { method: 'POST', url: '/api/auth/logout' });
      expect(ok.statusCode).toBe(200);
      expect(json(ok)).toEqual({ ok: true });
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    });
  });
});
