import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../../shared/auth.js';
import type { Deps } from '../deps.js';

/** HttpOnly, SameSite=Strict, whole site; Secure behind TLS. No Max-Age: it ends with the browser. */
export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.config.tls });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.config.tls });
}
