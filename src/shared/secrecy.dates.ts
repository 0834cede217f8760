/*
 * Date arithmetic of 保密 (REFERENCE §6.1): 保密期限 and 脱密期 run in years or
 * months from a date and end on the same day of the month, or on the month's
 * last day when that day does not exist (2024-02-29 + 1 年 = 2025-02-28).
 * Shared so the 登记 form previews the same 届满日 the server stores.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `date` plus `months` calendar months, same day or the month's end. */
export function addMonthsClamped(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const d = Number(date.slice(8, 10));
  const total = y * 12 + m + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${pad(ny, 4)}-${pad(nm + 1)}-${pad(Math.min(d, last))}`;
}

export const addYearsClamped = (date: string, years: number): string => addMonthsClamped(date, years * 12);

/** `date` plus `days` days. */
export function addDaysTo(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The office's date (Beijing, UTC+8 without daylight saving) of an instant. */
export function beijingDay(instant: Date | string): string {
  const t = (typeof instant === 'string' ? new Date(instant) : instant).getTime() + 8 * 3_600_000;
  return new Date(t).toISOString().slice(0, 10);
}
