import type { Transaction } from 'kysely';
import { INSTRUCTION_LEVEL_LABELS } from '../../../shared/info.js';
import {
  type Bulletin,
  bulletinSchema,
  DEFAULT_SCORING,
  type InfoLedger,
  type Penalty,
  type PenaltyCreate,
  PERIOD_RE,
  type Scoring,
  type ScoringBody,
  scoringBodySchema,
  type ScoringUpdate,
  type Targets,
  type TargetsUpdate,
} from '../../../shared/info.scoring.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, invalidTransition, notFound, validation, versionConflict } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import { getUnitsByIds, listDivisions } from '../../core/org/org.service.js';
import { adoptionPoints, instructionPoints, rate, scoringTables, type TableFor, yearOfDate } from './info.points.js';
import { isOffice } from './info.policy.js';
import {
  adoptionsBetween,
  codesUsedIn,
  insertBulletin,
  insertPenalty,
  instructionsOfItemsBetween,
  loadBulletin,
  loadItem,
  loadPenalty,
  loadYearRow,
  latestYearRowBefore,
  penaltiesBetween,
  penaltyList,
  publicationLog,
  type PenaltyRow,
  reportedBetween,
  requestsCreatedBetween,
  revokePenalty,
  saveYearRow,
} from './info.repo.js';
import { beijingToday } from './info.time.js';

/* 信息考核: the year's scoring table and targets, penalties, the 进度台账 and the 通报 (../shared/api/info.md). */

const mayReadFigures = (actor: Actor) => isOffice(actor) || hasRole(actor, 'leader', 'division_head', 'staff');
const requireDirector = (actor: Actor, what: string) => {
  if (!hasRole(actor, 'office_director')) throw forbidden(`只有办公室主任可以${what}`);
};

// ── scoring table ──

/** A year's table: its own, else a copy of the latest earlier year's, else the default (version 0 until saved). */
export async function scoringOf(db: Executor, year: number): Promise<Scoring> {
  const own = await loadYearRow(db, 'info_scoring', year);
  if (own) return { year, version: own.version, ...scoringBodySchema.parse(JSON.parse(own.body)) };
  const earlier = await latestYearRowBefore(db, 'info_scoring', year);
  const body: ScoringBody = earlier ? scoringBodySchema.parse(JSON.parse(earlier.body)) : DEFAULT_SCORING;
  return { year, version: 0, ...body };
}

export async function getScoring(deps: Deps, actor: Actor, year: number): Promise<Scoring> {
  if (!mayReadFigures(actor) && !hasRole(actor, 'secrecy_officer')) throw forbidden('您无权查看考核表');
  return scoringOf(deps.db, year);
}

function dupes(xs: readonly string[]): string[] {
  return xs.filter((x, i) => xs.indexOf(x) !== i);
}

export async function putScoring(deps: Deps, actor: Actor, year: number, body: ScoringUpdate): Promise<Scoring> {
  requireDirector(actor, '修改考核表');
  const { version, ...table } = body;
  const channelDupes = dupes(table.channels.map((c) => c.code));
  if (channelDupes.length) throw validation(`渠道代码重复：${channelDupes.join('、')}`, { fields: [{ field: 'channels', message: '代码重复' }] });
  const penaltyDupes = dupes(table.penalties.map((p) => p.code));
  if (penaltyDupes.length) throw validation(`扣分项代码重复：${penaltyDupes.join('、')}`, { fields: [{ field: 'penalties', message: '代码重复' }] });
  return deps.db.transaction().execute(async (trx) => {
    const used = await codesUsedIn(trx, year);
    const missingChannels = [...used.channels].filter((c) => !table.channels.some((x) => x.code === c));
    const missingPenalties = [...used.penalties].filter((c) => !table.penalties.some((x) => x.code === c));
    if (missingChannels.length || missingPenalties.length) {
      throw validation(`本年度已使用的代码不能删除（可停用）：${[...missingChannels, ...missingPenalties].join('、')}`, {
        fields: [{ field: missingChannels.length ? 'channels' : 'penalties', message: '已使用的代码不能删除' }],
      });
    }
    const current = await scoringOf(trx, year);
    if (current.version !== version) throw versionConflict({ currentVersion: current.version });
    const at = deps.clock.now().toISOString();
    if (!(await saveYearRow(trx, 'info_scoring', year, version, JSON.stringify(table), at))) throw versionConflict();
    await appendAudit(trx, deps.clock, {
      action: 'info.scoring',
      actor: auditActor(actor),
      targetType: 'info_scoring',
      targetId: String(year),
      details: { year, version: version + 1 },
    });
    return { year, version: version + 1, ...table };
  });
}

// ── targets ──

async function targetsOf(db: Executor, year: number): Promise<Targets> {
  const divisions = await listDivisions({ db });
  const row = await loadYearRow(db, 'info_targets', year);
  const saved = row ? (JSON.parse(row.body) as { divisionId: string; submissions: number; adoptions: number; points: number }[]) : [];
  return {
    year,
    version: row?.version ?? 0,
    items: divisions.map((d) => {
      const t = saved.find((s) => s.divisionId === d.id);
      return { divisionId: d.id, divisionName: d.name, submissions: t?.submissions ?? 0, adoptions: t?.adoptions ?? 0, points: t?.points ?? 0 };
    }),
  };
}

export async function getTargets(deps: Deps, actor: Actor, year: number): Promise<Targets> {
  if (!mayReadFigures(actor)) throw forbidden('您无权查看考核目标');
  return targetsOf(deps.db, year);
}

export async function putTargets(deps: Deps, actor: Actor, year: number, body: TargetsUpdate): Promise<Targets> {
  requireDirector(actor, '设定考核目标');
  return deps.db.transaction().execute(async (trx) => {
    const divisions = new Set((await listDivisions({ db: trx })).map((d) => d.id));
    const unknown = body.items.filter((i) => !divisions.has(i.divisionId));
    if (unknown.length)
      throw validation('目标中有不存在的处室', { fields: [{ field: 'items', message: `未知处室 ${unknown.map((u) => u.divisionId).join('、')}` }] });
    const d = dupes(body.items.map((i) => i.divisionId));
    if (d.length) throw validation('同一处室的目标只能填写一次', { fields: [{ field: 'items', message: '处室重复' }] });
    const current = await targetsOf(trx, year);
    if (current.version !== body.version) throw versionConflict({ currentVersion: current.version });
    const at = deps.clock.now().toISOString();
    const rows = body.items.map((i) => ({ divisionId: i.divisionId, submissions: i.submissions, adoptions: i.adoptions, points: i.points }));
    if (!(await saveYearRow(trx, 'info_targets', year, body.version, JSON.stringify(rows), at))) throw versionConflict();
    await appendAudit(trx, deps.clock, {
      action: 'info.targets',
      actor: auditActor(actor),
      targetType: 'info_targets',
      targetId: String(year),
      details: { year, version: body.version + 1 },
    });
    return targetsOf(trx, year);
  });
}

// ── penalties ──

async function presentPenalties(db: Executor, rows: readonly PenaltyRow[]): Promise<Penalty[]> {
  const names = new Map((await getUnitsByIds({ db }, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    divisionId: r.unit_id,
    divisionName: names.get(r.unit_id) ?? '（已撤销的处室）',
    code: r.code,
    name: r.name,
    points: r.points,
    date: r.date,
    reason: r.reason,
    itemId: r.item_id,
    requestId: r.request_id,
    revoked: r.revoked === 1,
    revokeReason: r.revoke_reason,
    createdAt: r.created_at,
  }));
}

/** Records a penalty in the caller's transaction (the route's, or the 约稿 job's); the points come from the date's year table. */
export async function recordPenalty(
  trx: Transaction<Database>,
  deps: Deps,
  by: { name: string },
  p: { unitId: string; code: string; date: string; reason: string; itemId?: string | null; requestId?: string | null },
): Promise<PenaltyRow> {
  const table = await scoringOf(trx, yearOfDate(p.date));
  const rule = table.penalties.find((x) => x.code === p.code);
  if (!rule) throw validation(`扣分项“${p.code}”不在 ${yearOfDate(p.date)} 年的考核表中`, { fields: [{ field: 'code', message: '未知的扣分项' }] });
  const row: PenaltyRow = {
    id: uuidv7(),
    unit_id: p.unitId,
    code: rule.code,
    name: rule.name,
    points: rule.points,
    date: p.date,
    reason: p.reason,
    item_id: p.itemId ?? null,
    request_id: p.requestId ?? null,
    revoked: 0,
    revoke_reason: null,
    revoked_at: null,
    created_by_name: by.name,
    created_at: deps.clock.now().toISOString(),
  };
  await insertPenalty(trx, row);
  return row;
}

export async function createPenalty(deps: Deps, actor: Actor, body: PenaltyCreate): Promise<Penalty> {
  if (!isOffice(actor)) throw forbidden('只有办公室可以登记扣分');
  await guardText(deps, actor, { reason: body.reason }, { targetType: 'info_penalty', what: '登记扣分', fieldLabels: { reason: '扣分事由' } });
  if (body.date > beijingToday(deps)) throw validation('扣分日期不能晚于今天', { fields: [{ field: 'date', message: '晚于今天' }] });
  return deps.db.transaction().execute(async (trx) => {
    const divisions = await listDivisions({ db: trx });
    if (!divisions.some((d) => d.id === body.divisionId)) throw validation('处室不存在', { fields: [{ field: 'divisionId', message: '不是处室' }] });
    if (body.itemId) {
      const item = await loadItem(trx, body.itemId);
      if (item?.unit_id !== body.divisionId) throw validation('所指政务信息不存在或不属于该处室', { fields: [{ field: 'itemId', message: '不属于该处室' }] });
    }
    const row = await recordPenalty(trx, deps, actor, {
      unitId: body.divisionId,
      code: body.code,
      date: body.date,
      reason: body.reason,
      itemId: body.itemId ?? null,
    });
    await appendAudit(trx, deps.clock, {
      action: 'info.penalty',
      actor: auditActor(actor),
      targetType: 'info_penalty',
      targetId: row.id,
      details: { code: row.code, points: row.points, date: row.date, unitId: row.unit_id },
    });
    const [out] = await presentPenalties(trx, [row]);
    if (!out) throw new Error('penalty vanished');
    return out;
  });
}

export async function listPenalties(
  deps: Deps,
  actor: Actor,
  q: { year?: number | undefined; divisionId?: string | undefined },
): Promise<{ items: Penalty[] }> {
  if (!mayReadFigures(actor)) throw forbidden('您无权查看扣分记录');
  // A division sees its own penalties; the office and leaders all of them.
  const own = !isOffice(actor) && !hasRole(actor, 'leader');
  if (own && q.divisionId && q.divisionId !== actor.unitId) return { items: [] };
  const unitId = own ? (actor.unitId ?? '-') : q.divisionId;
  const rows = await penaltyList(deps.db, { ...(q.year ? { from: `${q.year}-01-01`, to: `${q.year}-12-31` } : {}), unitId });
  return { items: await presentPenalties(deps.db, rows) };
}

export async function revokePenaltyById(deps: Deps, actor: Actor, id: string, reason: string): Promise<Penalty> {
  requireDirector(actor, '撤销扣分');
  await guardText(deps, actor, { reason }, { targetType: 'info_penalty', targetId: id, what: '撤销扣分', fieldLabels: { reason: '撤销理由' } });
  return deps.db.transaction().execute(async (trx) => {
    const p = await loadPenalty(trx, id);
    if (!p) throw notFound('该扣分记录不存在');
    if (!(await revokePenalty(trx, id, reason, deps.clock.now().toISOString()))) {
      throw invalidTransition('该扣分已撤销');
    }
    await appendAudit(trx, deps.clock, {
      action: 'info.penalty_revoke',
      actor: auditActor(actor),
      targetType: 'info_penalty',
      targetId: id,
      details: { reason },
    });
    const fresh = await loadPenalty(trx, id);
    const [out] = await presentPenalties(trx, fresh ? [fresh] : []);
    if (!out) throw new Error('penalty vanished');
    return out;
  });
}

// ── figures over a span: the ledger, the 通报 ──

interface Figures {
  submitted: number;
  adoptions: number;
  instructions: number;
  penalties: number;
  points: { submission: number; adoption: number; instruction: number; penalty: number; total: number };
}
const zero = (): Figures => ({
  submitted: 0,
  adoptions: 0,
  instructions: 0,
  penalties: 0,
  points: { submission: 0, adoption: 0, instruction: 0, penalty: 0, total: 0 },
});

export interface Highlight {
  itemId: string;
  title: string;
  unitId: string;
  type: 'adoption' | 'instruction';
  date: string;
  points: number;
  detail: string;
}

/** Each division's figures over events dated in [from, to] (penalties unrevoked), and the period's highlights. */
export async function figuresBetween(
  db: Executor,
  table: TableFor,
  from: string,
  to: string,
): Promise<{ by: Map<string, Figures>; highlights: Highlight[]; penalties: PenaltyRow[] }> {
  const by = new Map<string, Figures>();
  const f = (unitId: string) => {
    let x = by.get(unitId);
    if (!x) by.set(unitId, (x = zero()));
    return x;
  };
  const highlights: Highlight[] = [];
  for (const r of await reportedBetween(db, from, to)) {
    const x = f(r.unit_id);
    x.submitted++;
    x.points.submission += table(yearOfDate(r.reported_date)).submissionPoints;
  }
  for (const a of await adoptionsBetween(db, from, to)) {
    const x = f(a.unit_id);
    const p = adoptionPoints(table, a.info_type, a);
    x.adoptions++;
    x.points.adoption += p;
    highlights.push({
      itemId: a.item_id,
      title: a.title,
      unitId: a.unit_id,
      type: 'adoption',
      date: a.adopted_date,
      points: p,
      detail: `${a.channel_name}${a.publication ? `（${a.publication}）` : ''}采用`,
    });
  }
  const instr = await instructionsOfItemsBetween(db, from, to);
  const perItem = new Map<string, typeof instr>();
  for (const n of instr) perItem.set(n.item_id, [...(perItem.get(n.item_id) ?? []), n]);
  for (const list of perItem.values()) {
    const pts = instructionPoints(table, list);
    list.forEach((n, i) => {
      if (n.instructed_date < from) return;
      const x = f(n.unit_id);
      x.instructions++;
      x.points.instruction += pts[i] ?? 0;
      highlights.push({
        itemId: n.item_id,
        title: n.title,
        unitId: n.unit_id,
        type: 'instruction',
        date: n.instructed_date,
        points: pts[i] ?? 0,
        detail: `${n.leader_title}（${INSTRUCTION_LEVEL_LABELS[n.level]}）批示`,
      });
    });
  }
  const penalties = (await penaltiesBetween(db, from, to)).filter((p) => p.revoked === 0);
  for (const p of penalties) {
    const x = f(p.unit_id);
    x.penalties++;
    x.points.penalty += p.points;
  }
  for (const x of by.values()) x.points.total = x.points.submission + x.points.adoption + x.points.instruction + x.points.penalty;
  highlights.sort((a, b) => (a.date === b.date ? b.points - a.points : a.date < b.date ? -1 : 1));
  return { by, highlights, penalties };
}

/** Rank: total, adoptions, submitted (desc), then the divisions' own order; 1…n. */
function ranked<T extends { divisionId: string; total: number; adoptions: number; submitted: number }>(
  rows: readonly T[],
  order: readonly string[],
): (T & { rank: number })[] {
  const pos = (id: string) => order.indexOf(id);
  return [...rows]
    .sort((a, b) => b.total - a.total || b.adoptions - a.adoptions || b.submitted - a.submitted || pos(a.divisionId) - pos(b.divisionId))
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

export async function infoLedger(deps: Deps, actor: Actor, year: number): Promise<InfoLedger> {
  if (!mayReadFigures(actor)) throw forbidden('您无权查看进度台账');
  return ledgerOf(deps.db, year);
}

export async function ledgerOf(db: Executor, year: number): Promise<InfoLedger> {
  const [table, targets, divisions] = await Promise.all([scoringTables(db), targetsOf(db, year), listDivisions({ db })]);
  const { by } = await figuresBetween(db, table, `${year}-01-01`, `${year}-12-31`);
  const rows = divisions.map((d) => {
    const x = by.get(d.id) ?? zero();
    const t = targets.items.find((i) => i.divisionId === d.id) ?? { submissions: 0, adoptions: 0, points: 0 };
    return {
      divisionId: d.id,
      divisionName: d.name,
      target: { submissions: t.submissions, adoptions: t.adoptions, points: t.points },
      submitted: x.submitted,
      adoptions: x.adoptions,
      instructions: x.instructions,
      penalties: x.penalties,
      points: x.points,
      total: x.points.total,
      rates: { submissions: rate(x.submitted, t.submissions), adoptions: rate(x.adoptions, t.adoptions), points: rate(x.points.total, t.points) },
    };
  });
  return {
    year,
    items: ranked(
      rows,
      divisions.map((d) => d.id),
    ).map(({ total: _total, ...r }) => r),
  };
}

// ── 通报 ──

export interface Period {
  period: string;
  from: string;
  to: string;
  /** 第N期: months 1–12, quarters 13–16. */
  issue: number;
  year: number;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function parsePeriod(period: string): Period | null {
  const m = PERIOD_RE.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    return { period, year, from: `${year}-${m[2]}-01`, to: `${year}-${m[2]}-${pad(lastDay(year, month))}`, issue: month, label: `${year}年${month}月` };
  }
  const q = Number(m[3]);
  const first = (q - 1) * 3 + 1;
  return {
    period,
    year,
    from: `${year}-${pad(first)}-01`,
    to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
    issue: 12 + q,
    label: `${year}年第${q}季度`,
  };
}

/** The 通报's figures over the period, computed now (what the job stores when it issues it). */
export async function computeBulletin(db: Executor, p: Period): Promise<Omit<Bulletin, 'issued' | 'issuedAt'>> {
  const [table, divisions, targets] = await Promise.all([scoringTables(db), listDivisions({ db }), targetsOf(db, p.year)]);
  const span = await figuresBetween(db, table, p.from, p.to);
  const ytd = await figuresBetween(db, table, `${p.year}-01-01`, p.to);
  const names = new Map(divisions.map((d) => [d.id, d.name]));
  const rows = divisions.map((d) => {
    const x = span.by.get(d.id) ?? zero();
    const y = ytd.by.get(d.id) ?? zero();
    const t = targets.items.find((i) => i.divisionId === d.id);
    return {
      divisionId: d.id,
      divisionName: d.name,
      submitted: x.submitted,
      adoptions: x.adoptions,
      instructions: x.instructions,
      points: x.points.total,
      total: x.points.total,
      yearPoints: y.points.total,
      yearRate: rate(y.points.total, t?.points ?? 0),
    };
  });
  const totals = [...span.by.values()].reduce(
    (s, x) => ({
      submitted: s.submitted + x.submitted,
      adoptions: s.adoptions + x.adoptions,
      instructions: s.instructions + x.instructions,
      penalties: s.penalties + x.penalties,
      points: s.points + x.points.total,
    }),
    { submitted: 0, adoptions: 0, instructions: 0, penalties: 0, points: 0 },
  );
  const requests = await requestsCreatedBetween(db, p.from, p.to);
  return {
    period: p.period,
    title: `政务信息工作通报（${p.year}年第${p.issue}期）`,
    from: p.from,
    to: p.to,
    totals,
    ranking: ranked(
      rows,
      divisions.map((d) => d.id),
    ).map(({ total: _t, ...r }) => r),
    highlights: span.highlights.map((h) => ({
      itemId: h.itemId,
      title: h.title,
      divisionName: names.get(h.unitId) ?? '',
      type: h.type,
      date: h.date,
      points: h.points,
      detail: h.detail,
    })),
    requests: {
      issued: requests.length,
      answered: requests.filter((r) => r.state === 'answered').length,
      overdue: requests.filter((r) => r.penalty_id !== null).length,
    },
    penalties: span.penalties.map((x) => ({ divisionName: names.get(x.unit_id) ?? '', name: x.name, points: x.points, date: x.date, reason: x.reason })),
  };
}

/** Issues a finished period's 通报 once (stored, never changed); false when it was issued already. */
export async function issueBulletin(deps: Deps, trx: Transaction<Database>, p: Period): Promise<boolean> {
  if (await loadBulletin(trx, p.period)) return false;
  const body = await computeBulletin(trx, p);
  const at = deps.clock.now().toISOString();
  return insertBulletin(trx, { period: p.period, body: JSON.stringify(body), issued_at: at });
}

export function checkPeriod(deps: Deps, period: string): Period {
  const p = parsePeriod(period);
  if (!p) throw validation('期间须为 YYYY-MM 或 YYYY-Qn', { fields: [{ field: 'period', message: '格式不正确' }] });
  if (p.from > beijingToday(deps)) throw validation(`${p.label}尚未开始，不能通报`, { fields: [{ field: 'period', message: '未来的期间' }] });
  return p;
}

/** `GET /api/info/bulletin`: the stored 通报 of a finished period (issued on first read), the running one live. */
export async function getBulletin(deps: Deps, actor: Actor, period: string): Promise<Bulletin> {
  if (!mayReadFigures(actor)) throw forbidden('您无权查看通报');
  const p = checkPeriod(deps, period);
  const finished = p.to < beijingToday(deps);
  if (!finished) return { ...(await computeBulletin(deps.db, p)), issued: false, issuedAt: null };
  return deps.db.transaction().execute(async (trx) => {
    const issuedNow = await issueBulletin(deps, trx, p);
    const row = await loadBulletin(trx, p.period);
    if (!row) throw new Error('bulletin vanished');
    if (issuedNow) {
      await appendAudit(trx, deps.clock, {
        action: 'info.bulletin_issue',
        actor: auditActor(actor),
        targetType: 'info_bulletin',
        targetId: p.period,
        details: { period: p.period, by: 'read' },
      });
    }
    return bulletinSchema.parse({ ...(JSON.parse(row.body) as object), issued: true, issuedAt: row.issued_at });
  });
}

// ── 门户管理 ──

export interface PortalLogEntry {
  itemId: string;
  title: string;
  action: 'publish' | 'unpublish';
  reason: string | null;
  actor: string;
  at: string;
  publication: string;
}

/** What was published or withdrawn, by whom and why, newest first: the office's and the secrecy officer's record of the portal. */
export async function portalLog(deps: Deps, actor: Actor): Promise<{ items: PortalLogEntry[] }> {
  if (!isOffice(actor) && !hasRole(actor, 'secrecy_officer', 'leader')) throw forbidden('只有办公室、保密员和局领导可以查看门户发布记录');
  const rows = await publicationLog(deps.db, 500);
  return {
    items: rows.map((r) => ({
      itemId: r.item_id,
      title: r.title,
      action: r.action,
      reason: r.reason,
      actor: r.actor_name,
      at: r.at,
      publication: r.pub_state,
    })),
  };
}

/** The year's best pieces by the points of their events dated in the year (the 驾驶舱's top list). */
export async function topItems(
  db: Executor,
  year: number,
  unitId: string | null,
  n: number,
): Promise<{ itemId: string; title: string; divisionName: string; points: number }[]> {
  const table = await scoringTables(db);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const { highlights } = await figuresBetween(db, table, from, to);
  const byItem = new Map<string, { itemId: string; title: string; unitId: string; points: number }>();
  for (const h of highlights) {
    const x = byItem.get(h.itemId) ?? { itemId: h.itemId, title: h.title, unitId: h.unitId, points: 0 };
    x.points += h.points;
    byItem.set(h.itemId, x);
  }
  for (const r of await reportedBetween(db, from, to)) {
    const x = byItem.get(r.id);
    if (x) x.points += table(yearOfDate(r.reported_date)).submissionPoints;
  }
  const names = new Map((await listDivisions({ db })).map((d) => [d.id, d.name]));
  return [...byItem.values()]
    .filter((x) => !unitId || x.unitId === unitId)
    .sort((a, b) => b.points - a.points || a.title.localeCompare(b.title))
    .slice(0, n)
    .map((x) => ({ itemId: x.itemId, title: x.title, divisionName: names.get(x.unitId) ?? '', points: x.points }));
}

/** Each month's points of the whole bureau (or one division): the 驾驶舱's trend `info.points`. */
export async function monthlyPoints(db: Executor, months: readonly string[], unitId: string | null): Promise<number[]> {
  const table = await scoringTables(db);
  const out: number[] = [];
  for (const m of months) {
    const p = parsePeriod(m);
    if (!p) {
      out.push(0);
      continue;
    }
    const { by } = await figuresBetween(db, table, p.from, p.to);
    out.push(unitId ? (by.get(unitId)?.points.total ?? 0) : [...by.values()].reduce((s, x) => s + x.points.total, 0));
  }
  return out;
}
