import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/roles.js';
import { forbidden, unauthenticated } from '../errors.js';
import type { AuditActor } from '../audit/audit.service.js';

/** The signed-in user behind a request, as every service sees them. */
export interface Actor {
  id: string;
  username: string;
  name: string;
  unitId: string | null;
  roles: Role[];
  sessionId: string;
  ip: string;
  /** Set when a delegate acts for a leader (委托/代理): both names are recorded. */
  onBehalfOf?: { id: string; name: string } | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden();
}

export function auditActor(actor: Actor): AuditActor {
  return { id: actor.id, name: actor.name, ip: actor.ip, onBehalfOf: actor.onBehalfOf ?? null };
}
