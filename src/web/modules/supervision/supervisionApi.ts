import type { AttachmentListItem } from '../../../shared/files.js';
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
import { ApiError, actingForHeaders, request } from '../../app/http.js';

export type ItemView = WorkflowView<SupervisionFields>;
export type LedgerFilter = Partial<Omit<SupervisionListQuery, 'overdue'>>;

const enc = encodeURIComponent;

export function queryString(f: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

function apiError(status: number, text: string): ApiError {
  try {
    const data = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (data.error?.code && data.error.message) return new ApiError(status, data.error.code as ApiError['code'], data.error.message, data.error.details);
  } catch {
    // not JSON
  }
  return new ApiError(status, 'unknown', status === 413 ? '文件过大' : `请求失败（${status}）`);
}

/**
 * Writes with an Idempotency-Key and raw bodies: a double click or a retry
 * after a lost answer creates or moves the item once. (The shared client
 * sends neither, so this one small fetch lives here.)
 */
async function send<T>(method: 'POST', path: string, opts: { json?: unknown; raw?: Blob; contentType?: string; csrf: string; key?: string }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': opts.csrf, ...actingForHeaders() };
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  if (opts.contentType) headers['content-type'] = opts.contentType;
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: opts.raw ?? (opts.json === undefined ? null : JSON.stringify(opts.json)) });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  if (!res.ok) throw apiError(res.status, text);
  return JSON.parse(text) as T;
}

export const supervisionApi = {
  list: (f: LedgerFilter) => request<SupervisionList>('GET', '/api/supervision', { query: f }),
  options: () => request<SupervisionOptions>('GET', '/api/supervision/options'),
  get: (id: string) => request<ItemView>('GET', `/api/supervision/${enc(id)}`),
  create: (body: SupervisionCreate, csrf: string, key: string) => send<ItemView>('POST', '/api/supervision', { json: body, csrf, key }),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) => send<ItemView>('POST', `/api/supervision/${enc(id)}/transitions`, { json: body, csrf, key }),
  report: (week?: string) => request<WeeklyReport>('GET', '/api/supervision/weekly-report', { query: { week } }),
  division: (week?: string, divisionId?: string) => request<DivisionView>('GET', '/api/supervision/division', { query: { week, divisionId } }),
  settings: () => request<SupervisionSettings>('GET', '/api/supervision/settings'),
  attachments: (id: string) => request<{ items: AttachmentListItem[]; total: number }>('GET', `/api/supervision/${enc(id)}/attachments`),
  upload: (id: string, file: File, csrf: string) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return fetch(`/api/supervision/${enc(id)}/attachments`, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf, ...actingForHeaders() }, body: fd }).then(async (res) => {
      const text = await res.text();
      if (!res.ok) throw apiError(res.status, text);
      return JSON.parse(text) as { id: string; name: string };
    });
  },
  importLedger: (file: File, csrf: string, dryRun: boolean) =>
    send<ImportResult>('POST', `/api/supervision/import${dryRun ? '?dryRun=true' : ''}`, { raw: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csrf }),
};

export const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
