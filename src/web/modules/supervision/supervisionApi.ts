import type {
  DivisionView,
  ImportResult,
  SupervisionCreate,
  SupervisionFields,
  SupervisionList,
  SupervisionListQuery,
  SupervisionOptions,
  SupervisionSettings,
  WeeklyReport,
} from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import type { attachmentListSchema, attachmentSchema } from '../../../shared/files.js';
import type { z } from 'zod';
import { request } from '../../app/http.js';

export type ItemView = WorkflowView<SupervisionFields>;
export type LedgerFilter = Partial<SupervisionListQuery>;

const enc = encodeURIComponent;

export function queryString(f: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Writes with an Idempotency-Key: a double click or a retry after a lost
 * answer creates or moves the item once. The caller's CSRF token is the one
 * it rendered with.
 */
function idempotentPost<T>(path: string, body: unknown, csrf: string, key: string): Promise<T> {
  return request<T>('POST', path, { body, headers: { 'x-csrf-token': csrf, 'idempotency-key': key } });
}

export const supervisionApi = {
  list: (f: LedgerFilter) => request<SupervisionList>('GET', '/api/supervision', { query: f }),
  options: () => request<SupervisionOptions>('GET', '/api/supervision/options'),
  get: (id: string) => request<ItemView>('GET', `/api/supervision/${enc(id)}`),
  create: (body: SupervisionCreate, csrf: string, key: string) => idempotentPost<ItemView>('/api/supervision', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<ItemView>(`/api/supervision/${enc(id)}/transitions`, body, csrf, key),
  report: (week?: string) => request<WeeklyReport>('GET', '/api/supervision/weekly-report', { query: { week } }),
  division: (week?: string, divisionId?: string) => request<DivisionView>('GET', '/api/supervision/division', { query: { week, divisionId } }),
  settings: () => request<SupervisionSettings>('GET', '/api/supervision/settings'),
  attachments: (id: string) => request<z.infer<typeof attachmentListSchema>>('GET', `/api/supervision/${enc(id)}/attachments`),
  upload: (id: string, file: File, csrf: string) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return request<z.infer<typeof attachmentSchema>>('POST', `/api/supervision/${enc(id)}/attachments`, { rawBody: fd, headers: { 'x-csrf-token': csrf } });
  },
  importLedger: (file: File, csrf: string, dryRun: boolean) =>
    request<ImportResult>('POST', '/api/supervision/import', {
      query: { dryRun: dryRun ? 'true' : undefined },
      rawBody: file,
      contentType: XLSX,
      headers: { 'x-csrf-token': csrf },
    }),
};

export { newIdempotencyKey as newKey } from '../../app/idempotency.js';
