import type { Transaction } from 'kysely';
import { appendAudit } from '../../core/audit/audit.service.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { uuidv7 } from '../../core/ids.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import { usersWithRole } from '../../core/org/org.service.js';
import { insertReminder, itemsRemindedSince, loadRelated, loadRules } from './supervision.repo.js';
import { openItems } from './supervision.reports.repo.js';
import { lightOf } from './supervision.service.js';
import { headsOf, notes, today } from './supervision.workflow.js';

/** Who signs the automatic notices and their 催办单. */
export const AUTO_REMINDER = '督办系统（自动催办）';

/** The first instant of a Beijing date, as the ISO UTC text the rows store. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/**
 * 自动催办: on a working day, every open item whose deadline is within the
 * due-soon window, or already past, gets a 催办 as the office's manual one
 * does (a reminder row, from which its 催办单 .docx is rendered), sent to the
 * lead division's heads and the item's owner; the office director gets one
 * summary. An item already reminded today (by hand or by a rerun) is skipped,
 * so no item is reminded more than once per working day.
 */
export async function autoRemind(deps: Deps, trx: Transaction<Database>): Promise<{ reminded: number }> {
  const day = today(deps);
  const cal = await getCalendar(deps, trx);
  // Days off send nothing: the 催办 of a weekend would only be read on Monday, with Monday's own.
  if (!cal.isWorkday(day)) return { reminded: 0 };
  const rules = await loadRules(trx);
  const rows = await openItems(trx);
  const since = beijingMidnight(day);
  const remindedToday = rows.length === 0 ? new Set<string>() : await itemsRemindedSince(trx, since);
  const { milestones } = await loadRelated(
    trx,
    rows.map((r) => r.id),
  );
  const at = deps.clock.now().toISOString();
  const out: NotificationInput[] = [];
  let overdue = 0;
  let dueSoon = 0;
  const reminded: string[] = [];
  for (const r of rows.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.number.localeCompare(b.number))) {
    if (remindedToday.has(r.id)) continue;
    const late = day > r.deadline;
    const left = late ? 0 : cal.workdaysBetween(day, r.deadline).count;
    if (!late && left > rules.dueSoonWorkdays) continue;
    const message = late
      ? `已超过办结时限 ${r.deadline}，请抓紧办理并报送进展；逾期事项按原时限考核`
      : left === 0
        ? `今日到期（时限 ${r.deadline}），请按时申请办结`
        : `距办结时限 ${r.deadline} 还有 ${left} 个工作日，请按时办结`;
    const lit = lightOf(r, milestones.get(r.id) ?? [], day, cal, rules);
    await insertReminder(trx, { id: uuidv7(), item_id: r.id, message, sent_by_name: AUTO_REMINDER, light: lit.light, at });
    const to = [...(await headsOf(trx, [r.lead_division_id])), ...(r.owner_id ? [r.owner_id] : [])];
    out.push(...notes(to, `【催办】${r.number} ${r.title}：${message}`, r.id, 'supervision.remind'));
    if (late) overdue += 1;
    else dueSoon += 1;
    reminded.push(r.number);
  }
  if (overdue + dueSoon > 0) {
    const title = `自动催办：今日催办 ${overdue + dueSoon} 件（逾期 ${overdue} 件，临近时限 ${dueSoon} 件）`;
    for (const d of await usersWithRole({ db: trx }, 'office_director')) {
      out.push({ userId: d.id, title, link: overdue > 0 ? '/supervision?light=red' : '/supervision?light=yellow', kind: 'supervision.remind' });
    }
  }
  await queueNotifications(trx, deps.clock, out, { email: true });
  // The job acts as the office would: its 催办 are on the record like a manual one, signed by the system.
  if (reminded.length > 0) {
    await appendAudit(trx, deps.clock, {
      action: 'supervision.auto_remind',
      actor: { id: null, name: AUTO_REMINDER, ip: null },
      targetType: 'supervision',
      details: { day, overdue, dueSoon, items: reminded },
    });
  }
  return { reminded: overdue + dueSoon };
}
