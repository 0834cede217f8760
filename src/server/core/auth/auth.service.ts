import type { LoginResponse, MeResponse, SessionItem } from '../../../shared/auth.js';
import { getAccountById, getAccountByUsername, noteLoginFailure, noteLoginSuccess, setOwnPasswordHash } from '../org/org.accounts.js';
import { appendAudit, recordAudit } from '../audit/audit.service.js';
import type { Deps } from '../deps.js';
import { AppError, forbidden, notFound, validation } from '../errors.js';
import { type Actor, auditActor } from '../http/actor.js';
import { forgetUser } from './account.cache.js';
import { assertPasswordAcceptable, burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
import { phantomAccounts } from './login.phantoms.js';
import { getSecurityPolicy } from './policy.service.js';
import {
  type ResolvedSession,
  createSession,
  findUserSession,
  listUserSessions,
  passwordChangeDue,
  revokeSession,
  revokeUserSessions,
} from './session.service.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export interface LoginResult extends LoginResponse {
  /** For the cookie only. */
  token: string;
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', '用户名或密码不正确');

/** Beijing time (UTC+8, no DST) as HH:mm for messages. */
function beijingClock(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

function accountLocked(lockedUntil: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((new Date(lockedUntil).getTime() - now.getTime()) / 60_000));
  return new AppError(
    423,
    'account_locked',
    `账号因连续多次密码错误已被临时锁定，请约 ${minutes} 分钟后（北京时间 ${beijingClock(lockedUntil)} 以后）再试，或联系安全保密管理员解锁`,
    { lockedUntil },
  );
}

/**
 * Signs a user in. Unknown users, wrong passwords and locked accounts answer
 * alike (one argon2 verification each); `threshold` consecutive failures lock
 * the account, or the unknown name, for the policy's minutes. A disabled
 * account is told so only after its correct password. Every attempt is audited.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const anonymous = { id: null, name: null, ip: input.ip };
  const account = await getAccountByUsername(deps, username);
  const policy = await getSecurityPolicy(deps);
  const startedAt = deps.clock.now();
  if (!account) {
    // Answered exactly as a real account would be, lock included.
    const shown = username.slice(0, 64);
    const phantoms = phantomAccounts(deps.db);
    await burnPasswordCheck(input.password);
    const locked = phantoms.lockedUntil(username, startedAt);
    if (locked) {
      await recordAudit(deps.db, deps.clock, { action: 'auth.login', actor: anonymous, outcome: 'failure', details: { username: shown, reason: 'locked' } });
      throw accountLocked(locked, startedAt);
    }
    const r = phantoms.fail(username, policy, startedAt);
    await deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, deps.clock, {
        action: 'auth.login',
        actor: anonymous,
        outcome: 'failure',
        details: { username: shown, reason: 'unknown_user', consecutiveFailures: r.failed },
      });
      if (r.lockedUntil) {
        await appendAudit(trx, deps.clock, {
          action: 'auth.lockout',
          actor: anonymous,
          details: { username: shown, reason: 'unknown_user', lockedUntil: r.lockedUntil, threshold: policy.lockoutThreshold, minutes: policy.lockoutMinutes },
        });
      }
    });
    if (r.lockedUntil) throw accountLocked(r.lockedUntil, startedAt);
    throw invalidCredentials();
  }
  const who = { id: account.id, name: account.name, ip: input.ip };
  const target = { targetType: 'user', targetId: account.id } as const;

  if (account.lockedUntil && new Date(account.lockedUntil).getTime() > startedAt.getTime()) {
    // The same password check as every other path, so a lock is not told apart by its speed.
    await burnPasswordCheck(input.password);
    await recordAudit(deps.db, deps.clock, { action: 'auth.login', actor: who, ...target, outcome: 'failure', details: { reason: 'locked' } });
    throw accountLocked(account.lockedUntil, startedAt);
  }

  const ok = await verifyPassword(account.passwordHash, input.password);
  const now = deps.clock.now();
  if (!ok) {
    const result = await deps.db.transaction().execute(async (trx) => {
      const r = await noteLoginFailure({ db: trx }, account.id, policy, now);
      await appendAudit(trx, deps.clock, {
        action: 'auth.login',
        actor: who,
        ...target,
        outcome: 'failure',
        details: { reason: 'bad_password', consecutiveFailures: r.failedLogins },
      });
      if (r.lockedUntil) {
        await appendAudit(trx, deps.clock, {
          action: 'auth.lockout',
          actor: who,
          ...target,
          details: { lockedUntil: r.lockedUntil, threshold: policy.lockoutThreshold, minutes: policy.lockoutMinutes },
        });
      }
      return r;
    });
    if (result.lockedUntil) throw accountLocked(result.lockedUntil, now);
    throw invalidCredentials();
  }

  if (account.disabled) {
    await recordAudit(deps.db, deps.clock, { action: 'auth.login', actor: who, ...target, outcome: 'failure', details: { reason: 'disabled' } });
    throw forbidden('该账号已停用，请联系系统管理员');
  }

  const session = await deps.db.transaction().execute(async (trx) => {
    await noteLoginSuccess({ db: trx }, account.id, now);
    const s = await createSession(trx, { userId: account.id, ip: input.ip, userAgent: input.userAgent, now });
    await appendAudit(trx, deps.clock, { action: 'auth.login', actor: who, ...target, details: { sessionId: s.id } });
    return s;
  });
  return {
    token: session.token,
    csrfToken: session.csrfToken,
    mustChangePassword: passwordChangeDue(account, policy, now),
    user: { id: account.id, username: account.username, name: account.name, unitId: account.unitId, roles: account.roles },
  };
}

export async function logout(deps: Deps, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await revokeSession({ db: trx }, actor.sessionId, 'logout', now);
    await appendAudit(trx, deps.clock, { action: 'auth.logout', actor: auditActor(actor), targetType: 'session', targetId: actor.sessionId });
  });
}

export function me(session: ResolvedSession): MeResponse {
  const a = session.account;
  return {
    id: a.id,
    username: a.username,
    name: a.name,
    unitId: a.unitId,
    unitName: a.unitName,
    roles: a.roles,
    mustChangePassword: session.mustChangePassword,
    csrfToken: session.csrfToken,
  };
}

/** The user's own change. Other sessions of the user end; this one stays. */
export async function changeOwnPassword(deps: Deps, actor: Actor, body: { currentPassword: string; newPassword: string }): Promise<void> {
  const account = await getAccountById(deps, actor.id);
  if (!account) throw notFound('账号不存在');
  if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
    await recordAudit(deps.db, deps.clock, {
      action: 'auth.password_change',
      actor: auditActor(actor),
      targetType: 'user',
      targetId: actor.id,
      outcome: 'failure',
      details: { reason: 'bad_current_password' },
    });
    throw validation('当前密码不正确', { fields: [{ field: 'currentPassword', message: '当前密码不正确' }] });
  }
  if (body.newPassword === body.currentPassword) {
    throw validation('新密码不能与当前密码相同', { fields: [{ field: 'newPassword', message: '新密码不能与当前密码相同' }], rules: ['same'] });
  }
  assertPasswordAcceptable(body.newPassword, account.username, 'newPassword');
  const hash = await hashPassword(body.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await setOwnPasswordHash({ db: trx }, actor.id, hash, now);
    const revoked = await revokeUserSessions({ db: trx }, actor.id, 'password_change', now, actor.sessionId);
    await appendAudit(trx, deps.clock, {
      action: 'auth.password_change',
      actor: auditActor(actor),
      targetType: 'user',
      targetId: actor.id,
      details: { otherSessionsRevoked: revoked, wasForced: account.mustChangePassword },
    });
  });
  // Again after the commit: a request of this session that read the account
  // while the transaction was open would otherwise keep the old
  // must-change flag for the cache's lifetime.
  forgetUser(actor.id);
}

export function listMySessions(deps: Deps, actor: Actor): Promise<SessionItem[]> {
  return listUserSessions(deps, actor.id, actor.sessionId);
}

/** Ends one of the user's own sessions (another device); 404 for anyone else's. */
export async function revokeMySession(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  const s = await findUserSession(deps, actor.id, sessionId);
  if (!s || s.revoked_at) throw notFound('会话不存在或已结束');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await revokeSession({ db: trx }, sessionId, sessionId === actor.sessionId ? 'logout' : 'user', now);
    await appendAudit(trx, deps.clock, {
      action: 'auth.session_revoke',
      actor: auditActor(actor),
      targetType: 'session',
      targetId: sessionId,
      details: { current: sessionId === actor.sessionId },
    });
  });
}
