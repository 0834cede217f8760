import { type Kysely, type Transaction, sql } from 'kysely';
import { z } from 'zod';
import type { Role } from '../../../shared/roles.js';
import { isAdminRole } from '../../../shared/roles.js';
import { SEARCH_CANDIDATE_CAP, SEARCH_KIND_RE, type SearchHit, type SearchQuery, type SearchResponse } from '../../../shared/search.js';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { forbidden, validation } from '../errors.js';
import type { Actor } from '../http/actor.js';
import type { SearchDocTable } from './search.tables.js';
import { type ChunkRow, allocateRankKeys, deleteChunks, insertChunks, insertDocTokens, newestMatches } from './search.sql.js';
import { MAX_TERMS, chunkTokens, compileQuery, findHighlights, indexTokens, makeSnippet, normalizeText } from './search.text.js';

/*
 * Visibility tokens. The module that owns an object decides who may find it
 * and says so as a list of tokens; a user finds a document when one of the
 * document's tokens is one of the user's (actorTokens). Tokens:
 *   all                       every user with a business role
 *   role:<role>               holders of the role (e.g. role:leader, role:office_clerk)
 *   unit:<unitId>             members of the unit (处室)
 *   unitrole:<unitId>:<role>  holders of the role in that unit (e.g. its division head)
 *   user:<userId>             one person (drafter, handler, circulation reader…)
 * The list should mirror the module's own read check, so that search never
 * shows a title the object's page would refuse. Re-index the object whenever
 * its readers change (state moves, new handlers), inside the same transaction.
 * The three administrators (三员) never search business data.
 */
export const visibility = {
  all: 'all',
  role: (role: Role) => `role:${role}`,
  unit: (unitId: string) => `unit:${unitId}`,
  unitRole: (unitId: string, role: Role) => `unitrole:${unitId}:${role}`,
  user: (userId: string) => `user:${userId}`,
} as const;

/** The tokens an actor holds; a document is visible when it carries any of them. */
export function actorTokens(actor: Pick<Actor, 'id' | 'unitId' | 'roles'>): string[] {
  const tokens = [visibility.all, visibility.user(actor.id)];
  if (actor.unitId) tokens.push(visibility.unit(actor.unitId));
  for (const r of actor.roles) {
    tokens.push(visibility.role(r));
    if (actor.unitId) tokens.push(visibility.unitRole(actor.unitId, r));
  }
  return tokens;
}

const TOKEN_RE = /^(all|role:[a-z_]+|unit:[^\s:]{1,100}|unitrole:[^\s:]{1,100}:[a-z_]+|user:[^\s:]{1,100})$/;

/** What a module hands to indexDocument. Checked strictly: a malformed call is a bug in the caller. */
export const searchDocumentSchema = z.strictObject({
  kind: z.string().regex(SEARCH_KIND_RE),
  id: z.string().min(1).max(100),
  title: z.string().max(2000),
  /** Plain text: body, opinions, attachment text… (what should be findable). */
  body: z.string(),
  /** Short fields matched like the title but not shown: 文号, 收文编号, sender, names. */
  tags: z.array(z.string().max(500)).max(100).optional(),
  visibility: z.array(z.string().regex(TOKEN_RE)).min(1).max(500),
  /** ISO-8601 instant; recency orders the results after title hits. */
  updatedAt: z.iso.datetime({ offset: true }),
  /** Only for kind `attachment`: the object the file belongs to (results link there; its readers are copied). */
  owner: z.strictObject({ kind: z.string().regex(SEARCH_KIND_RE), id: z.string().min(1).max(100) }).optional(),
});
export type SearchDocumentInput = z.input<typeof searchDocumentSchema>;

const docKey = (kind: string, id: string) => `${kind}:${id}`;

/** `<kind>:<id>` back into its parts (kinds never contain a colon, ids may). */
function splitKey(key: string): { kind: string; id: string } {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at), id: key.slice(at + 1) };
}

/** The kind of an attachment's own document (see syncAttachmentVisibility). */
export const ATTACHMENT_KIND = 'attachment';

interface PreparedDoc {
  key: string;
  row: SearchDocTable;
  /** The whole token stream: SQLite's one FTS5 row, PostgreSQL's chunks (chunksOf). */
  stream: string[];
  tokens: string[];
}

const chunksOf = (key: string, stream: readonly string[]): ChunkRow[] => chunkTokens(stream).map((tokens, chunkNo) => ({ docKey: key, chunkNo, tokens }));

function prepare(input: SearchDocumentInput): PreparedDoc {
  const doc = searchDocumentSchema.parse(input);
  const key = docKey(doc.kind, doc.id);
  const tags = doc.tags ?? [];
  const stream = indexTokens([doc.title, ...tags, doc.body]);
  return {
    key,
    row: {
      doc_key: key,
      kind: doc.kind,
      doc_id: doc.id,
      title: doc.title,
      title_norm: normalizeText(doc.title),
      tags: JSON.stringify(tags),
      body: doc.body,
      updated_at: new Date(doc.updatedAt).toISOString(),
      owner_key: doc.owner ? docKey(doc.owner.kind, doc.owner.id) : null,
      rank_key: null,
    },
    stream,
    tokens: [...new Set(doc.visibility)],
  };
}

async function deleteDocs(db: Kysely<Database>, dialect: DialectName, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    await deleteChunks(db, dialect, part);
    await db.deleteFrom('search_acl').where('doc_key', 'in', part).execute();
    await db.deleteFrom('search_docs').where('doc_key', 'in', part).execute();
  }
}

/** Replaces these documents' index rows (one statement per table and batch). */
async function writeDocs(db: Kysely<Database>, dialect: DialectName, docs: readonly PreparedDoc[]): Promise<void> {
  if (docs.length === 0) return;
  await deleteDocs(
    db,
    dialect,
    docs.map((d) => d.key),
  );
  const ranks =
    dialect === 'sqlite'
      ? await allocateRankKeys(
          db,
          docs.map((d) => ({ key: d.key, updatedAt: d.row.updated_at })),
        )
      : null;
  for (let i = 0; i < docs.length; i += 200) {
    const part = docs.slice(i, i + 200);
    await db
      .insertInto('search_docs')
      .values(part.map((d) => ({ ...d.row, rank_key: ranks?.get(d.key) ?? null })))
      .execute();
    const acl = part.flatMap((d) => d.tokens.map((token) => ({ doc_key: d.key, token })));
    for (let j = 0; j < acl.length; j += 1000)
      await db
        .insertInto('search_acl')
        .values(acl.slice(j, j + 1000))
        .execute();
    if (ranks)
      await insertDocTokens(
        db,
        part.map((d) => ({ rankKey: ranks.get(d.key) ?? 0, tokens: d.stream })),
      );
    else
      await insertChunks(
        db,
        part.flatMap((d) => chunksOf(d.key, d.stream)),
      );
  }
}

/**
 * Adds or replaces one object in the index, inside the caller's transaction,
 * so the index changes exactly when the object does.
 */
export async function indexDocument(trx: Transaction<Database>, dialect: DialectName, doc: SearchDocumentInput): Promise<void> {
  const p = prepare(doc);
  await writeDocs(trx, dialect, [p]);
  // The object's readers may have changed: its attachments follow.
  if (p.row.kind !== ATTACHMENT_KIND) await syncOwners(trx, [p.key]);
}

/** Takes an object out of the index (deleted, voided…), inside the caller's transaction. */
export async function removeDocument(trx: Transaction<Database>, dialect: DialectName, kind: string, id: string): Promise<void> {
  const key = docKey(kind, id);
  await deleteDocs(trx, dialect, [key]);
  // An owner gone from the index leaves its attachments with no readers (hidden, not deleted:
  // indexing the owner again gives them its readers back).
  if (kind !== ATTACHMENT_KIND) await syncOwners(trx, [key]);
}

/**
 * Gives the attachments of these owners exactly their owners' visibility
 * tokens: two statements whatever the number of attachments, both served by
 * the owner_key index (and nothing to do for an owner without attachments).
 */
async function syncOwners(db: Kysely<Database>, ownerKeys: readonly string[]): Promise<void> {
  // `in ()` is a syntax error on PostgreSQL (an empty reindex batch reaches here).
  if (ownerKeys.length === 0) return;
  await db
    .deleteFrom('search_acl')
    .where('doc_key', 'in', (eb) => eb.selectFrom('search_docs').select('doc_key').where('owner_key', 'in', ownerKeys))
    .execute();
  await db
    .insertInto('search_acl')
    .columns(['doc_key', 'token'])
    .expression((eb) =>
      eb
        .selectFrom('search_docs as d')
        .innerJoin('search_acl as o', 'o.doc_key', 'd.owner_key')
        .select(['d.doc_key', 'o.token'])
        .where('d.owner_key', 'in', ownerKeys),
    )
    .execute();
}

/**
 * Copies an owner's current visibility tokens to all of its attachments'
 * documents. indexDocument and removeDocument already do this for every
 * non-attachment kind; exported for callers that change an owner's
 * search_acl some other way. Both dialects run the same SQL.
 */
export async function syncAttachmentVisibility(trx: Transaction<Database>, _dialect: DialectName, ownerKind: string, ownerId: string): Promise<void> {
  await syncOwners(trx, [docKey(ownerKind, ownerId)]);
}

/**
 * The visibility tokens of an object's own search document, read in the
 * caller's transaction; empty when the object is not indexed.
 */
export async function documentVisibility(trx: Transaction<Database>, kind: string, id: string): Promise<string[]> {
  const rows = await trx.selectFrom('search_acl').select('token').where('doc_key', '=', docKey(kind, id)).orderBy('token').execute();
  return rows.map((r) => r.token);
}

/**
 * Rebuilds the index of one kind from the module's own data: every document
 * the iterator yields is written (replacing its old rows), and documents of
 * the kind it did not yield are removed. Given a transaction, everything
 * happens in it; given the database, batches of `batchSize` commit one by one,
 * so a long rebuild never holds SQLite's write lock for long (documents being
 * rebuilt stay findable in their old form until their batch commits).
 */
export async function reindex(
  db: Kysely<Database>,
  dialect: DialectName,
  kind: string,
  docs: Iterable<SearchDocumentInput> | AsyncIterable<SearchDocumentInput>,
  opts: { batchSize?: number } = {},
): Promise<{ indexed: number; removed: number }> {
  const batchSize = opts.batchSize ?? 500;
  const inTx = <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute((trx) => fn(trx)));
  const seen = new Set<string>();
  let batch: PreparedDoc[] = [];
  const flush = async () => {
    const b = batch;
    batch = [];
    await inTx(async (trx) => {
      await writeDocs(trx, dialect, b);
      if (kind !== ATTACHMENT_KIND)
        await syncOwners(
          trx,
          b.map((d) => d.key),
        );
    });
  };
  for await (const input of docs) {
    if (input.kind !== kind) throw new Error(`reindex(${kind}) was given a document of kind ${input.kind}`);
    const p = prepare(input);
    if (seen.has(p.key)) throw new Error(`reindex(${kind}) was given ${p.key} twice`);
    seen.add(p.key);
    batch.push(p);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const existing = await db.selectFrom('search_docs').select('doc_key').where('kind', '=', kind).execute();
  const stale = existing.map((r) => r.doc_key).filter((k) => !seen.has(k));
  for (let i = 0; i < stale.length; i += batchSize) {
    const part = stale.slice(i, i + batchSize);
    await inTx(async (trx) => {
      await deleteDocs(trx, dialect, part);
      if (kind !== ATTACHMENT_KIND) await syncOwners(trx, part);
    });
  }
  return { indexed: seen.size, removed: stale.length };
}

/**
 * Rebuilds the token index of every document from search_docs: after a
 * logical restore (token tables are derived and not copied; rank keys are
 * given afresh, since rows may come from PostgreSQL without them) or a change
 * of the tokenizer.
 */
export async function rebuildSearchTokens(db: Kysely<Database>, dialect: DialectName): Promise<number> {
  const run = async (trx: Kysely<Database>) => {
    if (dialect === 'sqlite') {
      await sql`delete from search_fts_doc`.execute(trx);
      await trx.updateTable('search_docs').set({ rank_key: null }).execute();
    } else {
      await trx.deleteFrom('search_chunks').execute();
    }
    // Keyset pages: bodies can be long, so never all of them in memory at once.
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('search_docs')
        .select(['doc_key', 'title', 'tags', 'body', 'updated_at'])
        .where('doc_key', '>', after)
        .orderBy('doc_key')
        .limit(500)
        .execute();
      const lastRow = rows[rows.length - 1];
      if (!lastRow) break;
      after = lastRow.doc_key;
      const streams = rows.map((r) => ({
        key: r.doc_key,
        updatedAt: r.updated_at,
        stream: indexTokens([r.title, ...(JSON.parse(r.tags) as string[]), r.body]),
      }));
      if (dialect === 'sqlite') {
        const ranks = await allocateRankKeys(trx, streams);
        for (const [key, rank] of ranks) await trx.updateTable('search_docs').set({ rank_key: rank }).where('doc_key', '=', key).execute();
        await insertDocTokens(
          trx,
          streams.map((s) => ({ rankKey: ranks.get(s.key) ?? 0, tokens: s.stream })),
        );
      } else {
        await insertChunks(
          trx,
          streams.flatMap((s) => chunksOf(s.key, s.stream)),
        );
      }
    }
  };
  const count = await db
    .selectFrom('search_docs')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
  return Number(count.n);
}

export { SEARCH_CANDIDATE_CAP } from '../../../shared/search.js';

/**
 * Searches every module's documents the actor may see. Terms separated by
 * white space must all occur (AND); each term matches as a substring for Han
 * text (see search.text.ts).
 *
 * Order: the matches, newest first (updated_at, then key), are cut into
 * blocks of `cap`; within a block, documents with more terms in the title come
 * first, then the newest; block k+1 follows block k. Ranking all matches of a
 * common word would cost seconds, a block costs milliseconds, and a page only
 * reads the blocks up to its own end, so the first pages stay cheap and every
 * match is still reachable by paging. `total` counts the matches read for
 * this page (exact when `capped` is false); `capped` says more match beyond.
 */
export async function search(deps: Pick<Deps, 'db' | 'dialect'>, actor: Actor, query: SearchQuery, opts: { cap?: number } = {}): Promise<SearchResponse> {
  if (!actor.roles.some((r) => !isAdminRole(r))) throw forbidden('三员分立：管理员账号不能查看或处理业务数据');
  const terms = compileQuery(query.q);
  if (terms.length === 0) throw validation('搜索内容须包含汉字、字母或数字');
  if (terms.length > MAX_TERMS) throw validation(`搜索词最多 ${MAX_TERMS} 个，请精简后再搜`);
  const { db, dialect } = deps;
  const cap = opts.cap ?? SEARCH_CANDIDATE_CAP;

  const offset = (query.page - 1) * query.pageSize;
  const blocks = Math.max(1, Math.ceil((offset + query.pageSize) / cap));
  const found = await newestMatches(db, dialect, { terms, tokens: actorTokens(actor), kind: query.kind }, blocks * cap + 1);
  const capped = found.length > blocks * cap;
  const total = capped ? blocks * cap : found.length;
  // Only the blocks this page overlaps are ranked.
  const firstBlock = Math.floor(offset / cap);
  const ranked: string[] = [];
  for (let b = firstBlock; b < blocks; b++) {
    const block = found.slice(b * cap, Math.min((b + 1) * cap, total));
    // Title hits first; the sort is stable, so recency order stays within each group.
    const byTitle = block
      .map((c) => ({ key: c.doc_key, titleHits: terms.reduce((n, t) => n + (c.title_norm.includes(t.text) ? 1 : 0), 0) }))
      .sort((x, y) => y.titleHits - x.titleHits);
    for (const r of byTitle) ranked.push(r.key);
  }
  const start = offset - firstBlock * cap;
  const keys = ranked.slice(start, start + query.pageSize);
  if (keys.length === 0) return { items: [], total, capped };

  // Only the page's rows are read in full (bodies can be long).
  const full = await db
    .selectFrom('search_docs')
    .select(['doc_key', 'kind', 'doc_id', 'title', 'body', 'updated_at', 'owner_key'])
    .where('doc_key', 'in', keys)
    .execute();
  const byKey = new Map(full.map((r) => [r.doc_key, r]));
  // A row deleted between the two statements is simply left out of this page.
  const rows = keys.map((k) => byKey.get(k)).filter((r) => r !== undefined);

  const pieces = [...new Set(terms.flatMap((t) => t.pieces))].sort((a, b) => b.length - a.length);
  const items: SearchHit[] = rows.map((r) => {
    const snippet = makeSnippet(r.body, pieces);
    const owner = r.owner_key ? splitKey(r.owner_key) : undefined;
    return {
      kind: r.kind,
      id: r.doc_id,
      title: r.title,
      snippet: snippet.text,
      titleHighlights: findHighlights(r.title, pieces),
      snippetHighlights: snippet.highlights,
      updatedAt: r.updated_at,
      ...(owner ? { owner } : {}),
    };
  });
  return { items, total, capped };
}

/**
 * Ids of the newest `limit` documents of one kind that contain every word and
 * that the actor may see: the keyword filter of a module's ledger, which
 * orders and pages them itself (no snippets, no bodies read). `capped` says
 * more documents match than the ids given, so the ledger can say its keyword
 * filter is incomplete instead of silently dropping the older matches. No ids
 * for a query with nothing searchable in it.
 */
export async function matchingIds(
  deps: Pick<Deps, 'db' | 'dialect' | 'config'>,
  actor: Actor,
  q: string,
  kind: string,
): Promise<{ ids: string[]; capped: boolean }> {
  if (!actor.roles.some((r) => !isAdminRole(r))) throw forbidden('三员分立：管理员账号不能查看或处理业务数据');
  const terms = compileQuery(q).slice(0, MAX_TERMS);
  if (terms.length === 0) return { ids: [], capped: false };
  const limit = deps.config.searchCap;
  const found = await newestMatches(deps.db, deps.dialect, { terms, tokens: actorTokens(actor), kind }, limit + 1);
  return { ids: found.slice(0, limit).map((c) => splitKey(c.doc_key).id), capped: found.length > limit };
}
