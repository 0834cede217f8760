import type { IncomingStats } from '../../../shared/incoming.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import { statsRows } from './incoming.lists.repo.js';
import { incomingPolicy } from './incoming.policy.js';
import { today } from './incoming.workflow.js';

interface Acc {
  total: number;
  completed: number;
  overdue: number;
  days: number[];
}
const empty = (): Acc => ({ total: 0, completed: 0, overdue: 0, days: [] });

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const finish = (a: Acc) => ({
  total: a.total,
  completed: a.completed,
  completionRate: a.total === 0 ? 0 : Math.round((a.completed / a.total) * 1000) / 1000,
  overdue: a.overdue,
  medianHandlingDays: median(a.days),
});

/**
 * Statistics over the documents of one year (by 收文日期) that the actor may
 * see. Voided and returned documents are not work to be done and are left
 * out. Completed = 办结 or 归档; overdue = still open past the deadline, or
 * finished after it; handling time = workdays from receipt to 办结.
 */
export async function incomingStats(deps: Deps, actor: Actor, year?: number): Promise<IncomingStats> {
  const now = today(deps);
  const y = year ?? Number(now.slice(0, 4));
  const rows = await statsRows(deps.db, incomingPolicy.listFilter(actor), y);
  const cal = await getCalendar(deps);
  const all = empty();
  const byDivision = new Map<string | null, Acc>();
  const byMonth = new Map<string, Acc>();
  for (let m = 1; m <= 12; m++) byMonth.set(`${y}-${String(m).padStart(2, '0')}`, empty());
  for (const r of rows) {
    const done = r.state === 'completed' || r.state === 'archived';
    const doneDay = r.completed_at ? r.completed_at.slice(0, 10) : null;
    const overdue = r.handling_deadline !== null && (done ? doneDay !== null && doneDay > r.handling_deadline : r.handling_deadline < now);
    let days: number | null = null;
    if (done && doneDay) {
      try {
        days = Math.max(0, cal.workdaysBetween(r.received_date, doneDay).count);
      } catch {
        days = null;
      }
    }
    const division = byDivision.get(r.unit_id) ?? empty();
    byDivision.set(r.unit_id, division);
    const month = byMonth.get(r.received_date.slice(0, 7)) ?? empty();
    for (const a of [all, division, month]) {
      a.total++;
      if (done) a.completed++;
      if (overdue) a.overdue++;
      if (days !== null) a.days.push(days);
    }
  }
  const names = new Map(
    (
      await getUnitsByIds(
        deps,
        [...byDivision.keys()].filter((k): k is string => k !== null),
      )
    ).map((u) => [u.id, u.name]),
  );
  return {
    year: y,
    ...finish(all),
    byDivision: [...byDivision.entries()]
      .map(([id, a]) => ({ divisionId: id, name: id ? (names.get(id) ?? '（已撤销的处室）') : '未交办（传阅或待批）', ...finish(a) }))
      .sort((a, b) => b.total - a.total),
    byMonth: [...byMonth.entries()].map(([month, a]) => ({ month, ...finish(a) })),
  };
}
