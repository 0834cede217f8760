import type { Transaction } from 'kysely';
import { ADMIN_ROLES, type Role, ROLE_LABELS } from '../../../shared/roles.js';
import type { UnitKind } from '../../../shared/org.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { assertPasswordAcceptable, hashPassword } from '../auth/password.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { AppError, validation } from '../errors.js';
import { uuidv7 } from '../ids.js';
import * as repo from './org.repo.js';

export const DEMO_PASSWORD = 'Demo#2026zs';

export interface AdminCredentials {
  username: string;
  password: string;
}

export interface InitAdministratorsInput {
  sysadmin: AdminCredentials;
  secadmin: AdminCredentials;
  auditor: AdminCredentials;
}

const ADMIN_NAMES = { sysadmin: '系统管理员', secadmin: '安全保密管理员', auditor: '安全审计员' } as const;
type AdminKey = keyof typeof ADMIN_NAMES;
const ADMIN_KEYS: readonly AdminKey[] = ADMIN_ROLES;

const cliActor: AuditActor = { id: null, name: '命令行', ip: null };

async function findOrCreateUnit(trx: Transaction<Database>, deps: Deps, spec: { name: string; kind: UnitKind; sort: number }): Promise<string> {
  const existing = await repo.selectSiblingByName(trx, null, spec.name);
  if (existing) return existing.id;
  const at = deps.clock.now().toISOString();
  const id = uuidv7(deps.clock.now().getTime());
  await repo.insertUnit(trx, { id, name: spec.name, kind: spec.kind, parent_id: null, sort: spec.sort, version: 1, created_at: at, updated_at: at });
  await appendAudit(trx, deps.clock, {
    action: 'org.unit_create',
    actor: cliActor,
    targetType: 'unit',
    targetId: id,
    details: { name: spec.name, kind: spec.kind, parentId: null, sort: spec.sort },
  });
  return id;
}

async function insertAccount(
  trx: Transaction<Database>,
  deps: Deps,
  spec: { username: string; name: string; unitId: string; passwordHash: string; roles: Role[]; neverExpires: boolean },
): Promise<string> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  await repo.insertUser(trx, {
    id,
    username: spec.username,
    name: spec.name,
    unit_id: spec.unitId,
    password_hash: spec.passwordHash,
    password_changed_at: at,
    must_change_password: 0,
    password_never_expires: spec.neverExpires ? 1 : 0,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  });
  await repo.replaceRoles(trx, id, spec.roles, [], null, at);
  await appendAudit(trx, deps.clock, {
    action: 'org.user_create',
    actor: cliActor,
    targetType: 'user',
    targetId: id,
    details: { username: spec.username, name: spec.name, unitId: spec.unitId, source: spec.neverExpires ? 'seed-demo' : 'init' },
  });
  for (const role of spec.roles) {
    await appendAudit(trx, deps.clock, {
      action: 'org.role_grant',
      actor: cliActor,
      targetType: 'user',
      targetId: id,
      details: { username: spec.username, role, roleLabel: ROLE_LABELS[role] },
    });
  }
  return id;
}

/**
 * `zhongshu init`: creates the three administrators (三员) in the 办公室 unit,
 * creating that unit when there is none. Refuses when any administrator
 * already exists. Passwords must satisfy the password rules; the operator
 * chose them, so no change is forced at first sign-in.
 */
export async function initAdministrators(deps: Deps, input: InitAdministratorsInput): Promise<Record<AdminKey, { id: string; username: string }>> {
  const usernames = ADMIN_KEYS.map((k) => input[k].username.trim().toLowerCase());
  for (const [i, u] of usernames.entries()) {
    if (!/^[a-z0-9][a-z0-9_.-]{1,31}$/.test(u)) throw validation(`${ADMIN_NAMES[ADMIN_KEYS[i] ?? 'sysadmin']}的用户名须为 2–32 位字母、数字或 _ . -`);
  }
  if (new Set(usernames).size !== usernames.length) throw validation('三个管理员的用户名不能相同');
  for (const [i, k] of ADMIN_KEYS.entries()) {
    try {
      assertPasswordAcceptable(input[k].password.trim(), usernames[i] ?? '', k);
    } catch (e) {
      if (e instanceof AppError) throw new AppError(e.status, e.code, `${ADMIN_NAMES[k]}的密码不符合要求：${e.message}`, e.details);
      throw e;
    }
  }
  const hashes = await Promise.all(ADMIN_KEYS.map((k) => hashPassword(input[k].password.trim())));
  return deps.db.transaction().execute(async (trx) => {
    if ((await repo.countUsersWithAnyRole(trx, ADMIN_ROLES)) > 0) {
      throw new AppError(409, 'duplicate', '管理员账号已经存在，不能重复初始化');
    }
    for (const u of usernames) {
      if (await repo.selectUserByUsername(trx, u)) throw new AppError(409, 'duplicate', `用户名“${u}”已被使用`);
    }
    const office = (await repo.selectUnits(trx, 'office'))[0];
    const unitId = office?.id ?? (await findOrCreateUnit(trx, deps, { name: '办公室', kind: 'office', sort: 1 }));
    const out = {} as Record<AdminKey, { id: string; username: string }>;
    for (const [i, k] of ADMIN_KEYS.entries()) {
      const username = usernames[i] ?? k;
      const id = await insertAccount(trx, deps, { username, name: ADMIN_NAMES[k], unitId, passwordHash: hashes[i] ?? '', roles: [k], neverExpires: false });
      out[k] = { id, username };
    }
    return out;
  });
}

const DEMO_UNITS: ReadonlyArray<{ name: string; kind: UnitKind; sort: number }> = [
  { name: '局领导', kind: 'leadership', sort: 0 },
  { name: '办公室', kind: 'office', sort: 1 },
  { name: '综合处', kind: 'division', sort: 2 },
  { name: '监管一处', kind: 'division', sort: 3 },
  { name: '监管二处', kind: 'division', sort: 4 },
];

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; name: string; unit: string; role: Role }> = [
  { username: 'leader1', name: '王局长', unit: '局领导', role: 'leader' },
  { username: 'leader2', name: '李副局长', unit: '局领导', role: 'leader' },
  { username: 'office_director', name: '赵主任', unit: '办公室', role: 'office_director' },
  { username: 'office_clerk', name: '钱文秘', unit: '办公室', role: 'office_clerk' },
  { username: 'div1_head', name: '孙处长', unit: '监管一处', role: 'division_head' },
  { username: 'div1_staff', name: '周科员', unit: '监管一处', role: 'staff' },
  { username: 'div2_head', name: '吴处长', unit: '监管二处', role: 'division_head' },
  { username: 'div2_staff', name: '郑科员', unit: '监管二处', role: 'staff' },
  { username: 'secrecy_officer', name: '冯保密员', unit: '办公室', role: 'secrecy_officer' },
  { username: 'info_editor', name: '陈信息员', unit: '办公室', role: 'info_editor' },
  { username: 'petition_officer', name: '蒋信访员', unit: '办公室', role: 'petition_officer' },
  { username: 'finance_officer', name: '褚会计', unit: '办公室', role: 'finance_officer' },
  { username: 'asset_keeper', name: '卫资产员', unit: '办公室', role: 'asset_keeper' },
  { username: 'hr_officer', name: '沈人事', unit: '综合处', role: 'hr_officer' },
  // New hires, for 队伍建设's 结对帮带.
  { username: 'newhire1', name: '林晓', unit: '综合处', role: 'staff' },
  { username: 'newhire2', name: '何雨', unit: '综合处', role: 'staff' },
  { username: 'newhire3', name: '高远', unit: '监管一处', role: 'staff' },
  { username: 'newhire4', name: '罗静', unit: '监管一处', role: 'staff' },
  { username: 'newhire5', name: '梁晨', unit: '监管二处', role: 'staff' },
  { username: 'newhire6', name: '宋佳', unit: '监管二处', role: 'staff' },
  { username: 'sysadmin', name: '系统管理员', unit: '办公室', role: 'sysadmin' },
  { username: 'secadmin', name: '安全保密管理员', unit: '办公室', role: 'secadmin' },
  { username: 'auditor', name: '安全审计员', unit: '办公室', role: 'auditor' },
];

export type DemoSeedResult = { created: true; users: number; units: number } | { created: false; reason: 'present' | 'administrators_exist' };

/**
 * `zhongshu seed-demo`: the demo bureau of API.md (5 units, 23 accounts,
 * password `Demo#2026zs`, never forced to change, never expiring). Does
 * nothing when `leader1` exists; reuses units and skips accounts that exist.
 * Refuses on an installation whose administrators were created by `init`:
 * seeding there would add accounts, administrators among them, with a
 * password printed in the documentation.
 */
export async function seedDemoOrg(deps: Deps): Promise<DemoSeedResult> {
  if (await repo.selectUserByUsername(deps.db, 'leader1')) return { created: false, reason: 'present' };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx): Promise<DemoSeedResult> => {
    if (await repo.selectUserByUsername(trx, 'leader1')) return { created: false, reason: 'present' };
    if ((await repo.countUsersWithAnyRole(trx, ADMIN_ROLES)) > 0) return { created: false, reason: 'administrators_exist' };
    const before = await repo.countUnits(trx);
    const unitIds = new Map<string, string>();
    for (const u of DEMO_UNITS) unitIds.set(u.name, await findOrCreateUnit(trx, deps, u));
    let users = 0;
    for (const a of DEMO_ACCOUNTS) {
      if (await repo.selectUserByUsername(trx, a.username)) continue;
      const unitId = unitIds.get(a.unit);
      if (!unitId) throw new Error(`demo unit ${a.unit} missing`);
      await insertAccount(trx, deps, { username: a.username, name: a.name, unitId, passwordHash, roles: [a.role], neverExpires: true });
      users++;
    }
    return { created: true, users, units: (await repo.countUnits(trx)) - before };
  });
}
