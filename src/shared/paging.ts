import { z } from 'zod';

export interface PagingLimits {
  /** The highest page a client may ask for: a sanity bound on the offset. */
  maxPage: number;
  /** The most rows a page may carry. */
  maxPageSize: number;
  /** Rows a page carries when the client does not say. */
  defaultPageSize?: number;
}

/**
 * `page` and `pageSize` of a list's query string (API.md: `?page=1&pageSize=20`),
 * spread into the list's strict query object. Each list keeps the bounds it
 * has always had (a console of accounts pages deeper than a module's ledger),
 * so the bounds are arguments; the checks and their messages are one.
 */
export function pagingShape({ maxPage, maxPageSize, defaultPageSize = 20 }: PagingLimits) {
  return {
    page: z.coerce
      .number({ error: '页码须为数字' })
      .int({ error: '页码须为整数' })
      .min(1, { error: '页码从 1 开始' })
      .max(maxPage, { error: `页码不能超过 ${maxPage}` })
      .default(1),
    pageSize: z.coerce
      .number({ error: '每页条数须为数字' })
      .int({ error: '每页条数须为整数' })
      .min(1, { error: '每页至少 1 条' })
      .max(maxPageSize, { error: `每页最多 ${maxPageSize} 条` })
      .default(defaultPageSize),
  };
}

/** A module's list (收文, 发文, 督办, and each new one): 100 rows a page, 10,000 pages deep. */
export const MODULE_PAGING = { maxPage: 10_000, maxPageSize: 100 } as const satisfies PagingLimits;
