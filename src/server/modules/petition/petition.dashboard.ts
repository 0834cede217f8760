import type { DashboardProvider } from '../../core/dashboard/dashboard.provider.js';
import { beijingToday } from './petition.deadlines.js';
import { seesAll } from './petition.policy.js';
import { monthlyReceived } from './petition.repo.js';
import { yearStats } from './petition.service.js';

/**
 * The 信访 section of the 领导驾驶舱 (shared/api/dashboard.md): open, due in
 * 5 days, overdue and the on-time rate, each the figure of GET
 * /api/petition/stats for the year, with links to the ledger behind them.
 * A reader who may not see every petition (a division) gets none of them.
 */
export const petitionDashboard: DashboardProvider = {
  section: 'petition',
  async build(deps, actor, query) {
    if (!seesAll(actor)) return { open: null, dueIn5Days: null, overdue: null, onTimeRate: null, links: [] };
    const s = await yearStats(deps, query.year);
    return {
      open: s.open,
      dueIn5Days: s.dueIn5Days,
      overdue: s.overdue,
      onTimeRate: s.onTimeRate,
      links: [
        { title: '逾期信访件', href: '/petition?warning=overdue' },
        { title: '临期信访件', href: '/petition?warning=due_soon' },
        { title: '信访统计', href: `/petition/stats?year=${query.year}` },
      ],
    };
  },
  trends: {
    async 'petition.received'(deps, actor, months) {
      if (!seesAll(actor)) return months.map(() => 0);
      const counts = await monthlyReceived(deps.db, months[0] ?? beijingToday(deps).slice(0, 7), months.at(-1) ?? beijingToday(deps).slice(0, 7));
      return months.map((m) => counts.get(m) ?? 0);
    },
  },
};
