import { type CalendarYearData, fromDayNumber, toDayNumber, weekdayOfDayNumber } from '../../../shared/calendar.js';

/*
 * The official holiday schedules (国务院办公厅关于××年部分节假日安排的通知),
 * typed in by us from the notices and shipped with the program: the bureau's
 * intranet is usually offline, so nothing is ever fetched at run time. A
 * notice published after this release is entered by the sysadmin
 * (calendar_years) and overrides the year here.
 *
 * Each holiday is recorded as the notice states it: the whole run
 * (放假调休，共 N 天, weekends included) and the weekend days worked in lieu.
 * The engine only needs the Monday–Friday off days, which are derived.
 */

export interface HolidayRun {
  /** Holiday name as in the notice. */
  name: string;
  first: string;
  last: string;
}

export interface OfficialNotice {
  /** The calendar year the notice schedules. */
  year: number;
  /** Which notice, so whoever checks the table knows what to compare with. */
  source: string;
  holidays: readonly HolidayRun[];
  /** 调休上班: Saturdays and Sundays worked. */
  makeupWorkdays: readonly string[];
}

export const OFFICIAL_NOTICES: readonly OfficialNotice[] = [
  {
    year: 2020,
    source:
      '国务院办公厅关于2020年部分节假日安排的通知（2019年11月）；国务院办公厅关于延长2020年春节假期的通知（2020年1月，春节假期延长至2月2日，原定2月1日上班取消）',
    holidays: [
      { name: '元旦', first: '2020-01-01', last: '2020-01-01' },
      // Originally 01-24~01-30 with 02-01 worked; extended to 02-02 by the State Council.
      { name: '春节', first: '2020-01-24', last: '2020-02-02' },
      { name: '清明节', first: '2020-04-04', last: '2020-04-06' },
      { name: '劳动节', first: '2020-05-01', last: '2020-05-05' },
      { name: '端午节', first: '2020-06-25', last: '2020-06-27' },
      { name: '国庆节、中秋节', first: '2020-10-01', last: '2020-10-08' },
    ],
    makeupWorkdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    source: '国务院办公厅关于2021年部分节假日安排的通知（2020年11月）',
    holidays: [
      { name: '元旦', first: '2021-01-01', last: '2021-01-03' },
      { name: '春节', first: '2021-02-11', last: '2021-02-17' },
      { name: '清明节', first: '2021-04-03', last: '2021-04-05' },
      { name: '劳动节', first: '2021-05-01', last: '2021-05-05' },
      { name: '端午节', first: '2021-06-12', last: '2021-06-14' },
      { name: '中秋节', first: '2021-09-19', last: '2021-09-21' },
      { name: '国庆节', first: '2021-10-01', last: '2021-10-07' },
    ],
    makeupWorkdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    source: '国务院办公厅关于2022年部分节假日安排的通知（2021年10月）',
    holidays: [
      { name: '元旦', first: '2022-01-01', last: '2022-01-03' },
      { name: '春节', first: '2022-01-31', last: '2022-02-06' },
      { name: '清明节', first: '2022-04-03', last: '2022-04-05' },
      { name: '劳动节', first: '2022-04-30', last: '2022-05-04' },
      { name: '端午节', first: '2022-06-03', last: '2022-06-05' },
      { name: '中秋节', first: '2022-09-10', last: '2022-09-12' },
      { name: '国庆节', first: '2022-10-01', last: '2022-10-07' },
    ],
    makeupWorkdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    source: '国务院办公厅关于2023年部分节假日安排的通知（2022年12月）',
    holidays: [
      // The run starts on Saturday 2022-12-31; that day is an ordinary weekend of 2022.
      { name: '元旦', first: '2022-12-31', last: '2023-01-02' },
      { name: '春节', first: '2023-01-21', last: '2023-01-27' },
      { name: '清明节', first: '2023-04-05', last: '2023-04-05' },
      { name: '劳动节', first: '2023-04-29', last: '2023-05-03' },
      { name: '端午节', first: '2023-06-22', last: '2023-06-24' },
      { name: '中秋节、国庆节', first: '2023-09-29', last: '2023-10-06' },
    ],
    makeupWorkdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    source: '国务院办公厅关于2024年部分节假日安排的通知（2023年10月）',
    holidays: [
      { name: '元旦', first: '2024-01-01', last: '2024-01-01' },
      // 除夕 (02-09) was only recommended as a day of annual leave, not an official off day.
      { name: '春节', first: '2024-02-10', last: '2024-02-17' },
      { name: '清明节', first: '2024-04-04', last: '2024-04-06' },
      { name: '劳动节', first: '2024-05-01', last: '2024-05-05' },
      { name: '端午节', first: '2024-06-10', last: '2024-06-10' },
      { name: '中秋节', first: '2024-09-15', last: '2024-09-17' },
      { name: '国庆节', first: '2024-10-01', last: '2024-10-07' },
    ],
    makeupWorkdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（2024年11月；依2024年修订的《全国年节及纪念日放假办法》）',
    holidays: [
      { name: '元旦', first: '2025-01-01', last: '2025-01-01' },
      { name: '春节', first: '2025-01-28', last: '2025-02-04' },
      { name: '清明节', first: '2025-04-04', last: '2025-04-06' },
      { name: '劳动节', first: '2025-05-01', last: '2025-05-05' },
      { name: '端午节', first: '2025-05-31', last: '2025-06-02' },
      { name: '国庆节、中秋节', first: '2025-10-01', last: '2025-10-08' },
    ],
    makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月）',
    holidays: [
      { name: '元旦', first: '2026-01-01', last: '2026-01-03' },
      { name: '春节', first: '2026-02-15', last: '2026-02-23' },
      { name: '清明节', first: '2026-04-04', last: '2026-04-06' },
      { name: '劳动节', first: '2026-05-01', last: '2026-05-05' },
      { name: '端午节', first: '2026-06-19', last: '2026-06-21' },
      { name: '中秋节', first: '2026-09-25', last: '2026-09-27' },
      { name: '国庆节', first: '2026-10-01', last: '2026-10-07' },
    ],
    makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** Every date of a holiday run, weekends included. */
export function runDates(run: HolidayRun): string[] {
  const out: string[] = [];
  for (let n = toDayNumber(run.first); n <= toDayNumber(run.last); n++) out.push(fromDayNumber(n));
  return out;
}

/**
 * The shipped table in the engine's shape, one entry per calendar year. A
 * run's dates go to the year they fall in (the 2023 notice's 2022-12-31), and
 * only Monday–Friday off days are kept: weekends are off anyway.
 */
export function shippedCalendarYears(): CalendarYearData[] {
  const years = new Map<number, { offDays: string[]; makeupWorkdays: string[] }>();
  const entry = (y: number) => {
    let e = years.get(y);
    if (!e) {
      e = { offDays: [], makeupWorkdays: [] };
      years.set(y, e);
    }
    return e;
  };
  for (const notice of OFFICIAL_NOTICES) {
    entry(notice.year);
    for (const run of notice.holidays) {
      for (const d of runDates(run)) {
        const w = weekdayOfDayNumber(toDayNumber(d));
        if (w !== 0 && w !== 6) entry(Number(d.slice(0, 4))).offDays.push(d);
      }
    }
    for (const d of notice.makeupWorkdays) entry(Number(d.slice(0, 4))).makeupWorkdays.push(d);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => ({ year, provisional: false, offDays: e.offDays.sort(), makeupWorkdays: e.makeupWorkdays.sort() }));
}

export function shippedNotice(year: number): OfficialNotice | undefined {
  return OFFICIAL_NOTICES.find((n) => n.year === year);
}
