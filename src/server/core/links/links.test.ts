import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import { registerLinkHook } from './links.events.js';
import { link, linkEvent, linkHook, linksFrom, linksTo } from './links.service.js';

// Events of made-up kinds, for these tests only (modules declare theirs the same way).
declare module './links.events.js' {
  interface LinkEventCatalogue {
    'test_task.closed': { result: string };
    'test_task.reopened': { reason: string };
  }
}

const AT = '2026-12-07T08:00:00.000Z';
const task = (id: string) => ({ kind: 'test_task', id });
const memo = (id: string) => ({ kind: 'test_memo', id });
const meeting = (id: string) => ({ kind: 'test_meeting', id });

describe.each(testDialects())('object links on %s', (dialect) => {
  let db: TestDb;
  let deps: Deps;
  const undo: (() => void)[] = [];
  beforeAll(async () => {
    db = await createTestDb(dialect);
    deps = testDeps(db, new ManualClock(), db.dataDir);
  });
  afterEach(() => {
    for (const u of undo.splice(0)) u();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  /** A hook that writes a link of its own (a row in the firing transaction) for each call. */
  const noting = (kind: string, seen: string[], fail?: string) =>
    registerLinkHook(
      linkHook({
        on: 'test_task.closed',
        kind,
        async handle(_deps, trx, call) {
          seen.push(`${call.id}:${call.payload.result}`);
          if (call.id === fail) throw new Error(`hook failed for ${call.id}`);
          await link(trx, {
            source: { kind: 'test_note', id: `${call.id}:${call.payload.result}` },
            target: { kind: 'test_task', id: call.link.target.id },
            relation: 'noted',
            at: AT,
            by: 'hook',
          });
        },
      }),
    );

  it('links two objects and reads the link from either end, filtered by kind and relation', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await link(trx, { source: memo('m1'), target: task('t1'), relation: 'supervise', at: AT, by: 'u1' });
      await link(trx, { source: memo('m1'), target: task('t2'), relation: 'supervise', at: '2026-12-07T09:00:00.000Z', by: 'u1' });
      await link(trx, { source: meeting('g1'), target: task('t1'), relation: 'supervise', at: AT, by: 'u2' });
      await link(trx, { source: memo('m1'), target: meeting('g1'), relation: 'cites', at: '2026-12-07T08:30:00.000Z', by: 'u1' });
    });
    const from = await linksFrom(db.kysely, memo('m1'));
    // Oldest first.
    expect(from.map((l) => `${l.target.kind}/${l.target.id}/${l.relation}`)).toEqual([
      'test_task/t1/supervise',
      'test_meeting/g1/cites',
      'test_task/t2/supervise',
    ]);
    expect((await linksFrom(db.kysely, memo('m1'), { targetKind: 'test_task' })).map((l) => l.target.id)).toEqual(['t1', 't2']);
    expect((await linksFrom(db.kysely, memo('m1'), { relation: 'cites' })).map((l) => l.target)).toEqual([meeting('g1')]);
    const to = await linksTo(db.kysely, task('t1'));
    expect(to.map((l) => l.source)).toEqual(expect.arrayContaining([memo('m1'), meeting('g1')]));
    expect(to).toHaveLength(2);
    expect(await linksTo(db.kysely, task('t1'), { sourceKind: 'test_meeting' })).toEqual([
      { id: expect.any(String), source: meeting('g1'), target: task('t1'), relation: 'supervise', createdAt: AT, createdBy: 'u2' },
    ]);
    expect(await linksTo(db.kysely, task('nothing'))).toEqual([]);
  });

  it('refuses the same link twice, and keeps nothing of a rolled-back link', async () => {
    await expect(
      db.kysely.transaction().execute((trx) => link(trx, { source: memo('m1'), target: task('t1'), relation: 'supervise', at: AT, by: 'u9' })),
    ).rejects.toThrow();
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await link(trx, { source: memo('m2'), target: task('t3'), relation: 'supervise', at: AT, by: 'u1' });
        throw new Error('the caller failed after linking');
      }),
    ).rejects.toThrow(/caller failed/);
    expect(await linksFrom(db.kysely, memo('m2'))).toEqual([]);
  });

  it('calls the hooks of the linked kinds, either way of the link, inside the firing transaction', async () => {
    const memos: string[] = [];
    const meetings: string[] = [];
    undo.push(noting('test_memo', memos), noting('test_meeting', meetings));
    // t1 is linked from m1 (memo) and g1 (meeting); g1 is also linked *to* by m1, which t1's event does not reach.
    const ran = await db.kysely.transaction().execute(async (trx) => {
      const n = await linkEvent(deps, trx, 'test_task.closed', 't1', { result: '已办结' });
      // The hooks' writes are visible inside the transaction before it commits.
      expect(await linksTo(trx, task('t1'), { relation: 'noted' })).toHaveLength(2);
      return n;
    });
    expect(ran).toBe(2);
    expect(memos).toEqual(['m1:已办结']);
    expect(meetings).toEqual(['g1:已办结']);
    // The other way: a task linking *to* a memo reaches the memo's hook too.
    await db.kysely.transaction().execute((trx) => link(trx, { source: task('t9'), target: memo('m9'), relation: 'reported_in', at: AT, by: 'u1' }));
    expect(await db.kysely.transaction().execute((trx) => linkEvent(deps, trx, 'test_task.closed', 't9', { result: '见简报' }))).toBe(1);
    expect(memos).toEqual(['m1:已办结', 'm9:见简报']);
    // No hook for that event, or nothing linked: nothing runs.
    expect(await db.kysely.transaction().execute((trx) => linkEvent(deps, trx, 'test_task.reopened', 't1', { reason: 'x' }))).toBe(0);
    expect(await db.kysely.transaction().execute((trx) => linkEvent(deps, trx, 'test_task.closed', 'alone', { result: 'x' }))).toBe(0);
  });

  it('rolls back together: a failing hook fails the firing transaction, and a failing transaction undoes the hooks', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await link(trx, { source: memo('m5'), target: task('t5'), relation: 'supervise', at: AT, by: 'u1' });
      await link(trx, { source: meeting('g5'), target: task('t5'), relation: 'supervise', at: '2026-12-07T09:00:00.000Z', by: 'u1' });
    });
    const seen: string[] = [];
    undo.push(noting('test_memo', seen), noting('test_meeting', seen, 'g5'));
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await link(trx, { source: memo('m6'), target: task('t6'), relation: 'cites', at: AT, by: 'u1' });
        await linkEvent(deps, trx, 'test_task.closed', 't5', { result: '办结' });
      }),
    ).rejects.toThrow(/hook failed for g5/);
    // m5's hook ran first and wrote its note; the failure took that note and the firing write with it.
    expect(seen).toEqual(['m5:办结', 'g5:办结']);
    expect(await linksTo(db.kysely, task('t5'), { relation: 'noted' })).toEqual([]);
    expect(await linksFrom(db.kysely, memo('m6'))).toEqual([]);

    for (const u of undo.splice(0)) u();
    undo.push(noting('test_memo', seen), noting('test_meeting', seen));
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        expect(await linkEvent(deps, trx, 'test_task.closed', 't5', { result: '再办结' })).toBe(2);
        throw new Error('the firing module failed after its event');
      }),
    ).rejects.toThrow(/firing module failed/);
    expect(await linksTo(db.kysely, task('t5'), { relation: 'noted' })).toEqual([]);
  });

  it('one hook per event and kind: registering again replaces it, and the undo puts the earlier one back', async () => {
    await db.kysely.transaction().execute((trx) => link(trx, { source: memo('m7'), target: task('t7'), relation: 'supervise', at: AT, by: 'u1' }));
    const first: string[] = [];
    const second: string[] = [];
    undo.push(noting('test_memo', first));
    const undoSecond = noting('test_memo', second);
    await db.kysely.transaction().execute((trx) => linkEvent(deps, trx, 'test_task.closed', 't7', { result: 'a' }));
    undoSecond();
    await db.kysely.transaction().execute((trx) => linkEvent(deps, trx, 'test_task.closed', 't7', { result: 'b' }));
    expect(second).toEqual(['m7:a']);
    expect(first).toEqual(['m7:b']);
    expect(() => registerLinkHook({ on: 'Closed' as 'test_task.closed', kind: 'test_memo', handle: async () => {} })).toThrow(/invalid link event/);
  });
});
