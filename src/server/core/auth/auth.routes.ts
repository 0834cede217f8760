import {
  changePasswordBodySchema,
  loginBodySchema,
  loginResponseSchema,
  meResponseSchema,
  okSchema,
  passwordPolicyResponseSchema,
  securityPolicySchema,
  sessionListSchema,
  updateSecurityPolicyBodySchema,
} from '../../../shared/auth.js';
import { idParamsSchema } from '../../../shared/org.js';
import type { Deps } from '../deps.js';
import { unauthenticated } from '../errors.js';
import { requireActor } from '../http/actor.js';
import type { ZApp } from '../http/zod-app.js';
import { clearSessionCookie, setSessionCookie } from './session.cookie.js';
import { changeOwnPassword, listMySessions, login, logout, me, revokeMySession } from './auth.service.js';
import { passwordPolicyView } from './password.js';
import { getSecurityPolicy, readSecurityPolicy, updateSecurityPolicy } from './policy.service.js';
import { revokeSession } from './session.service.js';

const sessionIdParams = idParamsSchema;

export async function registerAuthRoutes(app: ZApp, deps: Deps): Promise<void> {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: 60_000 } },
      schema: { tags: ['auth'], summary: '登录', security: [], body: loginBodySchema, response: { 200: loginResponseSchema } },
    },
    async (req, reply) => {
      const previous = req.authSession;
      const r = await login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      if (previous) await revokeSession(deps, previous.id, 'logout', deps.clock.now());
      setSessionCookie(reply, deps, r.token);
      return { user: r.user, csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 200: okSchema } } }, async (req, reply) => {
    await logout(deps, requireActor(req));
    clearSessionCookie(reply, deps);
    return { ok: true as const };
  });

  app.get(
    '/api/auth/password-policy',
    { schema: { tags: ['auth'], summary: '密码规则（公开，用于显示）', security: [], response: { 200: passwordPolicyResponseSchema } } },
    async () => passwordPolicyView((await getSecurityPolicy(deps)).passwordExpiryDays),
  );

  app.get('/api/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: meResponseSchema } } }, async (req) => {
    const session = req.authSession;
    if (!session) throw unauthenticated();
    if (!session.mustChangePassword) return me(session);
    // The flag is set by an administrator (new account, reset); without it the change is due by age.
    return { ...me(session), passwordChangeReason: session.account.mustChangePassword ? ('set_by_admin' as const) : ('expired' as const) };
  });

  app.post(
    '/api/me/password',
    {
      // Guessing the current password from a stolen session is throttled like a login.
      config: { rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: 60_000, keyGenerator: (req) => req.actor?.id ?? req.ip } },
      schema: { tags: ['auth'], summary: '修改本人密码', body: changePasswordBodySchema, response: { 200: okSchema } },
    },
    async (req) => {
      await changeOwnPassword(deps, requireActor(req), req.body);
      return { ok: true as const };
    },
  );

  app.get('/api/me/sessions', { schema: { tags: ['auth'], summary: '本人的登录会话', response: { 200: sessionListSchema } } }, async (req) => ({
    items: await listMySessions(deps, requireActor(req)),
  }));

  app.delete(
    '/api/me/sessions/:id',
    { schema: { tags: ['auth'], summary: '结束本人的一个会话', params: sessionIdParams, response: { 200: okSchema } } },
    async (req) => {
      await revokeMySession(deps, requireActor(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get('/api/admin/policy', { schema: { tags: ['admin'], summary: '安全策略（安全保密管理员）', response: { 200: securityPolicySchema } } }, async (req) =>
    readSecurityPolicy(deps, requireActor(req)),
  );

  app.put(
    '/api/admin/policy',
    {
      schema: { tags: ['admin'], summary: '设置安全策略（安全保密管理员）', body: updateSecurityPolicyBodySchema, response: { 200: securityPolicySchema } },
    },
    async (req) => updateSecurityPolicy(deps, requireActor(req), req.body),
  );
}
