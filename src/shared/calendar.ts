import { z } from 'zod';

/*
 * Working-day calendar: date arithmetic and the pure engine, shared by the
 * server (deadlines) and the web client (date pickers, deadline previews).
 *
 * Dates are 'YYYY-MM-DD' strings. Internally every date becomes a day number
 * (days since 1970-01-01, UTC), so arithmetic is integer arithmetic: no Date
 * object in local time is ever involved, and neither the server's TZ nor a
 * daylight-saving change can shift a day.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years the engine accepts; outside it a date is almost surely a typo. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day number of a valid date string, or null when it is not a real date. */
export function dayNumberOf(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Date.UTC(y, mo - 1, d) / DAY_MS;
}

export function isValidDate(date: string): boolean {
  return dayNumberOf(date) !== null;
}

/** Like dayNumberOf, for callers that already validated: a bad date here is a programming error. */
export function toDayNumber(date: string): number {
  const n = dayNumberOf(date);
  if (n === null) throw new RangeError(`not a valid date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return n;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function weekdayOf(date: string): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

export function yearOf(date: string): number {
  toDayNumber(date);
  return Number(date.slice(0, 4));
}

function yearOfDayNumber(n: number): number {
  return new Date(n * DAY_MS).getUTCFullYear();
}

/** Every date of a year, in order. */
export function datesOfYear(year: number): string[] {
  const first = Date.UTC(year, 0, 1) / DAY_MS;
  const last = Date.UTC(year, 11, 31) / DAY_MS;
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(fromDayNumber(n));
  return out;
}

// ---------------------------------------------------------------------------
// API shapes (GET/PUT /api/calendar/:year)

export const dateSchema = z
  .string({ error: '日期须为字符串' })
  .trim()
  .max(10, { error: '日期格式应为 YYYY-MM-DD' })
  .regex(DATE_RE, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(isValidDate, { error: '日期不存在' });

export const calendarYearParamsSchema = z.strictObject({
  year: z.coerce
    .number({ error: '年份须为数字' })
    .int({ error: '年份须为整数' })
    .min(2000, { error: '年份须在 2000 至 2099 之间' })
    .max(2099, { error: '年份须在 2000 至 2099 之间' }),
});

/** Where a year's data comes from: the table shipped with the program, a sysadmin's entry, or nothing (weekends only). */
export const calendarSourceSchema = z.enum(['shipped', 'override', 'none']);
export type CalendarSource = z.infer<typeof calendarSourceSchema>;

export const calendarYearSchema = z.object({
  year: z.number(),
  /** True when no official schedule is loaded for the year (or the entry is marked provisional). */
  provisional: z.boolean(),
  /** Off days that fall on Monday–Friday; ordinary weekends are implied. */
  offDays: z.array(z.string()),
  /** Saturdays and Sundays worked in lieu (调休上班). */
  makeupWorkdays: z.array(z.string()),
  source: calendarSourceSchema,
  /** Version of the override row, 0 when there is none: send it back with PUT. */
  version: z.number(),
  note: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type CalendarYearView = z.infer<typeof calendarYearSchema>;

export const calendarUpdateSchema = z.strictObject({
  offDays: z.array(dateSchema, { error: 'offDays 须为日期数组' }).max(120, { error: '放假日期过多（至多 120 个）' }),
  makeupWorkdays: z.array(dateSchema, { error: 'makeupWorkdays 须为日期数组' }).max(60, { error: '调休上班日期过多（至多 60 个）' }),
  /** Mark an entry made before the notice is out (e.g. a draft) so deadlines keep saying so. */
  provisional: z.boolean({ error: 'provisional 须为布尔值' }).optional(),
  note: z.string({ error: '说明须为字符串' }).trim().max(200, { error: '说明不超过 200 字' }).optional(),
  version: z.number({ error: '版本号须为数字' }).int({ error: '版本号须为整数' }).min(0, { error: '版本号不能为负' }).optional(),
});
export type CalendarUpdate = z.infer<typeof calendarUpdateSchema>;

export const calendarResetQuerySchema = z.strictObject({
  version: z.coerce.number({ error: '版本号须为数字' }).int({ error: '版本号须为整数' }).min(1, { error: '版本号须为正整数' }).optional(),
});

export const calendarCheckQuerySchema = z.strictObject({ date: dateSchema });

const periodLength = (max: number) =>
  z.coerce
    .number({ error: '期限长度须为数字' })
    .int({ error: '期限长度须为整数' })
    .min(0, { error: '期限长度不能为负' })
    .max(max, { error: `期限长度不能超过 ${max}` });

export const calendarDeadlineQuerySchema = z
  .strictObject({
    /** The trigger day (收文日、交办日…): the period starts the day after it. */
    from: dateSchema,
    workdays: periodLength(3_660).optional(),
    days: periodLength(36_500).optional(),
    months: periodLength(1_200).optional(),
  })
  .refine((q) => [q.workdays, q.days, q.months].filter((v) => v !== undefined).length === 1, {
    error: '请指定 workdays、days 或 months 之一（只能一个）',
  });

export type CalendarDeadlineQuery = z.infer<typeof calendarDeadlineQuerySchema>;

export const calendarDeadlineSchema = z.object({
  date: z.string(),
  nominal: z.string(),
  moved: z.boolean(),
  provisional: z.boolean(),
  provisionalYears: z.array(z.number()),
});

export const dayKindSchema = z.enum(['workday', 'weekend', 'off_day', 'makeup_workday']);
export type DayKind = z.infer<typeof dayKindSchema>;

export const dayInfoSchema = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: dayKindSchema,
  provisional: z.boolean(),
});
export type DayInfo = z.infer<typeof dayInfoSchema>;

// ---------------------------------------------------------------------------
// The engine

/** One calendar year of data: the exceptions to "Monday–Friday work, weekends off". */
export interface CalendarYearData {
  year: number;
  provisional: boolean;
  /** Monday–Friday dates that are off (法定节假日 and 调休 rest days). */
  offDays: readonly string[];
  /** Saturday/Sunday dates that are worked (调休上班). */
  makeupWorkdays: readonly string[];
}

/**
 * Every answer that depends on the calendar says whether it rests on a year
 * with no official schedule: such a deadline may move when the notice appears,
 * and the user must be told.
 */
export interface CalendarVerdict {
  provisional: boolean;
  /** The provisional years the computation looked at, ascending; empty when none. */
  provisionalYears: number[];
}

export interface DateResult extends CalendarVerdict {
  date: string;
}

export interface CountResult extends CalendarVerdict {
  count: number;
}

export interface DeadlineResult extends DateResult {
  /** The last day before the off-day rule; differs from `date` when that day was off. */
  nominal: string;
  moved: boolean;
}

/** Upper bound on n: a deadline a century away is a bug, and the loops must end. */
const MAX_STEPS = 36_600;

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_STEPS) throw new RangeError(`${what} must be an integer in 0..${MAX_STEPS}, got ${n}`);
}

/**
 * A loaded calendar: built once from all years' data (shipped table plus
 * overrides) and then answered from memory, so deadline code in hot paths
 * never touches the database.
 *
 * Workday = (Monday–Friday and not an off day) or a make-up workday.
 * A year without data counts weekends only and is provisional.
 */
export class WorkCalendar {
  private readonly special = new Map<number, 'off' | 'makeup'>();
  private readonly years = new Map<number, CalendarYearData>();

  constructor(years: Iterable<CalendarYearData>) {
    for (const y of years) {
      if (this.years.has(y.year)) throw new Error(`calendar year ${y.year} given twice`);
      this.years.set(y.year, y);
      for (const d of y.offDays) this.special.set(toDayNumber(d), 'off');
      for (const d of y.makeupWorkdays) this.special.set(toDayNumber(d), 'makeup');
    }
  }

  /** True when the year has no data, or its data is marked provisional. */
  isProvisionalYear(year: number): boolean {
    const y = this.years.get(year);
    return !y || y.provisional;
  }

  /** The year as the API shows it: weekday off days and weekend make-up days, sorted. */
  yearData(year: number): CalendarYearData {
    const y = this.years.get(year);
    if (!y) return { year, provisional: true, offDays: [], makeupWorkdays: [] };
    return { year, provisional: y.provisional, offDays: [...y.offDays].sort(), makeupWorkdays: [...y.makeupWorkdays].sort() };
  }

  private isWorkdayN(n: number): boolean {
    const s = this.special.get(n);
    if (s === 'off') return false;
    if (s === 'makeup') return true;
    const w = weekdayOfDayNumber(n);
    return w !== 0 && w !== 6;
  }

  /** Provisional years among the days lo..hi (inclusive); none when lo > hi (nothing was looked at). */
  private verdict(lo: number, hi: number): CalendarVerdict {
    const provisionalYears: number[] = [];
    if (lo <= hi) {
      for (let y = yearOfDayNumber(lo); y <= yearOfDayNumber(hi); y++) if (this.isProvisionalYear(y)) provisionalYears.push(y);
    }
    return { provisional: provisionalYears.length > 0, provisionalYears };
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayN(toDayNumber(date));
  }

  /** An off day in the sense of 民法典 第二百零三条: a weekend or holiday that is not worked. */
  isOffDay(date: string): boolean {
    return !this.isWorkday(date);
  }

  dayInfo(date: string): DayInfo {
    const n = toDayNumber(date);
    const s = this.special.get(n);
    const w = weekdayOfDayNumber(n);
    const kind: DayKind = s === 'off' ? 'off_day' : s === 'makeup' ? 'makeup_workday' : w === 0 || w === 6 ? 'weekend' : 'workday';
    return { date, workday: kind === 'workday' || kind === 'makeup_workday', kind, provisional: this.isProvisionalYear(yearOfDayNumber(n)) };
  }

  /** The first workday strictly after `date`. */
  nextWorkday(date: string): DateResult {
    const start = toDayNumber(date) + 1;
    let n = start;
    while (!this.isWorkdayN(n)) n++;
    return { date: fromDayNumber(n), ...this.verdict(start, n) };
  }

  /** `date` itself when it is a workday, otherwise the next one. */
  workdayOnOrAfter(date: string): DateResult {
    const start = toDayNumber(date);
    let n = start;
    while (!this.isWorkdayN(n)) n++;
    return { date: fromDayNumber(n), ...this.verdict(start, n) };
  }

  /**
   * The n-th workday after `trigger` ("N 个工作日内"): the period starts the day
   * after the trigger, so the trigger day never counts, whatever it is.
   * n = 0 gives the trigger day itself, unchanged.
   * Invariant: workdaysBetween(t, addWorkdays(t, n).date).count === n.
   */
  addWorkdays(trigger: string, n: number): DateResult {
    checkCount(n, 'workdays');
    const start = toDayNumber(trigger);
    let d = start;
    for (let left = n; left > 0;) {
      d++;
      if (this.isWorkdayN(d)) left--;
    }
    return { date: fromDayNumber(d), ...this.verdict(start + 1, d) };
  }

  /**
   * Workdays in the half-open interval (a, b]: a excluded, b included — the
   * same counting as addWorkdays, so "how many workdays have passed since the
   * trigger a, as of the end of b". a === b gives 0; b before a gives the
   * negative of workdaysBetween(b, a) (e.g. "overdue by" arithmetic).
   */
  workdaysBetween(a: string, b: string): CountResult {
    const na = toDayNumber(a);
    const nb = toDayNumber(b);
    const lo = Math.min(na, nb);
    const hi = Math.max(na, nb);
    if (hi - lo > MAX_STEPS) throw new RangeError(`workdaysBetween spans more than ${MAX_STEPS} days`);
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.isWorkdayN(d)) count++;
    return { count: na <= nb ? count : -count, ...this.verdict(lo + 1, hi) };
  }

  /**
   * A period of n calendar days (民法典 第二百零一条至第二百零三条): it starts
   * the day after the trigger, so its last day is trigger + n; when that day is
   * an off day (法定休假日, weekends included) the period ends on the next
   * workday. n = 0 applies the same rule to the trigger day itself.
   */
  addCalendarDays(trigger: string, n: number): DeadlineResult {
    checkCount(n, 'days');
    return this.rollForward(toDayNumber(trigger) + n);
  }

  /**
   * A period of n months: it ends on the same day-of-month n months later, or
   * on that month's last day when it has no such day (1-31 + 1 month = 2-28/29),
   * then moves past off days as addCalendarDays does.
   */
  addMonths(trigger: string, n: number): DeadlineResult {
    checkCount(n, 'months');
    toDayNumber(trigger);
    const y = Number(trigger.slice(0, 4));
    const m = Number(trigger.slice(5, 7)) - 1 + n;
    const ty = y + Math.floor(m / 12);
    const tm = (m % 12) + 1;
    const d = Math.min(Number(trigger.slice(8, 10)), daysInMonth(ty, tm));
    return this.rollForward(Date.UTC(ty, tm - 1, d) / DAY_MS);
  }

  private rollForward(nominal: number): DeadlineResult {
    let d = nominal;
    while (!this.isWorkdayN(d)) d++;
    return { date: fromDayNumber(d), nominal: fromDayNumber(nominal), moved: d !== nominal, ...this.verdict(nominal, d) };
  }
}
