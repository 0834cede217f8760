import type { Transaction } from 'kysely';
import { addDaysTo } from '../../../shared/secrecy.dates.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import { usersWithRole } from '../../core/org/org.service.js';
import { dailyJob } from '../../core/scheduler/scheduler.daily.js';
import type { JobDefinition } from '../../core/scheduler/scheduler.registry.js';
import { loadCampaign, loadSheet } from './secrecy.inspection.repo.js';
import { liveCarriersEndingOn, loansDueBy, openRectificationsDueBy, pendingSheetsDueBefore, separationsEndingOn } from './secrecy.reports.repo.js';
import { sheetOwners } from './secrecy.inspection.workflow.js';
import { todayOf } from './secrecy.personnel.js';

/*
 * The daily 保密 notices (07:30 Beijing, once per day across instances): loans
 * due tomorrow or overdue (first day, then weekly) → borrower and 保密员;
 * 保密期限 ending within the lead days or today → 保密员; rectifications due
 * within 3 工作日 or overdue → the unit's head and 保密员; sheets still pending
 * after the campaign's deadline → the unit's head; 脱密期 ending within 30 days → 保密员.
 */
export async function dailyNotices(deps: Deps, trx: Transaction<Database>): Promise<{ sent: number }> {
  const today = todayOf(deps);
  const tomorrow = addDaysTo(today, 1);
  const officers = (await usersWithRole({ db: trx }, 'secrecy_officer')).map((u) => u.id);
  const out: NotificationInput[] = [];
  const to = (ids: readonly string[], title: string, link: string, kind: string) => {
    for (const userId of new Set(ids)) out.push({ userId, title: title.slice(0, 200), link, kind });
  };

  const loans = await loansDueBy(trx, tomorrow);
  for (const r of loans) {
    const link = `/carrier/${r.id}`;
    if (r.due_date === tomorrow) to(r.borrower_id ? [r.borrower_id] : [], `您借阅的涉密载体${r.number}明天到期，请按时归还`, link, 'carrier.due');
    else if (r.due_date) {
      const late = Math.round((Date.parse(today) - Date.parse(r.due_date)) / 86_400_000);
      if (late === 1 || late % 7 === 1)
        to(
          [...(r.borrower_id ? [r.borrower_id] : []), ...officers],
          `涉密载体${r.number}借阅已逾期 ${late} 天（借阅人${r.borrower_name ?? ''}）`,
          link,
          'carrier.overdue',
        );
    }
  }
  const lead = addDaysTo(today, 30);
  const ending = await liveCarriersEndingOn(trx, [today, lead]);
  for (const r of ending)
    to(
      officers,
      r.period_end === today ? `涉密载体${r.number}保密期限今日届满，请进行解密审核` : `涉密载体${r.number}保密期限将于${r.period_end}届满`,
      `/carrier/${r.id}`,
      'carrier.review',
    );

  const cal = await getCalendar(deps, trx);
  const soon = cal.addWorkdays(today, 3).date;
  const rects = await openRectificationsDueBy(trx, soon);
  for (const r of rects) {
    const sheet = await loadSheet(trx, r.sheet_id);
    if (!sheet) continue;
    const title =
      r.deadline < today
        ? `保密自查整改项 ${r.item_code} 已逾期（${sheet.respondent_name ?? sheet.unit_name}）`
        : `保密自查整改项 ${r.item_code} 将于${r.deadline}到期（${sheet.respondent_name ?? sheet.unit_name}）`;
    to([...(await sheetOwners(trx, sheet)), ...officers], title, `/inspection/${sheet.id}`, 'inspection.rectification');
  }
  const pending = await pendingSheetsDueBefore(trx, today);
  for (const s of pending) {
    const c = await loadCampaign(trx, s.campaign_id);
    to(await sheetOwners(trx, s), `${c?.title ?? '保密自查'}已过截止日期（${s.due_date}），请尽快填报`, `/inspection/${s.id}`, 'inspection.pending');
  }
  const leaving = await separationsEndingOn(trx, [lead, today]);
  for (const p of leaving) to(officers, `${p.name}的脱密期将于${p.separation_end}结束`, '/secrecy/personnel', 'secrecy.separation');

  await queueNotifications(trx, deps.clock, out);
  return { sent: out.length };
}

export const secrecyJobs: readonly JobDefinition[] = [dailyJob({ name: 'secrecy.daily_notices', schedule: '30 7 * * *', run: dailyNotices })];
