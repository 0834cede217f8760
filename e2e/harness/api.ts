import { type APIRequestContext, request } from 'playwright-core';
import type { AdminUser, Unit } from '../../src/shared/org.js';
import { baseUrl } from './browser.js';
import { DEMO_PASSWORD } from './env.js';

/**
 * A signed-in HTTP client for setting a scene the browser test is not about
 * (an account to age, to-dos to list); what a test checks goes through the page.
 */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown): Promise<T>;
  close(): Promise<void>;
}

async function answer<T>(ctx: APIRequestContext, res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!res.ok()) {
    const text = await res.text();
    await ctx.dispose();
    throw new Error(`${what} → ${res.status()}: ${text}`);
  }
  return (await res.json()) as T;
}

export async function apiAs(username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const ctx = await request.newContext({ baseURL: baseUrl() });
  const login = await answer<{ csrfToken: string }>(ctx, await ctx.post('/api/auth/login', { data: { username, password } }), `login ${username}`);
  const headers = { 'x-csrf-token': login.csrfToken };
  return {
    get: async <T>(path: string) => answer<T>(ctx, await ctx.get(path), `GET ${path}`),
    send: async <T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown) =>
      answer<T>(ctx, await ctx.fetch(path, { method, data: body, headers }), `${method} ${path}`),
    close: () => ctx.dispose(),
  };
}

/** sysadmin creates an account in the named unit; it starts with a password set by the administrator. */
export async function createAccount(spec: { username: string; name: string; unitName: string; password: string }): Promise<AdminUser> {
  const admin = await apiAs('sysadmin');
  try {
    const { items } = await admin.get<{ items: Unit[] }>('/api/admin/units');
    const unit = items.find((u) => u.name === spec.unitName);
    if (!unit) throw new Error(`no unit named ${spec.unitName}`);
    return await admin.send<AdminUser>('POST', '/api/admin/users', { username: spec.username, name: spec.name, unitId: unit.id, password: spec.password });
  } finally {
    await admin.close();
  }
}

/** A public read (no session), e.g. the password rules. */
export async function getPublic<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`);
  if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
