import type { SearchResponse } from '../../../shared/search.js';
import { request } from '../../app/http.js';

export interface SearchParams {
  q: string;
  kind?: string | undefined;
  page: number;
  pageSize: number;
}

export const searchApi = {
  search: (p: SearchParams) => request<SearchResponse>('GET', '/api/search', { query: { q: p.q, kind: p.kind, page: p.page, pageSize: p.pageSize } }),
};
