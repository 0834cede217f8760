import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { type AccountState, getAccountByUsername } from '../org/org.service.js';
import { seedDemoOrg } from '../org/org.seed.js';

interface ErrorBody {
  error: { code: string };
}

// The account behind a session and the security policy are cached for a few
// seconds (account.cache.ts, policy.service.ts). Each test reads once to fill
// the cache, changes something, and expects the very next request to see it.
describe.each(testDialects())('auth caches on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  async function account(username: string): Promise<AccountState> {
    const a = await getAccountByUsername(t.deps, username);
    if (!a) throw new Error(`no ${username}`);
    return a;
  }

  it('a revoked role is refused on the next request, and the next session carries the new roles', async () => {
    const s = await login(t.app, 'div2_staff');
    expect((await get(s, '/api/incoming')).statusCode).toBe(200);
    expect((await get(s, '/api/incoming')).statusCode).toBe(200);
    const sec = await login(t.app, 'secadmin');
    const u = await account('div2_staff');
    const put = await injectAs(t.app, sec, { method: 'PUT', url: `/api/admin/users/${u.id}/roles`, payload: { roles: [], version: u.version } });
    expect(put.statusCode).toBe(200);
    expect((await get(s, '/api/incoming')).statusCode).toBe(401);
    const again = await login(t.app, 'div2_staff');
    expect(json<{ roles: string[] }>(await get(again, '/api/me')).roles).toEqual([]);
    expect((await get(again, '/api/incoming')).statusCode).toBe(403);
  });

  it('a disabled account is refused on the next request', async () => {
    const s = await login(t.app, 'div2_head');
    expect((await get(s, '/api/incoming')).statusCode).toBe(200);
    const sys = await login(t.app, 'sysadmin');
    const u = await account('div2_head');
    const patch = await injectAs(t.app, sys, { method: 'PATCH', url: `/api/admin/users/${u.id}`, payload: { disabled: true, version: u.version } });
    expect(patch.statusCode).toBe(200);
    expect((await get(s, '/api/incoming')).statusCode).toBe(401);
  });

  it('a move to another unit ends the sessions (the old unit’s documents are out of reach at once); a new name shows on the next request', async () => {
    const s = await login(t.app, 'secrecy_officer');
    expect((await get(s, '/api/me')).statusCode).toBe(200);
    const sys = await login(t.app, 'sysadmin');
    let u = await account('secrecy_officer');
    const renamed = await injectAs(t.app, sys, { method: 'PATCH', url: `/api/admin/users/${u.id}`, payload: { name: '新名字', version: u.version } });
    expect(renamed.statusCode).toBe(200);
    expect(json<{ name: string }>(await get(s, '/api/me')).name).toBe('新名字');
    u = await account('secrecy_officer');
    const other = await account('div1_staff');
    const moved = await injectAs(t.app, sys, { method: 'PATCH', url: `/api/admin/users/${u.id}`, payload: { unitId: other.unitId, version: u.version } });
    expect(moved.statusCode).toBe(200);
    expect((await get(s, '/api/me')).statusCode).toBe(401);
  });

  it('a forced password change, once done, lets the same session work at once', async () => {
    const sys = await login(t.app, 'sysadmin');
    const u = await account('div1_staff');
    const temp = 'Tmp#2026reset';
    const reset = await injectAs(t.app, sys, { method: 'POST', url: `/api/admin/users/${u.id}/reset-password`, payload: { password: temp } });
    expect(reset.statusCode).toBe(200);
    const s = await login(t.app, 'div1_staff', temp);
    const refused = await get(s, '/api/incoming');
    expect(refused.statusCode).toBe(403);
    expect(json<ErrorBody>(refused).error.code).toBe('password_change_required');
    const changed = await injectAs(t.app, s, { method: 'POST', url: '/api/me/password', payload: { currentPassword: temp, newPassword: 'Nw7$rTy9Lp' } });
    expect(changed.statusCode).toBe(200);
    expect((await get(s, '/api/incoming')).statusCode).toBe(200);
  });

  it('a shorter idle timeout applies to the next request', async () => {
    const s = await login(t.app, 'office_director');
    expect((await get(s, '/api/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(20);
    expect((await get(s, '/api/me')).statusCode).toBe(200);
    const sec = await login(t.app, 'secadmin');
    const policy = json<Record<string, number>>(await injectAs(t.app, sec, { method: 'GET', url: '/api/admin/policy' }));
    const { updatedAt: _u, ...fields } = policy;
    const put = await injectAs(t.app, sec, { method: 'PUT', url: '/api/admin/policy', payload: { ...fields, idleTimeoutMinutes: 15 } });
    expect(put.statusCode).toBe(200);
    // 16 minutes idle: fine under the old 30, over the new 15.
    t.clock.advanceMinutes(16);
    expect((await get(s, '/api/me')).statusCode).toBe(401);
  });
});
