/**
 * The search index, owned by core/search. Modules never touch these tables:
 * they call indexDocument / removeDocument inside their own transactions.
 */
export interface SearchDocTable {
  /** `<kind>:<id>`: one row per indexed object. */
  doc_key: string;
  kind: string;
  doc_id: string;
  title: string;
  /** The title in normalised form (see search.text.ts), to rank title hits first. */
  title_norm: string;
  /** JSON array of strings: document numbers, names and other short fields. */
  tags: string;
  /** Plain text, kept for snippets and for rebuilding the token index. */
  body: string;
  updated_at: string;
  /** `<kind>:<id>` of the object an attachment belongs to; null for the objects themselves. */
  owner_key: string | null;
  /** SQLite: the document's FTS5 rowid, ordered by recency (see search.sql.ts); null on PostgreSQL. */
  rank_key: number | null;
}

/**
 * PostgreSQL's token index, in chunks (see chunkTokens); besides these
 * columns `tsv tsvector` under a GIN index, touched only through
 * search.sql.ts. SQLite has no such table: its FTS5 table `search_fts_doc`
 * holds one row per document.
 */
export interface SearchChunkTable {
  doc_key: string;
  chunk_no: number;
}

/** Who may see a document: one row per access token (see actorTokens). */
export interface SearchAclTable {
  doc_key: string;
  token: string;
}

export interface SearchTables {
  search_docs: SearchDocTable;
  search_chunks: SearchChunkTable;
  search_acl: SearchAclTable;
}
