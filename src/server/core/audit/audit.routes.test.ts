import type { SelectQueryBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditVerifyResult } from '../../../shared/audit.js';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { seedDemoOrg } from '../org/org.seed.js';
import type { Database } from '../db/database.js';

interface ErrorBody {
  error: { code: string; message: string };
}
interface AuditList {
  items: AuditEvent[];
  total: number;
}

type AuditRows = SelectQueryBuilder<Database, 'audit_events', object>;

const CHINESE = /[\u4e00-\u9fff]/;

describe.each(testDialects())('GET /api/audit and POST /api/audit/verify on %s', (dialect) => {
  let t: TestApp;
  let auditor: Session;
  const others: Record<string, Session> = {};

  const list = async (query: string): Promise<AuditList> => {
    const res = await injectAs(t.app, auditor, { method: 'GET', url: `/api/audit${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return json<AuditList>(res);
  };
  const countRows = async (filter: (q: AuditRows) => AuditRows = (q) => q): Promise<number> => {
    const r = await filter(t.deps.db.selectFrom('audit_events'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps); // events on 2026-11-26
    t.clock.set('2026-11-27T08:00:00.000Z');
    await login(t.app, 'auditor'); // the one event of 2026-11-27
    t.clock.set('2026-11-28T08:00:00.000Z');
    auditor = await login(t.app, 'auditor');
    const failed = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader1', password: 'Wrong#2026zs' } });
    expect(failed.statusCode).toBe(401);
    for (const u of ['sysadmin', 'secadmin', 'leader1', 'office_clerk', 'div1_staff', 'secrecy_officer']) others[u] = await login(t.app, u);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('answers 401 without a session', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/api/audit' },
      { method: 'POST' as const, url: '/api/audit/verify' },
    ]) {
      const res = await t.app.inject(req);
      expect(res.statusCode).toBe(401);
      expect(json<ErrorBody>(res).error.code).toBe('unauthenticated');
    }
  });

  it('answers 400 with a Chinese message for bad filters', async () => {
    for (const q of ['?from=yesterday', '?to=2026-13', '?pageSize=0', '?pageSize=201', '?page=0', '?outcome=maybe', '?foo=1', `?action=${'x'.repeat(101)}`]) {
      const res = await injectAs(t.app, auditor, { method: 'GET', url: `/api/audit${q}` });
      expect(res.statusCode, q).toBe(400);
      const body = json<ErrorBody>(res);
      expect(body.error.code).toBe('validation');
      expect(body.error.message).toMatch(CHINESE);
    }
  });

  it('answers 403 to every account but the auditor, sysadmin and secadmin included, and records each refusal as denied', async () => {
    const before = await countRows((q) => q.where('outcome', '=', 'denied'));
    for (const [username, s] of Object.entries(others)) {
      const read = await injectAs(t.app, s, { method: 'GET', url: '/api/audit' });
      expect(read.statusCode, username).toBe(403);
      expect(json<ErrorBody>(read).error.message).toMatch(/安全审计员/);
      const verify = await injectAs(t.app, s, { method: 'POST', url: '/api/audit/verify' });
      expect(verify.statusCode, username).toBe(403);
    }
    expect(await countRows((q) => q.where('outcome', '=', 'denied'))).toBe(before + 2 * Object.keys(others).length);
    const denied = await list(`?outcome=denied&action=audit.read&actor=${others['sysadmin']?.user.id ?? ''}`);
    expect(denied.total).toBe(1);
    expect(denied.items[0]).toMatchObject({ action: 'audit.read', outcome: 'denied', actorId: others['sysadmin']?.user.id });
  });

  it('lists events newest first in the shape of API.md', async () => {
    const page = await list('');
    expect(page.total).toBe(await countRows());
    expect(page.items).toHaveLength(20);
    const seqs = page.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (const e of page.items) {
      expect(Object.keys(e).sort()).toEqual(
        ['action', 'actorId', 'actorName', 'at', 'details', 'ip', 'onBehalfOfId', 'outcome', 'seq', 'targetId', 'targetType'].sort(),
      );
      expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(['success', 'failure', 'denied']).toContain(e.outcome);
    }
  });

  it('filters by actor id or name, action (exact or prefix), outcome, and from/to', async () => {
    const leaderId = others['leader1']?.user.id ?? '';
    const byId = await list(`?actor=${leaderId}&pageSize=200`);
    expect(byId.total).toBe(await countRows((q) => q.where('actor_id', '=', leaderId)));
    expect(byId.total).toBeGreaterThan(0);
    expect(byId.items.every((e) => e.actorId === leaderId)).toBe(true);
    const byName = await list(`?actor=${encodeURIComponent('王局长')}&pageSize=200`);
    expect(byName.items.map((e) => e.seq)).toEqual(byId.items.map((e) => e.seq));

    const logins = await list('?action=auth.login&pageSize=200');
    expect(logins.total).toBe(await countRows((q) => q.where('action', '=', 'auth.login')));
    expect(logins.items.every((e) => e.action === 'auth.login')).toBe(true);
    const authAll = await list('?action=auth.&pageSize=200');
    expect(authAll.total).toBe(await countRows((q) => q.where('action', 'like', 'auth.%')));
    expect(authAll.total).toBeGreaterThanOrEqual(logins.total);
    expect(authAll.items.every((e) => e.action.startsWith('auth.'))).toBe(true);

    const failures = await list('?outcome=failure&action=auth.login');
    expect(failures.total).toBe(1);
    expect(failures.items[0]).toMatchObject({ outcome: 'failure', targetId: leaderId, at: '2026-11-28T08:00:00.000Z' });

    const seedDay = await list('?to=2026-11-26&pageSize=200');
    expect(seedDay.total).toBe(await countRows((q) => q.where('at', '<', '2026-11-27')));
    expect(seedDay.items.every((e) => e.at.startsWith('2026-11-26'))).toBe(true);
    expect(seedDay.items.some((e) => e.action === 'org.user_create')).toBe(true);
    const middle = await list('?from=2026-11-27&to=2026-11-27T23:59:59.999Z');
    expect(middle.items.map((e) => [e.action, e.actorName])).toEqual([['auth.login', '安全审计员']]);
    const later = await list('?from=2026-11-28T00:00:00.000Z&pageSize=200');
    expect(later.total).toBe(await countRows((q) => q.where('at', '>=', '2026-11-28')));
    expect(later.items.every((e) => e.at >= '2026-11-28')).toBe(true);
    expect((await list('?from=2026-11-29')).total).toBe(0);
  });

  it('pages without gaps or overlaps', async () => {
    const all = await list('?action=org.&pageSize=200');
    expect(all.total).toBeGreaterThan(10);
    const first = await list('?action=org.&pageSize=5&page=1');
    const second = await list('?action=org.&pageSize=5&page=2');
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual(all.items.slice(0, 10).map((e) => e.seq));
    const beyond = await list(`?action=org.&pageSize=5&page=${Math.ceil(all.total / 5) + 1}`);
    expect(beyond).toEqual({ items: [], total: all.total });
  });

  it('verifies the chain for the auditor and records the check', async () => {
    const n = await countRows();
    const res = await injectAs(t.app, auditor, { method: 'POST', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(json<AuditVerifyResult>(res)).toEqual({ ok: true, count: n, checkedAt: t.clock.now().toISOString() });
    const recorded = await list('?action=audit.verify');
    expect(recorded.items[0]).toMatchObject({ actorId: auditor.user.id, outcome: 'success', details: { count: n } });
  });
});
