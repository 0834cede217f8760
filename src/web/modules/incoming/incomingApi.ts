import type {
  CheckReport,
  ImportResult,
  IncomingCreate,
  IncomingFields,
  IncomingList,
  IncomingListQuery,
  IncomingOptions,
  IncomingStats,
} from '../../../shared/incoming.js';
import type { attachmentListSchema } from '../../../shared/files.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import type { z } from 'zod';
import { request } from '../../app/http.js';

export type IncomingView = WorkflowView<IncomingFields>;
export type LedgerFilter = Partial<Omit<IncomingListQuery, 'overdue'>> & { overdue?: 'true' | 'false' | undefined };

const enc = encodeURIComponent;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

/**
 * A write with an Idempotency-Key: a double click or a retry after a lost
 * answer registers or moves the document once. The caller's CSRF token is
 * the one it rendered with.
 */
function idempotentPost<T>(path: string, body: unknown, csrf: string, key: string): Promise<T> {
  return request<T>('POST', path, { body, headers: { 'x-csrf-token': csrf, 'idempotency-key': key } });
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

export const incomingApi = {
  list: (f: LedgerFilter) => request<IncomingList>('GET', '/api/incoming', { query: toQuery(f) }),
  get: (id: string) => request<IncomingView>('GET', `/api/incoming/${enc(id)}`),
  options: () => request<IncomingOptions>('GET', '/api/incoming/options'),
  stats: (year: number) => request<IncomingStats>('GET', '/api/incoming/stats', { query: { year } }),
  check: () => request<CheckReport>('GET', '/api/incoming/checks/latest'),
  attachments: (id: string) => request<z.infer<typeof attachmentListSchema>>('GET', `/api/incoming/${enc(id)}/attachments`),
  create: (body: IncomingCreate, csrf: string, key: string) => idempotentPost<IncomingView>('/api/incoming', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<IncomingView>(`/api/incoming/${enc(id)}/transitions`, body, csrf, key),
  /** One scan or document file, through the attachment service and its classification guard. */
  uploadAttachment: (id: string, file: File, csrf: string, onProgress: (p: number) => void) => {
    const fd = new FormData();
    fd.append('file', file);
    return uploadWithProgress<unknown>(`/api/incoming/${enc(id)}/attachments`, fd, csrf, onProgress);
  },
  importLedger: (file: File, dryRun: boolean, csrf: string, onProgress: (p: number) => void) =>
    uploadWithProgress<ImportResult>(`/api/incoming/import${dryRun ? '?dryRun=true' : ''}`, file, csrf, onProgress, XLSX),
  exportUrl: (f: LedgerFilter) => {
    const qs = queryString({ ...f, page: undefined, pageSize: undefined });
    return `/api/incoming/export.xlsx${qs ? `?${qs}` : ''}`;
  },
};
