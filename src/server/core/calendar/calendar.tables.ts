/**
 * A sysadmin's entry for one calendar year: it replaces the shipped schedule
 * for that year entirely (so a correction is a whole year, never a patch that
 * could leave half of an old 调休 behind).
 */
export interface CalendarYearTable {
  year: number;
  /** JSON array of Monday–Friday off days, sorted. */
  off_days: string;
  /** JSON array of Saturday/Sunday make-up workdays, sorted. */
  makeup_workdays: string;
  /** 0/1: entered before the official notice, so deadlines in the year stay flagged. */
  provisional: number;
  source_note: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface CalendarTables {
  calendar_years: CalendarYearTable;
}
