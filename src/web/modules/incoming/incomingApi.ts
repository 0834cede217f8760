import type { CheckReport, ImportResult, IncomingCreate, IncomingFields, IncomingList, IncomingListQuery, IncomingOptions, IncomingStats } from '../../../shared/incoming.js';
import type { AttachmentListItem } from '../../../shared/files.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { ApiError } from '../../app/http.js';
import { actingForHeaders, request } from '../../app/http.js';

export type IncomingView = WorkflowView<IncomingFields>;
export type LedgerFilter = Partial<Omit<IncomingListQuery, 'overdue'>> & { overdue?: 'true' | 'false' | undefined };

const enc = encodeURIComponent;

function toQuery(f: LedgerFilter): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  return out;
}

export function queryString(f: LedgerFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(toQuery(f))) if (v !== undefined) p.set(k, String(v));
  return p.toString();
}

function apiErrorFrom(status: number, text: string): ApiError {
  try {
    const data = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (data.error?.code && data.error.message) return new ApiError(status, data.error.code as ApiError['code'], data.error.message, data.error.details);
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, 'unknown', status === 413 ? '文件过大' : `请求失败（${status}）`);
}

/**
 * A write with an Idempotency-Key: a double click or a retry after a lost
 * answer registers or moves the document once. (The shared client has no
 * custom headers, so this one small fetch lives here.)
 */
async function idempotentPost<T>(path: string, body: unknown, csrf: string, key: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key, ...actingForHeaders() },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  if (!res.ok) throw apiErrorFrom(res.status, text);
  return JSON.parse(text) as T;
}

/** Uploads with progress (XMLHttpRequest reports upload progress; fetch does not). */
export function uploadWithProgress<T>(
  path: string,
  body: Blob | FormData,
  csrf: string,
  onProgress: (percent: number) => void,
  contentType?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('accept', 'application/json');
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    for (const [k, v] of Object.entries(actingForHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else reject(apiErrorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.send(body);
  });
}

export const incomingApi = {
  list: (f: LedgerFilter) => request<IncomingList>('GET', '/api/incoming', { query: toQuery(f) }),
  get: (id: string) => request<IncomingView>('GET', `/api/incoming/${enc(id)}`),
  options: () => request<IncomingOptions>('GET', '/api/incoming/options'),
  stats: (year: number) => request<IncomingStats>('GET', '/api/incoming/stats', { query: { year } }),
  check: () => request<CheckReport>('GET', '/api/incoming/checks/latest'),
  attachments: (id: string) => request<{ items: AttachmentListItem[]; total: number }>('GET', `/api/incoming/${enc(id)}/attachments`),
  create: (body: IncomingCreate, csrf: string, key: string) => idempotentPost<IncomingView>('/api/incoming', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<IncomingView>(`/api/incoming/${enc(id)}/transitions`, body, csrf, key),
  importLedger: (file: File, dryRun: boolean, csrf: string, onProgress: (p: number) => void) =>
    uploadWithProgress<ImportResult>(`/api/incoming/import${dryRun ? '?dryRun=true' : ''}`, file, csrf, onProgress, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  exportUrl: (f: LedgerFilter) => {
    const qs = queryString({ ...f, page: undefined, pageSize: undefined });
    return `/api/incoming/export.xlsx${qs ? `?${qs}` : ''}`;
  },
};
