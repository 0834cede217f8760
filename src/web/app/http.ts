import type { ErrorCode } from '../../shared/errors.js';

/**
 * The one HTTP layer of the client. Every request goes through `request`,
 * which sends the CSRF token on writes and turns the error envelope
 * (`{error:{code,message,details?}}`) into an `ApiError`.
 */

export type ApiErrorCode = ErrorCode | 'network' | 'unknown';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

let csrfToken: string | null = null;

/** Login and `GET /api/me` hand out the token; logout forgets it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let actingForId: string | null = null;

/**
 * 委托/代理: while set, every request names the principal in `x-acting-for`
 * and the server applies the principal's roles (403 once the delegation ends).
 */
export function setActingFor(principalId: string | null): void {
  actingForId = principalId;
}

/**
 * For the few requests that cannot go through `request` (Idempotency-Key
 * writes, uploads with progress): spread into their headers so they act for
 * the same principal as everything else.
 */
export function actingForHeaders(): Record<string, string> {
  return actingForId ? { 'x-acting-for': actingForId } : {};
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Polling the user did not ask for (badges): the server does not count it as activity for the idle timeout. */
  background?: boolean;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '您没有执行此操作的权限',
  404: '要访问的内容不存在或您无权查看',
  409: '该记录已被他人修改，请刷新后重试',
  413: '提交的内容过大',
  423: '账号已被锁定',
  429: '操作过于频繁，请稍后再试',
  500: '服务器出现故障，请稍后重试',
  502: '服务器暂时无法访问，请稍后重试',
  503: '服务器正在维护，请稍后重试',
};

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface Envelope {
  error: { code: ErrorCode; message: string; details?: unknown };
}

function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.background) headers['x-zs-background'] = '1';
  if (actingForId) headers['x-acting-for'] = actingForId;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (isEnvelope(data)) throw new ApiError(res.status, data.error.code, data.error.message, data.error.details);
    throw new ApiError(res.status, 'unknown', FALLBACK_MESSAGES[res.status] ?? `请求失败（${res.status}）`);
  }
  return data as T;
}
