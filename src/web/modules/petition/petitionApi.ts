import type { PetitionCreate, PetitionFields, PetitionList } from '../../../shared/petition.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, type QueryFilter } from '../../app/moduleApi.js';

export type PetitionView = WorkflowView<PetitionFields>;

export const petitionApi = {
  list: (f: QueryFilter) => request<PetitionList>('GET', '/api/petition', { query: f }),
  get: (id: string) => request<PetitionView>('GET', `/api/petition/${enc(id)}`),
  create: (body: PetitionCreate, csrf: string, key: string) => idempotentPost<PetitionView>('/api/petition', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<PetitionView>(`/api/petition/${enc(id)}/transitions`, body, csrf, key),
};
