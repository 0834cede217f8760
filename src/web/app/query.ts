import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { reportError } from './errors.js';
import { isApiError } from './http.js';

declare module '@tanstack/react-query' {
  interface Register {
    /** `silent: true` — the page shows this error itself; only session errors reroute. */
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => reportError(err, { toast: query.meta?.silent !== true }),
  }),
  mutationCache: new MutationCache({
    onError: (err, _vars, _ctx, mutation) => reportError(err, { toast: mutation.meta?.silent !== true }),
  }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(isApiError(err) && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});
