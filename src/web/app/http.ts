import type { ErrorCode } from '../../shared/errors.js';

/**
 * The one HTTP layer of the client. Every request goes through `request`
 * (JSON, raw bodies, uploads with progress) or `download` (files), which send
 * the CSRF token, the acting-for header and any extra headers
 * (Idempotency-Key), and turn the error envelope into an `ApiError` in one
 * place, `parseErrorEnvelope`. A lost session is handed to the handler the UI
 * registers (the login page with a return path) before the caller sees the
 * error, so no caller can forget it. ESLint forbids `fetch` and
 * `XMLHttpRequest` everywhere else.
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

let sessionErrorHandler: ((err: ApiError) => void) | null = null;

/** The UI's reaction to an ended session (see `errors.ts`); called for every such answer. */
export function setSessionErrorHandler(handler: ((err: ApiError) => void) | null): void {
  sessionErrorHandler = handler;
}

type QueryValue = string | number | boolean | null | undefined;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is: a file, or a form with files (the browser sets the multipart boundary). */
  rawBody?: Blob | FormData;
  /** For a raw Blob body; a file's own type is used when absent. */
  contentType?: string;
  /** Extra headers, e.g. `idempotency-key`; they win over the defaults. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Polling the user did not ask for (badges): the server does not count it as activity for the idle timeout. */
  background?: boolean;
  /** "Who am I?" and logout: a 401 is an answer there, not a lost session. */
  sessionProbe?: boolean;
  /** Upload progress in percent (needs XMLHttpRequest; fetch does not report it). */
  onUploadProgress?: (percent: number) => void;
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

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';

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

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The one reader of the error envelope (`{error:{code,message,details?}}`) for any failed answer. */
export function parseErrorEnvelope(status: number, text: string): ApiError {
  const data = parseJson(text);
  if (isEnvelope(data)) return new ApiError(status, data.error.code, data.error.message, data.error.details);
  return new ApiError(status, 'unknown', FALLBACK_MESSAGES[status] ?? `请求失败（${status}）`);
}

function failure(status: number, text: string, opts: RequestOptions): ApiError {
  const err = parseErrorEnvelope(status, text);
  const sessionEnded = err.status === 401 && err.code === 'unauthenticated' && !opts.sessionProbe;
  if (sessionEnded || err.code === 'password_change_required') sessionErrorHandler?.(err);
  return err;
}

function headersFor(method: HttpMethod, opts: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  else if (opts.rawBody instanceof Blob && (opts.contentType || opts.rawBody.type)) headers['content-type'] = opts.contentType || opts.rawBody.type;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.background) headers['x-zs-background'] = '1';
  if (actingForId) headers['x-acting-for'] = actingForId;
  return { ...headers, ...opts.headers };
}

function bodyOf(opts: RequestOptions): string | Blob | FormData | null {
  if (opts.body !== undefined) return JSON.stringify(opts.body);
  return opts.rawBody ?? null;
}

async function send(method: HttpMethod, path: string, opts: RequestOptions): Promise<Response> {
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers: headersFor(method, opts),
      credentials: 'same-origin',
      body: bodyOf(opts),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
}

function sendWithProgress(
  method: HttpMethod,
  path: string,
  opts: RequestOptions,
  onProgress: (percent: number) => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, buildUrl(path, opts.query));
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headersFor(method, opts))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, 'network', NETWORK_MESSAGE));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(bodyOf(opts));
  });
}

export async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
  let status: number;
  let text: string;
  if (opts.onUploadProgress) {
    ({ status, text } = await sendWithProgress(method, path, opts, opts.onUploadProgress));
  } else {
    const res = await send(method, path, opts);
    status = res.status;
    text = await res.text();
  }
  if (status < 200 || status >= 300) throw failure(status, text, opts);
  return parseJson(text) as T;
}

/** The file name the server put in `Content-Disposition` (RFC 5987 `filename*` first). */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** A file as bytes, with the name the server gave it. */
export async function requestBlob(path: string, opts: RequestOptions = {}): Promise<{ blob: Blob; fileName: string | null }> {
  const res = await send('GET', path, { ...opts, headers: { accept: '*/*', ...opts.headers } });
  if (!res.ok) throw failure(res.status, await res.text(), opts);
  return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition')) };
}

/** Fetches a file through the client (session, acting-for, errors) and hands it to the browser to save. */
export async function download(path: string, fallbackName: string, opts: RequestOptions = {}): Promise<void> {
  const { blob, fileName } = await requestBlob(path, opts);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the bytes to the download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
