import type { __Name__Create, __Name__Fields, __Name__List } from '../../../shared/__name__.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, type QueryFilter } from '../../app/moduleApi.js';

export type __Name__View = WorkflowView<__Name__Fields>;

export const __name__Api = {
  list: (f: QueryFilter) => request<__Name__List>('GET', '/api/__name__', { query: f }),
  get: (id: string) => request<__Name__View>('GET', `/api/__name__/${enc(id)}`),
  create: (body: __Name__Create, csrf: string, key: string) => idempotentPost<__Name__View>('/api/__name__', body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<__Name__View>(`/api/__name__/${enc(id)}/transitions`, body, csrf, key),
};
