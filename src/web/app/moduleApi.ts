import { request } from './http.js';

/** The pieces each module's API client (`modules/<m>/<m>Api.ts`) is made of. */

export const enc = encodeURIComponent;

/** A list filter as the address bar and a query string carry it: values are text, empty ones are left out. */
export type QueryFilter = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function queryString(filter: QueryFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
}

/** A path with the filter as its query, e.g. an export link that carries the ledger's filters. */
export function withQuery(path: string, filter: QueryFilter): string {
  const qs = queryString(filter);
  return qs ? `${path}?${qs}` : path;
}

/**
 * A write with an Idempotency-Key: a double click or a retry after a lost
 * answer creates, saves or moves the object once. The caller's CSRF token is
 * the one it rendered with.
 */
export function idempotentWrite<T>(method: 'POST' | 'PUT', path: string, body: unknown, csrf: string, key: string): Promise<T> {
  return request<T>(method, path, { body, headers: { 'x-csrf-token': csrf, 'idempotency-key': key } });
}

export function idempotentPost<T>(path: string, body: unknown, csrf: string, key: string): Promise<T> {
  return idempotentWrite<T>('POST', path, body, csrf, key);
}

/** Uploads with progress (the shared client switches to XMLHttpRequest for it). */
export function uploadWithProgress<T>(
  path: string,
  body: Blob | FormData,
  csrf: string,
  onProgress: (percent: number) => void,
  contentType?: string,
): Promise<T> {
  return request<T>('POST', path, { rawBody: body, headers: { 'x-csrf-token': csrf }, onUploadProgress: onProgress, ...(contentType ? { contentType } : {}) });
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A ledger import: the .xlsx file is the body; `dryRun` only checks it (every row, all or nothing). */
export function importXlsx<T>(path: string, file: File, dryRun: boolean, csrf: string, onProgress: (percent: number) => void = () => {}): Promise<T> {
  return uploadWithProgress<T>(withQuery(path, { dryRun: dryRun ? 'true' : undefined }), file, csrf, onProgress, XLSX);
}
