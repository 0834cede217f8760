import type {
  CheckReport,
  ImportResult,
  IncomingCreate,
  IncomingFields,
  IncomingFilter,
  IncomingList,
  IncomingOptions,
  IncomingStats,
} from '../../../shared/incoming.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, importXlsx, type QueryFilter, withQuery } from '../../app/moduleApi.js';

export type IncomingView = WorkflowView<IncomingFields>;

/** The ledger's filters as the address carries them (ledger/useLedger). */
export type IncomingLedgerFilter = { [K in keyof IncomingFilter]?: IncomingFilter[K] extends string | undefined ? IncomingFilter[K] : string };

export const incomingApi = {
  list: (f: QueryFilter) => request<IncomingList>('GET', '/api/incoming', { query: f }),
  get: (id: string) => request<IncomingView>('GET', `/api/incoming/${enc(id)}`),
  options: () => request<IncomingOptions>('GET', '/api/incoming/options'),
  stats: (year: number) => request<IncomingStats>('GET', '/api/incoming/stats', { query: { year } }),
  check: () => request<CheckReport>('GET', '/api/incoming/checks/latest'),
  create: (body: IncomingCreate, csrf: string, key: string) => idempotentPost<IncomingView>('/api/incoming', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<IncomingView>(`/api/incoming/${enc(id)}/transitions`, body, csrf, key),
  importLedger: (file: File, dryRun: boolean, csrf: string, onProgress: (p: number) => void) =>
    importXlsx<ImportResult>('/api/incoming/import', file, dryRun, csrf, onProgress),
  exportUrl: (f: QueryFilter) => withQuery('/api/incoming/export.xlsx', f),
};
