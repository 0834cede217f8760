import type { FastifyRequest } from 'fastify';
import { type AdminRole, ROLE_LABELS, isAdminRole } from '../../../shared/roles.js';
import type { DeclaredAction } from '../audit/audit.events.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Deps } from '../deps.js';
import { SeparationRefusal, forbidden } from '../errors.js';
import { type Actor, auditActor, requireActor } from '../http/actor.js';

/**
 * For business modules: a signed-in user holding at least one business role.
 * 三员 accounts (and accounts not yet given a role) get 403.
 */
export function requireBusinessActor(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!actor.roles.some((r) => !isAdminRole(r))) {
    if (actor.roles.length === 0) throw forbidden('您的账号尚未分配业务角色，请联系安全保密管理员');
    throw new SeparationRefusal('三员分立：管理员账号不能查看或处理业务数据');
  }
  return actor;
}

export function isAdmin(actor: Actor, ...roles: AdminRole[]): boolean {
  return actor.roles.some((r) => (roles as readonly string[]).includes(r));
}

function deniedMessage(roles: readonly AdminRole[]): string {
  return `三员分立：此操作只能由${roles.map((r) => ROLE_LABELS[r]).join('或')}执行`;
}

/** A signed-in actor holding one of the given admin roles, else 403 (not audited; see ensureAdmin). */
export function requireAdmin(req: FastifyRequest, ...roles: [AdminRole, ...AdminRole[]]): Actor {
  const actor = requireActor(req);
  if (!isAdmin(actor, ...roles)) throw forbidden(deniedMessage(roles));
  return actor;
}

/**
 * The service-layer check of 三员分立: when the actor lacks the role, the
 * refused attempt is recorded (outcome `denied`) and 403 is thrown.
 */
export async function ensureAdmin<A extends string>(
  deps: Deps,
  actor: Actor,
  roles: AdminRole | readonly AdminRole[],
  action: DeclaredAction<A>,
  target?: { type: string; id: string },
): Promise<void> {
  const list: readonly AdminRole[] = typeof roles === 'string' ? [roles] : roles;
  if (isAdmin(actor, ...list)) return;
  await recordAudit(deps.db, deps.clock, {
    action,
    actor: auditActor(actor),
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    outcome: 'denied',
    details: { requiredRoles: [...list], actorRoles: actor.roles },
  });
  throw forbidden(deniedMessage(list));
}
