import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { GAP, type QueryTerm } from './search.text.js';

/**
 * Every statement of core/search that differs between SQLite and PostgreSQL
 * is here. User text only ever reaches SQL as a bound parameter, and the
 * match expressions are built from our own tokens (letters, digits, Han),
 * each quoted, so FTS5 or tsquery syntax typed by a user is just text.
 */

export interface ChunkRow {
  docKey: string;
  chunkNo: number;
  tokens: readonly string[];
}

/** FTS5 phrase: `"t1 t2 …"`, with ` *` when the last token is a prefix. */
export function fts5Phrase(term: QueryTerm): string {
  return `"${term.tokens.map((t) => t.replace(/"/g, '""')).join(' ')}"${term.prefix ? ' *' : ''}`;
}

const quoteLexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** tsquery: quoted lexemes joined by <N> (N−1 GAPs between them), the last one `:*` when a prefix. */
export function tsqueryText(term: QueryTerm): string {
  let out = '';
  let distance = 1;
  const lexemes = term.tokens.filter((t) => t !== GAP).length;
  let seen = 0;
  for (const t of term.tokens) {
    if (t === GAP) {
      distance++;
      continue;
    }
    seen++;
    const lex = quoteLexeme(t) + (term.prefix && seen === lexemes ? ':*' : '');
    out += out === '' ? lex : ` ${distance === 1 ? '<->' : `<${distance}>`} ${lex}`;
    distance = 1;
  }
  return out;
}

/**
 * tsvector literal with explicit positions (`'ab':1,7 'bc':2`): the parser of
 * to_tsvector never sees our tokens, so nothing is re-split or dropped; a GAP
 * is an unused position, which makes `<->` fail across it as FTS5 does.
 */
export function tsvectorText(tokens: readonly string[]): string {
  const positions = new Map<string, number[]>();
  let pos = 0;
  for (const t of tokens) {
    pos++;
    if (t === GAP) continue;
    const list = positions.get(t);
    if (list) list.push(pos);
    else positions.set(t, [pos]);
  }
  return [...positions].map(([t, ps]) => `${quoteLexeme(t)}:${ps.join(',')}`).join(' ');
}

/** FTS5 query for all terms at once: each a phrase, all required (a document is one FTS5 row, so AND is per document). */
export function fts5Query(terms: readonly QueryTerm[]): string {
  return terms.map(fts5Phrase).join(' AND ');
}

/** `d` (search_docs) contains the term: the bench and the tests check the index with it. */
export function termFilter(dialect: DialectName, term: QueryTerm): Expression<SqlBool> {
  if (dialect === 'sqlite') {
    return sql<SqlBool>`d.rank_key in (select rowid from search_fts_doc where search_fts_doc match ${fts5Phrase(term)})`;
  }
  // GIN finds candidate chunks by lexeme; the phrase is rechecked on the tsvector's positions.
  return sql<SqlBool>`d.doc_key in (select c.doc_key from search_chunks c where c.tsv @@ cast(${tsqueryText(term)} as tsquery))`;
}

/** A matching, visible document, with what ranking needs. */
export interface Candidate {
  doc_key: string;
  updated_at: string;
  title_norm: string;
}

/** Newest first; equal instants by key in code point order (UTF-8 byte order = SQLite BINARY = PostgreSQL "C"). */
export function byRecency(a: Candidate, b: Candidate): number {
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? 1 : -1;
  return Buffer.compare(Buffer.from(a.doc_key), Buffer.from(b.doc_key));
}

/**
 * The `limit` most recently updated documents that contain every term and
 * carry one of the reader's tokens, in byRecency order, identical on both
 * dialects. SQLite walks the FTS5 match newest-first by rank_key and stops
 * after `limit` visible rows, then completes the last second (rank_key
 * orders seconds, not instants within one); PostgreSQL lets its planner
 * choose between the GIN index and the recency index.
 */
export async function newestMatches(
  db: Kysely<Database>,
  dialect: DialectName,
  q: { terms: readonly QueryTerm[]; tokens: readonly string[]; kind?: string | undefined },
  limit: number,
): Promise<Candidate[]> {
  const visible = sql`exists (select 1 from search_acl a where a.doc_key = d.doc_key and a.token in (${sql.join(q.tokens)}))`;
  const kind = q.kind === undefined ? sql`` : sql`and d.kind = ${q.kind}`;
  if (dialect === 'sqlite') {
    const match = fts5Query(q.terms);
    const select = (extra: RawBuilder<unknown>) =>
      sql<Candidate & { rk: number }>`select d.doc_key, d.updated_at, d.title_norm, f.rowid as rk
        from search_fts_doc f join search_docs d on d.rank_key = f.rowid
        where search_fts_doc match ${match} ${kind} and ${visible} ${extra}`;
    // A few rows past the limit usually show where the boundary second ends;
    // only when they do not is the rest of that second read by range (not
    // free: FTS5 still reads the doclists).
    const first = (await select(sql`order by f.rowid desc limit ${limit + BOUNDARY_LOOKAHEAD}`).execute(db)).rows;
    const boundary = first[limit - 1];
    const tail = first[first.length - 1];
    if (!boundary || !tail) return first.map(strip).sort(byRecency);
    const second = Math.floor(boundary.rk / RANK_SLOTS);
    const complete = first.length < limit + BOUNDARY_LOOKAHEAD || Math.floor(tail.rk / RANK_SLOTS) < second;
    const rest = complete ? [] : (await select(sql`and f.rowid >= ${second * RANK_SLOTS} and f.rowid < ${tail.rk} order by f.rowid desc`).execute(db)).rows;
    return [...first, ...rest].map(strip).sort(byRecency).slice(0, limit);
  }
  const terms = sql.join(
    q.terms.map((t) => sql`d.doc_key in (select c.doc_key from search_chunks c where c.tsv @@ cast(${tsqueryText(t)} as tsquery))`),
    sql` and `,
  );
  const rows = await sql<Candidate>`select d.doc_key, d.updated_at, d.title_norm from search_docs d
    where ${terms} ${kind} and ${visible}
    order by d.updated_at desc, d.doc_key collate "C" limit ${limit}`.execute(db);
  return rows.rows;
}

/** Rows read past the limit to see the end of the boundary second. */
const BOUNDARY_LOOKAHEAD = 16;

const strip = (r: Candidate): Candidate => ({ doc_key: r.doc_key, updated_at: r.updated_at, title_norm: r.title_norm });

/*
 * SQLite keeps one FTS5 row per document whose rowid is the document's
 * rank_key: (updated_at in whole seconds) × RANK_SLOTS + a number allocated
 * within that second. FTS5 can walk a match in rowid order and stop early, so
 * "the newest N matches" costs N steps however common the words are (the
 * search candidate cap relies on it). PostgreSQL keeps chunks (see
 * chunkTokens) with a GIN-indexed tsvector and leaves rank_key null.
 */
export const RANK_SLOTS = 2 ** 20;

/** The first rank_key of the second `updatedAt` falls in (exact in a double until the year 2255). */
export function rankBucket(updatedAtIso: string): number {
  return Math.floor(Date.parse(updatedAtIso) / 1000) * RANK_SLOTS;
}

/**
 * Allocates a fresh rank_key for each document (SQLite, inside the writing
 * transaction: SQLite has one writer at a time, so max + 1 cannot race).
 * Documents are numbered in the order given.
 */
export async function allocateRankKeys(db: Kysely<Database>, docs: readonly { key: string; updatedAt: string }[]): Promise<Map<string, number>> {
  const next = new Map<number, number>();
  const out = new Map<string, number>();
  for (const d of docs) {
    const bucket = rankBucket(d.updatedAt);
    let n = next.get(bucket);
    if (n === undefined) {
      const row = await db
        .selectFrom('search_docs')
        .select(({ fn }) => fn.max('rank_key').as('top'))
        .where('rank_key', '>=', bucket)
        .where('rank_key', '<', bucket + RANK_SLOTS)
        .executeTakeFirst();
      n = row?.top == null ? bucket : Number(row.top) + 1;
    }
    if (n >= bucket + RANK_SLOTS) throw new Error(`more than ${RANK_SLOTS} search documents updated in the second of ${d.updatedAt}`);
    out.set(d.key, n);
    next.set(bucket, n + 1);
  }
  return out;
}

/** Deletes the token rows of these documents (SQLite: the FTS5 rows, found through rank_key; before search_docs rows go). */
export async function deleteChunks(db: Kysely<Database>, dialect: DialectName, docKeys: readonly string[]): Promise<void> {
  if (docKeys.length === 0) return;
  if (dialect === 'sqlite') {
    await sql`delete from search_fts_doc where rowid in (select rank_key from search_docs where doc_key in (${sql.join(docKeys)}))`.execute(db);
    return;
  }
  await db.deleteFrom('search_chunks').where('doc_key', 'in', docKeys).execute();
}

/** SQLite: one FTS5 row per document, the whole token stream, under its rank_key. */
export async function insertDocTokens(db: Kysely<Database>, rows: readonly { rankKey: number; tokens: readonly string[] }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    await sql`insert into search_fts_doc (rowid, text) values ${sql.join(part.map((r) => sql`(${r.rankKey}, ${r.tokens.join(' ')})`))}`.execute(db);
  }
}

/** PostgreSQL: token chunks, one row each with its tsvector. */
export async function insertChunks(db: Kysely<Database>, rows: readonly ChunkRow[]): Promise<void> {
  // Multi-row inserts: one round trip per 500 chunks.
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    await sql`insert into search_chunks (doc_key, chunk_no, tsv) values ${sql.join(
      part.map((r) => sql`(${r.docKey}, ${r.chunkNo}, cast(${tsvectorText(r.tokens)} as tsvector))`),
    )}`.execute(db);
  }
}

/** Backup/restore and other table walkers: tables that are derived from search_docs and rebuilt, never copied. */
export function isDerivedSearchTable(name: string): boolean {
  return name === 'search_chunks' || name === 'search_fts' || name.startsWith('search_fts_');
}
