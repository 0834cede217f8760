import type { Kysely } from 'kysely';
import type { SecurityPolicy, SessionItem } from '../../../shared/auth.js';
import { type AccountState, getAccountById } from '../org/org.accounts.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';
import { randomToken, uuidv7 } from '../ids.js';
import { sm3Hex } from '../sm3.js';
import { accountGeneration, cachedAccount, forgetSession, forgetUser, rememberAccount } from './account.cache.js';
import { getSecurityPolicy } from './policy.service.js';

type DbDeps = { db: Kysely<Database> };

/** last_seen_at is written at most this often per session. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export type RevokeReason = 'logout' | 'idle' | 'absolute' | 'disabled' | 'password_reset' | 'password_change' | 'roles_changed' | 'unit_changed' | 'user';

export interface NewSession {
  id: string;
  /** Goes into the cookie only; the database keeps its SM3 hash. */
  token: string;
  csrfToken: string;
}

export interface ResolvedSession {
  id: string;
  csrfToken: string;
  actor: Actor;
  account: AccountState;
  mustChangePassword: boolean;
}

export const tokenHash = (token: string): string => sm3Hex(token);

/** True when the password must be changed now: set by an administrator, or expired under the policy. */
export function passwordChangeDue(account: AccountState, policy: Pick<SecurityPolicy, 'passwordExpiryDays'>, now: Date): boolean {
  if (account.mustChangePassword) return true;
  if (account.passwordNeverExpires || policy.passwordExpiryDays <= 0) return false;
  const expires = new Date(account.passwordChangedAt).getTime() + policy.passwordExpiryDays * 86_400_000;
  return now.getTime() >= expires;
}

export async function createSession(
  db: Kysely<Database>,
  input: { userId: string; ip: string | null; userAgent: string | null; now: Date },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const id = uuidv7(input.now.getTime());
  const at = input.now.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: tokenHash(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ip: input.ip,
      user_agent: input.userAgent ? input.userAgent.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 300) : null,
      revoked_at: null,
      revoked_reason: null,
    })
    .execute();
  return { id, token, csrfToken };
}

function expiryReason(s: { created_at: string; last_seen_at: string }, policy: SecurityPolicy, now: Date): RevokeReason | null {
  const t = now.getTime();
  if (t - new Date(s.created_at).getTime() >= policy.absoluteSessionHours * 3_600_000) return 'absolute';
  if (t - new Date(s.last_seen_at).getTime() >= policy.idleTimeoutMinutes * 60_000) return 'idle';
  return null;
}

/**
 * The session behind a cookie token, or null when it is unknown, revoked,
 * idle or past its absolute lifetime, or its account is disabled. Expired
 * sessions are marked revoked on the way.
 */
export async function resolveSession(deps: Deps, token: string, ip: string, opts: { touch?: boolean } = {}): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const s = await deps.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!s || s.revoked_at) return null;
  const now = deps.clock.now();
  const policy = await getSecurityPolicy(deps);
  const expired = expiryReason(s, policy, now);
  if (expired) {
    await revokeSession(deps, s.id, expired, now);
    return null;
  }
  const account = await sessionAccount(deps, s.id, s.user_id);
  if (!account || account.disabled) {
    await revokeSession(deps, s.id, 'disabled', now);
    return null;
  }
  if (opts.touch !== false && now.getTime() - new Date(s.last_seen_at).getTime() >= LAST_SEEN_WRITE_INTERVAL_MS) {
    await deps.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', s.id).execute();
  }
  return {
    id: s.id,
    csrfToken: s.csrf_token,
    account,
    mustChangePassword: passwordChangeDue(account, policy, now),
    actor: {
      id: account.id,
      username: account.username,
      name: account.name,
      unitId: account.unitId,
      // A copy: the account may be the cached one, shared by the session's next requests.
      roles: [...account.roles],
      sessionId: s.id,
      ip,
      onBehalfOf: null,
    },
  };
}

/** The session's account, from the short-lived cache when the session was seen a moment ago (see account.cache.ts). */
async function sessionAccount(deps: DbDeps, sessionId: string, userId: string): Promise<AccountState | undefined> {
  const hit = cachedAccount(sessionId);
  if (hit) return hit;
  const startedAt = accountGeneration();
  const account = await getAccountById(deps, userId);
  if (account && !account.disabled) rememberAccount(sessionId, account, startedAt);
  return account;
}

export async function revokeSession(deps: DbDeps, sessionId: string, reason: RevokeReason, now: Date): Promise<boolean> {
  forgetSession(sessionId);
  const r = await deps.db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every live session of a user (disable, reset, role change), optionally keeping one. */
export async function revokeUserSessions(deps: DbDeps, userId: string, reason: RevokeReason, now: Date, exceptSessionId?: string): Promise<number> {
  // Also for the kept session: whatever made us revoke (a password change) altered the account.
  forgetUser(userId);
  let q = deps.db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The user's live sessions, newest first. */
export async function listUserSessions(deps: Deps, userId: string, currentSessionId: string): Promise<SessionItem[]> {
  const now = deps.clock.now();
  const policy = await getSecurityPolicy(deps);
  const rows = await deps.db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows
    .filter((r) => expiryReason(r, policy, now) === null)
    .map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      ip: r.ip,
      userAgent: r.user_agent,
      current: r.id === currentSessionId,
    }));
}

export async function findUserSession(deps: DbDeps, userId: string, sessionId: string) {
  return deps.db.selectFrom('sessions').select(['id', 'revoked_at']).where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
}
