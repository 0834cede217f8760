import type { Transaction } from 'kysely';
import { HANDLING_RUNNING, NOTICE_RUNNING, WARNING_LABELS } from '../../../shared/petition.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import { divisionHeads, usersWithRole } from '../../core/org/org.service.js';
import { dailyJob } from '../../core/scheduler/scheduler.daily.js';
import type { JobDefinition } from '../../core/scheduler/scheduler.registry.js';
import { beijingToday, runningView } from './petition.deadlines.js';
import { officerIds } from './petition.officer.js';
import { claimWarning, inStates } from './petition.repo.js';

/**
 * 期限预警: every running deadline at 5 days, 1 day and overdue, once per
 * petition, deadline and level (a deadline moved by an extension is a new
 * deadline). The officer always, the assigned division's head while it
 * handles, the leaders when overdue. Each run looks at today's levels, so a
 * run after downtime catches up with whatever is due by then.
 */
export async function deadlineWarnings(deps: Deps, trx: Transaction<Database>): Promise<{ sent: number }> {
  const today = beijingToday(deps);
  const at = deps.clock.now().toISOString();
  const rows = await inStates(trx, [...NOTICE_RUNNING, ...HANDLING_RUNNING]);
  const officers = await officerIds({ db: trx });
  const leaders = (await usersWithRole({ db: trx }, 'leader')).map((u) => u.id);
  const out: NotificationInput[] = [];
  let sent = 0;
  for (const r of rows) {
    const run = runningView(r, today);
    if (!run.running || !run.warning) continue;
    const kind = NOTICE_RUNNING.includes(r.state) ? 'notice' : 'handling';
    if (!(await claimWarning(trx, { petition_id: r.id, deadline_kind: kind, deadline: run.running, level: run.warning, sent_at: at }))) continue;
    sent++;
    const what = kind === 'notice' ? '告知期限' : '办理期限';
    const left = run.daysLeft ?? 0;
    const when = left < 0 ? `已逾期 ${-left} 日` : left === 0 ? '今日到期' : `还剩 ${left} 日`;
    const title = `【信访${WARNING_LABELS[run.warning]}】${r.number} ${r.subject}：${what} ${run.running}，${when}`.slice(0, 200);
    const to = new Set(officers);
    if (r.state === 'handling' && r.division_id) for (const h of await divisionHeads({ db: trx }, r.division_id)) to.add(h.id);
    if (run.warning === 'overdue') for (const l of leaders) to.add(l);
    for (const userId of to) out.push({ userId, title, link: `/petition/${r.id}`, kind: 'petition.deadline_warning' });
  }
  if (out.length > 0) await queueNotifications(trx, deps.clock, out);
  return { sent };
}

export const petitionJobs: readonly JobDefinition[] = [
  dailyJob({ name: 'petition.deadline_warnings', schedule: '0 8 * * *', run: (deps, trx) => deadlineWarnings(deps, trx) }),
];
