import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/roles.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import * as repo from './org.repo.js';

// The accounts as core/auth reads them to sign a user in. Kept apart from
// org.service.ts, which revokes sessions through core/auth, so the two never
// import each other.

/** Read functions accept `deps` or `{ db: trx }` inside a caller's transaction. */
export type DbDeps = { db: Kysely<Database> };

/** A user as other modules see them. */
export interface OrgUser {
  id: string;
  username: string;
  name: string;
  unitId: string | null;
  /** For e-mailed notifications; null when none is on record. */
  email: string | null;
  roles: Role[];
  disabled: boolean;
}

/** Everything core/auth needs to sign a user in. Never leaves the server. */
export interface AccountState extends OrgUser {
  unitName: string | null;
  passwordHash: string;
  passwordChangedAt: string;
  mustChangePassword: boolean;
  passwordNeverExpires: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

export const toOrgUser = (r: repo.UserRow, roles: Role[]): OrgUser => ({
  id: r.id,
  username: r.username,
  name: r.name,
  unitId: r.unit_id,
  email: r.email,
  roles,
  disabled: r.disabled === 1,
});

async function toAccount(db: Executor, row: repo.UserListRow): Promise<AccountState> {
  const roles = (await repo.selectRoles(db, [row.id])).get(row.id) ?? [];
  return {
    ...toOrgUser(row, roles),
    unitName: row.unit_name,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: row.must_change_password === 1,
    passwordNeverExpires: row.password_never_expires === 1,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    version: row.version,
  };
}

export async function getAccountById(deps: DbDeps, id: string): Promise<AccountState | undefined> {
  const row = await repo.selectUserWithUnitName(deps.db, { id });
  return row ? toAccount(deps.db, row) : undefined;
}

export async function getAccountByUsername(deps: DbDeps, username: string): Promise<AccountState | undefined> {
  const row = await repo.selectUserWithUnitName(deps.db, { username: username.trim().toLowerCase() });
  return row ? toAccount(deps.db, row) : undefined;
}

/** Counts a failed sign-in; at `threshold` the account locks until `now + lockMinutes` and the count restarts. */
export async function noteLoginFailure(
  deps: DbDeps,
  userId: string,
  policy: { lockoutThreshold: number; lockoutMinutes: number },
  now: Date,
): Promise<{ failedLogins: number; lockedUntil: string | null }> {
  const failed = await repo.incrementFailedLogins(deps.db, userId);
  if (failed < policy.lockoutThreshold) return { failedLogins: failed, lockedUntil: null };
  const lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString();
  await repo.updateUserState(deps.db, userId, { failed_logins: 0, locked_until: lockedUntil });
  return { failedLogins: failed, lockedUntil };
}

export async function noteLoginSuccess(deps: DbDeps, userId: string, now: Date): Promise<void> {
  await repo.updateUserState(deps.db, userId, { failed_logins: 0, locked_until: null, last_login_at: now.toISOString() });
}

/** The user's own change: clears the forced-change flag. The caller checks the current password. */
export async function setOwnPasswordHash(deps: DbDeps, userId: string, passwordHash: string, now: Date): Promise<void> {
  await repo.updateUserState(deps.db, userId, {
    password_hash: passwordHash,
    password_changed_at: now.toISOString(),
    must_change_password: 0,
  });
}
