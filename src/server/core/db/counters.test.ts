import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { allocateNumber, currentNumber } from './counters.js';

describe.each(testDialects())('gapless counters on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('starts at 1 and counts each key on its own', async () => {
    const take = (key: string) => db.kysely.transaction().execute((trx) => allocateNumber(trx, key));
    expect(await take('incoming:2026')).toBe(1);
    expect(await take('incoming:2026')).toBe(2);
    expect(await take('outgoing:财监办:2026')).toBe(1);
    expect(await take('incoming:2026')).toBe(3);
    expect(await currentNumber(db.kysely, 'incoming:2026')).toBe(3);
    expect(await currentNumber(db.kysely, 'nothing-yet')).toBe(0);
  });

  it('takes the number back when the transaction rolls back', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        expect(await allocateNumber(trx, 'rollback:2026')).toBe(1);
        throw new Error('the caller failed after allocating');
      }),
    ).rejects.toThrow(/caller failed/);
    expect(await db.kysely.transaction().execute((trx) => allocateNumber(trx, 'rollback:2026'))).toBe(1);
  });

  it('hands out 1..50 exactly to 50 concurrent transactions', async () => {
    const got = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.kysely.transaction().execute(async (trx) => {
          const n = await allocateNumber(trx, 'race:2026');
          // Do some work inside the transaction after allocating, as a real caller would.
          await trx.selectFrom('counters').select('value').where('key', '=', `other-${i}`).execute();
          return n;
        }),
      ),
    );
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('keeps numbers gapless when some concurrent callers roll back', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        db.kysely.transaction().execute(async (trx) => {
          const n = await allocateNumber(trx, 'mixed:2026');
          if (i % 3 === 0) throw new Error('rolled back');
          return n;
        }),
      ),
    );
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(committed).toHaveLength(20);
    expect([...committed].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses an empty key', async () => {
    await expect(db.kysely.transaction().execute((trx) => allocateNumber(trx, ''))).rejects.toThrow();
  });
});
