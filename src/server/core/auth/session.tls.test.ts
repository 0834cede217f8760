import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { randomAddress } from '../../../../test/support/session.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { DEMO_PASSWORD, seedDemoOrg } from '../org/org.seed.js';

/** ZHONGSHU_TLS says a TLS-terminating proxy sits in front; ZHONGSHU_TRUST_PROXY lets its X-Forwarded-For name the client. */
describe.each(testDialects())('behind a TLS proxy on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const start = async (env: Record<string, string>) => {
    const config = loadConfig({ ZHONGSHU_DATA_DIR: db.dataDir, LOG_LEVEL: 'silent', ...env });
    const built = await buildApp({ config, db, clock: new ManualClock(), logger: false, serveWeb: false, scheduler: false });
    await seedDemoOrg(built.deps);
    return built.app;
  };

  it('marks the session cookie Secure and sends HSTS when ZHONGSHU_TLS is set, and trusts X-Forwarded-For only when told to', async () => {
    const app = await start({ ZHONGSHU_TLS: 'true', ZHONGSHU_TRUST_PROXY: 'true' });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'office_clerk', password: DEMO_PASSWORD },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'zs_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect((await app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const event = await db.kysely.selectFrom('audit_events').select('ip').where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(event.ip).toBe('203.0.113.9');
    } finally {
      await app.close();
    }
  });

  it('sends neither without ZHONGSHU_TLS, and records the socket address when the proxy is not trusted', async () => {
    const app = await start({});
    try {
      const address = randomAddress();
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'office_clerk', password: DEMO_PASSWORD },
        remoteAddress: address,
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'zs_session')?.secure).toBeFalsy();
      expect(res.headers['set-cookie']?.toString()).not.toMatch(/;\s*Secure/i);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      const event = await db.kysely.selectFrom('audit_events').select('ip').where('action', '=', 'auth.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(event.ip).toBe(address);
    } finally {
      await app.close();
    }
  });
});
