import type { Classification } from '../../../shared/secrecy.js';
import { addMonthsClamped, beijingDay } from '../../../shared/secrecy.dates.js';
import type { Personnel, PersonnelCategory, PersonnelCreate, PersonnelLeave, PersonnelUpdate } from '../../../shared/secrecy.people.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Executor } from '../../core/db/executor.js';
import { isUniqueViolation } from '../../core/db/unique-violation.js';
import type { Deps } from '../../core/deps.js';
import { duplicate, forbidden, invalidTransition, notFound, validation, versionConflict } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import { getUnit, getUnitsByIds, getUser } from '../../core/org/org.service.js';
import { isOfficer, readsAll } from './secrecy.policy.js';
import { activePersonnelOf, insertPersonnel, listPersonnelRows, loadPersonnel, type PersonnelRow, updatePersonnel } from './secrecy.repo.js';
import { loadSettings, type SettingsRow } from './secrecy.settings.js';

/* 涉密人员: who may hold which 密级, and the 脱密期 after they leave the post. */

/** The 密级 each category may hold (core: all; important: 机密, 秘密; general: 秘密). */
export const LEVELS_OF: Record<PersonnelCategory, readonly Classification[]> = {
  core: ['top_secret', 'confidential', 'secret'],
  important: ['confidential', 'secret'],
  general: ['secret'],
};

export const todayOf = (deps: Pick<Deps, 'clock'>): string => beijingDay(deps.clock.now());

/** Does this account hold an active 涉密人员 record for the level? */
export async function qualifiedFor(db: Executor, userId: string, level: Classification): Promise<boolean> {
  const p = await activePersonnelOf(db, userId);
  return p !== undefined && LEVELS_OF[p.category].includes(level);
}

export function separationMonths(s: SettingsRow, c: PersonnelCategory): number {
  return c === 'core' ? s.separation_core : c === 'important' ? s.separation_important : s.separation_general;
}

export function statusOf(p: Pick<PersonnelRow, 'left_date' | 'separation_end'>, today: string): Personnel['status'] {
  if (!p.left_date) return 'active';
  return p.separation_end && p.separation_end > today ? 'separation' : 'released';
}

async function present(db: Executor, rows: readonly PersonnelRow[], today: string): Promise<Personnel[]> {
  const units = new Map((await getUnitsByIds({ db }, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    userId: r.user_id,
    unitId: r.unit_id,
    unitName: units.get(r.unit_id) ?? '（已撤销的处室）',
    category: r.category,
    post: r.post,
    since: r.since,
    status: statusOf(r, today),
    leftDate: r.left_date,
    leaveReason: r.leave_reason,
    separationEnd: r.separation_end,
    version: r.version,
  }));
}

export async function listPersonnel(deps: Deps, actor: Actor, f: { status?: Personnel['status']; category?: PersonnelCategory }) {
  if (!readsAll(actor)) throw forbidden('只有保密员、办公室主任和局领导可以查看涉密人员');
  const today = todayOf(deps);
  const items = await present(deps.db, await listPersonnelRows(deps.db, f, today), today);
  return { items, total: items.length };
}

async function checkRecord(deps: Deps, actor: Actor, body: Pick<PersonnelCreate, 'name' | 'unitId' | 'post' | 'since'>) {
  if (!(await getUnit(deps, body.unitId))) throw validation('所在处室不存在', { field: 'unitId' });
  if (body.since > todayOf(deps)) throw validation('上岗日期不能晚于今天', { field: 'since' });
  await guardText(
    deps,
    actor,
    { name: body.name, post: body.post },
    { targetType: 'secrecy', what: '涉密人员登记', fieldLabels: { name: '姓名', post: '岗位' } },
  );
}

/** `POST /api/secrecy/personnel` (保密员): an account holds one active record at a time (409 duplicate). */
export async function createPersonnel(deps: Deps, actor: Actor, body: PersonnelCreate): Promise<Personnel> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以登记涉密人员');
  if (body.userId && !(await getUser(deps, body.userId))) throw validation('账号不存在', { field: 'userId' });
  await checkRecord(deps, actor, body);
  const at = deps.clock.now().toISOString();
  const id = uuidv7();
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (body.userId && (await activePersonnelOf(trx, body.userId))) throw duplicate('该人员已有在岗的涉密人员登记');
      await insertPersonnel(trx, {
        id,
        name: body.name,
        user_id: body.userId ?? null,
        active_user_id: body.userId ?? null,
        unit_id: body.unitId,
        category: body.category,
        post: body.post,
        since: body.since,
        left_date: null,
        leave_reason: null,
        separation_end: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      await appendAudit(trx, deps.clock, {
        action: 'secrecy.personnel_create',
        actor: auditActor(actor),
        targetType: 'secrecy_personnel',
        targetId: id,
        details: { ...body },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate('该人员已有在岗的涉密人员登记');
    throw e;
  }
  const row = await loadPersonnel(deps.db, id);
  if (!row) throw notFound();
  return (await present(deps.db, [row], todayOf(deps)))[0] as Personnel;
}

/** `PUT /api/secrecy/personnel/<id>` (保密员): edits the record over its version. */
export async function editPersonnel(deps: Deps, actor: Actor, id: string, body: PersonnelUpdate): Promise<Personnel> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以修改涉密人员');
  await checkRecord(deps, actor, body);
  await deps.db.transaction().execute(async (trx) => {
    const p = await loadPersonnel(trx, id);
    if (!p) throw notFound('该涉密人员记录不存在');
    if (p.version !== body.version) throw versionConflict({ currentVersion: p.version });
    const ok = await updatePersonnel(trx, id, body.version, {
      name: body.name,
      unit_id: body.unitId,
      category: body.category,
      post: body.post,
      since: body.since,
      updated_at: deps.clock.now().toISOString(),
    });
    if (!ok) throw versionConflict();
    await appendAudit(trx, deps.clock, {
      action: 'secrecy.personnel_update',
      actor: auditActor(actor),
      targetType: 'secrecy_personnel',
      targetId: id,
      details: { ...body },
    });
  });
  const row = await loadPersonnel(deps.db, id);
  if (!row) throw notFound();
  return (await present(deps.db, [row], todayOf(deps)))[0] as Personnel;
}

/** `POST /api/secrecy/personnel/<id>/leave`: 离岗, and the 脱密期 by category (same day, else month end). */
export async function leavePersonnel(deps: Deps, actor: Actor, id: string, body: PersonnelLeave): Promise<Personnel> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以办理涉密人员离岗');
  const today = todayOf(deps);
  if (body.leftDate > today) throw validation('离岗日期不能晚于今天', { field: 'leftDate' });
  const settings = await loadSettings(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const p = await loadPersonnel(trx, id);
    if (!p) throw notFound('该涉密人员记录不存在');
    if (p.version !== body.version) throw versionConflict({ currentVersion: p.version });
    if (p.left_date) throw invalidTransition('该人员已办理离岗');
    if (body.leftDate < p.since) throw validation('离岗日期不能早于上岗日期', { field: 'leftDate' });
    const separationEnd = addMonthsClamped(body.leftDate, separationMonths(settings, p.category));
    const ok = await updatePersonnel(trx, id, body.version, {
      left_date: body.leftDate,
      active_user_id: null,
      leave_reason: body.reason,
      separation_end: separationEnd,
      updated_at: deps.clock.now().toISOString(),
    });
    if (!ok) throw versionConflict();
    await appendAudit(trx, deps.clock, {
      action: 'secrecy.personnel_leave',
      actor: auditActor(actor),
      targetType: 'secrecy_personnel',
      targetId: id,
      details: { leftDate: body.leftDate, reason: body.reason, separationEnd },
    });
  });
  const row = await loadPersonnel(deps.db, id);
  if (!row) throw notFound();
  return (await present(deps.db, [row], today))[0] as Personnel;
}
