import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../core/http/actor.js';
import { type DbDeps, usersWithRole } from '../../core/org/org.service.js';

/*
 * 信访工作人员 (`petition_officer`), the platform's business role this module
 * is run by (demo account 蒋信访员 in 办公室, seeded with the demo bureau).
 */
export const PETITION_OFFICER: Role = 'petition_officer';
export const PETITION_OFFICER_LABEL = '信访工作人员';

export function isOfficer(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes(PETITION_OFFICER);
}

/** The search index's token for the role (core/search's `role:<role>`). */
export const officerToken = `role:${PETITION_OFFICER}`;

/** Enabled accounts holding the role (the platform's lookup, with the role it does not name yet). */
export async function officerIds(deps: DbDeps): Promise<string[]> {
  return (await usersWithRole(deps, PETITION_OFFICER)).map((u) => u.id);
}
