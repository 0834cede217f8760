import type { DashboardProvider } from '../../core/dashboard/dashboard.provider.js';
import { hasRole } from '../../core/http/actor.js';
import { ledgerOf, monthlyPoints, topItems } from './info.reports.js';

/**
 * 信息报送's section of the 领导驾驶舱 (../shared/api/dashboard.md): the
 * year's reports, adoptions and points by division against their targets —
 * the very rows of `GET /api/info/ledger` — and the year's best pieces. A
 * division head's view (`scope=division`) keeps their own division.
 */
export const infoDashboard: DashboardProvider = {
  section: 'info',
  async build(deps, actor, query) {
    const own = query.scope === 'division' || !hasRole(actor, 'leader', 'office_director');
    const unitId = own ? (actor.unitId ?? '-') : null;
    const ledger = await ledgerOf(deps.db, query.year);
    const rows = ledger.items.filter((r) => !unitId || r.divisionId === unitId);
    return {
      submitted: rows.reduce((s, r) => s + r.submitted, 0),
      adopted: rows.reduce((s, r) => s + r.adoptions, 0),
      points: rows.reduce((s, r) => s + r.points.total, 0),
      byDivision: rows.map((r) => ({
        rank: r.rank,
        divisionId: r.divisionId,
        divisionName: r.divisionName,
        submitted: r.submitted,
        adopted: r.adoptions,
        points: r.points.total,
        target: r.target,
      })),
      top: await topItems(deps.db, query.year, unitId, 5),
      links: [
        { title: '信息工作进度台账', href: `/info/progress?year=${query.year}` },
        { title: '本年度报送的信息', href: `/info?year=${query.year}` },
        { title: '政务信息工作通报', href: '/info/bulletin' },
      ],
    };
  },
  trends: {
    async 'info.points'(deps, actor, months) {
      const unitId = hasRole(actor, 'leader', 'office_director') ? null : (actor.unitId ?? '-');
      return monthlyPoints(deps.db, months, unitId);
    },
  },
};
