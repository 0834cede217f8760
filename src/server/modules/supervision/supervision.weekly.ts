/*
 * 督办周报: the week's report, built from the ledger as it stood at the end of
 * the week (or now, for the running week), and stored when issued — by the
 * weekly job, or the first time a finished week is asked for — so that a
 * past week reads exactly as it was issued however the items moved since.
 */
import type { Transaction } from 'kysely';
import { SOURCE_LABELS, type WeeklyReport, weeklyReportSchema } from '../../../shared/supervision.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, validation } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { queueNotifications } from '../../core/notify/notify.service.js';
import { listDivisions, usersWithRole } from '../../core/org/org.service.js';
import { addDays, beijingDate, computeLight, weekOf, weekRange } from './supervision.lights.js';
import { type ItemAsOf, itemsAsOf } from './supervision.asof.js';
import type { Executor } from '../../core/db/executor.js';
import { loadRelated, loadRules } from './supervision.repo.js';
import { extensionsBefore, firstCreatedAt, insertReport, itemsCreatedBefore, missedInYearUpTo, reportRow, updatesBefore } from './supervision.reports.repo.js';
import { today } from './supervision.workflow.js';

/** The instant a Beijing date begins, as ISO UTC text (comparable with stored instants). */
const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const rate = (closed: number, total: number) => (total === 0 ? 0 : Math.round((closed / total) * 1000) / 10);

export function mayReadReport(actor: Actor): boolean {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader');
}

/** Builds the report of `week` as of its last day (or today, while the week runs). */
export async function buildWeeklyReport(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>, db: Executor, week: string): Promise<WeeklyReport> {
  const { from, to } = weekRange(week);
  const day = today(deps);
  if (from > day) throw validation(`${week} 尚未开始，不能生成周报`, { fields: [{ field: 'week', message: '周次尚未开始' }] });
  const asOf = day < to ? day : to;
  const weekStart = startOf(from);
  const weekEnd = startOf(addDays(to, 1));
  const cal = await getCalendar(deps, db);
  const rules = await loadRules(db);
  const divisions = await listDivisions({ db: db as Transaction<Database> });
  const divisionName = new Map(divisions.map((d) => [d.id, d.name]));
  const nameOf = (id: string) => divisionName.get(id) ?? '（已撤销的处室）';

  const rows = await itemsCreatedBefore(db, weekEnd);
  const ids = rows.map((r) => r.id);
  const { milestones } = await loadRelated(db, ids);
  const inWeek = <T extends { at: string }>(xs: T[]) => xs.filter((x) => x.at >= weekStart && x.at < weekEnd);
  const [updates, extensions, missed] = await Promise.all([updatesBefore(db, weekEnd), extensionsBefore(db, weekEnd), missedInYearUpTo(db, week)]);
  const latest = new Map<string, (typeof updates)[number]>();
  for (const u of updates) latest.set(u.item_id, u);
  const missedThisWeek = new Set(missed.filter((m) => m.week === week).map((m) => m.item_id));
  // Each item as it stood at the end of the week: later closures, extensions and suspensions are not yet known then.
  const asOfEnd = await itemsAsOf(db, rows, weekEnd);
  const then = (r: (typeof rows)[number]): ItemAsOf =>
    asOfEnd.get(r.id) ?? {
      state: r.state,
      deadline: r.deadline,
      lastUpdateAt: r.last_update_at,
      closureRequestedAt: r.closure_requested_at,
      percent: Number(r.percent),
    };

  const base = (r: (typeof rows)[number]) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    leadDivision: nameOf(r.lead_division_id),
    deadline: then(r).deadline,
  });
  const report: WeeklyReport = {
    week,
    from,
    to,
    generatedAt: deps.clock.now().toISOString(),
    issued: false,
    totals: { total: 0, closed: 0, inProgress: 0, suspended: 0, overdue: 0, completionRate: 0 },
    newItems: [],
    closedItems: [],
    inProgress: [],
    dueSoon: [],
    overdue: [],
    extensions: [],
    coordination: [],
    nextWeekMilestones: [],
    missingUpdates: [],
    byDivision: [],
  };
  const perDivision = new Map<string, { total: number; closed: number; inProgress: number; overdue: number; missedUpdates: number }>();
  for (const d of divisions) perDivision.set(d.id, { total: 0, closed: 0, inProgress: 0, overdue: 0, missedUpdates: 0 });
  const nextWeek = weekRange(weekOf(addDays(to, 1)));

  for (const r of rows) {
    const { state, deadline, lastUpdateAt, closureRequestedAt, percent } = then(r);
    const ms = (milestones.get(r.id) ?? []).map((m) => ({
      title: m.title,
      dueDate: m.due_date,
      doneAt: m.done_at !== null && m.done_at < weekEnd ? m.done_at : null,
    }));
    const last = latest.get(r.id);
    const lit = computeLight({ state, deadline, createdAt: r.created_at, lastUpdateAt, closureRequestedAt, milestones: ms }, asOf, cal, rules);
    const div = perDivision.get(r.lead_division_id) ?? { total: 0, closed: 0, inProgress: 0, overdue: 0, missedUpdates: 0 };
    perDivision.set(r.lead_division_id, div);
    div.total++;
    report.totals.total++;
    if (r.created_at >= weekStart) report.newItems.push({ ...base(r), source: SOURCE_LABELS[r.source], createdAt: r.created_at });
    if (state === 'closed') {
      div.closed++;
      report.totals.closed++;
      if (r.closed_at !== null && r.closed_at >= weekStart) report.closedItems.push({ ...base(r), closedAt: r.closed_at, result: r.closure_result ?? '' });
      continue;
    }
    if (state === 'suspended') {
      report.totals.suspended++;
      continue;
    }
    div.inProgress++;
    report.totals.inProgress++;
    report.inProgress.push({
      ...base(r),
      percent,
      light: lit.light,
      latestUpdate: last ? { content: last.content, at: last.at, by: `${last.unit_name} ${last.user_name}`.trim() } : null,
    });
    const late = state !== 'closure_requested' && asOf > deadline;
    if (late) {
      div.overdue++;
      report.totals.overdue++;
      report.overdue.push({ ...base(r), workdaysOverdue: cal.workdaysBetween(deadline, asOf).count, responsible: nameOf(r.lead_division_id) });
    } else if (state !== 'closure_requested') {
      const left = cal.workdaysBetween(asOf, deadline).count;
      if (left <= rules.dueSoonWorkdays) report.dueSoon.push({ ...base(r), workdaysLeft: left });
    }
    if (lit.updateMissing || missedThisWeek.has(r.id)) report.missingUpdates.push(base(r));
    for (const m of ms) {
      if (m.doneAt === null && m.dueDate >= nextWeek.from && m.dueDate <= nextWeek.to)
        report.nextWeekMilestones.push({ ...base(r), milestone: m.title, dueDate: m.dueDate });
    }
    if (deadline >= nextWeek.from && deadline <= nextWeek.to) report.nextWeekMilestones.push({ ...base(r), milestone: '办结时限', dueDate: deadline });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Requested or decided in the week; a decision after the week's end was not known then.
  for (const e of extensions) {
    const decidedAt = e.decided_at !== null && e.decided_at < weekEnd ? e.decided_at : null;
    if (e.at < weekStart && (decidedAt === null || decidedAt < weekStart)) continue;
    const r = byId.get(e.item_id);
    if (r) report.extensions.push({ ...base(r), requestedDeadline: e.requested_deadline, reason: e.reason, state: decidedAt !== null ? e.state : 'pending' });
  }
  for (const u of inWeek(updates)) {
    const r = byId.get(u.item_id);
    if (r && u.coordination) report.coordination.push({ ...base(r), matter: u.coordination, raisedBy: `${u.unit_name} ${u.user_name}`.trim(), at: u.at });
  }
  for (const m of missed) {
    const div = perDivision.get(m.unit_id);
    if (div) div.missedUpdates++;
  }
  report.nextWeekMilestones.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  report.totals.completionRate = rate(report.totals.closed, report.totals.total);
  report.byDivision = [...perDivision.entries()].map(([divisionId, d]) => ({
    divisionId,
    name: nameOf(divisionId),
    ...d,
    completionRate: rate(d.closed, d.total),
  }));
  return report;
}

async function storedReport(db: Executor, week: string): Promise<WeeklyReport | undefined> {
  const row = await reportRow(db, week);
  return row ? weeklyReportSchema.parse(JSON.parse(row.data)) : undefined;
}

/**
 * Issues the week's report: stores it (once; a second issue keeps the first)
 * and, when the weekly job issues it, tells the leaders and the office.
 * Returns the report as stored.
 */
export async function issueWeeklyReport(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>,
  trx: Transaction<Database>,
  week: string,
  opts: { notify: boolean },
): Promise<WeeklyReport> {
  const existing = await storedReport(trx, week);
  if (existing) return existing;
  const report = { ...(await buildWeeklyReport(deps, trx, week)), issued: true };
  await insertReport(trx, { week, generated_at: report.generatedAt, data: JSON.stringify(report) });
  if (opts.notify) {
    const to = new Set<string>();
    for (const role of ['leader', 'office_director', 'office_clerk'] as const) for (const u of await usersWithRole({ db: trx }, role)) to.add(u.id);
    await queueNotifications(
      trx,
      deps.clock,
      [...to].map((userId) => ({
        userId,
        title: `督办周报（${week}）已生成：在办 ${report.totals.inProgress} 件，逾期 ${report.totals.overdue} 件`,
        link: `/supervision/report?week=${week}`,
        kind: 'supervision.weekly_report',
      })),
    );
  }
  return (await storedReport(trx, week)) ?? report;
}

/** The week of the first 督办 item: no report is kept for the weeks before the ledger began. */
async function firstWeek(db: Executor): Promise<string | null> {
  const first = await firstCreatedAt(db);
  return first !== null ? weekOf(beijingDate(first)) : null;
}

/**
 * `GET /api/supervision/weekly-report`: the stored report of an issued week.
 * A finished week the job never issued (the server was down) is issued now,
 * quietly (the job alone notifies), and rebuilt as it stood at the week's
 * end; a week before the ledger's first item, and the running week, are
 * built live and marked not issued, so no reader stores a report for an
 * arbitrary old week.
 */
export async function getWeeklyReport(deps: Deps, actor: Actor, week?: string): Promise<WeeklyReport> {
  if (!mayReadReport(actor)) throw forbidden('督办周报仅办公室和局领导可以查看；处室请查看“本处室本周”');
  const w = week ?? weekOf(today(deps));
  const stored = await storedReport(deps.db, w);
  if (stored) return stored;
  if (weekRange(w).to < today(deps)) {
    const start = await firstWeek(deps.db);
    if (start !== null && w >= start) return deps.db.transaction().execute((trx) => issueWeeklyReport(deps, trx, w, { notify: false }));
  }
  return buildWeeklyReport(deps, deps.db, w);
}
