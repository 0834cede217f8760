/**
 * Period keys: what "the same period" means for a job. Two scheduled instants
 * that map to one key run once between them (a daily schedule keyed by ISO
 * week runs on the first due day of each week). Computed in the job's time
 * zone, because the bureau's Monday begins at 00:00 Beijing time, not UTC.
 */
export type PeriodKeyFn = (scheduledAt: Date, timezone: string) => string;

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar date of an instant in a time zone. */
export function localDate(at: Date, timezone: string): { year: number; month: number; day: number } {
  let f = partsFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric' });
    partsFormatters.set(timezone, f);
  }
  const get = (type: string) => Number(f.formatToParts(at).find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO-8601 week-numbering year and week of a calendar date. */
export function isoWeekOf(year: number, month: number, day: number): { year: number; week: number } {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  // The Thursday of the same week decides the year (ISO rule).
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const weekYear = d.getUTCFullYear();
  const jan1 = Date.UTC(weekYear, 0, 1);
  const week = Math.floor((d.getTime() - jan1) / 86_400_000 / 7) + 1;
  return { year: weekYear, week };
}

export const periodKeys = {
  /** The scheduled instant itself (the default): every cron firing is its own period. */
  instant: ((at: Date) => at.toISOString()) satisfies PeriodKeyFn,
  /** `2026-11-26` */
  day: ((at: Date, tz: string) => {
    const d = localDate(at, tz);
    return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
  }) satisfies PeriodKeyFn,
  /** `2026-W48` */
  isoWeek: ((at: Date, tz: string) => {
    const d = localDate(at, tz);
    const w = isoWeekOf(d.year, d.month, d.day);
    return `${w.year}-W${pad(w.week)}`;
  }) satisfies PeriodKeyFn,
  /** `2026-11` */
  month: ((at: Date, tz: string) => {
    const d = localDate(at, tz);
    return `${d.year}-${pad(d.month)}`;
  }) satisfies PeriodKeyFn,
};
