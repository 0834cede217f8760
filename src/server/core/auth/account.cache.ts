import type { AccountState } from '../org/org.accounts.js';

/**
 * The account (user, unit name, roles) behind a live session, kept for a
 * moment: loading it is two statements on every request, about a quarter of
 * the per-request cost of a list page, and a page load sends several
 * requests at once.
 *
 * Keyed by session id, not user id, on purpose. Every change that takes
 * rights away (roles changed, account disabled, password reset) revokes the
 * user's sessions in the same transaction, and the session row itself is
 * read on every request, never cached: a revoked session is refused at once
 * on every instance, and the new session after signing in again starts with
 * a fresh lookup. What can lag by at most ACCOUNT_CACHE_MS is a change that
 * leaves sessions alive (a new name or unit, a unit renamed); in this
 * process the revocations and the user's own password change also drop the
 * entries, so the change is visible on the very next request.
 */
export const ACCOUNT_CACHE_MS = 2_000;
/** Bounds memory under many sessions; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  account: AccountState;
  at: number;
}

const entries = new Map<string, Entry>();
// Bumped by every invalidation: a lookup that started before one must not
// store what it read, which may predate the change it raced with.
let generation = 0;

/** Monotonic, so a wall-clock step (or a test's ManualClock) cannot stretch the lifetime. */
const tick = () => performance.now();

export function cachedAccount(sessionId: string): AccountState | undefined {
  const e = entries.get(sessionId);
  if (!e) return undefined;
  if (tick() - e.at >= ACCOUNT_CACHE_MS) {
    entries.delete(sessionId);
    return undefined;
  }
  return e.account;
}

/** The generation to hand back to `rememberAccount` once the lookup has finished. */
export function accountGeneration(): number {
  return generation;
}

export function rememberAccount(sessionId: string, account: AccountState, startedAt: number): void {
  if (startedAt !== generation) return;
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next();
    if (!oldest.done) entries.delete(oldest.value);
  }
  entries.set(sessionId, { account, at: tick() });
}

export function forgetSession(sessionId: string): void {
  generation++;
  entries.delete(sessionId);
}

/** Drops every session's entry of a user (their sessions were revoked, or their password changed). */
export function forgetUser(userId: string): void {
  generation++;
  for (const [sessionId, e] of entries) if (e.account.id === userId) entries.delete(sessionId);
}
