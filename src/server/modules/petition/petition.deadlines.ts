import { addDays, toDayNumber, type WorkCalendar } from '../../../shared/calendar.js';
import type { PetitionState, PetitionType, Warning } from '../../../shared/petition.js';
import { HANDLING_RUNNING, NOTICE_RUNNING } from '../../../shared/petition.js';
import type { Deps } from '../../core/deps.js';

/*
 * The 信访工作条例 periods on the work calendar (REFERENCE.md §5, §10):
 * `日` are calendar days counted from the day after the trigger, a last day
 * off work moving to the next workday; the objection period is in 工作日.
 * Each result carries `provisional` when it rests on a year whose holidays
 * are not published.
 */

export interface Dated {
  date: string;
  provisional: boolean;
}

const of = (r: { date: string; provisional: boolean }): Dated => ({ date: r.date, provisional: r.provisional });

/** 告知: 15 日 from receipt (第二十三条). */
export const noticeDeadline = (cal: WorkCalendar, received: string): Dated => of(cal.addCalendarDays(received, 15));

/** 异议 to a transferred petition: 5 工作日 from receipt. */
export const objectionDeadline = (cal: WorkCalendar, received: string): Dated => of(cal.addWorkdays(received, 5));

/** 办理: 60 日 from acceptance for an initial petition; 30 日 from receipt for 复查/复核. */
export function handlingDeadline(cal: WorkCalendar, type: PetitionType, accepted: string, received: string): Dated {
  return type === 'initial' ? of(cal.addCalendarDays(accepted, 60)) : of(cal.addCalendarDays(received, 30));
}

/** An extension's or a hearing's days add to the current (already moved) deadline, then the off-day rule again. */
export const extendBy = (cal: WorkCalendar, current: string, days: number): Dated => of(cal.addCalendarDays(current, days));

/** 复查/复核 may be requested within 30 日 of receiving the written answer. */
export const reviewRequestDeadline = (cal: WorkCalendar, delivered: string): Dated => of(cal.addCalendarDays(delivered, 30));

/** Today's date in Beijing (the office's day), from the injected clock. */
export function beijingToday(deps: Pick<Deps, 'clock'>): string {
  return new Date(deps.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The day bounds the ledger's warning filters use. */
export function warningBounds(today: string): { today: string; plus1: string; plus5: string } {
  return { today, plus1: addDays(today, 1), plus5: addDays(today, 5) };
}

/** The deadline running in a state, or null when none runs. */
export function runningDeadline(o: { state: PetitionState; notice_deadline: string; handling_deadline: string | null }): string | null {
  if (NOTICE_RUNNING.includes(o.state)) return o.notice_deadline;
  if (HANDLING_RUNNING.includes(o.state)) return o.handling_deadline;
  return null;
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The strongest warning level for a deadline as of today. */
export function warningOf(daysLeft: number | null): Warning | null {
  if (daysLeft === null) return null;
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 1) return 'imminent';
  if (daysLeft <= 5) return 'due_soon';
  return null;
}

export function runningView(o: { state: PetitionState; notice_deadline: string; handling_deadline: string | null }, today: string) {
  const running = runningDeadline(o);
  const daysLeft = running ? daysBetween(today, running) : null;
  const warning = warningOf(daysLeft);
  return { running, daysLeft, warning, overdue: warning === 'overdue' };
}
