/*
 * The traffic lights of 督办 (三色督办单), pure: the same inputs give the same
 * colour on every read, list, report and export. Nothing here touches the
 * database or the clock; callers pass today's date in Beijing and the loaded
 * working-day calendar.
 */
import type { Light, SupervisionState } from '../../../shared/supervision.js';
import { isoWeekOf, localDate } from '../../core/scheduler/scheduler.periods.js';

/** What the lights need of the calendar (a `WorkCalendar` satisfies it). */
export interface LightCalendar {
  isWorkday(date: string): boolean;
  /** True when the year has no official 放假安排 (or it is marked 暂定). */
  isProvisionalYear(year: number): boolean;
  workdaysBetween(a: string, b: string): { count: number; provisional: boolean };
}

export interface LightRules {
  /** ISO weekday (1 Monday … 7 Sunday) the weekly update is due; Friday by default. */
  updateWeekday: number;
  /** Yellow when the deadline is within this many workdays; 3 by default. */
  dueSoonWorkdays: number;
}

export const DEFAULT_RULES: LightRules = { updateWeekday: 5, dueSoonWorkdays: 3 };

export interface LightSubject {
  state: SupervisionState;
  deadline: string;
  createdAt: string;
  lastUpdateAt: string | null;
  closureRequestedAt: string | null;
  milestones: readonly { title: string; dueDate: string; doneAt: string | null }[];
}

export interface LightResult {
  light: Light;
  reasons: string[];
  /** The date this week's update is due, or null when none is owed this week. */
  updateDueDate: string | null;
  updateMissing: boolean;
  /**
   * The deadline, or the workdays counted between today and it (the due-soon
   * window, the days overdue), lie in a year whose calendar is provisional:
   * when the 放假安排 is published the colour or the count may change.
   */
  deadlineProvisional: boolean;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const toDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const dayMs = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** The office's date of an instant: the bureau works on Beijing time, not UTC. */
export function beijingDate(instant: string | Date): string {
  const d = localDate(typeof instant === 'string' ? new Date(instant) : instant, 'Asia/Shanghai');
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** `2026-W48` of a date. */
export function weekOf(date: string): string {
  const w = isoWeekOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  return `${w.year}-W${pad(w.week)}`;
}

/** Monday and Sunday of an ISO week. */
export function weekRange(week: string): { from: string; to: string } {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  // 4 January is always in week 1 (ISO 8601).
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  const monday = jan4 - (jan4Weekday - 1) * DAY_MS + (n - 1) * 7 * DAY_MS;
  return { from: toDate(monday), to: toDate(monday + 6 * DAY_MS) };
}

export function addDays(date: string, n: number): string {
  return toDate(dayMs(date) + n * DAY_MS);
}

/**
 * The day a week's update is due: the configured weekday, or — when that is
 * a holiday (国庆, 春节) — the last workday before it in the same week. A week
 * with no workday up to that day owes no update.
 */
export function updateDueDate(week: string, weekday: number, cal: Pick<LightCalendar, 'isWorkday'>): string | null {
  const { from } = weekRange(week);
  for (let i = weekday - 1; i >= 0; i--) {
    const d = addDays(from, i);
    if (cal.isWorkday(d)) return d;
  }
  return null;
}

/**
 * 一周一督 for one item and the week of `today`: is this week's update owed
 * and still missing? Owed by items open before the due day; any update (or
 * the acceptance) since the week's Monday satisfies it.
 */
export function weeklyUpdateStatus(
  s: Pick<LightSubject, 'state' | 'createdAt' | 'lastUpdateAt'>,
  today: string,
  cal: Pick<LightCalendar, 'isWorkday'>,
  rules: LightRules,
): { updateDueDate: string | null; updateMissing: boolean } {
  if (s.state !== 'open' && s.state !== 'in_progress') return { updateDueDate: null, updateMissing: false };
  const week = weekOf(today);
  const due = updateDueDate(week, rules.updateWeekday, cal);
  if (due === null || beijingDate(s.createdAt) >= due) return { updateDueDate: null, updateMissing: false };
  const monday = weekRange(week).from;
  const updated = s.lastUpdateAt !== null && beijingDate(s.lastUpdateAt) >= monday;
  return { updateDueDate: due, updateMissing: !updated && today >= due };
}

/**
 * red: past the deadline, or a milestone past its date and not done;
 * yellow: the deadline within N workdays, or this week's update missing;
 * green otherwise; blue while suspended. An item waiting for the leader's
 * 销号 is judged by the day closure was requested, so a prompt request is not
 * turned red by the leader's queue. Closed items are green.
 */
export function computeLight(s: LightSubject, today: string, cal: LightCalendar, rules: LightRules = DEFAULT_RULES): LightResult {
  const none = { updateDueDate: null, updateMissing: false };
  // A closed item's deadline no longer drives anything; any other still rests on the deadline's year.
  const yearProvisional = s.state !== 'closed' && cal.isProvisionalYear(Number(s.deadline.slice(0, 4)));
  if (s.state === 'suspended') return { light: 'blue', reasons: ['暂缓办理'], ...none, deadlineProvisional: yearProvisional };
  if (s.state === 'closed') return { light: 'green', reasons: ['已销号'], ...none, deadlineProvisional: false };
  if (s.state === 'closure_requested') {
    const asked = s.closureRequestedAt ? beijingDate(s.closureRequestedAt) : today;
    if (asked > s.deadline) return { light: 'red', reasons: [`超过办结时限 ${s.deadline} 才申请办结`], ...none, deadlineProvisional: yearProvisional };
    return { light: 'green', reasons: ['已申请办结，待领导销号'], ...none, deadlineProvisional: yearProvisional };
  }
  const red: string[] = [];
  // Workdays from today to the deadline (negative once late): the due-soon window and the days overdue.
  const span = cal.workdaysBetween(today, s.deadline);
  const deadlineProvisional = yearProvisional || span.provisional;
  if (today > s.deadline) {
    const late = -span.count;
    red.push(`已超过办结时限 ${s.deadline}${late > 0 ? `（逾期 ${late} 个工作日）` : ''}`);
  }
  for (const m of s.milestones) {
    if (m.doneAt === null && today > m.dueDate) red.push(`节点“${m.title}”已超过 ${m.dueDate}`);
  }
  const weekly = weeklyUpdateStatus(s, today, cal, rules);
  if (red.length > 0) return { light: 'red', reasons: red, ...weekly, deadlineProvisional };
  const yellow: string[] = [];
  const left = span.count;
  if (left <= rules.dueSoonWorkdays) yellow.push(left === 0 ? '今日到期' : `距办结时限还有 ${left} 个工作日`);
  if (weekly.updateMissing) yellow.push(`本周进展未报送（应于 ${weekly.updateDueDate ?? ''} 报送）`);
  if (yellow.length > 0) return { light: 'yellow', reasons: yellow, ...weekly, deadlineProvisional };
  return { light: 'green', reasons: ['按期推进'], ...weekly, deadlineProvisional };
}
