import { keepPreviousData, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { QueryFilter } from '../moduleApi.js';

/** A list's query schema from src/shared: its keys are the ledger's filters (`page`, `pageSize` excepted). */
export type FilterSchema = z.ZodObject<Record<string, z.ZodType>>;

/** The filters as the address and the API take them: the schema's input, which is text. */
export type LedgerFilter<S extends FilterSchema> = Partial<Omit<z.input<S>, 'page' | 'pageSize'>>;

/** One page of a ledger, as every module's list endpoint answers (and `rights` on the list, when its policy sends them). */
export interface LedgerList {
  items: { id: string }[];
  total: number;
  /** The keyword matched more than one search block: only the newest are listed (KEYWORD_CAPPED_NOTICE). */
  keywordCapped?: boolean | undefined;
}

export interface Ledger<S extends FilterSchema, L extends LedgerList> {
  /** The schema the filters come from. */
  schema: S;
  filter: LedgerFilter<S>;
  /** The same filters, each as the text the address holds. */
  text: Readonly<Record<string, string>>;
  page: number;
  pageSize: number;
  list: UseQueryResult<L>;
  /** Sets filters (several at once, e.g. a date range's two ends); an empty value removes one. Back to page 1. */
  set: (patch: Readonly<Record<string, string | undefined>>) => void;
  setPage: (page: number, pageSize: number) => void;
}

const DEFAULT_PAGE_SIZE = 20;
/** The most rows a module's list gives a page (shared/paging MODULE_PAGING): a larger size in a link is cut to it. */
const MAX_PAGE_SIZE = 100;
const PAGING = new Set(['page', 'pageSize']);

function positive(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * A module's ledger page: the filters and the page live in the address, so a
 * reload, the back button and a shared link show the same list; the export
 * link is built from the same filters (`<m>Api.exportUrl(ledger.filter)`).
 * A value the schema refuses (a hand-edited link) is left out, not sent.
 */
export function useLedger<S extends FilterSchema, L extends LedgerList>(o: {
  filters: S;
  /** The module's list key, e.g. `['incoming', 'list']`: writes invalidate it. */
  queryKey: readonly string[];
  fetch: (query: QueryFilter) => Promise<L>;
}): Ledger<S, L> {
  const [params, setParams] = useSearchParams();
  const text = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [k, schema] of Object.entries(o.filters.shape)) {
      const v = params.get(k);
      if (!PAGING.has(k) && v && schema.safeParse(v).success) out[k] = v;
    }
    return out;
  }, [params, o.filters]);
  const page = positive(params.get('page'), 1);
  const pageSize = Math.min(positive(params.get('pageSize'), DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const list = useQuery({
    queryKey: [...o.queryKey, text, page, pageSize],
    queryFn: () => o.fetch({ ...text, page, pageSize }),
    placeholderData: keepPreviousData,
    // The table says what went wrong, in place of the rows.
    meta: { silent: true },
  });

  const update = (patch: Readonly<Record<string, string | undefined>>, toFirstPage: boolean) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      if (toFirstPage) next.delete('page');
      return next;
    });

  return {
    schema: o.filters,
    filter: text as LedgerFilter<S>,
    text,
    page,
    pageSize,
    list,
    set: (patch) => update(patch, true),
    setPage: (p, ps) => update({ page: p > 1 ? String(p) : undefined, pageSize: ps !== DEFAULT_PAGE_SIZE ? String(ps) : undefined }, false),
  };
}
