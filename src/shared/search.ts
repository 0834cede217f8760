import { z } from 'zod';
import { pagingShape } from './paging.js';

/** Characters per query: long enough for a full 文号 plus a title phrase, short enough to bound the SQL. */
export const SEARCH_QUERY_MAX_CHARS = 100;
/**
 * The size of a ranking block (ZHONGSHU_SEARCH_CAP overrides). Matches are
 * taken newest first in blocks of this many and ranked within each block
 * (title hits first, then recency); the next block follows. Ranking every
 * match of a word found in most documents (工作, 通知) costs seconds on a
 * bureau's ten years; a block is found in milliseconds by walking the index
 * newest-first, and a page reads only the blocks up to its end, so the first
 * pages stay fast while every match stays reachable by paging.
 * 500 keeps a first page at ~3 ms on the benchmark's 95,000 documents (1,000: ~5 ms).
 */
export const SEARCH_CANDIDATE_CAP = 500;
/** Pages of results a client may ask for (every match of a large archive stays reachable at 20 a page). */
export const SEARCH_MAX_PAGE = 100_000;
/** Kind names are the module's object kinds (`incoming`, `outgoing`, …). */
export const SEARCH_KIND_RE = /^[a-z][a-z0-9_-]{0,31}$/;

/** `GET /api/search` query string. */
export const searchQuerySchema = z.strictObject({
  q: z
    .string({ error: '请输入要搜索的内容' })
    .trim()
    .min(1, '请输入要搜索的内容')
    .max(SEARCH_QUERY_MAX_CHARS, `搜索内容不能超过 ${SEARCH_QUERY_MAX_CHARS} 个字`),
  kind: z.string({ error: '类型须为文字' }).trim().regex(SEARCH_KIND_RE, '类型名称不正确').optional(),
  // Deep pages cost no more than reading every match once, so the bound is only a sanity limit.
  ...pagingShape({ maxPage: SEARCH_MAX_PAGE, maxPageSize: 100 }),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/**
 * A part of `title` or `snippet` to highlight, in UTF-16 code units
 * (JavaScript string indices), `end` exclusive. The server sends plain text
 * and ranges; the client renders them (e.g. with <mark>), so no markup from a
 * document can ever reach the page as HTML.
 */
export const highlightSchema = z.strictObject({ start: z.number().int(), end: z.number().int() });
export type Highlight = z.infer<typeof highlightSchema>;

export const searchHitSchema = z.strictObject({
  /** The module's object kind: the client opens `/<kind>/<id>`. */
  kind: z.string(),
  id: z.string(),
  title: z.string(),
  /** Plain text around the first hit in the body (white space collapsed, "…" where cut). */
  snippet: z.string(),
  titleHighlights: z.array(highlightSchema),
  snippetHighlights: z.array(highlightSchema),
  updatedAt: z.string(),
  /** For an attachment (kind `attachment`): the object it belongs to, whose page the client opens. */
  owner: z.strictObject({ kind: z.string(), id: z.string() }).optional(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResponseSchema = z.strictObject({
  items: z.array(searchHitSchema),
  /**
   * Matches counted for this page: all of them when `capped` is false; when
   * true, the blocks read so far (a multiple of the block size, at least up
   * to this page's end).
   */
  total: z.number().int(),
  /** More documents match beyond `total`: the next pages read the next block (the client says "N 条以上" and lets the user page on). */
  capped: z.boolean(),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** Cuts `text` into plain and highlighted parts for rendering. */
export function splitHighlights(text: string, ranges: readonly Highlight[]): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const r of ranges) {
    const start = Math.max(at, Math.min(r.start, text.length));
    const end = Math.max(start, Math.min(r.end, text.length));
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    if (end > start) parts.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/**
 * A module ledger's keyword filter takes the matching documents from the
 * search service, newest first and at most one ranking block of them. When
 * more match, the list carries `keywordCapped: true` and says so in these
 * words; an export under such a filter is refused rather than incomplete.
 */
export const KEYWORD_CAPPED_NOTICE =
  '正文含这些词的文件很多，关键词筛选只包含其中最近更新的一批（标题、文号、单位的匹配不受影响）。请再加一个词，或按日期、状态缩小范围；要查看全部匹配，请用全文搜索翻页。';
export const KEYWORD_CAPPED_EXPORT = '正文含这些词的文件很多，按关键词导出会不完整。请再加一个词，或按日期、状态缩小范围后再导出。';
