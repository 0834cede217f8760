import type {
  CheckResult,
  OutgoingCheckInput,
  OutgoingCreate,
  OutgoingDiff,
  OutgoingFields,
  OutgoingList,
  OutgoingListQuery,
  OutgoingOptions,
  OutgoingSettings,
  OutgoingSettingsUpdate,
  OutgoingUpdate,
  OutgoingVersion,
} from '../../../shared/outgoing.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { ApiError, actingForHeaders, request } from '../../app/http.js';

export type OutgoingView = WorkflowView<OutgoingFields>;
export type ListFilter = Partial<OutgoingListQuery>;
export interface VersionItem {
  round: number;
  state: string;
  author: string;
  at: string;
  note: string | null;
  title: string;
}

const enc = encodeURIComponent;

/**
 * A write with an Idempotency-Key: a double click or a retry after a lost
 * answer saves or moves the document once (the shared client sends no custom headers).
 */
async function idempotent<T>(method: 'POST' | 'PUT', path: string, body: unknown, csrf: string, key: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key, ...actingForHeaders() },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  if (!res.ok) {
    try {
      const data = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
      if (data.error?.code && data.error.message) throw new ApiError(res.status, data.error.code as ApiError['code'], data.error.message, data.error.details);
    } catch (err) {
      if (err instanceof ApiError) throw err;
    }
    throw new ApiError(res.status, 'unknown', `请求失败（${res.status}）`);
  }
  return JSON.parse(text) as T;
}

export const outgoingApi = {
  list: (f: ListFilter) => request<OutgoingList>('GET', '/api/outgoing', { query: { ...f } }),
  get: (id: string) => request<OutgoingView>('GET', `/api/outgoing/${enc(id)}`),
  options: () => request<OutgoingOptions>('GET', '/api/outgoing/options'),
  settings: () => request<OutgoingSettings>('GET', '/api/outgoing/settings'),
  saveSettings: (body: OutgoingSettingsUpdate) => request<OutgoingSettings>('PUT', '/api/outgoing/settings', { body }),
  check: (body: OutgoingCheckInput, signal?: AbortSignal) => request<CheckResult>('POST', '/api/outgoing/check', { body, ...(signal ? { signal } : {}) }),
  versions: (id: string) => request<{ items: VersionItem[] }>('GET', `/api/outgoing/${enc(id)}/versions`),
  version: (id: string, round: number) => request<OutgoingVersion>('GET', `/api/outgoing/${enc(id)}/versions/${round}`),
  diff: (id: string, from: number, to: number) => request<OutgoingDiff>('GET', `/api/outgoing/${enc(id)}/diff`, { query: { from, to } }),
  create: (body: OutgoingCreate, csrf: string, key: string) => idempotent<OutgoingView>('POST', '/api/outgoing', body, csrf, key),
  update: (id: string, body: OutgoingUpdate, csrf: string, key: string) => idempotent<OutgoingView>('PUT', `/api/outgoing/${enc(id)}`, body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) => idempotent<OutgoingView>('POST', `/api/outgoing/${enc(id)}/transitions`, body, csrf, key),
  docxUrl: (id: string) => `/api/outgoing/${enc(id)}/document.docx`,
  pdfUrl: (id: string) => `/api/outgoing/${enc(id)}/document.pdf`,
};
