import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../shared/auth.js';
import type { Deps } from '../deps.js';
import { AppError, unauthenticated } from '../errors.js';
import type { ZApp } from '../http/zod-app.js';
import { registerAuthRoutes } from './auth.routes.js';
import { warmDummyHash } from './password.js';
import { type ResolvedSession, resolveSession } from './session.service.js';
import { actingFor } from '../org/org.delegation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session behind the request's cookie, when valid (set by the auth plugin). */
    authSession: ResolvedSession | null;
  }
}

const LOGIN_PATH = '/api/auth/login';
/** What a user whose password must change may still reach. */
const ALLOWED_WHILE_CHANGE_REQUIRED = new Set(['/api/me', '/api/me/password', '/api/auth/logout', '/api/auth/password-policy', LOGIN_PATH, '/api/health']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Header naming the principal a delegate acts for (委托/代理). */
export const ACTING_FOR_HEADER = 'x-acting-for';

export const csrfError = () => new AppError(403, 'csrf', '页面安全校验已失效，请刷新页面后重试');
export const passwordChangeRequired = () =>
  new AppError(403, 'password_change_required', '请先修改密码：初始密码、被重置的密码或已过期的密码须修改后才能继续使用系统');

/**
 * Resolves the session cookie into `request.actor` for every /api request,
 * then enforces: a state change needs a session (401) and the session's CSRF
 * token in `x-csrf-token` (403 csrf); a user who must change their password
 * reaches only the few routes that let them do so (403 password_change_required).
 */
async function authenticate(deps: Deps, req: FastifyRequest): Promise<void> {
  const path = req.url.split('?')[0] ?? '';
  if (!path.startsWith('/api/')) return;
  const token = req.cookies[SESSION_COOKIE];
  if (token) {
    // Requests the client makes on its own (the notification stream, badge
    // polling marked `x-zs-background: 1`) must not keep an idle session alive.
    const background = path === '/api/notifications/stream' || req.headers['x-zs-background'] === '1';
    const session = await resolveSession(deps, token, req.ip, { touch: !background });
    if (session) {
      req.authSession = session;
      req.actor = session.actor;
      // 委托/代理: a delegate works a principal's queue by naming them; the
      // principal's roles apply and every record carries both names. Without
      // an active delegation this is a 403, never a silent fall-back.
      const principal = req.headers[ACTING_FOR_HEADER];
      if (typeof principal === 'string' && principal && principal !== session.actor.id && !session.mustChangePassword) {
        if (!/^[0-9a-f-]{36}$/i.test(principal)) throw new AppError(400, 'validation', '代理对象无效');
        req.actor = await actingFor(deps, session.actor, principal);
      }
    }
  }
  if (!SAFE_METHODS.has(req.method) && path !== LOGIN_PATH) {
    const session = req.authSession;
    if (!session) throw unauthenticated(token ? '登录已超时或已在别处退出，请重新登录' : '请先登录');
    const header = req.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) throw csrfError();
  }
  if (req.authSession?.mustChangePassword && !ALLOWED_WHILE_CHANGE_REQUIRED.has(path)) throw passwordChangeRequired();
}

/** Wire before the modules register: every route after this sees `request.actor`. */
export async function installAuth(app: ZApp, deps: Deps): Promise<void> {
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (req) => {
    await authenticate(deps, req);
  });
  await registerAuthRoutes(app, deps);
  await warmDummyHash();
}
