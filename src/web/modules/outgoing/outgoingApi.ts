import type {
  CheckResult,
  OutgoingCheckInput,
  OutgoingCreate,
  OutgoingDiff,
  OutgoingFields,
  OutgoingList,
  OutgoingOptions,
  OutgoingSettings,
  OutgoingSettingsUpdate,
  OutgoingUpdate,
  OutgoingVersion,
  outgoingVersionListSchema,
  PrintFormat,
} from '../../../shared/outgoing.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import type { z } from 'zod';
import { download, request } from '../../app/http.js';
import { enc, idempotentPost, idempotentWrite, type QueryFilter } from '../../app/moduleApi.js';

export type OutgoingView = WorkflowView<OutgoingFields>;
export type VersionItem = z.infer<typeof outgoingVersionListSchema>['items'][number];

export const outgoingApi = {
  list: (f: QueryFilter) => request<OutgoingList>('GET', '/api/outgoing', { query: f }),
  get: (id: string) => request<OutgoingView>('GET', `/api/outgoing/${enc(id)}`),
  options: () => request<OutgoingOptions>('GET', '/api/outgoing/options'),
  settings: () => request<OutgoingSettings>('GET', '/api/outgoing/settings'),
  saveSettings: (body: OutgoingSettingsUpdate) => request<OutgoingSettings>('PUT', '/api/outgoing/settings', { body }),
  check: (body: OutgoingCheckInput, signal?: AbortSignal) => request<CheckResult>('POST', '/api/outgoing/check', { body, ...(signal ? { signal } : {}) }),
  versions: (id: string) => request<z.infer<typeof outgoingVersionListSchema>>('GET', `/api/outgoing/${enc(id)}/versions`),
  version: (id: string, round: number) => request<OutgoingVersion>('GET', `/api/outgoing/${enc(id)}/versions/${round}`),
  diff: (id: string, from: number, to: number) => request<OutgoingDiff>('GET', `/api/outgoing/${enc(id)}/diff`, { query: { from, to } }),
  create: (body: OutgoingCreate, csrf: string, key: string) => idempotentPost<OutgoingView>('/api/outgoing', body, csrf, key),
  update: (id: string, body: OutgoingUpdate, csrf: string, key: string) => idempotentWrite<OutgoingView>('PUT', `/api/outgoing/${enc(id)}`, body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<OutgoingView>(`/api/outgoing/${enc(id)}/transitions`, body, csrf, key),
  /** The laid-out document in the chosen 版式, saved by the browser under the server's file name. */
  downloadDocument: (id: string, ext: 'docx' | 'pdf', format: PrintFormat, fallbackName: string) =>
    download(`/api/outgoing/${enc(id)}/document.${ext}`, fallbackName, { query: { format } }),
};
