import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { NamedMigration } from '../db/migrations.js';
import { rebuildSearchTokens } from './search.service.js';
import { chunkTokens, indexTokens } from './search.text.js';

const inTransaction = async (db: Kysely<unknown>, fn: (trx: Kysely<Database>) => Promise<void>): Promise<void> => {
  const typed = db as unknown as Kysely<Database>;
  if (typed.isTransaction) await fn(typed);
  else await typed.transaction().execute(fn);
};

/** The chunked SQLite index of 202611260615 rebuilt from search_docs (for the way down). */
async function refillSqliteChunks(db: Kysely<Database>): Promise<void> {
  const rows = await db.selectFrom('search_docs').select(['doc_key', 'title', 'tags', 'body']).orderBy('doc_key').execute();
  for (const r of rows) {
    const chunks = chunkTokens(indexTokens([r.title, ...(JSON.parse(r.tags) as string[]), r.body]));
    for (const [n, tokens] of chunks.entries()) {
      const ins = await sql<{ id: number }>`insert into search_chunks (doc_key, chunk_no) values (${r.doc_key}, ${n}) returning id`.execute(db);
      await sql`insert into search_fts (rowid, text) values (${ins.rows[0]?.id}, ${tokens.join(' ')})`.execute(db);
    }
  }
}

export const searchMigrations: NamedMigration[] = [
  {
    name: '202611260615_search_init',
    async up(db: Kysely<unknown>, dialect) {
      await db.schema
        .createTable('search_docs')
        .addColumn('doc_key', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_norm', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_docs_kind').on('search_docs').columns(['kind', 'updated_at']).execute();
      await db.schema.createIndex('search_docs_updated').on('search_docs').column('updated_at').execute();

      await db.schema
        .createTable('search_acl')
        .addColumn('doc_key', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_acl_pk', ['doc_key', 'token'])
        .execute();
      // The visibility filter probes (token, doc_key) for each candidate row.
      await db.schema.createIndex('search_acl_token').on('search_acl').columns(['token', 'doc_key']).execute();

      if (dialect === 'sqlite') {
        await sql`create table search_chunks (
          id integer primary key,
          doc_key text not null,
          chunk_no integer not null)`.execute(db);
        await db.schema.createIndex('search_chunks_doc').on('search_chunks').columns(['doc_key', 'chunk_no']).execute();
        // Contentless: the token text is not stored twice; contentless_delete
        // lets a document's rows be deleted by rowid. The ascii tokenizer
        // splits only on ASCII separators and keeps every non-ASCII character
        // as part of a token, so our bigrams reach the index exactly as
        // written (unicode61's Unicode 6.1 tables would split newer
        // characters, e.g. the CJK extension characters used in names).
        await sql`create virtual table search_fts using fts5(
          text, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
      } else {
        await sql`create table search_chunks (
          doc_key text not null,
          chunk_no integer not null,
          tsv tsvector not null,
          primary key (doc_key, chunk_no))`.execute(db);
        await sql`create index search_chunks_tsv on search_chunks using gin (tsv)`.execute(db);
      }
    },
    async down(db: Kysely<unknown>, dialect) {
      if (dialect === 'sqlite') await sql`drop table if exists search_fts`.execute(db);
      await db.schema.dropTable('search_chunks').execute();
      await db.schema.dropTable('search_acl').execute();
      await db.schema.dropTable('search_docs').execute();
    },
  },
  {
    name: '202611260640_search_gin_direct_updates',
    // With fastupdate (the default) new entries wait in a GIN pending list
    // that every search scans linearly until (auto)vacuum merges it: tens of
    // milliseconds after a bulk load. Documents are indexed one by one inside
    // module transactions, so writing straight into the tree costs little and
    // keeps search latency flat.
    async up(db: Kysely<unknown>, dialect) {
      if (dialect === 'postgres') await sql`alter index search_chunks_tsv set (fastupdate = off)`.execute(db);
    },
    async down(db: Kysely<unknown>, dialect) {
      if (dialect === 'postgres') await sql`alter index search_chunks_tsv set (fastupdate = on)`.execute(db);
    },
  },
  {
    name: '202611260815_search_owner_key',
    // An attachment's document names the object it belongs to (`<kind>:<id>`),
    // so results can link to the owner's page and the owner's re-index can copy
    // its readers to its attachments in one statement (the index serves that).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('search_docs').addColumn('owner_key', 'text').execute();
      await db.schema.createIndex('search_docs_owner').on('search_docs').column('owner_key').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('search_docs_owner').execute();
      await db.schema.alterTable('search_docs').dropColumn('owner_key').execute();
    },
  },
  {
    name: '202611261000_search_recency_index',
    // SQLite: one FTS5 row per document whose rowid orders by recency
    // (rank_key, see search.sql.ts), so a search can take the newest matches
    // without visiting all of them; the chunk tables go. The covering index
    // serves the candidate query without reading rows (updated_at sits after
    // the long body in the row). PostgreSQL keeps its chunks; rank_key stays
    // null there.
    async up(db: Kysely<unknown>, dialect) {
      await db.schema.alterTable('search_docs').addColumn('rank_key', 'bigint').execute();
      if (dialect !== 'sqlite') return;
      await sql`create virtual table search_fts_doc using fts5(
        text, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
      await db.schema.createIndex('search_docs_rank').on('search_docs').columns(['rank_key', 'updated_at', 'doc_key', 'kind', 'title_norm']).execute();
      await inTransaction(db, async (trx) => {
        await rebuildSearchTokens(trx, 'sqlite');
        await sql`drop table search_fts`.execute(trx);
        await sql`drop table search_chunks`.execute(trx);
      });
    },
    async down(db: Kysely<unknown>, dialect) {
      if (dialect === 'sqlite') {
        await inTransaction(db, async (trx) => {
          await sql`create table search_chunks (
            id integer primary key,
            doc_key text not null,
            chunk_no integer not null)`.execute(trx);
          await sql`create index search_chunks_doc on search_chunks (doc_key, chunk_no)`.execute(trx);
          await sql`create virtual table search_fts using fts5(
            text, content='', contentless_delete=1, tokenize='ascii')`.execute(trx);
          await refillSqliteChunks(trx);
          await sql`drop table search_fts_doc`.execute(trx);
          await sql`drop index search_docs_rank`.execute(trx);
        });
      }
      await db.schema.alterTable('search_docs').dropColumn('rank_key').execute();
    },
  },
];
