import type {
  DivisionView,
  ImportResult,
  SupervisionCreate,
  SupervisionFields,
  SupervisionList,
  SupervisionOptions,
  SupervisionSettings,
  WeeklyReport,
} from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, importXlsx, type QueryFilter, withQuery } from '../../app/moduleApi.js';

export type ItemView = WorkflowView<SupervisionFields>;

export const supervisionApi = {
  list: (f: QueryFilter) => request<SupervisionList>('GET', '/api/supervision', { query: f }),
  options: () => request<SupervisionOptions>('GET', '/api/supervision/options'),
  get: (id: string) => request<ItemView>('GET', `/api/supervision/${enc(id)}`),
  create: (body: SupervisionCreate, csrf: string, key: string) => idempotentPost<ItemView>('/api/supervision', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<ItemView>(`/api/supervision/${enc(id)}/transitions`, body, csrf, key),
  report: (week?: string) => request<WeeklyReport>('GET', '/api/supervision/weekly-report', { query: { week } }),
  division: (week?: string, divisionId?: string) => request<DivisionView>('GET', '/api/supervision/division', { query: { week, divisionId } }),
  settings: () => request<SupervisionSettings>('GET', '/api/supervision/settings'),
  importLedger: (file: File, csrf: string, dryRun: boolean) => importXlsx<ImportResult>('/api/supervision/import', file, dryRun, csrf),
  exportUrl: (f: QueryFilter) => withQuery('/api/supervision/export.xlsx', f),
};
