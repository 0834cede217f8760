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
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  type CalendarDeadlineQuery,
  type CalendarUpdate,
  type DayInfo,
  type DeadlineResult,
  type CalendarYearData,
  type CalendarYearView,
  WorkCalendar,
  dayNumberOf,
  weekdayOf,
} from '../../../shared/calendar.js';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import type { Deps } from '../deps.js';
import { notFound, validation, versionConflict } from '../errors.js';
import { ensureAdmin } from '../auth/guards.js';
import { type Actor, auditActor } from '../http/actor.js';
import { shippedCalendarYears, shippedNotice } from './calendar.data.js';
import { deleteCalendarOverride, findCalendarOverride, insertCalendarOverride, listCalendarOverrides, updateCalendarOverride } from './calendar.repo.js';
import type { CalendarYearTable } from './calendar.tables.js';

// ---------------------------------------------------------------------------
// The loaded calendar, cached

/**
 * Built once per database and shared by every request: deadline code calls
 * getCalendar() freely and, once warm, it never waits on the database.
 *
 * Why never wait: on SQLite there is one connection, and a module that asks
 * for the calendar inside its transaction without passing `trx` would wait for
 * the very transaction that waits for it. So an edit made here updates the
 * cached table in memory (no reload), the module warms the cache at start-up,
 * and on PostgreSQL, where several instances may share the database, a table
 * older than the TTL is refreshed in the background while the old one keeps
 * answering: another instance's edit shows here within about a minute.
 */
const REFRESH_AFTER_MS = 60_000;

interface CacheEntry {
  overrides: Map<number, CalendarYearTable>;
  calendar: WorkCalendar;
  /** performance.now() at load: freshness is elapsed time, not business time (deps.clock). */
  loadedAt: number;
}

interface CacheSlot {
  entry: CacheEntry | null;
  /** The first load, shared by everyone who asks before it finishes. */
  loading: Promise<WorkCalendar> | null;
  /** Bumped by every edit: a load that started before the edit must not overwrite it. */
  generation: number;
  refreshing: boolean;
}

const cache = new WeakMap<Kysely<Database>, CacheSlot>();

function slotOf(db: Kysely<Database>): CacheSlot {
  let slot = cache.get(db);
  if (!slot) {
    slot = { entry: null, loading: null, generation: 0, refreshing: false };
    cache.set(db, slot);
  }
  return slot;
}

async function load(slot: CacheSlot, executor: Executor): Promise<CacheEntry> {
  for (let attempt = 1; ; attempt++) {
    const generation = slot.generation;
    const rows = await listCalendarOverrides(executor);
    if (slot.generation !== generation) {
      // An edit committed while we read, and what we read may predate it:
      // read again; if edits keep coming, the table they updated in memory wins.
      if (attempt < 3) continue;
      if (slot.entry) return slot.entry;
    }
    const entry: CacheEntry = { overrides: new Map(rows.map((r) => [r.year, r])), calendar: buildCalendar(rows), loadedAt: performance.now() };
    slot.entry = entry;
    return entry;
  }
}

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
 * The calendar every module uses for deadlines. Pass `executor` (your `trx`)
 * when calling inside a transaction: only the very first load reads the
 * database, and on SQLite it must read through the transaction's connection.
 */
export async function getCalendar(deps: Pick<Deps, 'db' | 'dialect'>, executor: Executor = deps.db): Promise<WorkCalendar> {
  const slot = slotOf(deps.db);
  const entry = slot.entry;
  if (entry) {
    if (deps.dialect === 'postgres' && !slot.refreshing && performance.now() - entry.loadedAt > REFRESH_AFTER_MS) {
      slot.refreshing = true;
      // In the background, through the pool (never the caller's transaction);
      // on failure the current table stays and a later call tries again.
      load(slot, deps.db)
        .catch(() => undefined)
        .finally(() => {
          slot.refreshing = false;
        });
    }
    return entry.calendar;
  }
  if (!slot.loading) {
    slot.loading = load(slot, executor)
      .then((e) => e.calendar)
      .finally(() => {
        slot.loading = null;
      });
  }
  return slot.loading;
}

/** Loads the calendar ahead of the first request; a failure (e.g. not yet migrated) only leaves it cold. */
export async function warmCalendar(deps: Pick<Deps, 'db' | 'dialect'>): Promise<boolean> {
  try {
    await getCalendar(deps);
    return true;
  } catch {
    return false;
  }
}

/** After a committed edit: the year's new row (or its removal) goes into the cached table at once. */
function applyEdit(deps: Pick<Deps, 'db'>, year: number, row: CalendarYearTable | null): void {
  const slot = slotOf(deps.db);
  slot.generation++;
  const entry = slot.entry;
  if (!entry) return;
  const overrides = new Map(entry.overrides);
  if (row) overrides.set(year, row);
  else overrides.delete(year);
  slot.entry = { overrides, calendar: buildCalendar([...overrides.values()]), loadedAt: entry.loadedAt };
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

/** For the client's forms: what a deadline would be, with the same rules the modules apply. */
export async function previewDeadline(deps: Pick<Deps, 'db' | 'dialect'>, q: CalendarDeadlineQuery): Promise<DeadlineResult> {
  const cal = await getCalendar(deps);
  if (q.workdays !== undefined) {
    const r = cal.addWorkdays(q.from, q.workdays);
    // Counting workdays always lands on one: nothing to move.
    return { ...r, nominal: r.date, moved: false };
  }
  if (q.days !== undefined) return cal.addCalendarDays(q.from, q.days);
  if (q.months !== undefined) return cal.addMonths(q.from, q.months);
  throw validation('请指定 workdays、days 或 months 之一');
}

export async function checkDay(deps: Pick<Deps, 'db' | 'dialect'>, year: number, date: string): Promise<DayInfo> {
  if (Number(date.slice(0, 4)) !== year) throw validation(`日期 ${date} 不在 ${year} 年内`);
  return (await getCalendar(deps)).dayInfo(date);
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
  applyEdit(deps, year, row);
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
      details: {
        year,
        removedVersion: current.version,
        removed: { offDays: removed.offDays, makeupWorkdays: removed.makeupWorkdays, provisional: removed.provisional },
      },
    });
  });
  applyEdit(deps, year, null);
  return viewOf(year, undefined);
}
