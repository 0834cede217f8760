import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, randomAddress, type Session, sessionCookie } from '../../../../test/support/session.js';
import { DEMO_PASSWORD, seedDemoOrg } from '../org/org.seed.js';
import { getUser } from '../org/org.service.js';

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
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":',
        remoteAddress: randomAddress(),
      });
      expect(bad.statusCode).toBe(400);
      expect(json<ErrorBody>(bad).error.code).toBe('validation');
      const extra = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leader1', password: 'x', admin: true },
        remoteAddress: randomAddress(),
      });
      expect(extra.statusCode).toBe(400);
      const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader1' }, remoteAddress: randomAddress() });
      expect(missing.statusCode).toBe(400);
      const long = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leader1', password: 'x'.repeat(5000) },
        remoteAddress: randomAddress(),
      });
      expect(long.statusCode).toBe(400);
    });

    it('answers an unknown user and a wrong password alike', async () => {
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'Whatever#1' },
        remoteAddress: randomAddress(),
      });
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'div2_staff', password: 'Whatever#1' },
        remoteAddress: randomAddress(),
      });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(json<ErrorBody>(unknown)).toEqual(json<ErrorBody>(wrong));
      expect(json<ErrorBody>(wrong).error.code).toBe('invalid_credentials');
      expect(sessionCookie(wrong)).toBeUndefined();
    });

    it('signs in with an HttpOnly SameSite=Strict cookie and returns the user, CSRF token and flag', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: ' Leader1 ', password: DEMO_PASSWORD },
        remoteAddress: randomAddress(),
      });
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
        // A different name each time: one name would lock after 5 failures (423), unknown or not.
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody${i}`, password: 'x' }, remoteAddress: ip });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, -1).every((c) => c === 401)).toBe(true);
      const last = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-last', password: 'x' }, remoteAddress: ip });
      expect(last.statusCode).toBe(429);
      expect(json<ErrorBody>(last).error.code).toBe('rate_limited');
      const other = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'x' },
        remoteAddress: randomAddress(),
      });
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
      expect(json(r)).toMatchObject({
        username: 'div1_head',
        name: '孙处长',
        unitName: '监管一处',
        roles: ['division_head'],
        mustChangePassword: false,
        csrfToken: s.csrf,
      });
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

  async function auditActions(targetId?: string): Promise<Array<{ action: string; outcome: string; details: string }>> {
    let q = t.deps.db.selectFrom('audit_events').select(['action', 'outcome', 'details']).orderBy('seq');
    if (targetId) q = q.where('target_id', '=', targetId);
    return q.execute();
  }

  async function currentSessionId(s: Session): Promise<string> {
    const r = await injectAs(t.app, s, { method: 'GET', url: '/api/me/sessions' });
    const id = json<{ items: Array<{ id: string; current: boolean }> }>(r).items.find((i) => i.current)?.id;
    if (!id) throw new Error('no current session');
    return id;
  }

  async function attempt(username: string, password: string) {
    return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: randomAddress() });
  }

  describe('lockout', () => {
    it('locks after 5 consecutive failures for 15 minutes, with a Chinese message and the unlock time', async () => {
      const before = t.clock.now();
      const u = await getUser(t.deps, (await login(t.app, 'div2_head')).user.id);
      for (let i = 0; i < 4; i++) expect((await attempt('div2_head', 'Wrong#pass1')).statusCode).toBe(401);
      const locked = await attempt('div2_head', 'Wrong#pass1');
      expect(locked.statusCode).toBe(423);
      const body = json<ErrorBody & { error: { details: { lockedUntil: string } } }>(locked);
      expect(body.error.code).toBe('account_locked');
      expect(body.error.message).toMatch(/锁定/);
      expect(body.error.message).toMatch(/15 分钟/);
      expect(new Date(body.error.details.lockedUntil).getTime()).toBe(before.getTime() + 15 * 60_000);
      // Even the right password waits for the lock to pass.
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(423);
      t.clock.advanceMinutes(14);
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(423);
      t.clock.advanceMinutes(1);
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(200);
      const events = await auditActions(u?.id);
      expect(events.filter((e) => e.action === 'auth.lockout')).toHaveLength(1);
      expect(events.filter((e) => e.action === 'auth.login' && e.outcome === 'failure').length).toBeGreaterThanOrEqual(7);
      expect(events.at(-1)).toMatchObject({ action: 'auth.login', outcome: 'success' });
    });

    it('a success resets the count of consecutive failures', async () => {
      for (let i = 0; i < 4; i++) expect((await attempt('div2_head', 'Wrong#pass1')).statusCode).toBe(401);
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await attempt('div2_head', 'Wrong#pass1')).statusCode).toBe(401);
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('the secadmin unlocks a locked account at once', async () => {
      for (let i = 0; i < 5; i++) await attempt('div2_head', 'Wrong#pass1');
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(423);
      const id = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'div2_head').executeTakeFirstOrThrow()).id;
      const sec = await login(t.app, 'secadmin');
      const list = await injectAs(t.app, sec, { method: 'GET', url: '/api/admin/users?q=div2_head' });
      expect(json<{ items: Array<{ locked: boolean }> }>(list).items[0]?.locked).toBe(true);
      const r = await injectAs(t.app, sec, { method: 'POST', url: `/api/admin/users/${id}/unlock` });
      expect(r.statusCode).toBe(200);
      expect(json<{ locked: boolean }>(r).locked).toBe(false);
      expect((await attempt('div2_head', DEMO_PASSWORD)).statusCode).toBe(200);
      expect((await auditActions(id)).some((e) => e.action === 'org.user_unlock')).toBe(true);
    });
  });

  describe('session timeouts', () => {
    it('ends a session idle for 30 minutes', async () => {
      const s = await login(t.app, 'office_director');
      const id = await currentSessionId(s);
      for (let i = 0; i < 3; i++) {
        t.clock.advanceMinutes(29);
        expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
      }
      t.clock.advanceMinutes(30);
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
      const row = await t.deps.db.selectFrom('sessions').select(['revoked_reason']).where('id', '=', id).executeTakeFirst();
      expect(row?.revoked_reason).toBe('idle');
    });

    it('does not let background requests keep an idle session alive', async () => {
      const s = await login(t.app, 'office_director');
      for (let i = 0; i < 2; i++) {
        t.clock.advanceMinutes(14);
        const bg = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie, 'x-zs-background': '1' } });
        expect(bg.statusCode).toBe(200);
      }
      // 31 minutes of nothing but background polling: the user was away.
      t.clock.advanceMinutes(3);
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    });

    it('ends even an active session after 12 hours', async () => {
      const s = await login(t.app, 'office_director');
      for (let i = 0; i < 35; i++) {
        t.clock.advanceMinutes(20);
        expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
      }
      t.clock.advanceMinutes(20);
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
      // A state change with the dead session is 401 (not CSRF 403).
      const r = await injectAs(t.app, s, { method: 'POST', url: '/api/auth/logout' });
      expect(r.statusCode).toBe(401);
    });

    it('writes last_seen_at at most once a minute', async () => {
      const s = await login(t.app, 'office_director');
      const id = await currentSessionId(s);
      const lastSeen = async () => (await t.deps.db.selectFrom('sessions').select('last_seen_at').where('id', '=', id).executeTakeFirstOrThrow()).last_seen_at;
      const first = await lastSeen();
      t.clock.advance(30_000);
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
      expect(await lastSeen()).toBe(first);
      t.clock.advance(31_000);
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
      expect(await lastSeen()).toBe(t.clock.now().toISOString());
    });
  });

  describe('my sessions', () => {
    it("lists live sessions by public id, ends another one, refuses others' sessions", async () => {
      const a = await login(t.app, 'secrecy_officer');
      const b = await login(t.app, 'secrecy_officer');
      expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions' })).statusCode).toBe(401);
      const list = await injectAs(t.app, a, { method: 'GET', url: '/api/me/sessions' });
      expect(list.statusCode).toBe(200);
      const items = json<{ items: Array<{ id: string; current: boolean; ip: string | null }> }>(list).items;
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.filter((i) => i.current)).toHaveLength(1);
      expect(list.body).not.toContain(a.cookie.split('=')[1]);
      expect(list.body).not.toContain(b.cookie.split('=')[1]);
      const other = items.find((i) => !i.current);
      expect(other).toBeDefined();
      const noCsrf = await t.app.inject({ method: 'DELETE', url: `/api/me/sessions/${other?.id}`, headers: { cookie: a.cookie } });
      expect(noCsrf.statusCode).toBe(403);
      const stranger = await login(t.app, 'leader2');
      expect((await injectAs(t.app, stranger, { method: 'DELETE', url: `/api/me/sessions/${other?.id}` })).statusCode).toBe(404);
      expect((await injectAs(t.app, a, { method: 'DELETE', url: `/api/me/sessions/${other?.id}` })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: b.cookie } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a.cookie } })).statusCode).toBe(200);
      expect((await injectAs(t.app, a, { method: 'DELETE', url: `/api/me/sessions/${other?.id}` })).statusCode).toBe(404);
    });
  });

  describe('password policy (public) and security policy (secadmin)', () => {
    it('GET /api/auth/password-policy needs no session', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/auth/password-policy' });
      expect(r.statusCode).toBe(200);
      expect(json(r)).toMatchObject({ minLength: 8, minClasses: 3, forbidUsername: true, forbidCommon: true, expiryDays: 90 });
    });

    it('GET/PUT /api/admin/policy: 401, 403 for everyone but the secadmin, 400, 409, then 200', async () => {
      const body = {
        lockoutThreshold: 3,
        lockoutMinutes: 30,
        passwordExpiryDays: 60,
        idleTimeoutMinutes: 30,
        absoluteSessionHours: 12,
        auditRetentionDays: 365,
        version: 1,
      };
      expect((await t.app.inject({ method: 'GET', url: '/api/admin/policy' })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'PUT', url: '/api/admin/policy', payload: body })).statusCode).toBe(401);
      for (const who of ['sysadmin', 'auditor', 'leader1']) {
        const s = await login(t.app, who);
        expect((await injectAs(t.app, s, { method: 'GET', url: '/api/admin/policy' })).statusCode).toBe(403);
        expect((await injectAs(t.app, s, { method: 'PUT', url: '/api/admin/policy', payload: body })).statusCode).toBe(403);
      }
      const sec = await login(t.app, 'secadmin');
      const got = await injectAs(t.app, sec, { method: 'GET', url: '/api/admin/policy' });
      expect(json(got)).toMatchObject({
        lockoutThreshold: 5,
        lockoutMinutes: 15,
        passwordExpiryDays: 90,
        idleTimeoutMinutes: 30,
        absoluteSessionHours: 12,
        auditRetentionDays: 180,
        version: 1,
      });
      expect((await injectAs(t.app, sec, { method: 'PUT', url: '/api/admin/policy', payload: { ...body, auditRetentionDays: 90 } })).statusCode).toBe(400);
      expect((await injectAs(t.app, sec, { method: 'PUT', url: '/api/admin/policy', payload: { ...body, extra: 1 } })).statusCode).toBe(400);
      expect((await injectAs(t.app, sec, { method: 'PUT', url: '/api/admin/policy', payload: { ...body, version: 7 } })).statusCode).toBe(409);
      const put = await injectAs(t.app, sec, { method: 'PUT', url: '/api/admin/policy', payload: body });
      expect(put.statusCode).toBe(200);
      expect(json(put)).toMatchObject({ lockoutThreshold: 3, lockoutMinutes: 30, version: 2 });
      expect((await injectAs(t.app, sec, { method: 'PUT', url: '/api/admin/policy', payload: body })).statusCode).toBe(409);
      const events = await auditActions('1');
      expect(events.filter((e) => e.action === 'security.policy_update' && e.outcome === 'success')).toHaveLength(1);
      const denied = await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('outcome', '=', 'denied')
        .where('action', '=', 'security.policy_update')
        .execute();
      expect(denied).toHaveLength(3);

      // The new threshold applies at once.
      for (let i = 0; i < 2; i++) expect((await attempt('leader2', 'Wrong#pass1')).statusCode).toBe(401);
      const locked = await attempt('leader2', 'Wrong#pass1');
      expect(locked.statusCode).toBe(423);
      expect(json<ErrorBody>(locked).error.message).toMatch(/30 分钟/);
      t.clock.advanceMinutes(30);
      expect((await attempt('leader2', DEMO_PASSWORD)).statusCode).toBe(200);
    });
  });
});
