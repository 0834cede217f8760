import type { Transaction } from 'kysely';
import { addDays } from '../../../shared/calendar.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import { listDivisions } from '../../core/org/org.service.js';
import { dailyJob } from '../../core/scheduler/scheduler.daily.js';
import type { JobDefinition } from '../../core/scheduler/scheduler.registry.js';
import { openRequests, updateRequest } from './info.repo.js';
import { issueBulletin, parsePeriod, recordPenalty } from './info.reports.js';
import { beijingToday } from './info.time.js';
import { headsOf, notes, withRoles } from './info.workflow.js';

const SYSTEM = { name: '系统' };

/**
 * The daily 约稿 check: a reminder to the division's heads 2 工作日 before
 * the deadline (once), and the day after it passes one `request_overdue`
 * penalty and a notice to the heads and the office (once: the 约稿 keeps it).
 */
export async function requestCheck(deps: Deps, trx: Transaction<Database>): Promise<{ reminded: number; penalised: number }> {
  const today = beijingToday(deps);
  const cal = await getCalendar(deps, trx);
  const soon = cal.addWorkdays(today, 2).date;
  const out: NotificationInput[] = [];
  let reminded = 0;
  let penalised = 0;
  for (const r of await openRequests(trx)) {
    const link = `/info/requests/${r.id}`;
    if (today > r.deadline && r.penalty_id === null) {
      const p = await recordPenalty(trx, deps, SYSTEM, {
        unitId: r.unit_id,
        code: 'request_overdue',
        date: today,
        reason: `${r.number}“${r.topic}”逾期未报（截止 ${r.deadline}）`,
        requestId: r.id,
      });
      await updateRequest(trx, r.id, { penalty_id: p.id });
      out.push(
        ...notes(
          [...(await headsOf(trx, r.unit_id)), ...(await withRoles(trx, 'office_clerk', 'office_director'))],
          `约稿逾期未报，扣 ${-p.points} 分：${r.topic}`,
          link,
          'info.request_overdue',
        ),
      );
      penalised++;
    } else if (today <= r.deadline && r.deadline <= soon && r.reminded_on === null) {
      await updateRequest(trx, r.id, { reminded_on: today });
      out.push(...notes(await headsOf(trx, r.unit_id), `约稿将于 ${r.deadline} 截止：${r.topic}`, link, 'info.request_due'));
      reminded++;
    }
  }
  if (out.length) await queueNotifications(trx, deps.clock, out);
  return { reminded, penalised };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month and the quarter that ended last before `today`. */
export function lastFinishedPeriods(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const month = m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
  const q = Math.floor((m - 1) / 3);
  const quarter = q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  return [month, quarter];
}

/**
 * The 通报 of each month and quarter, issued at 09:00 on the first 工作日
 * after it ends (or the first run after that): stored once and never changed,
 * and the heads and leaders are told.
 */
export async function bulletinIssue(deps: Deps, trx: Transaction<Database>): Promise<string[]> {
  const today = beijingToday(deps);
  const cal = await getCalendar(deps, trx);
  const issued: string[] = [];
  for (const period of lastFinishedPeriods(today)) {
    const p = parsePeriod(period);
    if (!p) continue;
    if (cal.workdayOnOrAfter(addDays(p.to, 1)).date > today) continue;
    if (!(await issueBulletin(deps, trx, p))) continue;
    issued.push(period);
    const heads: string[] = [];
    for (const d of await listDivisions({ db: trx })) heads.push(...(await headsOf(trx, d.id)));
    await queueNotifications(
      trx,
      deps.clock,
      notes([...heads, ...(await withRoles(trx, 'leader'))], `政务信息工作通报（${p.label}）已印发`, `/info/bulletin?period=${period}`, 'info.bulletin'),
    );
  }
  if (issued.length) {
    await appendAudit(trx, deps.clock, {
      action: 'info.bulletin_issue',
      actor: { id: null, name: '系统', ip: null },
      targetType: 'info_bulletin',
      targetId: issued.join(','),
      details: { periods: issued, by: 'job' },
    });
  }
  return issued;
}

export const infoJobs: readonly JobDefinition[] = [
  dailyJob({ name: 'info.request_check', schedule: '0 8 * * *', run: (deps, trx) => requestCheck(deps, trx) }),
  dailyJob({ name: 'info.bulletin_issue', schedule: '0 9 * * *', run: (deps, trx) => bulletinIssue(deps, trx) }),
];
