import { randomInt } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { LoginResponse } from '../../src/shared/auth.js';
import { DEMO_PASSWORD } from '../../src/server/core/org/org.seed.js';

export interface Session {
  /** `zs_session=…`, ready for a `cookie` header. */
  cookie: string;
  csrf: string;
  /** Both headers a state-changing request needs. */
  headers: { cookie: string; 'x-csrf-token': string };
  user: LoginResponse['user'];
  mustChangePassword: boolean;
}

/**
 * Each login comes from its own made-up address, so the per-address login
 * rate limit never trips a test that signs in many times.
 */
export function randomAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
}

export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((x) => x.name === 'zs_session');
  return c ? `zs_session=${c.value}` : undefined;
}

/** Signs in through the API; throws with the response body when it fails. */
export async function login(app: FastifyInstance, username: string, password: string = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: randomAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = JSON.parse(res.body) as LoginResponse;
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('login did not set zs_session');
  return {
    cookie,
    csrf: body.csrfToken,
    headers: { cookie, 'x-csrf-token': body.csrfToken },
    user: body.user,
    mustChangePassword: body.mustChangePassword,
  };
}

/** `app.inject` as the signed-in user (cookie and CSRF header attached). */
export function injectAs(app: FastifyInstance, s: Session, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({ ...opts, headers: { ...s.headers, ...(opts.headers ?? {}) } });
}
