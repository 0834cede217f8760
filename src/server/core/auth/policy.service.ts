import type { Kysely } from 'kysely';
import type { SecurityPolicy, UpdateSecurityPolicyBody } from '../../../shared/auth.js';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { versionConflict } from '../errors.js';
import { type Actor, auditActor } from '../http/actor.js';
import { ensureAdmin } from './guards.js';

type DbDeps = { db: Kysely<Database> };

export const DEFAULT_POLICY: Omit<SecurityPolicy, 'version' | 'updatedAt'> = {
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  passwordExpiryDays: 90,
  idleTimeoutMinutes: 30,
  absoluteSessionHours: 12,
  auditRetentionDays: 180,
};

/**
 * Every request reads the policy (session lifetimes, password expiry), and
 * it changes a few times a year: each database's copy is kept this long.
 * A change made here drops it at once; another instance sees it within
 * this time.
 */
export const POLICY_CACHE_MS = 5_000;
const cached = new WeakMap<Kysely<Database>, { policy: SecurityPolicy; at: number }>();
// Bumped by each update here, so that a read which began before the commit cannot store the old row after it.
let generation = 0;

/** The security policy in force (always present: the migration inserts the defaults). */
export async function getSecurityPolicy(deps: DbDeps): Promise<SecurityPolicy> {
  // Inside a transaction (the update's version check) the row is always read.
  if (deps.db.isTransaction) return readPolicy(deps.db);
  const hit = cached.get(deps.db);
  if (hit && performance.now() - hit.at < POLICY_CACHE_MS) return { ...hit.policy };
  const startedAt = generation;
  const policy = await readPolicy(deps.db);
  if (startedAt === generation) cached.set(deps.db, { policy, at: performance.now() });
  return { ...policy };
}

async function readPolicy(db: Kysely<Database>): Promise<SecurityPolicy> {
  const r = await db.selectFrom('security_policy').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) return { ...DEFAULT_POLICY, version: 1, updatedAt: '1970-01-01T00:00:00.000Z' };
  return {
    lockoutThreshold: r.lockout_threshold,
    lockoutMinutes: r.lockout_minutes,
    passwordExpiryDays: r.password_expiry_days,
    idleTimeoutMinutes: r.idle_timeout_minutes,
    absoluteSessionHours: r.absolute_session_hours,
    auditRetentionDays: r.audit_retention_days,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** 三员: only the secadmin reads and sets the policy. */
export async function readSecurityPolicy(deps: Deps, actor: Actor): Promise<SecurityPolicy> {
  await ensureAdmin(deps, actor, 'secadmin', 'security.policy_read');
  return getSecurityPolicy(deps);
}

export async function updateSecurityPolicy(deps: Deps, actor: Actor, body: UpdateSecurityPolicyBody): Promise<SecurityPolicy> {
  await ensureAdmin(deps, actor, 'secadmin', 'security.policy_update');
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await getSecurityPolicy({ db: trx });
    if (before.version !== body.version) throw versionConflict({ currentVersion: before.version });
    const r = await trx
      .updateTable('security_policy')
      .set({
        lockout_threshold: body.lockoutThreshold,
        lockout_minutes: body.lockoutMinutes,
        password_expiry_days: body.passwordExpiryDays,
        idle_timeout_minutes: body.idleTimeoutMinutes,
        absolute_session_hours: body.absoluteSessionHours,
        audit_retention_days: body.auditRetentionDays,
        version: body.version + 1,
        updated_at: now,
        updated_by: actor.id,
      })
      .where('id', '=', 1)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw versionConflict();
    const { version: _v, updatedAt: _u, ...old } = before;
    const { version: _bv, ...next } = body;
    const changed = Object.fromEntries(
      (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== old[k]).map((k) => [k, { from: old[k], to: next[k] }]),
    );
    await appendAudit(trx, deps.clock, {
      action: 'security.policy_update',
      actor: auditActor(actor),
      targetType: 'security_policy',
      targetId: '1',
      details: { changed },
    });
  });
  generation++;
  cached.delete(deps.db);
  return getSecurityPolicy(deps);
}
