import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { secondConnection, testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';
import { checkCalendarInput, getCalendar, resetCalendarYear, updateCalendarYear } from './calendar.service.js';

const sysadmin: Actor = {
  id: 'u-sys',
  username: 'sysadmin',
  name: '系统管理员',
  unitId: null,
  roles: ['sysadmin'],
  sessionId: 's1',
  ip: '10.0.0.1',
};

describe.each(testDialects())('calendar service and cache on %s', (dialect) => {
  let db: TestDb;
  let other: Db;
  let a: Deps;
  let b: Deps;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    other = secondConnection(db);
    const clock = new ManualClock();
    a = testDeps(db, clock, db.dataDir);
    // Another server instance (PostgreSQL) or process (SQLite) on the same database: its own cache.
    b = testDeps(other, clock, db.dataDir);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await other.close();
    await db.destroy();
  });

  it('loads cold inside a transaction through that transaction (no self-deadlock on SQLite)', async () => {
    const cal = await a.db.transaction().execute(async (trx) => {
      const c = await getCalendar(a, trx);
      // Warm now: a call that forgets to pass trx does not touch the database.
      const again = await getCalendar(a);
      expect(again).toBe(c);
      return c;
    });
    expect(cal.isWorkday('2024-10-08')).toBe(true);
  });

  it('an edit here is visible here at once, with no reload', async () => {
    const before = await getCalendar(a);
    expect(before.isWorkday('2027-01-01')).toBe(true);
    await updateCalendarYear(a, sysadmin, 2027, { offDays: ['2027-01-01'], makeupWorkdays: [] });
    const after = await getCalendar(a);
    expect(after).not.toBe(before);
    expect(after.isWorkday('2027-01-01')).toBe(false);
    expect(after.isProvisionalYear(2027)).toBe(false);
  });

  it('another instance picks the edit up after the refresh interval (PostgreSQL), answering meanwhile', async () => {
    await getCalendar(b);
    await updateCalendarYear(a, sysadmin, 2028, { offDays: ['2028-01-03'], makeupWorkdays: [], provisional: true });
    expect((await getCalendar(b)).isWorkday('2028-01-03')).toBe(true);
    if (dialect !== 'postgres') return; // one SQLite file, one server process: no other instance edits it
    const now = performance.now();
    vi.spyOn(performance, 'now').mockReturnValue(now + 61_000);
    // The stale table still answers immediately; the refresh runs behind it.
    expect((await getCalendar(b)).isWorkday('2028-01-03')).toBe(true);
    await vi.waitFor(async () => {
      expect((await getCalendar(b)).isWorkday('2028-01-03')).toBe(false);
    });
    expect((await getCalendar(b)).isProvisionalYear(2028)).toBe(true);
  });

  it('a reset puts the shipped year back in the cached table', async () => {
    await updateCalendarYear(a, sysadmin, 2024, { offDays: [], makeupWorkdays: [] });
    expect((await getCalendar(a)).isWorkday('2024-10-01')).toBe(true);
    await resetCalendarYear(a, sysadmin, 2024);
    expect((await getCalendar(a)).isWorkday('2024-10-01')).toBe(false);
  });
});

describe('checkCalendarInput', () => {
  it('accepts a well-formed year', () => {
    expect(checkCalendarInput(2026, { offDays: ['2026-01-01', '2026-01-02'], makeupWorkdays: ['2026-01-04'] })).toEqual([]);
  });
});
