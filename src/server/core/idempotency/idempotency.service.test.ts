import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.js';
import { createWidgetServer, type WidgetServer } from '../workflow/workflow.fixture.js';
import { AppError } from '../errors.js';
import { purgeExpiredIdempotencyKeys, requestFingerprint, runIdempotent } from './idempotency.service.js';

describe('request fingerprint', () => {
  it('ignores key order but not method, path or values', () => {
    const a = requestFingerprint('POST', '/api/x/1/transitions', { action: 'a', version: 1 });
    expect(requestFingerprint('post', '/api/x/1/transitions', { version: 1, action: 'a' })).toBe(a);
    expect(requestFingerprint('POST', '/api/x/2/transitions', { action: 'a', version: 1 })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/x/1/transitions', { action: 'a', version: 2 })).not.toBe(a);
    expect(requestFingerprint('PUT', '/api/x/1/transitions', { action: 'a', version: 1 })).not.toBe(a);
  });
});

describe.each(testDialects())('idempotency runner on %s', (dialect) => {
  let s: WidgetServer;
  beforeAll(async () => {
    s = await createWidgetServer(dialect);
    await sql`create table side_effects (n integer not null)`.execute(s.db.kysely);
  });
  afterAll(async () => {
    await s?.close();
  });

  const effects = async () => Number((await sql<{ n: number }>`select count(*) as n from side_effects`.execute(s.db.kysely)).rows[0]?.n ?? 0);
  const request = (key: string | null, body: unknown = { a: 1 }) => ({ userId: 'u1', key, method: 'POST', path: '/api/things', body });
  const work =
    (status = 201, delayMs = 0) =>
    async (trx: Parameters<Parameters<typeof runIdempotent>[2]>[0]) => {
      await sql`insert into side_effects (n) values (1)`.execute(trx);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const made = await sql<{ n: number }>`select count(*) as n from side_effects`.execute(trx);
      return { status, body: { made: Number(made.rows[0]?.n ?? 0) } };
    };

  it('runs without a key every time', async () => {
    const before = await effects();
    await runIdempotent(s.deps, request(null), work());
    await runIdempotent(s.deps, request(null), work());
    expect(await effects()).toBe(before + 2);
  });

  it('stores the first response and replays it with its status', async () => {
    const before = await effects();
    const first = await runIdempotent(s.deps, request('k1'), work(201));
    expect(first).toMatchObject({ status: 201, replayed: false });
    const again = await runIdempotent(s.deps, request('k1'), work(201));
    expect(again).toEqual({ status: 201, body: first.body, replayed: true });
    expect(await effects()).toBe(before + 1);
    await expect(runIdempotent(s.deps, request('k1', { a: 2 }), work())).rejects.toMatchObject({ status: 409, code: 'duplicate' });
  });

  it('leaves no key when the work fails', async () => {
    const before = await effects();
    await expect(
      runIdempotent(s.deps, request('k-fail'), async (trx) => {
        await sql`insert into side_effects (n) values (1)`.execute(trx);
        throw new AppError(409, 'version_conflict', '冲突');
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await effects()).toBe(before);
    const row = await s.db.kysely.selectFrom('idempotency_keys').selectAll().where('key', '=', 'k-fail').executeTakeFirst();
    expect(row).toBeUndefined();
    await expect(runIdempotent(s.deps, request('k-fail'), work())).resolves.toMatchObject({ replayed: false });
  });

  it('executes concurrent duplicates once; all get the first response', async () => {
    const before = await effects();
    const outs = await Promise.all(Array.from({ length: 5 }, () => runIdempotent(s.deps, request('k-race'), work(201, 30))));
    expect(await effects()).toBe(before + 1);
    expect(outs.filter((o) => !o.replayed)).toHaveLength(1);
    for (const o of outs) expect(o.body).toEqual(outs[0]?.body);
  });

  it('forgets keys after 24 h and purges them', async () => {
    await runIdempotent(s.deps, request('k-old'), work());
    s.clock.advanceMinutes(24 * 60 + 1);
    await runIdempotent(s.deps, request('k-new'), work());
    const purged = await purgeExpiredIdempotencyKeys(s.deps);
    expect(purged).toBeGreaterThanOrEqual(1);
    const keys = (await s.db.kysely.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key);
    expect(keys).toEqual(['k-new']);
  });
});
