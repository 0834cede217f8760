import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { shippedCalendar } from '../../core/calendar/calendar.service.js';
import { WorkCalendar } from '../../../shared/calendar.js';
import { beijingDate, computeLight, DEFAULT_RULES, type LightSubject, updateDueDate, weekOf, weekRange } from './supervision.lights.js';

const cal = shippedCalendar();
const item = (over: Partial<LightSubject> = {}): LightSubject => ({
  state: 'in_progress',
  deadline: '2026-12-31',
  createdAt: '2026-09-01T01:00:00.000Z',
  lastUpdateAt: null,
  closureRequestedAt: null,
  milestones: [],
  ...over,
});
/** The light as the office sees it at a given instant (Beijing date of the clock). */
const at = (clock: ManualClock, s: LightSubject, rules = DEFAULT_RULES) => computeLight(s, beijingDate(clock.now()), cal, rules);

describe('督办 lights', () => {
  it('weeks: ISO numbering and Monday–Sunday ranges, in Beijing time', () => {
    expect(weekOf('2026-11-26')).toBe('2026-W48');
    expect(weekRange('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(weekOf('2027-01-01')).toBe('2026-W53');
    // 23:30 UTC on Sunday is already Monday in Beijing.
    expect(beijingDate('2026-11-29T16:30:00.000Z')).toBe('2026-11-30');
  });

  it('the weekly update is due on Friday, or the last workday before a holiday Friday (国庆 2026)', () => {
    expect(updateDueDate('2026-W48', 5, cal)).toBe('2026-11-27');
    // 10-01 (Thu) and 10-02 (Fri) are off: the week's update falls due on Wednesday 09-30.
    expect(updateDueDate('2026-W40', 5, cal)).toBe('2026-09-30');
    // 10-05 … 10-07 are off; Friday 10-09 is a workday again.
    expect(updateDueDate('2026-W41', 5, cal)).toBe('2026-10-09');
    // With Wednesday as the weekday, W41 has no workday up to it: nothing is owed that week.
    expect(updateDueDate('2026-W41', 3, cal)).toBeNull();
    // 春节 2026: 02-15 … 02-23 off, so W08 (02-16 … 02-22) owes nothing.
    expect(updateDueDate('2026-W08', 5, cal)).toBeNull();
  });

  it('green on track; yellow within 3 workdays counted with the holiday calendar; red once past the deadline', () => {
    const clock = new ManualClock('2026-09-28T02:00:00.000Z'); // Mon 09-28, Beijing 10:00
    const s = item({ deadline: '2026-10-09', lastUpdateAt: '2026-09-28T01:00:00.000Z' });
    // 09-29, 09-30, 10-08, 10-09: four workdays left although eleven days remain.
    expect(at(clock, s).light).toBe('green');
    clock.set('2026-09-29T02:00:00.000Z');
    expect(at(clock, s)).toMatchObject({ light: 'yellow', reasons: ['距办结时限还有 3 个工作日'] });
    clock.set('2026-09-30T02:00:00.000Z');
    // Without the calendar this would be 7 weekdays and green.
    expect(at(clock, s).reasons[0]).toBe('距办结时限还有 2 个工作日');
    clock.set('2026-10-09T15:59:00.000Z'); // 23:59 Beijing on the deadline
    expect(at(clock, s)).toMatchObject({ light: 'yellow', reasons: ['今日到期', '本周进展未报送（应于 2026-10-09 报送）'] });
    expect(at(clock, { ...s, lastUpdateAt: '2026-10-08T02:00:00.000Z' })).toMatchObject({ light: 'yellow', reasons: ['今日到期'] });
    clock.set('2026-10-09T16:00:00.000Z'); // 00:00 Beijing on 10-10, a 调休 Saturday that is worked
    expect(at(clock, s)).toMatchObject({ light: 'red', reasons: ['已超过办结时限 2026-10-09（逾期 1 个工作日）'] });
  });

  it('a missing weekly update turns the light yellow on the due day, not before; an update this week clears it', () => {
    const clock = new ManualClock('2026-11-26T02:00:00.000Z'); // Thu of W48
    const s = item({ lastUpdateAt: '2026-11-20T02:00:00.000Z' }); // last week's
    expect(at(clock, s)).toMatchObject({ light: 'green', updateDueDate: '2026-11-27', updateMissing: false });
    clock.set('2026-11-27T01:00:00.000Z'); // Fri 09:00 Beijing
    expect(at(clock, s)).toMatchObject({ light: 'yellow', updateMissing: true, reasons: ['本周进展未报送（应于 2026-11-27 报送）'] });
    expect(at(clock, { ...s, lastUpdateAt: '2026-11-23T00:30:00.000Z' })).toMatchObject({ light: 'green', updateMissing: false });
    // An update at 23:30 UTC Sunday belongs to the next Beijing week.
    expect(at(clock, { ...s, lastUpdateAt: '2026-11-22T16:30:00.000Z' }).updateMissing).toBe(false);
    expect(at(clock, { ...s, lastUpdateAt: '2026-11-22T15:30:00.000Z' }).updateMissing).toBe(true);
    // An item created on the due day owes nothing until next week.
    expect(at(clock, { ...s, createdAt: '2026-11-27T00:30:00.000Z', lastUpdateAt: null }).updateMissing).toBe(false);
    // Over 国庆 the update was due on Wednesday 09-30.
    clock.set('2026-09-30T10:00:00.000Z');
    expect(at(clock, item({ lastUpdateAt: '2026-09-25T02:00:00.000Z' })).updateMissing).toBe(true);
    clock.set('2026-09-29T10:00:00.000Z');
    expect(at(clock, item({ lastUpdateAt: '2026-09-25T02:00:00.000Z' })).updateMissing).toBe(false);
    // The configured weekday moves the due day.
    clock.set('2026-11-24T02:00:00.000Z'); // Tue
    expect(at(clock, s, { updateWeekday: 2, dueSoonWorkdays: 3 })).toMatchObject({ light: 'yellow', updateDueDate: '2026-11-24' });
  });

  it('a milestone past its date and not done is red; done on time is not', () => {
    const clock = new ManualClock('2026-11-26T02:00:00.000Z');
    const s = item({ lastUpdateAt: '2026-11-23T02:00:00.000Z', milestones: [{ title: '完成调研', dueDate: '2026-11-25', doneAt: null }] });
    expect(at(clock, s)).toMatchObject({ light: 'red', reasons: ['节点“完成调研”已超过 2026-11-25'] });
    expect(at(clock, { ...s, milestones: [{ title: '完成调研', dueDate: '2026-11-25', doneAt: '2026-11-25T08:00:00.000Z' }] }).light).toBe('green');
  });

  it('blue while suspended; closure requests judged by the day they were made; closed is green', () => {
    const clock = new ManualClock('2026-12-10T02:00:00.000Z');
    const past = item({ deadline: '2026-12-01' });
    expect(at(clock, { ...past, state: 'suspended' }).light).toBe('blue');
    expect(at(clock, { ...past, state: 'closure_requested', closureRequestedAt: '2026-11-30T02:00:00.000Z' })).toMatchObject({ light: 'green' });
    expect(at(clock, { ...past, state: 'closure_requested', closureRequestedAt: '2026-12-03T02:00:00.000Z' })).toMatchObject({ light: 'red' });
    expect(at(clock, { ...past, state: 'closed' }).light).toBe('green');
    expect(at(clock, past).light).toBe('red');
  });

  it("carries the calendar's provisional flag: a deadline, a due-soon window or days overdue in a year without a published 放假安排", () => {
    // The shipped table ends with 2026: 2027 is counted on weekends alone and is provisional.
    const clock = new ManualClock('2026-11-26T02:00:00.000Z');
    const fresh = { lastUpdateAt: '2026-11-23T02:00:00.000Z' };
    expect(at(clock, item({ ...fresh, deadline: '2026-12-31' }))).toMatchObject({ light: 'green', deadlineProvisional: false });
    expect(at(clock, item({ ...fresh, deadline: '2027-01-29' }))).toMatchObject({ light: 'green', deadlineProvisional: true });
    // Suspended or waiting for 销号, the deadline still stands; once closed it no longer matters.
    expect(at(clock, item({ deadline: '2027-01-29', state: 'suspended' }))).toMatchObject({ light: 'blue', deadlineProvisional: true });
    expect(at(clock, item({ deadline: '2027-01-29', state: 'closure_requested', closureRequestedAt: '2026-11-25T02:00:00.000Z' }))).toMatchObject({
      deadlineProvisional: true,
    });
    expect(at(clock, item({ deadline: '2027-01-29', state: 'closed' }))).toMatchObject({ light: 'green', deadlineProvisional: false });
    // Late into 2027: the workdays overdue are counted on the provisional year, where 元旦 (Fri 01-01) is
    // not yet known to be off — exactly why the count must say it may change.
    clock.set('2027-01-06T02:00:00.000Z');
    expect(at(clock, item({ deadline: '2026-12-31', lastUpdateAt: '2027-01-04T02:00:00.000Z' }))).toMatchObject({
      light: 'red',
      reasons: ['已超过办结时限 2026-12-31（逾期 4 个工作日）'],
      deadlineProvisional: true,
    });

    // A year entered but marked 暂定 counts as provisional too; the due-soon window crossing into it says so.
    const y2025 = cal.yearData(2025);
    const draft2026 = new WorkCalendar([y2025, { ...cal.yearData(2026), provisional: true }]);
    const late2025 = (s: LightSubject, day: string, c: WorkCalendar) => computeLight(s, day, c, DEFAULT_RULES);
    const s = item({ deadline: '2026-01-05', createdAt: '2025-12-01T01:00:00.000Z', lastUpdateAt: '2025-12-29T02:00:00.000Z' });
    // Four workdays left (12-30, 12-31, the 调休 Sunday 01-04, 01-05), two of them in the draft year.
    expect(late2025(s, '2025-12-29', draft2026)).toMatchObject({ light: 'green', deadlineProvisional: true });
    expect(late2025(s, '2025-12-29', new WorkCalendar([y2025, cal.yearData(2026)]))).toMatchObject({ deadlineProvisional: false });
    // The deadline in an official year, the window too: nothing provisional although a later year is.
    expect(
      late2025(item({ deadline: '2025-12-31', createdAt: '2025-12-01T01:00:00.000Z', lastUpdateAt: '2025-12-29T02:00:00.000Z' }), '2025-12-29', draft2026),
    ).toMatchObject({
      light: 'yellow',
      deadlineProvisional: false,
    });
  });
});
