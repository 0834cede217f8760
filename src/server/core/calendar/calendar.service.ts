/*
 * The working-day calendar as every module uses it:
 *
 *   const cal = await getCalendar(deps, trx);          // cached; trx only matters on a cold cache
 *   cal.isWorkday('2026-10-08')                         // boolean
 *   cal.addWorkdays(receivedDate, 15)                   // {date, provisional, provisionalYears}
 *   cal.addCalendarDays(receivedDate, 60)               // {date, nominal, moved, provisional, provisionalYears}
 *   cal.workdaysBetween(assignedDate, today)            // {count, …}: (a, b], a excluded
 *
 * Store `provisional` with a computed deadline (or show it): it says the
 * deadline lies in a year without an official schedule and may move.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  type CalendarUpdate,
  type CalendarYearData,
  type CalendarYearView,
  WorkCalendar,
  dayNumberOf,
  weekdayOf,
} from '../../../shared/calendar.js';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { notFound, validation, versionConflict } from '../errors.js';
import { ensureAdmin } from '../auth/guards.js';
import { type Actor, auditActor } from '../http/actor.js';
import { shippedCalendarYears, shippedNotice } from './calendar.data.js';
import {
  deleteCalendarOverride,
  findCalendarOverride,
  insertCalendarOverride,
  listCalendarOverrides,
  updateCalendarOverride,
} from './calendar.repo.js';
import type { CalendarYearTable } from './calendar.tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------------------
// The loaded calendar, cached

/**
 * Built once per database and shared by every request: deadline code calls
 * getCalendar() freely and, after the first load, never touches the database.
 * An edit through this process drops the cache at once; the TTL bounds how
 * long another server instance (several behind one PostgreSQL) can keep
 * answering from the old table after a sysadmin's edit.
 */
const CACHE_TTL_MS = 60_000;

interface CacheEntry {
  /** performance.now() at load: cache freshness is about elapsed time, not business time (deps.clock). */
  loadedAt: number;
  calendar: Promise<WorkCalendar>;
}

const cache = new WeakMap<Kysely<Database>, CacheEntry>();

const storedDates = z.array(z.string().refine((d) => dayNumberOf(d) !== null));

function parseDates(text: string, what: string, year: number): string[] {
  const parsed = storedDates.safeParse(JSON.parse(text));
  // Not user input: a row that does not parse was written around this service.
  if (!parsed.success) throw new Error(`calendar_years ${year}: ${what} is not a JSON array of dates`);
  return parsed.data;
}

function rowToYearData(row: CalendarYearTable): CalendarYearData {
  return {
    year: row.year,
    provisional: row.provisional === 1,
    offDays: parseDates(row.off_days, 'off_days', row.year),
    makeupWorkdays: parseDates(row.makeup_workdays, 'makeup_workdays', row.year),
  };
}

/** The shipped table with the sysadmin's years laid over it (an override replaces its whole year). */
export function buildCalendar(overrides: readonly CalendarYearTable[]): WorkCalendar {
  const years = new Map<number, CalendarYearData>();
  for (const y of shippedCalendarYears()) years.set(y.year, y);
  for (const row of overrides) years.set(row.year, rowToYearData(row));
  return new WorkCalendar(years.values());
}

let shippedOnly: WorkCalendar | null = null;

/** The shipped schedules alone, without the database: for pure code and tests. */
export function shippedCalendar(): WorkCalendar {
  shippedOnly ??= new WorkCalendar(shippedCalendarYears());
  return shippedOnly;
}

/**
 * The calendar every module uses for deadlines. Pass `executor` when calling
 * inside a transaction: on SQLite the connection is single, and a cold-cache
 * load through `deps.db` would wait for the very transaction that is waiting
 * for it.
 */
export function getCalendar(deps: Pick<Deps, 'db'>, executor: Executor = deps.db): Promise<WorkCalendar> {
  const hit = cache.get(deps.db);
  if (hit && performance.now() - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  const calendar = listCalendarOverrides(executor).then(buildCalendar);
  const entry: CacheEntry = { loadedAt: performance.now(), calendar };
  cache.set(deps.db, entry);
  // A failed load must not stick: the next caller tries again.
  calendar.catch(() => {
    if (cache.get(deps.db) === entry) cache.delete(deps.db);
  });
  return calendar;
}

/** Drops the cached calendar; the next getCalendar() reloads. Called after every committed edit. */
export function invalidateCalendar(deps: Pick<Deps, 'db'>): void {
  cache.delete(deps.db);
}

// ---------------------------------------------------------------------------
// Reading and editing a year

function viewOf(year: number, row: CalendarYearTable | undefined): CalendarYearView {
  if (row) {
    const data = rowToYearData(row);
    return {
      year,
      provisional: data.provisional,
      offDays: [...data.offDays].sort(),
      makeupWorkdays: [...data.makeupWorkdays].sort(),
      source: 'override',
      version: row.version,
      note: row.source_note,
      updatedAt: row.updated_at,
    };
  }
  const data = shippedCalendar().yearData(year);
  const notice = shippedNotice(year);
  return {
    year,
    provisional: data.provisional,
    offDays: [...data.offDays],
    makeupWorkdays: [...data.makeupWorkdays],
    source: notice ? 'shipped' : 'none',
    version: 0,
    note: notice ? notice.source : null,
    updatedAt: null,
  };
}

export async function getCalendarYear(deps: Pick<Deps, 'db'>, year: number): Promise<CalendarYearView> {
  return viewOf(year, await findCalendarOverride(deps.db, year));
}

interface FieldIssue {
  field: string;
  message: string;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * What the API contract promises about a year: off days are Monday–Friday
 * (weekends are implied), make-up days are Saturday/Sunday, every date is in
 * the year, no date twice and none in both lists. Reports every problem at
 * once, so the sysadmin fixes the table in one pass.
 */
export function checkCalendarInput(year: number, input: Pick<CalendarUpdate, 'offDays' | 'makeupWorkdays'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seenOff = new Set<string>();
  input.offDays.forEach((d, i) => {
    const field = `offDays.${i}`;
    const w = weekdayOf(d);
    if (Number(d.slice(0, 4)) !== year) issues.push({ field, message: `${d} 不在 ${year} 年内` });
    else if (w === 0 || w === 6) issues.push({ field, message: `${d} 是${WEEKDAY_NAMES[w]}，周末本就休息，放假日期只列星期一至星期五` });
    if (seenOff.has(d)) issues.push({ field, message: `${d} 重复` });
    seenOff.add(d);
  });
  const seenMakeup = new Set<string>();
  input.makeupWorkdays.forEach((d, i) => {
    const field = `makeupWorkdays.${i}`;
    const w = weekdayOf(d);
    if (Number(d.slice(0, 4)) !== year) issues.push({ field, message: `${d} 不在 ${year} 年内` });
    else if (w !== 0 && w !== 6) issues.push({ field, message: `${d} 是${WEEKDAY_NAMES[w]}，调休上班日只能是星期六或星期日` });
    if (seenMakeup.has(d)) issues.push({ field, message: `${d} 重复` });
    if (seenOff.has(d)) issues.push({ field, message: `${d} 同时列为放假日和调休上班日` });
    seenMakeup.add(d);
  });
  return issues;
}

/**
 * Enters or corrects a year (sysadmin: 系统配置). The first entry for a year
 * needs no version (or 0); changing an existing entry needs its current
 * version, so two administrators never overwrite each other unknowingly.
 */
export async function updateCalendarYear(deps: Deps, actor: Actor, year: number, input: CalendarUpdate): Promise<CalendarYearView> {
  // 系统配置 belongs to the sysadmin (三员分立); a refused attempt is itself audited.
  await ensureAdmin(deps, actor, 'sysadmin', 'calendar.update', { type: 'calendar_year', id: String(year) });
  const issues = checkCalendarInput(year, input);
  const first = issues[0];
  if (first) throw validation(`日历数据有误：${first.message}`, { fields: issues });

  const offDays = [...input.offDays].sort();
  const makeupWorkdays = [...input.makeupWorkdays].sort();
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await findCalendarOverride(trx, year);
    const currentVersion = current?.version ?? 0;
    if (input.version !== undefined && input.version !== currentVersion) {
      throw versionConflict({ currentVersion });
    }
    if (current && input.version === undefined) {
      throw versionConflict({ currentVersion, reason: '该年度已有手工维护的日历，修改时须提供当前版本号' });
    }
    const next: CalendarYearTable = {
      year,
      off_days: JSON.stringify(offDays),
      makeup_workdays: JSON.stringify(makeupWorkdays),
      provisional: input.provisional ? 1 : 0,
      source_note: input.note ? input.note : null,
      version: currentVersion + 1,
      updated_at: deps.clock.now().toISOString(),
      updated_by: actor.id,
    };
    const ok = current ? await updateCalendarOverride(trx, currentVersion, next) : await insertCalendarOverride(trx, next);
    if (!ok) throw versionConflict({ currentVersion });
    const before = viewOf(year, current);
    await appendAudit(trx, deps.clock, {
      action: 'calendar.update',
      actor: auditActor(actor),
      targetType: 'calendar_year',
      targetId: String(year),
      details: {
        year,
        version: next.version,
        provisional: input.provisional === true,
        note: next.source_note,
        offDays,
        makeupWorkdays,
        previous: { source: before.source, version: before.version, offDays: before.offDays, makeupWorkdays: before.makeupWorkdays },
      },
    });
    return next;
  });
  invalidateCalendar(deps);
  return viewOf(year, row);
}

/** Removes the sysadmin's entry: the year falls back to the shipped schedule, or to weekends only. */
export async function resetCalendarYear(deps: Deps, actor: Actor, year: number, version?: number): Promise<CalendarYearView> {
  await ensureAdmin(deps, actor, 'sysadmin', 'calendar.reset', { type: 'calendar_year', id: String(year) });
  await deps.db.transaction().execute(async (trx) => {
    const current = await findCalendarOverride(trx, year);
    if (!current) throw notFound(`${year} 年没有手工维护的日历，无需恢复`);
    if (version !== undefined && version !== current.version) throw versionConflict({ currentVersion: current.version });
    if (!(await deleteCalendarOverride(trx, year, current.version))) throw versionConflict({ currentVersion: current.version });
    const removed = viewOf(year, current);
    await appendAudit(trx, deps.clock, {
      action: 'calendar.reset',
      actor: auditActor(actor),
      targetType: 'calendar_year',
      targetId: String(year),
      details: { year, removedVersion: current.version, removed: { offDays: removed.offDays, makeupWorkdays: removed.makeupWorkdays, provisional: removed.provisional } },
    });
  });
  invalidateCalendar(deps);
  return viewOf(year, undefined);
}
