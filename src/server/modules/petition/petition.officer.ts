import { type Role, roleSchema } from '../../../shared/roles.js';
import type { Actor } from '../../core/http/actor.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import { hashPassword } from '../../core/auth/password.js';
import type { Deps } from '../../core/deps.js';
import { uuidv7 } from '../../core/ids.js';
import { insertUser, replaceRoles, selectUnits, selectUserByUsername } from '../../core/org/org.repo.js';
import { DEMO_PASSWORD } from '../../core/org/org.seed.js';
import { type DbDeps, usersWithRole } from '../../core/org/org.service.js';

/*
 * 信访工作人员 (`petition_officer`), the business role API.md adds for this
 * module (demo account 蒋信访员, 办公室). Until src/shared/roles.ts lists it
 * (a platform change this module cannot make), an account holds it as a
 * stored role text the type does not name yet; every check of it is here, so
 * adding the role to the platform changes only this file.
 */
export const PETITION_OFFICER = 'petition_officer';
export const PETITION_OFFICER_LABEL = '信访工作人员';

export function isOfficer(actor: Pick<Actor, 'roles'>): boolean {
  return (actor.roles as readonly string[]).includes(PETITION_OFFICER);
}

/** The search index's token for the role (core/search's `role:<role>`). */
export const officerToken = `role:${PETITION_OFFICER}`;

/** Enabled accounts holding the role (the platform's lookup, with the role it does not name yet). */
export async function officerIds(deps: DbDeps): Promise<string[]> {
  return (await usersWithRole(deps, PETITION_OFFICER as Role)).map((u) => u.id);
}

/** Whether the platform's role list (src/shared/roles.ts) names the role yet: accounts holding it can sign in and be listed only then. */
export const platformKnowsOfficer = (): boolean => roleSchema.safeParse(PETITION_OFFICER).success;

/**
 * The demo bureau's 蒋信访员 (API.md: `petition_officer`, 办公室), made by this
 * module's demo seed once the platform knows the role (before that, an account
 * holding it breaks the sign-in and the administrators' user list, whose
 * answers name only known roles). Returns the account's id, or undefined.
 */
export async function ensureDemoOfficer(deps: Deps): Promise<string | undefined> {
  if (!platformKnowsOfficer()) return undefined;
  return createOfficerAccount(deps);
}

/** The account itself, whatever the platform knows (tests sign it in through a session row). */
export async function createOfficerAccount(deps: Deps): Promise<string | undefined> {
  const existing = await selectUserByUsername(deps.db, PETITION_OFFICER);
  if (existing) return existing.id;
  const office = (await selectUnits(deps.db, 'office'))[0];
  if (!office) return undefined;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    const id = uuidv7(deps.clock.now().getTime());
    await insertUser(trx, {
      id,
      username: PETITION_OFFICER,
      name: '蒋信访员',
      unit_id: office.id,
      password_hash: passwordHash,
      password_changed_at: at,
      must_change_password: 0,
      password_never_expires: 1,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await replaceRoles(trx, id, [PETITION_OFFICER as Role], [], null, at);
    await appendAudit(trx, deps.clock, {
      action: 'org.user_create',
      actor: { id: null, name: '命令行', ip: null },
      targetType: 'user',
      targetId: id,
      details: { username: PETITION_OFFICER, name: '蒋信访员', unitId: office.id, source: 'seed-demo' },
    });
    await appendAudit(trx, deps.clock, {
      action: 'org.role_grant',
      actor: { id: null, name: '命令行', ip: null },
      targetType: 'user',
      targetId: id,
      details: { username: PETITION_OFFICER, role: PETITION_OFFICER, roleLabel: PETITION_OFFICER_LABEL },
    });
    return id;
  });
}
