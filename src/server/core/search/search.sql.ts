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

/** `d.doc_key in (documents whose chunk matches the term)`. */
export function termFilter(dialect: DialectName, term: QueryTerm): Expression<SqlBool> {
  if (dialect === 'sqlite') {
    // FTS5 answers with rowids; search_chunks maps them back to documents.
    return sql<SqlBool>`d.doc_key in (select c.doc_key from search_fts f join search_chunks c on c.id = f.rowid where search_fts match ${fts5Phrase(term)})`;
  }
  // GIN finds candidate chunks by lexeme; the phrase is rechecked on the tsvector's positions.
  return sql<SqlBool>`d.doc_key in (select c.doc_key from search_chunks c where c.tsv @@ cast(${tsqueryText(term)} as tsquery))`;
}

/** 1 when the normalised title contains the term's text (ranks title hits first), else 0. */
export function titleHit(dialect: DialectName, text: string): RawBuilder<number> {
  // instr and strpos are the same function under two names.
  return dialect === 'sqlite'
    ? sql<number>`(case when instr(d.title_norm, ${text}) > 0 then 1 else 0 end)`
    : sql<number>`(case when strpos(d.title_norm, ${text}) > 0 then 1 else 0 end)`;
}

/** Last sort key: code point order on both, whatever the PostgreSQL database's collation. */
export function docKeyOrder(dialect: DialectName): RawBuilder<string> {
  return dialect === 'sqlite' ? sql<string>`d.doc_key` : sql<string>`d.doc_key collate "C"`;
}

/** Deletes the token rows of these documents (SQLite: FTS rows first, found through search_chunks). */
export async function deleteChunks(db: Kysely<Database>, dialect: DialectName, docKeys: readonly string[]): Promise<void> {
  if (docKeys.length === 0) return;
  if (dialect === 'sqlite') {
    await sql`delete from search_fts where rowid in (select id from search_chunks where doc_key in (${sql.join(docKeys)}))`.execute(db);
  }
  await db.deleteFrom('search_chunks').where('doc_key', 'in', docKeys).execute();
}

/** Writes token chunks: SQLite a search_chunks row plus its FTS5 row; PostgreSQL one row with its tsvector. */
export async function insertChunks(db: Kysely<Database>, dialect: DialectName, rows: readonly ChunkRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'sqlite') {
    // Multi-row: the chunk rows first, then their FTS5 rows under the ids
    // SQLite gave them (RETURNING order is unspecified, hence the key map).
    for (let i = 0; i < rows.length; i += 400) {
      const part = rows.slice(i, i + 400);
      const ids = await sql<{ id: number; doc_key: string; chunk_no: number }>`insert into search_chunks (doc_key, chunk_no) values ${sql.join(
        part.map((r) => sql`(${r.docKey}, ${r.chunkNo})`),
      )} returning id, doc_key, chunk_no`.execute(db);
      const idOf = new Map(ids.rows.map((x) => [`${x.chunk_no}\u0000${x.doc_key}`, x.id]));
      await sql`insert into search_fts (rowid, text) values ${sql.join(
        part.map((r) => {
          const id = idOf.get(`${r.chunkNo}\u0000${r.docKey}`);
          if (id === undefined) throw new Error(`search_chunks returned no id for ${r.docKey}#${r.chunkNo}`);
          return sql`(${id}, ${r.tokens.join(' ')})`;
        }),
      )}`.execute(db);
    }
    return;
  }
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
