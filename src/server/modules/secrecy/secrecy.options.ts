import { z } from 'zod';
import type { Deps } from '../../core/deps.js';
import { forbidden } from '../../core/errors.js';
import type { Actor } from '../../core/http/actor.js';
import { listUnits, listUnitMembers } from '../../core/org/org.service.js';
import { hasRole } from '../../core/http/actor.js';
import { todayOf } from './secrecy.personnel.js';
import { listPersonnelRows } from './secrecy.repo.js';

/** The pickers of the 保密 forms: units, and each business account with its active 涉密 category (null: none). */
export const optionsSchema = z.object({
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  users: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string(),
      category: z.enum(['core', 'important', 'general']).nullable(),
    }),
  ),
});

export async function secrecyOptions(deps: Deps, actor: Actor): Promise<z.infer<typeof optionsSchema>> {
  if (!hasRole(actor, 'secrecy_officer', 'office_director', 'leader', 'division_head', 'staff', 'office_clerk')) throw forbidden();
  const units = await listUnits(deps);
  const active = new Map(
    (await listPersonnelRows(deps.db, { status: 'active' }, todayOf(deps))).filter((p) => p.user_id).map((p) => [p.user_id ?? '', p.category]),
  );
  const users = [];
  for (const u of units) {
    for (const m of await listUnitMembers(deps, u.id)) {
      if (m.disabled || m.roles.some((r) => r === 'sysadmin' || r === 'secadmin' || r === 'auditor')) continue;
      users.push({ id: m.id, name: m.name, unitId: u.id, unitName: u.name, category: active.get(m.id) ?? null });
    }
  }
  return { units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })), users };
}
