import type { FastifyRequest, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { createTestDb, testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, randomAddress, type Session } from '../../../../test/support/session.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { requireAdmin, requireBusinessActor } from '../auth/guards.js';
import { systemClock } from '../clock.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';
import { actingFor, activePrincipalsFor } from './org.delegation.js';
import { initAdministrators, seedDemoOrg } from './org.seed.js';
import { getUnit, getUnitTree, getUser, getUsersByIds, isDivisionHead, listDivisions, listUnitMembers, usersWithRole } from './org.service.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
interface AdminUserBody {
  id: string;
  username: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  email: string | null;
  roles: string[];
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
}
interface UnitBody {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  sort: number;
  version: number;
}

const GOOD = 'Kx9#vLm2pQ';
const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;

describe.each(testDialects())('org and 三员分立 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const unitIds: Record<string, string> = {};
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of await t.deps.db.selectFrom('units').select(['id', 'name']).execute()) unitIds[u.name] = u.id;
    for (const u of ['sysadmin', 'secadmin', 'auditor', 'div1_staff', 'leader1']) s[u] = await login(t.app, u);
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (who: string | null, opts: InjectOptions) => (who ? injectAs(t.app, s[who] as Session, opts) : t.app.inject(opts));
  const userId = async (username: string) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const userVersion = async (id: string) => (await t.deps.db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const unitVersion = async (id: string) => (await t.deps.db.selectFrom('units').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const audit = (targetId: string) =>
    t.deps.db.selectFrom('audit_events').select(['action', 'outcome', 'actor_id', 'details']).where('target_id', '=', targetId).orderBy('seq').execute();

  /** A fresh account made by the sysadmin through the API. */
  async function newUser(unit = '监管一处'): Promise<AdminUserBody> {
    counter++;
    const r = await call('sysadmin', {
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: `u${counter}_${dialect}`, name: `测试${counter}`, unitId: unitIds[unit], password: GOOD },
    });
    expect(r.statusCode).toBe(201);
    return json<AdminUserBody>(r);
  }

  describe('GET /api/org/units', () => {
    it('401 without a session; the tree for any signed-in user, admins included', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/org/units' })).statusCode).toBe(401);
      for (const who of ['div1_staff', 'sysadmin', 'auditor']) {
        const r = await call(who, { method: 'GET', url: '/api/org/units' });
        expect(r.statusCode).toBe(200);
        const tree = json<Array<{ name: string; kind: string; children: unknown[] }>>(r);
        expect(tree.map((u) => u.name)).toEqual(['局领导', '办公室', '综合处', '监管一处', '监管二处']);
        expect(tree.map((u) => u.kind)).toEqual(['leadership', 'office', 'division', 'division', 'division']);
        expect(tree.every((u) => Array.isArray(u.children))).toBe(true);
      }
    });
  });

  describe('the 三员 matrix', () => {
    type Who = 'sysadmin' | 'secadmin' | 'auditor' | 'div1_staff';
    const WHO: Who[] = ['sysadmin', 'secadmin', 'auditor', 'div1_staff'];
    interface Case {
      name: string;
      expected: Record<Who, number>;
      request: () => Promise<InjectOptions>;
    }
    const cases: Case[] = [
      {
        name: 'GET /api/admin/users',
        expected: { sysadmin: 200, secadmin: 200, auditor: 403, div1_staff: 403 },
        request: async () => ({ method: 'GET', url: '/api/admin/users' }),
      },
      {
        name: 'POST /api/admin/users',
        expected: { sysadmin: 201, secadmin: 403, auditor: 403, div1_staff: 403 },
        request: async () => ({
          method: 'POST',
          url: '/api/admin/users',
          payload: { username: `m${++counter}`, name: '矩阵', unitId: unitIds['综合处'], password: GOOD },
        }),
      },
      {
        name: 'PATCH /api/admin/users/:id',
        expected: { sysadmin: 200, secadmin: 403, auditor: 403, div1_staff: 403 },
        request: async () => {
          const id = await userId('div2_staff');
          return { method: 'PATCH', url: `/api/admin/users/${id}`, payload: { name: `郑科员${++counter}`, version: await userVersion(id) } };
        },
      },
      {
        name: 'POST /api/admin/users/:id/reset-password',
        expected: { sysadmin: 200, secadmin: 403, auditor: 403, div1_staff: 403 },
        request: async () => ({ method: 'POST', url: `/api/admin/users/${await userId('div2_staff')}/reset-password`, payload: { password: GOOD } }),
      },
      {
        name: 'POST /api/admin/users/:id/unlock',
        expected: { sysadmin: 403, secadmin: 200, auditor: 403, div1_staff: 403 },
        request: async () => ({ method: 'POST', url: `/api/admin/users/${await userId('div2_staff')}/unlock` }),
      },
      {
        name: 'PUT /api/admin/users/:id/roles',
        expected: { sysadmin: 403, secadmin: 200, auditor: 403, div1_staff: 403 },
        request: async () => {
          const id = await userId('div2_staff');
          return {
            method: 'PUT',
            url: `/api/admin/users/${id}/roles`,
            payload: { roles: ++counter % 2 ? ['staff', 'secrecy_officer'] : ['staff'], version: await userVersion(id) },
          };
        },
      },
      {
        name: 'POST /api/admin/units',
        expected: { sysadmin: 201, secadmin: 403, auditor: 403, div1_staff: 403 },
        request: async () => ({
          method: 'POST',
          url: '/api/admin/units',
          payload: { name: `矩阵科${++counter}`, kind: 'division', parentId: unitIds['综合处'] },
        }),
      },
      {
        name: 'PATCH /api/admin/units/:id',
        expected: { sysadmin: 200, secadmin: 403, auditor: 403, div1_staff: 403 },
        request: async () => {
          const id = unitIds['综合处'] ?? '';
          return { method: 'PATCH', url: `/api/admin/units/${id}`, payload: { sort: 2 + (++counter % 2), version: await unitVersion(id) } };
        },
      },
      {
        name: 'GET /api/admin/units',
        expected: { sysadmin: 200, secadmin: 200, auditor: 403, div1_staff: 403 },
        request: async () => ({ method: 'GET', url: '/api/admin/units' }),
      },
      {
        name: 'GET /api/admin/policy',
        expected: { sysadmin: 403, secadmin: 200, auditor: 403, div1_staff: 403 },
        request: async () => ({ method: 'GET', url: '/api/admin/policy' }),
      },
    ];

    it.each(cases)('$name: 401 without a session', async (c) => {
      const r = await t.app.inject(await c.request());
      expect(r.statusCode).toBe(401);
    });

    it.each(cases)('$name: sysadmin / secadmin / auditor / business user', async (c) => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const r = await call(who, await c.request());
        got[who] = r.statusCode;
        if (r.statusCode === 403) expect(json<ErrorBody>(r).error.message).toMatch(/三员分立/);
      }
      expect(got).toEqual(c.expected);
    });

    it('answers hostile ids, queries and bodies with 4xx, never 500', async () => {
      const nul = encodeURIComponent('\u0000');
      const probes: Array<[string, InjectOptions]> = [
        ['sysadmin', { method: 'GET', url: `/api/admin/users?q=${nul}` }],
        ['sysadmin', { method: 'PATCH', url: `/api/admin/users/${nul}`, payload: { name: 'x', version: 1 } }],
        ['sysadmin', { method: 'POST', url: `/api/admin/users/${nul}/reset-password`, payload: { password: GOOD } }],
        ['secadmin', { method: 'POST', url: `/api/admin/users/${nul}/unlock` }],
        ['secadmin', { method: 'PUT', url: `/api/admin/users/${nul}/roles`, payload: { roles: [], version: 1 } }],
        ['sysadmin', { method: 'PATCH', url: `/api/admin/units/${nul}`, payload: { name: 'x', version: 1 } }],
        ['sysadmin', { method: 'POST', url: '/api/admin/units', payload: { name: 'a\u0000b', kind: 'division' } }],
        ['sysadmin', { method: 'POST', url: '/api/admin/users', payload: { username: 'ok', name: '\u0000', unitId: 'x', password: GOOD } }],
        ['div1_staff', { method: 'DELETE', url: `/api/me/sessions/${nul}` }],
        ['sysadmin', { method: 'PUT', url: `/api/admin/users/${'x'.repeat(300)}/roles`, payload: { roles: [], version: 1 } }],
        ['sysadmin', { method: 'PATCH', url: `/api/admin/users/x`, payload: [] }],
        ['sysadmin', { method: 'PATCH', url: `/api/admin/users/x`, payload: 'null', headers: { 'content-type': 'application/json' } }],
      ];
      for (const [who, opts] of probes) {
        const r = await call(who, opts);
        expect(r.statusCode, `${opts.method} ${opts.url}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${opts.method} ${opts.url}`).toBeLessThan(500);
      }
      const nulLogin = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'a\u0000', password: 'x' },
        remoteAddress: randomAddress(),
      });
      expect(nulLogin.statusCode).toBe(400);
    });

    it('records refused admin attempts as denied', async () => {
      const denied = await t.deps.db.selectFrom('audit_events').select(['action', 'actor_id']).where('outcome', '=', 'denied').execute();
      expect(denied.some((d) => d.action === 'org.role_grant' && d.actor_id === s['sysadmin']?.user.id)).toBe(true);
      expect(denied.some((d) => d.action === 'org.user_create' && d.actor_id === s['auditor']?.user.id)).toBe(true);
      expect(denied.some((d) => d.action === 'org.user_list' && d.actor_id === s['div1_staff']?.user.id)).toBe(true);
    });
  });

  describe('accounts (sysadmin)', () => {
    it('POST /api/admin/users: 400 for bad input, weak passwords, unknown unit; 409 duplicate; 201 with the forced change set', async () => {
      const base = { username: 'zhangsan', name: '张三', unitId: unitIds['监管二处'], password: GOOD };
      const post = (payload: unknown) => call('sysadmin', { method: 'POST', url: '/api/admin/users', payload: payload as Record<string, unknown> });
      const malformed = await injectAs(t.app, s['sysadmin'] as Session, {
        method: 'POST',
        url: '/api/admin/users',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "x",',
      });
      expect(malformed.statusCode).toBe(400);
      expect((await post({ ...base, role: 'leader' })).statusCode).toBe(400);
      expect((await post({ ...base, username: '张 三' })).statusCode).toBe(400);
      expect((await post({ ...base, name: 'x'.repeat(51) })).statusCode).toBe(400);
      const common = await post({ ...base, password: 'Password123' });
      expect(common.statusCode).toBe(400);
      expect(json<ErrorBody>(common).error.message).toMatch(/常见/);
      const withName = await post({ ...base, password: 'Zhangsan#77' });
      expect(json<ErrorBody>(withName).error.message).toMatch(/用户名/);
      const classes = await post({ ...base, password: 'abcdefghijk' });
      expect(json<{ error: { details: { rules: string[] } } }>(classes).error.details.rules).toContain('classes');
      expect((await post({ ...base, unitId: 'nope' })).statusCode).toBe(400);
      const ok = await post({ ...base, username: ' ZhangSan ' });
      expect(ok.statusCode).toBe(201);
      const body = json<AdminUserBody>(ok);
      expect(body).toMatchObject({
        username: 'zhangsan',
        name: '张三',
        unitName: '监管二处',
        roles: [],
        disabled: false,
        locked: false,
        mustChangePassword: true,
        version: 1,
      });
      const dup = await post({ ...base, username: 'ZHANGSAN' });
      expect(dup.statusCode).toBe(409);
      expect(json<ErrorBody>(dup).error.code).toBe('duplicate');
      expect((await audit(body.id)).map((e) => e.action)).toEqual(['org.user_create']);
    });

    it('GET /api/admin/users pages and searches by username or name', async () => {
      expect((await call('sysadmin', { method: 'GET', url: '/api/admin/users?pageSize=1000' })).statusCode).toBe(400);
      expect((await call('sysadmin', { method: 'GET', url: '/api/admin/users?bogus=1' })).statusCode).toBe(400);
      const page = json<{ items: AdminUserBody[]; total: number }>(await call('secadmin', { method: 'GET', url: '/api/admin/users?page=1&pageSize=5' }));
      expect(page.items).toHaveLength(5);
      expect(page.total).toBeGreaterThanOrEqual(13);
      const byName = json<{ items: AdminUserBody[]; total: number }>(
        await call('sysadmin', { method: 'GET', url: `/api/admin/users?q=${encodeURIComponent('处长')}` }),
      );
      expect(byName.items.map((u) => u.username).sort()).toEqual(['div1_head', 'div2_head']);
      const byUser = json<{ items: AdminUserBody[]; total: number }>(await call('sysadmin', { method: 'GET', url: '/api/admin/users?q=LEADER' }));
      expect(byUser.items.map((u) => u.username)).toEqual(['leader1', 'leader2']);
      expect(byUser.items[0]).toMatchObject({ name: '王局长', unitName: '局领导', roles: ['leader'] });
      const wild = json<{ total: number }>(await call('sysadmin', { method: 'GET', url: '/api/admin/users?q=%25' }));
      expect(wild.total).toBe(0);
      const reads = await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'org.user_list')
        .where('outcome', '=', 'success')
        .execute();
      expect(reads.some((r) => r.details.includes('"q":"LEADER"'))).toBe(true);
    });

    it('forces a password change at first sign-in, then lets the user in', async () => {
      const u = await newUser();
      const me = await login(t.app, u.username, GOOD);
      expect(me.mustChangePassword).toBe(true);
      const blocked = await injectAs(t.app, me, { method: 'GET', url: '/api/org/units' });
      expect(blocked.statusCode).toBe(403);
      expect(json<ErrorBody>(blocked).error.code).toBe('password_change_required');
      expect((await injectAs(t.app, me, { method: 'GET', url: '/api/me/sessions' })).statusCode).toBe(403);
      expect(json<{ mustChangePassword: boolean }>(await injectAs(t.app, me, { method: 'GET', url: '/api/me' })).mustChangePassword).toBe(true);
      const change = (payload: Record<string, unknown>, sess: Session = me) => injectAs(t.app, sess, { method: 'POST', url: '/api/me/password', payload });
      expect((await t.app.inject({ method: 'POST', url: '/api/me/password', payload: { currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp' } })).statusCode).toBe(
        401,
      );
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/me/password',
            headers: { cookie: me.cookie },
            payload: { currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp' },
          })
        ).statusCode,
      ).toBe(403);
      expect((await change({ currentPassword: GOOD })).statusCode).toBe(400);
      expect((await change({ currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp', x: 1 })).statusCode).toBe(400);
      const wrongCurrent = await change({ currentPassword: 'Nope#1234', newPassword: 'Nw7$rTy9Lp' });
      expect(wrongCurrent.statusCode).toBe(400);
      expect(json<ErrorBody>(wrongCurrent).error.message).toMatch(/当前密码不正确/);
      expect(json<ErrorBody>(await change({ currentPassword: GOOD, newPassword: GOOD })).error.message).toMatch(/不能与当前密码相同/);
      expect(json<ErrorBody>(await change({ currentPassword: GOOD, newPassword: 'Qwerty@2026' })).error.message).toMatch(/常见/);
      expect(json<ErrorBody>(await change({ currentPassword: GOOD, newPassword: `X#9${u.username.toUpperCase()}` })).error.message).toMatch(/用户名/);
      const other = await login(t.app, u.username, GOOD);
      const ok = await change({ currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp' });
      expect(ok.statusCode).toBe(200);
      expect((await injectAs(t.app, me, { method: 'GET', url: '/api/org/units' })).statusCode).toBe(200);
      // The other session ends; this one stays.
      expect((await injectAs(t.app, other, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: GOOD }, remoteAddress: randomAddress() }))
          .statusCode,
      ).toBe(401);
      const again = await login(t.app, u.username, 'Nw7$rTy9Lp');
      expect(again.mustChangePassword).toBe(false);
      const actions = (await audit(u.id)).map((e) => `${e.action}:${e.outcome}`);
      expect(actions).toContain('auth.password_change:failure');
      expect(actions).toContain('auth.password_change:success');
    });

    it('PATCH: 404 unknown, 409 stale version, disable ends sessions and sign-in, enable restores', async () => {
      const u = await newUser();
      const sess = await login(t.app, u.username, GOOD);
      const patch = (id: string, payload: Record<string, unknown>) => call('sysadmin', { method: 'PATCH', url: `/api/admin/users/${id}`, payload });
      expect((await patch('no-such-id', { name: '甲', version: 1 })).statusCode).toBe(404);
      expect((await patch(u.id, { name: '甲' })).statusCode).toBe(400);
      expect((await patch(u.id, { name: '甲', version: 1, username: 'x' })).statusCode).toBe(400);
      expect((await patch(u.id, { unitId: 'nope', version: 1 })).statusCode).toBe(400);
      const renamed = await patch(u.id, { name: '改名', unitId: unitIds['综合处'], version: 1 });
      expect(renamed.statusCode).toBe(200);
      expect(json<AdminUserBody>(renamed)).toMatchObject({ name: '改名', unitName: '综合处', version: 2 });
      const stale = await patch(u.id, { name: '再改', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(json<ErrorBody>(stale).error.code).toBe('version_conflict');
      const disabled = await patch(u.id, { disabled: true, version: 2 });
      expect(json<AdminUserBody>(disabled)).toMatchObject({ disabled: true, version: 3 });
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sess.cookie } })).statusCode).toBe(401);
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: GOOD },
        remoteAddress: randomAddress(),
      });
      expect(refused.statusCode).toBe(403);
      expect(json<ErrorBody>(refused).error.message).toMatch(/停用/);
      // A wrong password on a disabled account says nothing more than "invalid".
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: u.username, password: 'Wrong#pw12' },
            remoteAddress: randomAddress(),
          })
        ).statusCode,
      ).toBe(401);
      expect((await patch(u.id, { disabled: false, version: 3 })).statusCode).toBe(200);
      expect((await login(t.app, u.username, GOOD)).user.id).toBe(u.id);
      expect((await audit(u.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['org.user_update', 'org.user_disable', 'org.user_enable']));
    });

    it('refuses disabling oneself and disabling or resetting the other administrators', async () => {
      const me = s['sysadmin']?.user.id ?? '';
      const selfR = await call('sysadmin', { method: 'PATCH', url: `/api/admin/users/${me}`, payload: { disabled: true, version: await userVersion(me) } });
      expect(selfR.statusCode).toBe(403);
      for (const who of ['secadmin', 'auditor']) {
        const id = await userId(who);
        expect(
          (await call('sysadmin', { method: 'PATCH', url: `/api/admin/users/${id}`, payload: { disabled: true, version: await userVersion(id) } })).statusCode,
        ).toBe(403);
        expect((await call('sysadmin', { method: 'POST', url: `/api/admin/users/${id}/reset-password`, payload: { password: GOOD } })).statusCode).toBe(403);
      }
      expect((await call('sysadmin', { method: 'POST', url: `/api/admin/users/${me}/reset-password`, payload: { password: GOOD } })).statusCode).toBe(403);
    });

    it('e-mail: optional on create, set and cleared by PATCH, 400 when invalid, listed and audited', async () => {
      const base = { username: `mail_${dialect}`, name: '邮箱测试', unitId: unitIds['监管一处'], password: GOOD };
      const post = (payload: Record<string, unknown>) => call('sysadmin', { method: 'POST', url: '/api/admin/users', payload });
      const patch = (id: string, payload: Record<string, unknown>) => call('sysadmin', { method: 'PATCH', url: `/api/admin/users/${id}`, payload });
      const invalid = ['not-an-address', 'a@b', '张三@例子', `${'x'.repeat(250)}@b.cn`, 'a@b.cn\r\nBcc: c@d.cn', 'a b@c.cn', 42];
      for (const email of invalid) {
        const r = await post({ ...base, email });
        expect(r.statusCode, String(email)).toBe(400);
        expect(json<ErrorBody>(r).error.message, String(email)).toMatch(/email|电子邮箱|请求内容有误/);
      }
      expect(json<ErrorBody>(await post({ ...base, email: 'not-an-address' })).error.message).toMatch(/请填写有效的电子邮箱地址/);
      expect(json<ErrorBody>(await post({ ...base, email: `${'x'.repeat(250)}@b.cn` })).error.message).toMatch(/电子邮箱最多 254 个字符/);
      // None of the refused requests created the account.
      expect(await t.deps.db.selectFrom('users').select('id').where('username', '=', base.username).executeTakeFirst()).toBeUndefined();

      // Without one the address is null; surrounding blanks are trimmed.
      expect((await newUser()).email).toBeNull();
      const created = await post({ ...base, email: '  Zhou.Mail+oa@Bureau.example ' });
      expect(created.statusCode).toBe(201);
      const u = json<AdminUserBody>(created);
      expect(u).toMatchObject({ email: 'Zhou.Mail+oa@Bureau.example', version: 1 });
      expect((await getUser(t.deps, u.id))?.email).toBe('Zhou.Mail+oa@Bureau.example');
      const listed = json<{ items: AdminUserBody[] }>(await call('sysadmin', { method: 'GET', url: `/api/admin/users?q=${base.username}` }));
      expect(listed.items.map((i) => [i.username, i.email])).toEqual([[base.username, 'Zhou.Mail+oa@Bureau.example']]);

      expect((await patch(u.id, { email: 'bad', version: 1 })).statusCode).toBe(400);
      expect((await patch(u.id, { email: 'x'.repeat(255), version: 1 })).statusCode).toBe(400);
      const changed = await patch(u.id, { email: 'zhou@bureau.example', version: 1 });
      expect(changed.statusCode).toBe(200);
      expect(json<AdminUserBody>(changed)).toMatchObject({ email: 'zhou@bureau.example', version: 2 });
      // The same address again is no change: no new version, no audit entry.
      expect(json<AdminUserBody>(await patch(u.id, { email: ' zhou@bureau.example ', version: 2 })).version).toBe(2);
      // Leaving other fields out keeps the address.
      expect(json<AdminUserBody>(await patch(u.id, { name: '邮箱测试二', version: 2 }))).toMatchObject({ email: 'zhou@bureau.example', version: 3 });
      const cleared = await patch(u.id, { email: '  ', version: 3 });
      expect(json<AdminUserBody>(cleared)).toMatchObject({ email: null, version: 4 });
      expect((await getUser(t.deps, u.id))?.email).toBeNull();
      expect(json<AdminUserBody>(await patch(u.id, { email: 'li@bureau.example', version: 4 })).email).toBe('li@bureau.example');
      expect(json<AdminUserBody>(await patch(u.id, { email: null, version: 5 }))).toMatchObject({ email: null, version: 6 });

      const events = await audit(u.id);
      expect(events.map((e) => e.action)).toEqual(['org.user_create', ...Array<string>(5).fill('org.user_update')]);
      expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ email: 'Zhou.Mail+oa@Bureau.example' });
      const emailChanges = events
        .slice(1)
        .map((e) => (JSON.parse(e.details) as { changes: Record<string, { from: unknown; to: unknown }> }).changes['email'])
        .filter((c) => c !== undefined);
      expect(emailChanges).toEqual([
        { from: 'Zhou.Mail+oa@Bureau.example', to: 'zhou@bureau.example' },
        { from: 'zhou@bureau.example', to: null },
        { from: null, to: 'li@bureau.example' },
        { from: 'li@bureau.example', to: null },
      ]);
    });

    it('reset-password: 400 weak, 404 unknown; ends the sessions and forces a change', async () => {
      const u = await newUser();
      const sess = await login(t.app, u.username, GOOD);
      await injectAs(t.app, sess, { method: 'POST', url: '/api/me/password', payload: { currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp' } });
      const reset = (id: string, password: string) => call('sysadmin', { method: 'POST', url: `/api/admin/users/${id}/reset-password`, payload: { password } });
      expect((await reset(u.id, 'abc')).statusCode).toBe(400);
      expect((await reset('nope', GOOD)).statusCode).toBe(404);
      const r = await reset(u.id, 'Rs5%kWq8Zt');
      expect(r.statusCode).toBe(200);
      expect(json<AdminUserBody>(r).mustChangePassword).toBe(true);
      expect((await injectAs(t.app, sess, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
      expect((await login(t.app, u.username, 'Rs5%kWq8Zt')).mustChangePassword).toBe(true);
      expect((await audit(u.id)).some((e) => e.action === 'org.password_reset')).toBe(true);
    });
  });

  describe('roles (secadmin)', () => {
    it("grants and revokes, ends the target's sessions, audits each role", async () => {
      const u = await newUser();
      const sess = await login(t.app, u.username, GOOD);
      await injectAs(t.app, sess, { method: 'POST', url: '/api/me/password', payload: { currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp' } });
      const put = (payload: Record<string, unknown>) => call('secadmin', { method: 'PUT', url: `/api/admin/users/${u.id}/roles`, payload });
      expect((await put({ roles: ['staff'] })).statusCode).toBe(400);
      expect((await put({ roles: ['boss'], version: 1 })).statusCode).toBe(400);
      expect((await put({ roles: ['staff'], version: 1, extra: true })).statusCode).toBe(400);
      expect((await call('secadmin', { method: 'PUT', url: '/api/admin/users/nope/roles', payload: { roles: ['staff'], version: 1 } })).statusCode).toBe(404);
      const granted = await put({ roles: ['staff', 'division_head', 'staff'], version: 1 });
      expect(granted.statusCode).toBe(200);
      expect(json<AdminUserBody>(granted)).toMatchObject({ roles: ['division_head', 'staff'], version: 2 });
      expect((await injectAs(t.app, sess, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
      expect((await put({ roles: ['staff'], version: 1 })).statusCode).toBe(409);
      const revoked = await put({ roles: ['staff'], version: 2 });
      expect(json<AdminUserBody>(revoked).roles).toEqual(['staff']);
      const actions = (await audit(u.id)).map((e) => e.action);
      expect(actions.filter((a) => a === 'org.role_grant')).toHaveLength(2);
      expect(actions.filter((a) => a === 'org.role_revoke')).toHaveLength(1);
      const me = await login(t.app, u.username, 'Nw7$rTy9Lp');
      expect(me.user.roles).toEqual(['staff']);
    });

    it('refuses admin roles combined with each other or with business roles', async () => {
      const u = await newUser();
      const put = async (roles: string[]) =>
        call('secadmin', { method: 'PUT', url: `/api/admin/users/${u.id}/roles`, payload: { roles, version: await userVersion(u.id) } });
      for (const roles of [
        ['sysadmin', 'staff'],
        ['secadmin', 'auditor'],
        ['auditor', 'leader'],
        ['sysadmin', 'secadmin', 'auditor'],
      ]) {
        const r = await put(roles);
        expect(r.statusCode).toBe(400);
        expect(json<ErrorBody>(r).error.message).toMatch(/三员分立/);
      }
      expect((await put(['auditor'])).statusCode).toBe(200);
      expect((await put(['auditor', 'staff'])).statusCode).toBe(400);
    });

    it('nobody grants a role to themselves: 403, recorded as denied', async () => {
      const me = s['secadmin']?.user.id ?? '';
      const r = await call('secadmin', {
        method: 'PUT',
        url: `/api/admin/users/${me}/roles`,
        payload: { roles: ['secadmin', 'leader'], version: await userVersion(me) },
      });
      expect(r.statusCode).toBe(403);
      expect(json<ErrorBody>(r).error.message).toMatch(/自己/);
      const r2 = await call('secadmin', {
        method: 'PUT',
        url: `/api/admin/users/${me}/roles`,
        payload: { roles: ['secadmin'], version: await userVersion(me) },
      });
      expect(r2.statusCode).toBe(403);
      expect((await audit(me)).filter((e) => e.action === 'org.role_grant' && e.outcome === 'denied')).toHaveLength(2);
      const still = await getUser(t.deps, me);
      expect(still?.roles).toEqual(['secadmin']);
    });
  });

  describe('units (sysadmin)', () => {
    it('creates, renames, moves; 400 unknown parent or a cycle; 409 duplicate name or stale version', async () => {
      const post = (payload: Record<string, unknown>) => call('sysadmin', { method: 'POST', url: '/api/admin/units', payload });
      expect((await post({ name: '新处', kind: 'bureau' })).statusCode).toBe(400);
      expect((await post({ name: '', kind: 'division' })).statusCode).toBe(400);
      expect((await post({ name: '新处', kind: 'division', parentId: 'nope' })).statusCode).toBe(400);
      expect((await post({ name: '监管一处', kind: 'division', parentId: null })).statusCode).toBe(409);
      const a = await post({ name: '法规处', kind: 'division', parentId: null });
      expect(a.statusCode).toBe(201);
      const unitA = json<UnitBody>(a);
      expect(unitA).toMatchObject({ name: '法规处', kind: 'division', parentId: null, version: 1 });
      expect(unitA.sort).toBeGreaterThan(4);
      const b = json<UnitBody>(await post({ name: '法规一科', kind: 'division', parentId: unitA.id }));
      const patch = (id: string, payload: Record<string, unknown>) => call('sysadmin', { method: 'PATCH', url: `/api/admin/units/${id}`, payload });
      expect((await patch('nope', { name: 'x', version: 1 })).statusCode).toBe(404);
      const cycle = await patch(unitA.id, { parentId: b.id, version: 1 });
      expect(cycle.statusCode).toBe(400);
      expect((await patch(unitA.id, { parentId: unitA.id, version: 1 })).statusCode).toBe(400);
      expect((await patch(unitA.id, { name: '监管二处', version: 1 })).statusCode).toBe(409);
      const renamed = await patch(unitA.id, { name: '政策法规处', version: 1 });
      expect(json<UnitBody>(renamed)).toMatchObject({ name: '政策法规处', version: 2 });
      expect((await patch(unitA.id, { name: '又改', version: 1 })).statusCode).toBe(409);
      const moved = await patch(b.id, { parentId: null, sort: 99, version: 1 });
      expect(json<UnitBody>(moved)).toMatchObject({ parentId: null, sort: 99 });
      const back = await patch(b.id, { parentId: unitA.id, version: 2 });
      expect(back.statusCode).toBe(200);
      const flat = json<{ items: UnitBody[] }>(await call('sysadmin', { method: 'GET', url: '/api/admin/units' })).items;
      expect(flat.find((u) => u.id === b.id)).toMatchObject({ parentId: unitA.id, version: 3 });
      const tree = await getUnitTree(t.deps);
      expect(tree.find((n) => n.id === unitA.id)?.children.map((c) => c.name)).toEqual(['法规一科']);
      expect((await audit(unitA.id)).map((e) => e.action)).toEqual(['org.unit_create', 'org.unit_update']);
    });
  });

  describe('service functions for other modules', () => {
    it('reads users, units and members', async () => {
      const d1 = unitIds['监管一处'] ?? '';
      const head = await userId('div1_head');
      const staff = await userId('div1_staff');
      expect(await getUser(t.deps, head)).toMatchObject({ username: 'div1_head', name: '孙处长', unitId: d1, roles: ['division_head'], disabled: false });
      expect(await getUser(t.deps, 'nope')).toBeUndefined();
      expect((await getUsersByIds(t.deps, [head, staff, head, 'nope'])).map((u) => u.username).sort()).toEqual(['div1_head', 'div1_staff']);
      expect((await listUnitMembers(t.deps, d1, ['division_head'])).map((u) => u.username)).toEqual(['div1_head']);
      expect((await listUnitMembers(t.deps, d1)).map((u) => u.username)).toEqual(expect.arrayContaining(['div1_head', 'div1_staff']));
      expect(await isDivisionHead(t.deps, head, d1)).toBe(true);
      expect(await isDivisionHead(t.deps, staff, d1)).toBe(false);
      expect(await isDivisionHead(t.deps, head, unitIds['监管二处'] ?? '')).toBe(false);
      expect((await usersWithRole(t.deps, 'leader')).map((u) => u.username).sort()).toEqual(['leader1', 'leader2']);
      expect(await getUnit(t.deps, d1)).toMatchObject({ name: '监管一处', kind: 'division', parentId: null });
      expect((await listDivisions(t.deps)).map((u) => u.name)).toEqual(expect.arrayContaining(['综合处', '监管一处', '监管二处']));
      // Inside a caller's transaction: pass the transaction as db.
      await t.deps.db.transaction().execute(async (trx) => {
        expect((await getUser({ db: trx }, head))?.name).toBe('孙处长');
      });
    });

    it('requireBusinessActor and requireAdmin', () => {
      const actor = (roles: Actor['roles']): FastifyRequest =>
        ({ actor: { id: 'x', username: 'x', name: 'x', unitId: null, roles, sessionId: 's', ip: '1.1.1.1' } }) as unknown as FastifyRequest;
      expect(() => requireBusinessActor({ actor: null } as unknown as FastifyRequest)).toThrow(/请先登录/);
      expect(() => requireBusinessActor(actor(['sysadmin']))).toThrow(/三员分立/);
      expect(() => requireBusinessActor(actor([]))).toThrow(/尚未分配/);
      expect(requireBusinessActor(actor(['staff'])).id).toBe('x');
      expect(() => requireAdmin(actor(['staff']), 'auditor')).toThrow(/安全审计员/);
      expect(requireAdmin(actor(['auditor']), 'auditor').id).toBe('x');
    });

    it('keeps the audit chain intact through all of it', async () => {
      expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    });
  });

  describe('delegations (委托/代理)', () => {
    it('401, 403 for admins and staff, 400 for bad input; a leader delegates, the delegate acts on their behalf, the leader revokes', async () => {
      const leader = await login(t.app, 'leader1');
      const clerk = await login(t.app, 'office_clerk');
      const clerkId = clerk.user.id;
      const start = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
      const end = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString();
      const body = { delegateId: clerkId, startsAt: start, endsAt: end, reason: '出差' };
      const post = (sess: Session | null, payload: Record<string, unknown>) =>
        sess
          ? injectAs(t.app, sess, { method: 'POST', url: '/api/me/delegations', payload })
          : t.app.inject({ method: 'POST', url: '/api/me/delegations', payload });
      expect((await post(null, body)).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/me/delegations' })).statusCode).toBe(401);
      expect((await post(await login(t.app, 'auditor'), body)).statusCode).toBe(403);
      const staffTry = await post(await login(t.app, 'div1_staff'), body);
      expect(staffTry.statusCode).toBe(403);
      expect(json<ErrorBody>(staffTry).error.code).toBe('forbidden');
      expect((await post(leader, { ...body, extra: 1 })).statusCode).toBe(400);
      expect((await post(leader, { ...body, startsAt: '明天' })).statusCode).toBe(400);
      expect((await post(leader, { ...body, endsAt: start })).statusCode).toBe(400);
      expect((await post(leader, { ...body, delegateId: leader.user.id })).statusCode).toBe(400);
      expect((await post(leader, { ...body, delegateId: await userId('sysadmin') })).statusCode).toBe(400);
      expect((await post(leader, { ...body, endsAt: new Date(t.clock.now().getTime() + 100 * 86_400_000).toISOString() })).statusCode).toBe(400);
      const created = await post(leader, body);
      expect(created.statusCode).toBe(201);
      const d = json<{ id: string; active: boolean; principal: { name: string }; delegate: { name: string } }>(created);
      expect(d).toMatchObject({ active: false, principal: { name: '王局长' }, delegate: { name: '钱文秘' } });
      const mine = json<{ given: unknown[]; received: Array<{ id: string }> }>(await injectAs(t.app, clerk, { method: 'GET', url: '/api/me/delegations' }));
      expect(mine.received.map((x) => x.id)).toEqual([d.id]);
      const clerkActor = {
        id: clerkId,
        username: 'office_clerk',
        name: '钱文秘',
        unitId: unitIds['办公室'] ?? null,
        roles: ['office_clerk' as const],
        sessionId: 's',
        ip: '10.0.0.1',
      };
      expect(await activePrincipalsFor(t.deps, clerkId)).toEqual([]);
      await expect(actingFor(t.deps, clerkActor, leader.user.id)).rejects.toThrow(/没有代理/);
      t.clock.advanceMinutes(61);
      expect((await activePrincipalsFor(t.deps, clerkId)).map((u) => u.username)).toEqual(['leader1']);
      const acting = await actingFor(t.deps, clerkActor, leader.user.id);
      expect(acting).toMatchObject({ id: clerkId, name: '钱文秘', roles: ['leader'], onBehalfOf: { id: leader.user.id, name: '王局长' } });
      const leader2 = await login(t.app, 'leader1');
      const clerk2 = await login(t.app, 'office_clerk');
      expect((await injectAs(t.app, clerk2, { method: 'DELETE', url: `/api/me/delegations/${d.id}` })).statusCode).toBe(404);
      expect((await injectAs(t.app, leader2, { method: 'DELETE', url: `/api/me/delegations/${d.id}` })).statusCode).toBe(200);
      expect((await injectAs(t.app, leader2, { method: 'DELETE', url: `/api/me/delegations/${d.id}` })).statusCode).toBe(404);
      expect(await activePrincipalsFor(t.deps, clerkId)).toEqual([]);
      expect((await audit(d.id)).map((e) => e.action)).toEqual(['org.delegation_create', 'org.delegation_revoke']);
    });
  });

  describe('password expiry', () => {
    it("after the policy's days the password must change; demo accounts are exempt", async () => {
      s['sysadmin'] = await login(t.app, 'sysadmin');
      const u = await newUser();
      const first = await login(t.app, u.username, GOOD);
      await injectAs(t.app, first, { method: 'POST', url: '/api/me/password', payload: { currentPassword: GOOD, newPassword: 'Nw7$rTy9Lp' } });
      t.clock.advance(89 * 86_400_000);
      expect((await login(t.app, u.username, 'Nw7$rTy9Lp')).mustChangePassword).toBe(false);
      t.clock.advance(1 * 86_400_000);
      const due = await login(t.app, u.username, 'Nw7$rTy9Lp');
      expect(due.mustChangePassword).toBe(true);
      expect(json<ErrorBody>(await injectAs(t.app, due, { method: 'GET', url: '/api/org/units' })).error.code).toBe('password_change_required');
      expect((await login(t.app, 'leader1')).mustChangePassword).toBe(false);
    });
  });

  describe('seed and init', () => {
    it('seedDemoOrg does nothing the second time', async () => {
      expect(await seedDemoOrg(t.deps)).toEqual({ created: false, reason: 'present' });
    });

    it('initAdministrators creates the three once, in 办公室, with valid passwords only', async () => {
      const db = await createTestDb(dialect);
      try {
        const deps = { db: db.kysely, dialect, clock: systemClock, config: t.deps.config, log: t.deps.log } satisfies Deps;
        const weak = {
          sysadmin: { username: 'sa', password: 'password' },
          secadmin: { username: 'sec', password: GOOD },
          auditor: { username: 'aud', password: GOOD },
        };
        await expect(initAdministrators(deps, weak)).rejects.toThrow(/系统管理员的密码不符合要求/);
        await expect(initAdministrators(deps, { ...weak, sysadmin: { username: 'sec', password: GOOD } })).rejects.toThrow(/不能相同/);
        const ok = { ...weak, sysadmin: { username: 'SA', password: GOOD } };
        const r = await initAdministrators(deps, ok);
        expect(r.sysadmin.username).toBe('sa');
        const users = await getUsersByIds(deps, [r.sysadmin.id, r.secadmin.id, r.auditor.id]);
        expect(users.map((u) => u.roles[0]).sort()).toEqual([...ADMIN_ROLES].sort());
        const units = await getUnitTree(deps);
        expect(units.map((u) => u.name)).toEqual(['办公室']);
        expect(new Set(users.map((u) => u.unitId))).toEqual(new Set([units[0]?.id]));
        await expect(initAdministrators(deps, ok)).rejects.toThrow(/已经存在/);
        // An installation set up by init never gets accounts with the public demo password.
        expect(await seedDemoOrg(deps)).toEqual({ created: false, reason: 'administrators_exist' });
        expect((await getUnitTree(deps)).map((u) => u.name)).toEqual(['办公室']);
        const count = await deps.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(3);
      } finally {
        await db.destroy();
      }
    });
  });
});
