import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Failed sign-ins for usernames that do not exist, counted as for a real
 * account, so an unknown name also "locks" after the policy's threshold and
 * the 423 answer does not reveal which usernames exist. Kept in memory: the
 * names are attacker-chosen, so they are bounded and never written to the
 * database beyond the audit log.
 */
export interface PhantomState {
  failed: number;
  lockedUntil: string | null;
}

const MAX_NAMES = 10_000;

class PhantomAccounts {
  private readonly names = new Map<string, PhantomState>();

  /** The name's lock, if it is still running at `now`. */
  lockedUntil(username: string, now: Date): string | null {
    const s = this.names.get(username);
    if (!s?.lockedUntil) return null;
    if (new Date(s.lockedUntil).getTime() > now.getTime()) return s.lockedUntil;
    s.lockedUntil = null;
    return null;
  }

  /** One more failure; at the threshold the name locks and its count starts again, as noteLoginFailure does. */
  fail(username: string, policy: { lockoutThreshold: number; lockoutMinutes: number }, now: Date): PhantomState {
    const s = this.names.get(username) ?? { failed: 0, lockedUntil: null };
    this.names.delete(username);
    if (this.names.size >= MAX_NAMES) {
      const oldest = this.names.keys().next().value;
      if (oldest !== undefined) this.names.delete(oldest);
    }
    s.failed += 1;
    const failed = s.failed;
    if (s.failed >= policy.lockoutThreshold) {
      s.failed = 0;
      s.lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString();
    }
    this.names.set(username, s);
    return { failed, lockedUntil: s.lockedUntil };
  }
}

// One table per database, so two servers in one test process do not share counts.
const byDatabase = new WeakMap<Kysely<Database>, PhantomAccounts>();

export function phantomAccounts(db: Kysely<Database>): PhantomAccounts {
  let p = byDatabase.get(db);
  if (!p) {
    p = new PhantomAccounts();
    byDatabase.set(db, p);
  }
  return p;
}
