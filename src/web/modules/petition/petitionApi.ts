import type {
  ClearPetitioner,
  Lookup,
  LookupResult,
  PetitionCreateInput,
  PetitionFields,
  PetitionFilterInput,
  PetitionList,
  PetitionStats,
} from '../../../shared/petition.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, type QueryFilter, withQuery } from '../../app/moduleApi.js';

export type PetitionView = WorkflowView<PetitionFields>;

export const petitionApi = {
  list: (f: QueryFilter) => request<PetitionList>('GET', '/api/petition', { query: f }),
  get: (id: string) => request<PetitionView>('GET', `/api/petition/${enc(id)}`),
  create: (body: PetitionCreateInput, csrf: string, key: string) => idempotentPost<PetitionView>('/api/petition', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<PetitionView>(`/api/petition/${enc(id)}/transitions`, body, csrf, key),
  /** The clear petitioner: audited on the server. */
  petitioner: (id: string) => request<ClearPetitioner>('GET', `/api/petition/${enc(id)}/petitioner`),
  /** A person's earlier petitions by ID number or phone: audited on the server. */
  lookup: (body: Lookup, csrf: string) => request<LookupResult>('POST', '/api/petition/lookup', { body, headers: { 'x-csrf-token': csrf } }),
  stats: (year: number) => request<PetitionStats>('GET', '/api/petition/stats', { query: { year } }),
  exportUrl: (f: Partial<PetitionFilterInput>) => withQuery('/api/petition/export.xlsx', f as QueryFilter),
  replyUrl: (id: string) => `/api/petition/${enc(id)}/reply.docx`,
  replyPdfUrl: (id: string) => `/api/petition/${enc(id)}/reply.pdf`,
  noticeUrl: (id: string) => `/api/petition/${enc(id)}/notice.docx`,
};
