import type { DashboardProvider } from '../../core/dashboard/dashboard.provider.js';
import { dashboard } from './secrecy.people.service.js';
import { readsAll } from './secrecy.policy.js';

/**
 * The 保密 section of the 领导驾驶舱 (shared/api/dashboard.md): refusals of the
 * last 30 days, overdue loans and open rectifications, each the figure of
 * GET /api/secrecy/dashboard for the same reader, with the lists behind them.
 * A reader who may not read the register (a division's view) gets none.
 */
export const secrecyDashboard: DashboardProvider = {
  section: 'secrecy',
  async build(deps, actor, query) {
    if (!readsAll(actor) || query.scope === 'division') return { guardRefusals30d: null, carriersOverdueReturn: null, openRectifications: null, links: [] };
    const d = await dashboard(deps, actor, { year: query.year });
    return {
      guardRefusals30d: d.refusals.last30Days,
      carriersOverdueReturn: d.carriers.overdue,
      openRectifications: d.inspections.openRectifications,
      links: [
        { title: '借阅逾期的涉密载体', href: '/carrier?overdue=true' },
        { title: '保密自查', href: '/inspection' },
        { title: '保密管理概况', href: '/secrecy' },
      ],
    };
  },
};
