import type { SecrecyCreate, SecrecyFields, SecrecyList } from '../../../shared/secrecy.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, type QueryFilter } from '../../app/moduleApi.js';

export type SecrecyView = WorkflowView<SecrecyFields>;

export const secrecyApi = {
  list: (f: QueryFilter) => request<SecrecyList>('GET', '/api/secrecy', { query: f }),
  get: (id: string) => request<SecrecyView>('GET', `/api/secrecy/${enc(id)}`),
  create: (body: SecrecyCreate, csrf: string, key: string) => idempotentPost<SecrecyView>('/api/secrecy', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<SecrecyView>(`/api/secrecy/${enc(id)}/transitions`, body, csrf, key),
};
