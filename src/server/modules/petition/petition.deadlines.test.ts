import { describe, expect, it } from 'vitest';
import { idNumberProblem, maskAddress, maskIdNumber, maskName, maskPhone, phoneProblem } from '../../../shared/petition.js';
import { idCheckDigit } from '../../../shared/petition.person.js';
import { shippedCalendar } from '../../core/calendar/calendar.service.js';
import { extendBy, handlingDeadline, noticeDeadline, objectionDeadline, reviewRequestDeadline, warningOf } from './petition.deadlines.js';

const cal = shippedCalendar();

describe('信访 deadlines on the work calendar', () => {
  it('告知 15 日: a last day off moves to the next workday (weekend, 国庆, 春节); a make-up Saturday is a workday', () => {
    expect(noticeDeadline(cal, '2026-11-06')).toEqual({ date: '2026-11-23', provisional: false }); // 11-21 is a Saturday
    expect(noticeDeadline(cal, '2026-09-20').date).toBe('2026-10-08'); // 10-05 in 国庆
    expect(noticeDeadline(cal, '2026-02-01').date).toBe('2026-02-24'); // 02-16 in 春节 (02-15…02-23)
    expect(noticeDeadline(cal, '2026-09-25').date).toBe('2026-10-10'); // 10-10 is a 调休 workday
    expect(noticeDeadline(cal, '2026-11-02').date).toBe('2026-11-17'); // a plain Tuesday stays
  });

  it('异议 5 工作日 skips 国庆 and counts the make-up Saturday', () => {
    expect(objectionDeadline(cal, '2026-09-28').date).toBe('2026-10-10');
    expect(objectionDeadline(cal, '2026-11-20').date).toBe('2026-11-27');
  });

  it('办理 60 日 from acceptance; 复查/复核 30 日 from receipt; extensions and hearings add to the moved date', () => {
    expect(handlingDeadline(cal, 'initial', '2026-08-07', '2026-08-01').date).toBe('2026-10-08'); // 10-06 in 国庆
    expect(handlingDeadline(cal, 'review', '2026-03-10', '2026-03-02').date).toBe('2026-04-01');
    expect(extendBy(cal, '2026-10-08', 30).date).toBe('2026-11-09'); // 11-07 is a Saturday
    expect(reviewRequestDeadline(cal, '2026-01-05').date).toBe('2026-02-04');
  });

  it('marks a deadline in a year without a published schedule provisional', () => {
    expect(noticeDeadline(cal, '2026-12-20')).toMatchObject({ date: '2027-01-04', provisional: true });
    expect(noticeDeadline(cal, '2026-11-20').provisional).toBe(false);
  });

  it('warning levels: due_soon ≤5, imminent ≤1, overdue <0', () => {
    expect([6, 5, 2, 1, 0, -1].map(warningOf)).toEqual([null, 'due_soon', 'due_soon', 'imminent', 'imminent', 'overdue']);
    expect(warningOf(null)).toBeNull();
  });
});

describe('petitioner data', () => {
  const id = (first17: string) => first17 + idCheckDigit(first17);

  it('accepts a GB 11643 number with its check digit (x as X) and refuses a wrong digit or birth date', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toMatch(/校验位/);
    expect(idNumberProblem(id('11010519490230001'))).toMatch(/出生日期/);
    expect(idNumberProblem('1101051949123')).toMatch(/18 位/);
  });

  it('accepts mobiles and fixed lines, refuses the rest', () => {
    expect(phoneProblem('13912345678')).toBeNull();
    expect(phoneProblem('0791-86123456')).toBeNull();
    expect(phoneProblem('12912345678')).not.toBeNull();
    expect(phoneProblem('86123456')).not.toBeNull();
  });

  it('masks as the contract says', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('079186123456')).toBe('079*****3456');
    expect(maskAddress('江西省南昌市红谷滩区丰和中大道')).toBe('江西省南昌市****');
    expect(maskName(null)).toBeNull();
  });
});
