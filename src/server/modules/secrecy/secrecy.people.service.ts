import type { Classification } from '../../../shared/secrecy.js';
import { CARRIER_FINAL_STATES, CLASSIFICATION_LABELS } from '../../../shared/secrecy.js';
import { addDaysTo, beijingDay } from '../../../shared/secrecy.dates.js';
import {
  PERSONNEL_CATEGORY_LABELS,
  type RefusalList,
  type RefusalQuery,
  type SecrecyDashboard,
  type Training,
  type TrainingCreate,
} from '../../../shared/secrecy.people.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, validation } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import { listGuardRefusals } from '../../core/guard/guard.refusals.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { uuidv7 } from '../../core/ids.js';
import { getUnitsByIds, getUsersByIds } from '../../core/org/org.service.js';
import { rectOverdue } from './secrecy.inspection.service.js';
import { statusOf, todayOf } from './secrecy.personnel.js';
import { isOfficer, readsAll } from './secrecy.policy.js';
import { isOverdue, isReviewDue, horizon } from './secrecy.carrier.service.js';
import { dashboardRows } from './secrecy.reports.repo.js';
import { attendeesOf, insertTraining, trainingsBetween, trainingsOfUser } from './secrecy.people.repo.js';

/* 保密教育培训, the guard's 拦截记录 and the 保密 dashboard. */

const LEVEL_KEY: Record<string, Classification> = { 绝密: 'top_secret', 机密: 'confidential', 秘密: 'secret' };
const hours = (half: number) => half / 2;
const yearOr = (deps: Deps, y?: number) => y ?? Number(todayOf(deps).slice(0, 4));

/** `POST /api/secrecy/trainings` (保密员). */
export async function createTraining(deps: Deps, actor: Actor, body: TrainingCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以登记保密培训');
  if (body.date > todayOf(deps)) throw validation('日期不能晚于今天', { field: 'date' });
  const ids = body.attendees.map((a) => a.userId);
  if (new Set(ids).size !== ids.length) throw validation('参加人员有重复', { field: 'attendees' });
  const users = new Map((await getUsersByIds(deps, ids)).map((u) => [u.id, u]));
  const missing = ids.filter((id) => !users.has(id));
  if (missing.length > 0) throw validation('参加人员中有不存在的账号', { field: 'attendees', missing });
  await guardText(deps, actor, { title: body.title }, { targetType: 'secrecy', what: '保密培训登记', fieldLabels: { title: '标题' } });
  const passScore = body.passScore ?? 60;
  return idem.transaction(deps, actor, async (trx, save) => {
    const id = uuidv7();
    const at = deps.clock.now().toISOString();
    await insertTraining(
      trx,
      {
        id,
        title: body.title,
        kind: body.kind,
        date: body.date,
        half_hours: Math.round(body.hours * 2),
        pass_score: passScore,
        created_by: actor.id,
        created_by_name: actor.name,
        created_at: at,
      },
      body.attendees.map((a) => ({ training_id: id, user_id: a.userId, name: users.get(a.userId)?.name ?? '', score: a.score ?? null })),
    );
    const view: Training = {
      id,
      title: body.title,
      kind: body.kind,
      date: body.date,
      hours: body.hours,
      passScore,
      createdBy: actor.name,
      attendees: body.attendees.map((a) => ({
        userId: a.userId,
        name: users.get(a.userId)?.name ?? '',
        hours: body.hours,
        score: a.score ?? null,
        passed: a.score === undefined ? null : a.score >= passScore,
      })),
    };
    await save(201, view);
    await appendAudit(trx, deps.clock, {
      action: 'secrecy.training_create',
      actor: auditActor(actor),
      targetType: 'secrecy_training',
      targetId: id,
      details: { title: body.title, kind: body.kind, date: body.date, attendees: ids.length },
    });
    return { status: 201, body: view };
  });
}

function requireReader(actor: Actor) {
  if (!readsAll(actor)) throw forbidden('只有保密员、办公室主任和局领导可以查看培训台账');
}

async function trainingsOfYear(deps: Deps, db: Executor, year: number): Promise<Training[]> {
  const rows = await trainingsBetween(db, `${year}-01-01`, `${year}-12-31`);
  const attendees = await attendeesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    date: r.date,
    hours: hours(r.half_hours),
    passScore: r.pass_score,
    createdBy: r.created_by_name,
    attendees: attendees
      .filter((a) => a.training_id === r.id)
      .map((a) => ({ userId: a.user_id, name: a.name, hours: hours(r.half_hours), score: a.score, passed: a.score === null ? null : a.score >= r.pass_score })),
  }));
}

export async function listTrainings(deps: Deps, actor: Actor, q: { year?: number }) {
  requireReader(actor);
  const items = await trainingsOfYear(deps, deps.db, yearOr(deps, q.year));
  return { items, total: items.length };
}

/** `GET /api/secrecy/trainings/people`: each person's sessions, hours and exams in the year. */
export async function trainingPeople(deps: Deps, actor: Actor, q: { year?: number }) {
  requireReader(actor);
  const byUser = new Map<string, { userId: string; name: string; sessions: number; hours: number; exams: number; passedExams: number }>();
  for (const t of await trainingsOfYear(deps, deps.db, yearOr(deps, q.year))) {
    for (const a of t.attendees) {
      const p = byUser.get(a.userId) ?? { userId: a.userId, name: a.name, sessions: 0, hours: 0, exams: 0, passedExams: 0 };
      p.sessions++;
      p.hours += a.hours;
      if (a.score !== null) p.exams++;
      if (a.passed) p.passedExams++;
      byUser.set(a.userId, p);
    }
  }
  return { items: [...byUser.values()].sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'zh')) };
}

/** `GET /api/secrecy/trainings/mine`: anyone's own record. */
export async function myTrainings(deps: Deps, actor: Actor, q: { year?: number }) {
  const year = yearOr(deps, q.year);
  const rows = await trainingsOfUser(deps.db, actor.id, `${year}-01-01`, `${year}-12-31`);
  return {
    items: rows.map((r) => ({
      trainingId: r.id,
      title: r.title,
      kind: r.kind,
      date: r.date,
      hours: hours(r.half_hours),
      score: r.score,
      passed: r.score === null ? null : r.score >= r.pass_score,
    })),
  };
}

/** Beijing dates → the UTC instants that bound them. */
const fromInstant = (d: string) => `${addDaysTo(d, -1)}T16:00:00.000Z`;
const toInstant = (d: string) => `${d}T15:59:59.999Z`;

async function refusalsPage(deps: Deps, q: { from?: string; to?: string; actorId?: string; limit: number; offset: number }): Promise<RefusalList> {
  const { items, total } = await listGuardRefusals(deps.db, {
    ...(q.from ? { fromAt: fromInstant(q.from) } : {}),
    ...(q.to ? { toAt: toInstant(q.to) } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    limit: q.limit,
    offset: q.offset,
  });
  const users = new Map((await getUsersByIds(deps, [...new Set(items.map((i) => i.actorId).filter((x): x is string => !!x))])).map((u) => [u.id, u]));
  const units = new Map(
    (await getUnitsByIds(deps, [...new Set([...users.values()].map((u) => u.unitId).filter((x): x is string => !!x))])).map((u) => [u.id, u.name]),
  );
  return {
    items: items.map((i) => {
      const u = i.actorId ? users.get(i.actorId) : undefined;
      return {
        id: String(i.seq),
        at: i.at,
        actor: { id: i.actorId, name: i.actorName ?? '未知用户' },
        unit: u?.unitId ? { id: u.unitId, name: units.get(u.unitId) ?? '' } : null,
        module: i.targetType,
        what: i.what,
        markings: i.findings.map((f) => ({ marking: f.marking, level: LEVEL_KEY[f.level] ?? 'secret', field: f.field, line: f.line })),
      };
    }),
    total,
  };
}

/** `GET /api/secrecy/refusals` (保密员 only). */
export async function listRefusals(deps: Deps, actor: Actor, q: RefusalQuery): Promise<RefusalList> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以查看拦截记录');
  return refusalsPage(deps, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

const tally = (keys: readonly string[], label: (k: string) => string) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].map(([key, count]) => ({ key, label: label(key), count }));
};

/** `GET /api/secrecy/dashboard?year`: the 保密 figures, each equal to what the module's own lists give. */
export async function dashboard(deps: Deps, actor: Actor, q: { year?: number }): Promise<SecrecyDashboard> {
  if (!readsAll(actor)) throw forbidden('只有保密员、办公室主任和局领导可以查看保密工作概况');
  const year = yearOr(deps, q.year);
  const db = deps.db;
  const { today, reviewBy } = await horizon(deps);
  const { carriers, personnel, rects, campaigns } = await dashboardRows(db);
  const inYear = (d: string | null) => d !== null && d.startsWith(`${year}-`);
  const live = carriers.filter((c) => !CARRIER_FINAL_STATES.includes(c.state));
  const trainings = await trainingsOfYear(deps, db, year);
  const refusals = (await refusalsPage(deps, { from: `${year}-01-01`, to: `${year}-12-31`, limit: 100_000, offset: 0 })).items;
  const active = personnel.filter((p) => statusOf(p, today) === 'active');
  const attendances = trainings.flatMap((t) => t.attendees);
  return {
    year,
    carriers: {
      inCustody: carriers.filter((c) => c.state === 'in_custody').length,
      lent: carriers.filter((c) => c.state === 'lent').length,
      overdue: carriers.filter((c) => isOverdue(c, today)).length,
      reviewDue: carriers.filter((c) => isReviewDue(c, reviewBy)).length,
      pendingApproval: carriers.filter((c) => c.state === 'withdrawal_pending' || c.state === 'destruction_pending').length,
      receivedThisYear: carriers.filter((c) => inYear(c.received_date)).length,
      destroyedThisYear: carriers.filter((c) => c.state === 'destroyed' && inYear(c.closed_date)).length,
      withdrawnThisYear: carriers.filter((c) => c.state === 'withdrawn' && inYear(c.closed_date)).length,
      byClassification: tally(
        live.map((c) => c.classification),
        (k) => CLASSIFICATION_LABELS[k as Classification],
      ),
    },
    personnel: {
      active: active.length,
      separation: personnel.filter((p) => statusOf(p, today) === 'separation').length,
      byCategory: tally(
        active.map((p) => p.category),
        (k) => PERSONNEL_CATEGORY_LABELS[k as keyof typeof PERSONNEL_CATEGORY_LABELS],
      ),
    },
    inspections: {
      campaigns: campaigns.filter((c) => c.created_at.startsWith(`${year}-`)).length,
      open: campaigns.filter((c) => c.status === 'open').length,
      openRectifications: rects.filter((r) => r.state !== 'verified').length,
      overdueRectifications: rects.filter((r) => rectOverdue(r, today)).length,
    },
    trainings: {
      sessions: trainings.length,
      attendances: attendances.length,
      hours: attendances.reduce((n, a) => n + a.hours, 0),
      exams: attendances.filter((a) => a.score !== null).length,
      failed: attendances.filter((a) => a.passed === false).length,
    },
    refusals: {
      total: refusals.length,
      last30Days: (await refusalsPage(deps, { from: addDaysTo(today, -29), to: today, limit: 1, offset: 0 })).total,
      byMonth: tally(
        refusals.map((r) => beijingDay(r.at).slice(0, 7)),
        (k) => `${Number(k.slice(5, 7))}月`,
      ).sort((a, b) => a.key.localeCompare(b.key)),
      byLevel: tally(
        refusals.map((r) => r.markings[0]?.level ?? 'secret'),
        (k) => CLASSIFICATION_LABELS[k as Classification],
      ),
      byModule: tally(
        refusals.map((r) => r.module ?? 'other'),
        (k) => k,
      ),
      byUnit: tally(
        refusals.map((r) => r.unit?.name ?? '（无）'),
        (k) => k,
      ),
    },
  };
}
