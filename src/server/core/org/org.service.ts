import {
  type AdminUser,
  type AdminUserListQuery,
  type CreateUnitBody,
  type CreateUserBody,
  type SetRolesBody,
  type Unit,
  type UnitKind,
  type UnitNode,
  type UpdateUnitBody,
  type UpdateUserBody,
} from '../../../shared/org.js';
import { type Role, ROLE_LABELS, isAdminRole, roleSetViolation } from '../../../shared/roles.js';
import { appendAudit, recordAudit } from '../audit/audit.service.js';
import { ensureAdmin } from '../auth/guards.js';
import { assertPasswordAcceptable, hashPassword } from '../auth/password.js';
import { forgetUser } from '../auth/account.cache.js';
import { revokeUserSessions } from '../auth/session.service.js';
import type { Executor } from '../db/executor.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { Deps } from '../deps.js';
import { AppError, duplicate, forbidden, notFound, validation, versionConflict } from '../errors.js';
import { type Actor, auditActor } from '../http/actor.js';
import { uuidv7 } from '../ids.js';
import * as repo from './org.repo.js';
import { type DbDeps, type OrgUser, toOrgUser } from './org.accounts.js';

export type { AccountState, DbDeps, OrgUser } from './org.accounts.js';
export { getAccountById, getAccountByUsername, noteLoginFailure, noteLoginSuccess, setOwnPasswordHash } from './org.accounts.js';

const toUnit = (r: repo.UnitRow): Unit => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, sort: r.sort, version: r.version });

async function withRoles(db: Executor, rows: repo.UserRow[]): Promise<OrgUser[]> {
  const roles = await repo.selectRoles(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toOrgUser(r, roles.get(r.id) ?? []));
}

// ───────────────────────── reads for other modules ─────────────────────────

export async function getUser(deps: DbDeps, id: string): Promise<OrgUser | undefined> {
  const row = await repo.selectUserById(deps.db, id);
  if (!row) return undefined;
  const [u] = await withRoles(deps.db, [row]);
  return u;
}

/** Users in the order found; unknown ids are skipped. */
export async function getUsersByIds(deps: DbDeps, ids: readonly string[]): Promise<OrgUser[]> {
  const unique = [...new Set(ids)];
  return withRoles(deps.db, await repo.selectUsersByIds(deps.db, unique));
}

/** Enabled members of a unit, optionally only those holding one of `roles`. */
export async function listUnitMembers(deps: DbDeps, unitId: string, roles?: readonly Role[]): Promise<OrgUser[]> {
  return withRoles(deps.db, await repo.selectUsersInUnit(deps.db, unitId, roles));
}

/** Enabled users holding `role`. */
export async function usersWithRole(deps: DbDeps, role: Role): Promise<OrgUser[]> {
  return withRoles(deps.db, await repo.selectUsersWithRole(deps.db, role));
}

export async function getUnit(deps: DbDeps, id: string): Promise<Unit | undefined> {
  const r = await repo.selectUnit(deps.db, id);
  return r ? toUnit(r) : undefined;
}

export async function getUnitsByIds(deps: DbDeps, ids: readonly string[]): Promise<Unit[]> {
  return (await repo.selectUnitsByIds(deps.db, [...new Set(ids)])).map(toUnit);
}

/** All units (or those of one kind) in display order. */
export async function listUnits(deps: DbDeps, kind?: UnitKind): Promise<Unit[]> {
  return (await repo.selectUnits(deps.db, kind)).map(toUnit);
}

/** The 处室 (kind `division`): where lead/assisting divisions are chosen from. */
export function listDivisions(deps: DbDeps): Promise<Unit[]> {
  return listUnits(deps, 'division');
}

/** True when the user is enabled, belongs to the unit and holds division_head. */
export async function isDivisionHead(deps: DbDeps, userId: string, unitId: string): Promise<boolean> {
  const u = await getUser(deps, userId);
  return !!u && !u.disabled && u.unitId === unitId && u.roles.includes('division_head');
}

/** The enabled heads of a unit (usually one). */
export function divisionHeads(deps: DbDeps, unitId: string): Promise<OrgUser[]> {
  return listUnitMembers(deps, unitId, ['division_head']);
}

export async function getUnitTree(deps: DbDeps): Promise<UnitNode[]> {
  const units = await repo.selectUnits(deps.db);
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { id: u.id, name: u.name, kind: u.kind, children: [] }]));
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id);
    if (!node) continue;
    const parent = u.parent_id ? nodes.get(u.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

// ───────────────────────── administration (三员分立) ─────────────────────────

function isLocked(row: { locked_until: string | null }, now: Date): boolean {
  return !!row.locked_until && new Date(row.locked_until).getTime() > now.getTime();
}

function toAdminUser(r: repo.UserRow, unitName: string | null, roles: Role[], now: Date): AdminUser {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    unitId: r.unit_id,
    unitName,
    email: r.email,
    roles,
    disabled: r.disabled === 1,
    locked: isLocked(r, now),
    mustChangePassword: r.must_change_password === 1,
    lastLoginAt: r.last_login_at,
    version: r.version,
  };
}

async function adminUserView(deps: DbDeps, id: string, now: Date): Promise<AdminUser> {
  const row = await repo.selectUserById(deps.db, id);
  if (!row) throw notFound('账号不存在');
  const roles = (await repo.selectRoles(deps.db, [id])).get(id) ?? [];
  const unit = row.unit_id ? await repo.selectUnit(deps.db, row.unit_id) : undefined;
  return toAdminUser(row, unit?.name ?? null, roles, now);
}

export async function listAdminUsers(deps: Deps, actor: Actor, query: AdminUserListQuery): Promise<{ items: AdminUser[]; total: number }> {
  await ensureAdmin(deps, actor, ['sysadmin', 'secadmin'], 'org.user_list');
  const { rows, total } = await repo.selectUserPage(deps.db, {
    q: query.q || undefined,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const roles = await repo.selectRoles(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  // Reading people's account data is itself recorded (个人信息的查阅留痕).
  await recordAudit(deps.db, deps.clock, {
    action: 'org.user_list',
    actor: auditActor(actor),
    details: { q: query.q ?? null, page: query.page, pageSize: query.pageSize, returned: rows.length },
  });
  return { items: rows.map((r) => toAdminUser(r, r.unit_name, roles.get(r.id) ?? [], now)), total };
}

async function requireUnit(db: Executor, unitId: string): Promise<repo.UnitRow> {
  const unit = await repo.selectUnit(db, unitId);
  if (!unit) throw validation('所选单位不存在，请刷新后重新选择', { fields: [{ field: 'unitId', message: '单位不存在' }] });
  return unit;
}

const duplicateUsername = (username: string) => duplicate(`用户名“${username}”已被使用，请换一个`, { field: 'username' });

export async function createUser(deps: Deps, actor: Actor, body: CreateUserBody): Promise<AdminUser> {
  await ensureAdmin(deps, actor, 'sysadmin', 'org.user_create');
  await requireUnit(deps.db, body.unitId);
  if (await repo.selectUserByUsername(deps.db, body.username)) throw duplicateUsername(body.username);
  assertPasswordAcceptable(body.password, body.username, 'password');
  const passwordHash = await hashPassword(body.password);
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  try {
    await deps.db.transaction().execute(async (trx) => {
      await requireUnit(trx, body.unitId);
      await repo.insertUser(trx, {
        id,
        username: body.username,
        name: body.name,
        unit_id: body.unitId,
        email: body.email ?? null,
        password_hash: passwordHash,
        password_changed_at: at,
        must_change_password: 1,
        password_never_expires: 0,
        disabled: 0,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      await appendAudit(trx, deps.clock, {
        action: 'org.user_create',
        actor: auditActor(actor),
        targetType: 'user',
        targetId: id,
        details: { username: body.username, name: body.name, unitId: body.unitId, email: body.email ?? null },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateUsername(body.username);
    throw e;
  }
  return adminUserView(deps, id, now);
}

async function loadTarget(db: Executor, id: string): Promise<{ row: repo.UserRow; roles: Role[] }> {
  const row = await repo.selectUserById(db, id);
  if (!row) throw notFound('账号不存在');
  const roles = (await repo.selectRoles(db, [id])).get(id) ?? [];
  return { row, roles };
}

function checkVersion(current: number, given: number): void {
  if (current !== given) throw versionConflict({ currentVersion: current });
}

export async function updateUser(deps: Deps, actor: Actor, id: string, body: UpdateUserBody): Promise<AdminUser> {
  await ensureAdmin(deps, actor, 'sysadmin', 'org.user_update', { type: 'user', id });
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const { row, roles } = await loadTarget(trx, id);
    checkVersion(row.version, body.version);
    const patch: Parameters<typeof repo.updateUserVersioned>[3] = { updated_at: at };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (body.name !== undefined && body.name !== row.name) {
      patch.name = body.name;
      changes['name'] = { from: row.name, to: body.name };
    }
    if (body.unitId !== undefined && body.unitId !== row.unit_id) {
      await requireUnit(trx, body.unitId);
      patch.unit_id = body.unitId;
      changes['unitId'] = { from: row.unit_id, to: body.unitId };
    }
    if (body.email !== undefined && body.email !== row.email) {
      patch.email = body.email;
      changes['email'] = { from: row.email, to: body.email };
    }
    const wasDisabled = row.disabled === 1;
    const disabling = body.disabled === true && !wasDisabled;
    const enabling = body.disabled === false && wasDisabled;
    if (disabling) {
      if (id === actor.id) throw forbidden('不能停用自己的账号');
      if (roles.some((r) => r === 'secadmin' || r === 'auditor')) {
        throw forbidden('三员分立：系统管理员不能停用安全保密管理员或安全审计员的账号，请使用命令行工具处理');
      }
      patch.disabled = 1;
    }
    if (enabling) patch.disabled = 0;
    if (Object.keys(changes).length === 0 && !disabling && !enabling) return;
    if (!(await repo.updateUserVersioned(trx, id, row.version, patch))) throw versionConflict();
    if (disabling) await revokeUserSessions({ db: trx }, id, 'disabled', now);
    // A new unit changes which documents the user may see, as a role change
    // does: their sessions end in this transaction, so no instance keeps
    // serving the old unit's documents (sessions cache the account briefly).
    else if (changes['unitId']) await revokeUserSessions({ db: trx }, id, 'unit_changed', now);
    const target = { targetType: 'user', targetId: id } as const;
    if (Object.keys(changes).length > 0) {
      await appendAudit(trx, deps.clock, { action: 'org.user_update', actor: auditActor(actor), ...target, details: { username: row.username, changes } });
    }
    if (disabling || enabling) {
      await appendAudit(trx, deps.clock, {
        action: disabling ? 'org.user_disable' : 'org.user_enable',
        actor: auditActor(actor),
        ...target,
        details: { username: row.username },
      });
    }
  });
  // A new name leaves sessions alive: drop this process's cached copy so the next request shows it.
  forgetUser(id);
  return adminUserView(deps, id, now);
}

export async function resetPassword(deps: Deps, actor: Actor, id: string, password: string): Promise<AdminUser> {
  await ensureAdmin(deps, actor, 'sysadmin', 'org.password_reset', { type: 'user', id });
  const { row, roles } = await loadTarget(deps.db, id);
  if (id === actor.id) throw forbidden('不能重置自己的密码，请在“个人设置”中修改密码');
  if (roles.some((r) => r === 'secadmin' || r === 'auditor')) {
    throw forbidden('三员分立：系统管理员不能重置安全保密管理员或安全审计员的密码，请使用命令行工具处理');
  }
  assertPasswordAcceptable(password, row.username, 'password');
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const current = await repo.selectUserById(trx, id);
    if (!current) throw notFound('账号不存在');
    const ok = await repo.updateUserVersioned(trx, id, current.version, {
      password_hash: passwordHash,
      password_changed_at: at,
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      updated_at: at,
    });
    if (!ok) throw versionConflict();
    const revoked = await revokeUserSessions({ db: trx }, id, 'password_reset', now);
    await appendAudit(trx, deps.clock, {
      action: 'org.password_reset',
      actor: auditActor(actor),
      targetType: 'user',
      targetId: id,
      details: { username: row.username, sessionsRevoked: revoked },
    });
  });
  return adminUserView(deps, id, now);
}

export async function unlockUser(deps: Deps, actor: Actor, id: string): Promise<AdminUser> {
  await ensureAdmin(deps, actor, 'secadmin', 'org.user_unlock', { type: 'user', id });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const { row } = await loadTarget(trx, id);
    await repo.updateUserState(trx, id, { failed_logins: 0, locked_until: null });
    await appendAudit(trx, deps.clock, {
      action: 'org.user_unlock',
      actor: auditActor(actor),
      targetType: 'user',
      targetId: id,
      details: { username: row.username, wasLocked: isLocked(row, now), lockedUntil: row.locked_until },
    });
  });
  return adminUserView(deps, id, now);
}

export async function setUserRoles(deps: Deps, actor: Actor, id: string, body: SetRolesBody): Promise<AdminUser> {
  await ensureAdmin(deps, actor, 'secadmin', 'org.role_grant', { type: 'user', id });
  if (id === actor.id) {
    await recordAudit(deps.db, deps.clock, {
      action: 'org.role_grant',
      actor: auditActor(actor),
      targetType: 'user',
      targetId: id,
      outcome: 'denied',
      details: { reason: 'self', roles: body.roles },
    });
    throw forbidden('三员分立：不能给自己授予或撤销角色');
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const { row, roles: before } = await loadTarget(trx, id);
    checkVersion(row.version, body.version);
    const next = [...new Set(body.roles)].sort();
    const violation = roleSetViolation(next);
    if (violation) throw validation(violation, { fields: [{ field: 'roles', message: violation }] });
    const add = next.filter((r) => !before.includes(r));
    const remove = before.filter((r) => !next.includes(r));
    if (add.length === 0 && remove.length === 0) return;
    if (!(await repo.updateUserVersioned(trx, id, row.version, { updated_at: at }))) throw versionConflict();
    await repo.replaceRoles(trx, id, add, remove, actor.id, at);
    const revoked = await revokeUserSessions({ db: trx }, id, 'roles_changed', now);
    for (const role of add) {
      await appendAudit(trx, deps.clock, {
        action: 'org.role_grant',
        actor: auditActor(actor),
        targetType: 'user',
        targetId: id,
        details: { username: row.username, role, roleLabel: ROLE_LABELS[role], admin: isAdminRole(role) },
      });
    }
    for (const role of remove) {
      await appendAudit(trx, deps.clock, {
        action: 'org.role_revoke',
        actor: auditActor(actor),
        targetType: 'user',
        targetId: id,
        details: { username: row.username, role, roleLabel: ROLE_LABELS[role], sessionsRevoked: revoked },
      });
    }
  });
  return adminUserView(deps, id, now);
}

// ───────────────────────── units ─────────────────────────

const duplicateUnit = (name: string) => duplicate(`同一上级单位下已有名为“${name}”的单位`, { field: 'name' });

async function requireParent(db: Executor, parentId: string): Promise<repo.UnitRow> {
  const p = await repo.selectUnit(db, parentId);
  if (!p) throw validation('所选上级单位不存在，请刷新后重新选择', { fields: [{ field: 'parentId', message: '上级单位不存在' }] });
  return p;
}

/** The flat list with versions, for the administrators' unit editor. */
export async function listUnitsForAdmin(deps: Deps, actor: Actor): Promise<Unit[]> {
  await ensureAdmin(deps, actor, ['sysadmin', 'secadmin'], 'org.unit_list');
  return listUnits(deps);
}

export async function createUnit(deps: Deps, actor: Actor, body: CreateUnitBody): Promise<Unit> {
  await ensureAdmin(deps, actor, 'sysadmin', 'org.unit_create');
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const parentId = body.parentId ?? null;
  await deps.db.transaction().execute(async (trx) => {
    if (parentId) await requireParent(trx, parentId);
    if (await repo.selectSiblingByName(trx, parentId, body.name)) throw duplicateUnit(body.name);
    const sort = body.sort ?? (await repo.nextSiblingSort(trx, parentId));
    await repo.insertUnit(trx, { id, name: body.name, kind: body.kind, parent_id: parentId, sort, version: 1, created_at: at, updated_at: at });
    await appendAudit(trx, deps.clock, {
      action: 'org.unit_create',
      actor: auditActor(actor),
      targetType: 'unit',
      targetId: id,
      details: { name: body.name, kind: body.kind, parentId, sort },
    });
  });
  const unit = await getUnit(deps, id);
  if (!unit) throw new AppError(500, 'internal', '单位创建后未能读取');
  return unit;
}

export async function updateUnit(deps: Deps, actor: Actor, id: string, body: UpdateUnitBody): Promise<Unit> {
  await ensureAdmin(deps, actor, 'sysadmin', 'org.unit_update', { type: 'unit', id });
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.selectUnit(trx, id);
    if (!row) throw notFound('单位不存在');
    checkVersion(row.version, body.version);
    const patch: Parameters<typeof repo.updateUnitRow>[3] = { updated_at: at };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (body.parentId !== undefined && body.parentId !== row.parent_id) {
      if (body.parentId) {
        // Walk up from the new parent: meeting this unit would make a cycle.
        let cursor: repo.UnitRow | undefined = await requireParent(trx, body.parentId);
        for (let depth = 0; cursor && depth < 100; depth++) {
          if (cursor.id === id) throw validation('不能把单位移到它自己或它的下级单位之下', { fields: [{ field: 'parentId', message: '会形成循环' }] });
          cursor = cursor.parent_id ? await repo.selectUnit(trx, cursor.parent_id) : undefined;
        }
      }
      patch.parent_id = body.parentId;
      changes['parentId'] = { from: row.parent_id, to: body.parentId };
    }
    if (body.name !== undefined && body.name !== row.name) {
      patch.name = body.name;
      changes['name'] = { from: row.name, to: body.name };
    }
    if (body.sort !== undefined && body.sort !== row.sort) {
      patch.sort = body.sort;
      changes['sort'] = { from: row.sort, to: body.sort };
    }
    if (Object.keys(changes).length === 0) return;
    if (changes['name'] || changes['parentId']) {
      const parent = patch.parent_id !== undefined ? patch.parent_id : row.parent_id;
      const clash = await repo.selectSiblingByName(trx, parent, patch.name ?? row.name);
      if (clash && clash.id !== id) throw duplicateUnit(patch.name ?? row.name);
    }
    if (!(await repo.updateUnitRow(trx, id, row.version, patch))) throw versionConflict();
    await appendAudit(trx, deps.clock, {
      action: 'org.unit_update',
      actor: auditActor(actor),
      targetType: 'unit',
      targetId: id,
      details: { name: row.name, changes },
    });
  });
  const unit = await getUnit(deps, id);
  if (!unit) throw notFound('单位不存在');
  return unit;
}
