import type { Transaction } from 'kysely';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import { dailyJob } from '../../core/scheduler/scheduler.daily.js';
import type { JobDefinition } from '../../core/scheduler/scheduler.registry.js';
import { getUnitsByIds, usersWithRole } from '../../core/org/org.service.js';
import { addDays, beijingDate, updateDueDate, weekOf, weekRange } from './supervision.lights.js';
import { autoRemind } from './supervision.autoremind.js';
import { loadRelated, loadRules } from './supervision.repo.js';
import { claimMissed, openItems } from './supervision.reports.repo.js';
import { lightOf } from './supervision.service.js';
import { issueWeeklyReport } from './supervision.weekly.js';
import { headsOf, today } from './supervision.workflow.js';

/**
 * 一周一督: on the week's due day (the configured weekday, or the last
 * workday before it when that is a holiday), every open item without an
 * update this week is recorded against its lead division and the division
 * head is told; the office director gets the list. Each (item, week) is
 * recorded once, so a rerun changes nothing.
 */
export async function weeklyUpdateCheck(deps: Deps, trx: Transaction<Database>): Promise<{ flagged: number; due: string | null }> {
  const day = today(deps);
  const cal = await getCalendar(deps, trx);
  const rules = await loadRules(trx);
  const week = weekOf(day);
  const due = updateDueDate(week, rules.updateWeekday, cal);
  if (due !== day) return { flagged: 0, due };
  const at = deps.clock.now().toISOString();
  const rows = await openItems(trx);
  const { milestones } = await loadRelated(
    trx,
    rows.map((r) => r.id),
  );
  const out: NotificationInput[] = [];
  const flaggedByUnit = new Map<string, string[]>();
  for (const r of rows) {
    const lit = lightOf(r, milestones.get(r.id) ?? [], day, cal, rules);
    if (!lit.updateMissing) continue;
    if (!(await claimMissed(trx, { item_id: r.id, week, unit_id: r.lead_division_id, flagged_at: at }))) continue;
    flaggedByUnit.set(r.lead_division_id, [...(flaggedByUnit.get(r.lead_division_id) ?? []), r.number]);
    for (const userId of await headsOf(trx, [r.lead_division_id])) {
      out.push({
        userId,
        title: `【一周一督】本周进展未报送：${r.number} ${r.title}`.slice(0, 200),
        link: `/supervision/${r.id}`,
        kind: 'supervision.update_missing',
      });
    }
  }
  const flagged = [...flaggedByUnit.values()].reduce((n, xs) => n + xs.length, 0);
  if (flagged > 0) {
    const names = new Map((await getUnitsByIds({ db: trx }, [...flaggedByUnit.keys()])).map((u) => [u.id, u.name]));
    const summary = [...flaggedByUnit.entries()].map(([u, xs]) => `${names.get(u) ?? ''} ${xs.length} 件`).join('，');
    for (const d of await usersWithRole({ db: trx }, 'office_director')) {
      out.push({
        userId: d.id,
        title: `一周一督：${flagged} 件事项本周未报送进展（${summary}）`.slice(0, 200),
        link: '/supervision?light=yellow',
        kind: 'supervision.update_missing',
      });
    }
  }
  await queueNotifications(trx, deps.clock, out, { email: true });
  return { flagged, due };
}

export const supervisionJobs: readonly JobDefinition[] = [
  // 09:00 Beijing time each day, at the start of office hours; it sends nothing on a day off.
  dailyJob({ name: 'supervision.auto_remind', schedule: '0 9 * * *', run: autoRemind }),
  // 18:00 Beijing time each day; it acts only on the week's due day, which a holiday may move.
  dailyJob({ name: 'supervision.weekly_update_check', schedule: '0 18 * * *', run: weeklyUpdateCheck }),
  // 19:00 each day, an hour after the check; it issues once the week's report day has come (reportDay).
  dailyJob({
    name: 'supervision.weekly_report',
    schedule: '0 19 * * *',
    async run(deps, trx, period) {
      const day = beijingDate(period.scheduledAt);
      const week = weekOf(day);
      const cal = await getCalendar(deps, trx);
      const rules = await loadRules(trx);
      if (day < reportDay(week, rules.updateWeekday, cal)) return;
      // The check is idempotent: run here too, so the report names this week's misses whichever job the scheduler took first.
      await weeklyUpdateCheck(deps, trx);
      await issueWeeklyReport(deps, trx, week, { notify: true });
    },
  }),
];

/**
 * The day the week's report is issued: Friday, or the update's due day when
 * the office set a later weekday and a 调休 weekend makes it a workday, so
 * the report never goes out before the week's updates were due.
 */
export function reportDay(week: string, updateWeekday: number, cal: Parameters<typeof updateDueDate>[2]): string {
  const friday = addDays(weekRange(week).from, 4);
  const due = updateDueDate(week, updateWeekday, cal);
  return due !== null && due > friday ? due : friday;
}
