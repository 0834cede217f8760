import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkCalendar, datesOfYear, dayNumberOf, isValidDate } from '../../../shared/calendar.js';
import { OFFICIAL_NOTICES, runDates, shippedCalendarYears } from './calendar.data.js';
import { shippedCalendar } from './calendar.service.js';

/*
 * The expected values here are derived independently of calendar.data.ts:
 * the rows below are the REFERENCE.md §10 table (NateScarlet/holiday-cn,
 * i.e. the 国务院办公厅 notices) copied as text, and parsed with a plain
 * JavaScript Date, so a typo in our table and a bug in our date arithmetic
 * cannot cancel out.
 */
const REFERENCE_TABLE = `
|2024|01-01; 02-10~17; 04-04~06; 05-01~05; 06-10; 09-15~17; 10-01~07|02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29, 10-12|
|2025|01-01; 01-28~02-04; 04-04~06; 05-01~05; 05-31~06-02; 10-01~08|01-26, 02-08, 04-27, 09-28, 10-11|
|2026|01-01~03; 02-15~23; 04-04~06; 05-01~05; 06-19~21; 09-25~27; 10-01~07|01-04, 02-14, 02-28, 05-09, 09-20, 10-10|
`;

/*
 * 2020–2023 are not in REFERENCE.md; these rows were transcribed separately
 * from the notices (国务院办公厅, 2019-11 with the 2020-01 春节 extension,
 * 2020-11, 2021-10, 2022-12) and checked against holiday-cn's 2020/2021 files.
 * 2023's 元旦 run begins on Saturday 2022-12-31, an ordinary weekend.
 */
const EARLIER_TABLE = `
|2020|01-01; 01-24~02-02; 04-04~06; 05-01~05; 06-25~27; 10-01~08|01-19, 04-26, 05-09, 06-28, 09-27, 10-10|
|2021|01-01~03; 02-11~17; 04-03~05; 05-01~05; 06-12~14; 09-19~21; 10-01~07|02-07, 02-20, 04-25, 05-08, 09-18, 09-26, 10-09|
|2022|01-01~03; 01-31~02-06; 04-03~05; 04-30~05-04; 06-03~05; 09-10~12; 10-01~07|01-29, 01-30, 04-02, 04-24, 05-07, 10-08, 10-09|
|2023|01-01~02; 01-21~27; 04-05; 04-29~05-03; 06-22~24; 09-29~10-06|01-28, 01-29, 04-23, 05-06, 06-25, 10-07, 10-08|
`;

interface Expected {
  off: Set<string>;
  makeup: Set<string>;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Expands "02-10~17" and "01-28~02-04" with the JavaScript Date, independently of the engine. */
function expandRun(year: number, text: string): string[] {
  const [from, to] = text.split('~').map((s) => s.trim());
  if (!from) throw new Error(`bad run ${text}`);
  const [fm, fd] = from.split('-').map(Number);
  let end: Date;
  if (to === undefined) end = new Date(year, (fm ?? 0) - 1, fd);
  else if (to.includes('-')) {
    const [tm, td] = to.split('-').map(Number);
    end = new Date(year, (tm ?? 0) - 1, td);
  } else end = new Date(year, (fm ?? 0) - 1, Number(to));
  const out: string[] = [];
  for (let d = new Date(year, (fm ?? 0) - 1, fd); d <= end; d.setDate(d.getDate() + 1)) {
    out.push(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
  }
  return out;
}

function parseTable(table: string): Map<number, Expected> {
  const out = new Map<number, Expected>();
  for (const line of table.trim().split('\n')) {
    const [, yearText, runs, makeups] = line.split('|');
    const year = Number(yearText);
    const off = new Set((runs ?? '').split(';').flatMap((r) => expandRun(year, r)));
    const makeup = new Set((makeups ?? '').split(',').map((m) => `${year}-${m.trim()}`));
    out.set(year, { off, makeup });
  }
  return out;
}

/** Independent weekday: local-time Date on a date-only constructor is exact in any TZ. */
function isWeekendRef(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const w = new Date(y ?? 0, (m ?? 0) - 1, d).getDay();
  return w === 0 || w === 6;
}

const reference = parseTable(REFERENCE_TABLE);
const earlier = parseTable(EARLIER_TABLE);
const cal = shippedCalendar();

describe('every day of 2020–2026 against the official schedules', () => {
  it('the 2024–2026 rows are REFERENCE.md §10 verbatim (when the design documents are checked out beside the repo)', () => {
    const path = resolve(import.meta.dirname, '../../../../../shared/domain/REFERENCE.md');
    if (!existsSync(path)) return;
    const doc = readFileSync(path, 'utf8');
    for (const row of REFERENCE_TABLE.trim().split('\n')) expect(doc).toContain(row);
  });

  for (const [year, exp] of [...earlier, ...reference]) {
    it(`${year}: each of the ${datesOfYear(year).length} days`, () => {
      const wrong: string[] = [];
      for (const date of datesOfYear(year)) {
        const expected = exp.makeup.has(date) ? true : exp.off.has(date) ? false : !isWeekendRef(date);
        if (cal.isWorkday(date) !== expected) wrong.push(`${date}: expected ${expected ? '工作日' : '休息日'}`);
        const info = cal.dayInfo(date);
        if (info.workday !== expected || info.provisional) wrong.push(`${date}: dayInfo ${JSON.stringify(info)}`);
      }
      expect(wrong).toEqual([]);
    });

    it(`${year}: the API view lists weekday off days and weekend make-up days exactly`, () => {
      const view = cal.yearData(year);
      expect(view.provisional).toBe(false);
      expect(view.offDays).toEqual([...exp.off].filter((d) => !isWeekendRef(d)).sort());
      expect(view.makeupWorkdays).toEqual([...exp.makeup].sort());
    });
  }
});

describe('shipped table 2020–2026 is internally consistent', () => {
  // 《全国年节及纪念日放假办法》: 11 statutory days until 2024, 13 from 2025.
  // 调休 only swaps days, and a statutory day on a weekend is given back on a
  // weekday, so (weekday off days − make-up days) equals the statutory count;
  // 2020 is 2 more: the extension made Fri 01-31 off and cancelled Sat 02-01.
  const statutory: Record<number, number> = { 2020: 13, 2021: 11, 2022: 11, 2023: 11, 2024: 11, 2025: 13, 2026: 13 };

  it('covers exactly 2020–2026, one notice a year', () => {
    expect(OFFICIAL_NOTICES.map((n) => n.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  for (const notice of OFFICIAL_NOTICES) {
    it(`${notice.year}: make-up days are weekends, runs are well formed, counts match the statutory days`, () => {
      for (const d of notice.makeupWorkdays) {
        expect(isValidDate(d)).toBe(true);
        expect(isWeekendRef(d), `${d} make-up day must be Sat/Sun`).toBe(true);
        expect(cal.isWorkday(d)).toBe(true);
      }
      for (const run of notice.holidays) {
        const days = runDates(run);
        expect(days.length, `${run.name} ${run.first}~${run.last}`).toBeGreaterThanOrEqual(1);
        expect(days.length).toBeLessThanOrEqual(10);
        // Every day of a run is off: no make-up day inside it.
        for (const d of days) expect(cal.isWorkday(d), `${d} in ${run.name}`).toBe(false);
        // A multi-day run is built around a weekend (contains one or touches one).
        if (days.length >= 2) {
          const before = new Date(Date.parse(`${run.first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          const after = new Date(Date.parse(`${run.last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          expect([before, ...days, after].some(isWeekendRef), `${run.name} ${notice.year}`).toBe(true);
        }
      }
      const y = shippedCalendarYears().find((e) => e.year === notice.year);
      expect(y).toBeDefined();
      expect((y?.offDays.length ?? 0) - (y?.makeupWorkdays.length ?? 0)).toBe(statutory[notice.year]);
    });
  }

  it('never asks for more than 7 workdays in a row (调休 keeps stretches short)', () => {
    for (let year = 2020; year <= 2026; year++) {
      let run = 0;
      let max = 0;
      for (const d of datesOfYear(year)) {
        run = cal.isWorkday(d) ? run + 1 : 0;
        max = Math.max(max, run);
      }
      expect(max, String(year)).toBeLessThanOrEqual(7);
    }
  });

  it('has the known number of workdays per year', () => {
    const weekdays = (year: number) => datesOfYear(year).filter((d) => !isWeekendRef(d)).length;
    for (let year = 2020; year <= 2026; year++) {
      expect(cal.workdaysBetween(`${year - 1}-12-31`, `${year}-12-31`).count).toBe(weekdays(year) - (statutory[year] ?? 0));
    }
    expect(cal.workdaysBetween('2023-12-31', '2024-12-31').count).toBe(251);
    expect(cal.workdaysBetween('2024-12-31', '2025-12-31').count).toBe(248);
  });

  it('knows the 2020 春节 extension and the ordinary 除夕 of 2024', () => {
    expect(cal.isWorkday('2020-01-31')).toBe(false);
    expect(cal.isWorkday('2020-02-01')).toBe(false);
    expect(cal.isWorkday('2020-02-02')).toBe(false);
    expect(cal.isWorkday('2020-02-03')).toBe(true);
    expect(cal.isWorkday('2020-01-19')).toBe(true);
    expect(cal.isWorkday('2024-02-09')).toBe(true);
    expect(cal.isWorkday('2025-01-28')).toBe(false);
  });
});

describe('deadline arithmetic', () => {
  it('addWorkdays starts the day after the trigger and skips 春节', () => {
    // Fri 2025-01-24: Sat off, Sun 01-26 worked (1), Mon 01-27 (2), 01-28~02-04 off, Wed 02-05 (3).
    expect(cal.addWorkdays('2025-01-24', 3)).toEqual({ date: '2025-02-05', provisional: false, provisionalYears: [] });
    // 2024 除夕 (02-09) was a workday; Sun 02-18 was worked.
    expect(cal.addWorkdays('2024-02-08', 2).date).toBe('2024-02-18');
    // 2026: Sat 02-14 worked, then nine days off.
    expect(cal.addWorkdays('2026-02-13', 1).date).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2).date).toBe('2026-02-24');
    // A trigger on a holiday counts from the next workday as well.
    expect(cal.addWorkdays('2026-02-16', 1).date).toBe('2026-02-24');
  });

  it('addWorkdays skips 国庆 and counts its make-up days', () => {
    // Fri 2024-09-27: Sun 09-29 (1), Mon 09-30 (2), 10-01~07 off, 10-08 (3), 10-09 (4), 10-10 (5).
    expect(cal.addWorkdays('2024-09-27', 5).date).toBe('2024-10-10');
    // 2025: Sun 09-28 (1), 09-29 (2), 09-30 (3), 10-01~08 off, 10-09 (4), 10-10 (5), Sat 10-11 (6), 10-13~17 (7–11), 10-20~23 (12–15).
    expect(cal.addWorkdays('2025-09-26', 15).date).toBe('2025-10-23');
    // "15 个工作日" from 2024-09-30 across the 2024 国庆 run.
    expect(cal.addWorkdays('2024-09-30', 15).date).toBe('2024-10-25');
  });

  it('addWorkdays(t, 0) is the trigger day itself', () => {
    expect(cal.addWorkdays('2024-10-01', 0).date).toBe('2024-10-01');
  });

  it('workdaysBetween counts (a, b]: a excluded, b included, and inverts addWorkdays', () => {
    expect(cal.workdaysBetween('2024-09-30', '2024-10-08').count).toBe(1);
    expect(cal.workdaysBetween('2024-10-08', '2024-10-08').count).toBe(0);
    expect(cal.workdaysBetween('2024-10-08', '2024-09-30').count).toBe(-1);
    expect(cal.workdaysBetween('2024-09-28', '2024-09-29').count).toBe(1);
    for (const t of ['2020-01-20', '2022-01-28', '2023-09-28', '2024-02-08', '2025-09-26', '2026-02-13']) {
      for (const n of [1, 2, 3, 5, 10, 15, 30, 60]) expect(cal.workdaysBetween(t, cal.addWorkdays(t, n).date).count).toBe(n);
    }
  });

  it('addCalendarDays moves a period ending on an off day to the next workday', () => {
    // 2025-01-13 + 15 = 01-28 (春节) → 02-05.
    expect(cal.addCalendarDays('2025-01-13', 15)).toEqual({
      date: '2025-02-05',
      nominal: '2025-01-28',
      moved: true,
      provisional: false,
      provisionalYears: [],
    });
    // 2024-09-16 + 15 = 10-01 (国庆) → 10-08.
    expect(cal.addCalendarDays('2024-09-16', 15).date).toBe('2024-10-08');
    // An ordinary weekend: Sat 2024-03-16 → Mon 03-18.
    expect(cal.addCalendarDays('2024-03-01', 15).date).toBe('2024-03-18');
    // A make-up Saturday is a workday: the period ends there.
    expect(cal.addCalendarDays('2026-02-07', 7)).toMatchObject({ date: '2026-02-14', moved: false });
    expect(cal.addCalendarDays('2024-09-21', 8)).toMatchObject({ date: '2024-09-29', moved: false });
    // On a workday nothing moves.
    expect(cal.addCalendarDays('2024-03-01', 4)).toMatchObject({ date: '2024-03-05', moved: false });
    // n = 0: the rule applied to the trigger day itself.
    expect(cal.addCalendarDays('2024-10-03', 0).date).toBe('2024-10-08');
  });

  it('addMonths ends on the corresponding day or the month end, then moves past off days', () => {
    expect(cal.addMonths('2024-01-31', 1).date).toBe('2024-02-29');
    expect(cal.addMonths('2025-01-31', 1).date).toBe('2025-02-28');
    expect(cal.addMonths('2023-12-31', 2).date).toBe('2024-02-29');
    expect(cal.addMonths('2024-09-01', 1)).toMatchObject({ nominal: '2024-10-01', date: '2024-10-08', moved: true });
    expect(cal.addMonths('2024-11-15', 2).date).toBe('2025-01-15');
  });

  it('nextWorkday is strictly after; workdayOnOrAfter may be the day itself', () => {
    expect(cal.nextWorkday('2024-09-30').date).toBe('2024-10-08');
    expect(cal.nextWorkday('2024-10-07').date).toBe('2024-10-08');
    expect(cal.nextWorkday('2024-10-11').date).toBe('2024-10-12');
    expect(cal.workdayOnOrAfter('2024-10-08').date).toBe('2024-10-08');
    expect(cal.workdayOnOrAfter('2024-10-05').date).toBe('2024-10-08');
  });

  it('rejects impossible input loudly (a programming error, not a user error)', () => {
    expect(() => cal.isWorkday('2024-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkday('2024-2-3')).toThrow(RangeError);
    expect(() => cal.addWorkdays('2024-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2024-01-01', 1.5)).toThrow(RangeError);
    expect(() => cal.addCalendarDays('2024-01-01', Number.NaN)).toThrow(RangeError);
    expect(dayNumberOf('2023-02-29')).toBeNull();
    expect(dayNumberOf('2024-02-29')).not.toBeNull();
  });
});

describe('a year without official data (2027)', () => {
  it('is provisional: weekends only, and says so', () => {
    expect(cal.yearData(2027)).toEqual({ year: 2027, provisional: true, offDays: [], makeupWorkdays: [] });
    expect(cal.isWorkday('2027-01-01')).toBe(true);
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    expect(cal.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', workday: true, kind: 'workday', provisional: true });
  });

  it('flags every computation that touches it, and only those', () => {
    expect(cal.addWorkdays('2026-12-28', 3)).toEqual({ date: '2026-12-31', provisional: false, provisionalYears: [] });
    expect(cal.addWorkdays('2026-12-30', 3)).toEqual({ date: '2027-01-04', provisional: true, provisionalYears: [2027] });
    expect(cal.addCalendarDays('2026-12-20', 15)).toMatchObject({ date: '2027-01-04', provisional: true, provisionalYears: [2027] });
    expect(cal.workdaysBetween('2026-12-01', '2027-01-10')).toMatchObject({ provisional: true, provisionalYears: [2027] });
    expect(cal.workdaysBetween('2026-12-01', '2026-12-31').provisional).toBe(false);
    // Counting from 2026-12-31 looks at none of 2026's own days but 2027's.
    expect(cal.nextWorkday('2026-12-31')).toMatchObject({ date: '2027-01-01', provisional: true });
    // Only the years looked at count: a 2019 trigger counted into 2020 is official.
    expect(cal.addWorkdays('2019-12-31', 2).provisional).toBe(false);
  });

  it('stops being provisional once the year is entered, unless the entry says it is', () => {
    const entered = new WorkCalendar([...shippedCalendarYears(), { year: 2027, provisional: false, offDays: ['2027-01-01'], makeupWorkdays: [] }]);
    expect(entered.addWorkdays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: false, provisionalYears: [] });
    const draft = new WorkCalendar([...shippedCalendarYears(), { year: 2027, provisional: true, offDays: ['2027-01-01'], makeupWorkdays: [] }]);
    expect(draft.addWorkdays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: true, provisionalYears: [2027] });
  });
});

describe('date math does not depend on the process time zone', () => {
  it('gives the same answers in UTC+8, UTC-10 and UTC+14', () => {
    const saved = process.env['TZ'];
    try {
      const answers: string[] = [];
      for (const tz of ['Asia/Shanghai', 'Pacific/Honolulu', 'Pacific/Kiritimati', 'UTC']) {
        process.env['TZ'] = tz;
        const c = new WorkCalendar(shippedCalendarYears());
        answers.push(
          JSON.stringify([
            c.addWorkdays('2025-01-24', 3),
            c.addCalendarDays('2024-09-16', 15),
            c.addMonths('2024-01-31', 1),
            c.workdaysBetween('2023-12-31', '2024-12-31'),
            datesOfYear(2024).filter((d) => c.isWorkday(d)).length,
          ]),
        );
      }
      expect(new Set(answers).size).toBe(1);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});
