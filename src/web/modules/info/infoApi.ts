import type { InfoCreate, InfoFields, InfoList } from '../../../shared/info.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, type QueryFilter } from '../../app/moduleApi.js';

export type InfoView = WorkflowView<InfoFields>;

export const infoApi = {
  list: (f: QueryFilter) => request<InfoList>('GET', '/api/info', { query: f }),
  get: (id: string) => request<InfoView>('GET', `/api/info/${enc(id)}`),
  create: (body: InfoCreate, csrf: string, key: string) => idempotentPost<InfoView>('/api/info', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<InfoView>(`/api/info/${enc(id)}/transitions`, body, csrf, key),
};
