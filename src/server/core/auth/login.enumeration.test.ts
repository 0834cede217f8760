import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { randomAddress } from '../../../../test/support/session.js';
import { seedDemoOrg } from '../org/org.seed.js';

interface Answer {
  status: number;
  body: unknown;
}

/** Nothing in a sign-in answer (status, body, lock, time) tells an existing username from a made-up one. */
describe.each(testDialects())('login does not reveal which usernames exist on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
  });
  afterAll(async () => {
    await t.close();
  });

  const attempt = async (username: string, password = 'Wrong#2026zs'): Promise<Answer> => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: randomAddress() });
    return { status: res.statusCode, body: json(res) };
  };
  const timed = async (username: string): Promise<number> => {
    const started = performance.now();
    await attempt(username);
    return performance.now() - started;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

  it('answers a real account and an unknown name identically through the lockout and after it', async () => {
    const real: Answer[] = [];
    const made: Answer[] = [];
    for (let i = 0; i < 7; i++) {
      real.push(await attempt('div1_head'));
      made.push(await attempt('div1_hea'));
    }
    expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(made).toEqual(real);

    t.clock.advanceMinutes(16);
    expect(await attempt('div1_hea')).toEqual(await attempt('div1_head'));
    expect((await attempt('div1_hea')).status).toBe(401);

    const lockouts = await t.deps.db.selectFrom('audit_events').select(['target_id', 'details']).where('action', '=', 'auth.lockout').orderBy('seq').execute();
    expect(lockouts).toHaveLength(2);
    expect(lockouts[1]?.target_id).toBeNull();
    expect(JSON.parse(lockouts[1]?.details ?? '{}')).toMatchObject({ username: 'div1_hea', reason: 'unknown_user', threshold: 5, minutes: 15 });
  });

  it('spends about the same time on an unknown name, a wrong password and a locked account', async () => {
    for (let i = 0; i < 5; i++) await attempt('div2_head'); // now locked
    expect((await attempt('div2_head')).status).toBe(423);
    const wrong: number[] = [];
    const unknown: number[] = [];
    const locked: number[] = [];
    for (let i = 0; i < 7; i++) {
      // leader2 stays below the threshold: every fourth failure is followed by its real password.
      if (i % 4 === 3) expect((await attempt('leader2', 'Demo#2026zs')).status).toBe(200);
      wrong.push(await timed('leader2'));
      unknown.push(await timed(`nobody${i}`));
      locked.push(await timed('div2_head'));
    }
    // Each path runs one argon2 verification, which dwarfs the rest; a lock answered
    // without it took a small fraction of the time.
    const base = median(wrong);
    expect(median(unknown) / base).toBeGreaterThan(0.5);
    expect(median(unknown) / base).toBeLessThan(2);
    expect(median(locked) / base).toBeGreaterThan(0.5);
    expect(median(locked) / base).toBeLessThan(2);
  }, 60_000);
});
