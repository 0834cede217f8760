import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/server/core/db/migrations.js';
import { installedMigrations } from '../src/server/registry.js';
import { type SearchDocumentInput, reindex } from '../src/server/core/search/search.service.js';
import { type BenchArgs, dataSetName, parseArgs } from './lib/args.js';
import { type BenchDb, openBenchDb } from './lib/db.js';
import { Rng } from './lib/prng.js';
import { loadVocab } from './lib/vocab.js';
import { AuditSink, generateAudit } from './generate/audit.js';
import { generateIncoming } from './generate/incoming.js';
import { generateOrg } from './generate/org.js';
import { generateOutgoing } from './generate/outgoing.js';
import { generateSupervision } from './generate/supervision.js';

/** The bureau's ten years, fixed so that every run sees the same calendar. */
export const FROM_MS = Date.parse('2016-11-26T00:00:00Z');
export const NOW_MS = Date.parse('2026-11-26T00:00:00Z');

export interface Manifest {
  name: string;
  db: string;
  scale: number;
  seed: number;
  generatedAt: string;
  seconds: Record<string, number>;
  counts: Record<string, number>;
  gaps: string[];
}

const FULL = { incoming: 60_000, outgoing: 20_000, supervision: 15_000, audit: 1_000_000 };

function progress(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 1000 && done < total) return;
    last = now;
    process.stdout.write(`\r  ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((100 * done) / Math.max(1, total))}%)   `);
    if (done >= total) process.stdout.write('\n');
  };
}

async function* withProgress(docs: readonly SearchDocumentInput[], p: (d: number, t: number) => void): AsyncGenerator<SearchDocumentInput> {
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d) yield d;
    if (i % 500 === 0) p(i, docs.length);
  }
  p(docs.length, docs.length);
}

export function manifestPath(b: Pick<BenchDb, 'dataDir'>): string {
  return join(b.dataDir, 'manifest.json');
}

/**
 * Builds the data set of `args` unless it exists (reused across runs; `--fresh`
 * rebuilds). Always brings the schema to the latest migration first, so a
 * reused data set follows the modules as they land.
 */
export async function ensureDataSet(args: BenchArgs): Promise<{ bench: BenchDb; manifest: Manifest }> {
  const opened = await openBenchDb(args, { fresh: args.fresh });
  const bench: BenchDb = { db: opened.db, dataDir: opened.dataDir, url: opened.url };
  await migrateToLatest(bench.db, installedMigrations());
  const mPath = manifestPath(bench);
  if (!opened.created && existsSync(mPath)) {
    const manifest = JSON.parse(readFileSync(mPath, 'utf8')) as Manifest;
    console.log(`data set ${manifest.name}: reused (generated ${manifest.generatedAt}; --fresh rebuilds)`);
    return { bench, manifest };
  }
  if (!opened.created) throw new Error(`database of ${dataSetName(args)} exists without a manifest (an interrupted generation?): run with --fresh`);
  const { db } = bench;
  const s = args.scale;
  const n = (x: number) => Math.max(1, Math.round(x * s));
  const seconds: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const gaps: string[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    console.log(`- ${name}`);
    const out = await fn();
    seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`  ${name}: ${seconds[name]} s`);
    return out;
  };
  const t0 = performance.now();
  console.log(`generating ${dataSetName(args)} (${args.db}, scale ${s}, seed ${args.seed})`);
  const r = new Rng(args.seed);
  const vocab = loadVocab();
  const at = new Date(FROM_MS).toISOString();
  const audit = new AuditSink();
  const org = await step('org', () => generateOrg(db.kysely, r, at));
  counts.units = org.units.length;
  counts.users = org.users.length;
  const inc = await step('incoming', () =>
    generateIncoming(db.kysely, r, vocab, org, audit, {
      count: n(FULL.incoming),
      fromMs: FROM_MS,
      nowMs: NOW_MS,
      progress: (d) => progress('incoming')(d, n(FULL.incoming)),
    }),
  );
  counts.incoming = inc.count;
  const sup = await step('supervision', () =>
    generateSupervision(db, r, vocab, org, audit, {
      count: n(FULL.supervision),
      fromMs: FROM_MS,
      nowMs: NOW_MS,
      progress: (d) => progress('supervision')(d, n(FULL.supervision)),
    }),
  );
  counts.supervision = sup.count;
  counts.supervisionUpdates = sup.updates;
  if (sup.missing) gaps.push('supervision: the module has no tables yet (migration not registered); no items generated');
  const out = await step('outgoing', async () => generateOutgoing(r, vocab, org, audit, { count: n(FULL.outgoing), fromMs: FROM_MS, nowMs: NOW_MS }));
  counts.outgoing = out.search.length;
  gaps.push(
    'outgoing: 发文 are generated into the search index and the audit log only, not into the 发文 module tables (their ledger and workflow are not benchmarked)',
  );
  // A GIN index takes documents one by one at ~50 a second here (every
  // bigram is an entry); built once over the loaded rows it takes a minute or
  // two. Production indexes one document per transaction and keeps the index.
  if (db.dialect === 'postgres') await sql`drop index if exists search_chunks_tsv`.execute(db.kysely);
  for (const [kind, docs] of [
    ['incoming', inc.search],
    ['outgoing', out.search],
    ['supervision', sup.search],
  ] as const) {
    if (docs.length === 0) continue;
    await step(`search index (${kind})`, () => reindex(db.kysely, db.dialect, kind, withProgress(docs, progress(`index ${kind}`)), { batchSize: 500 }));
  }
  if (db.dialect === 'postgres') {
    await step('search index (GIN build)', () =>
      sql`create index search_chunks_tsv on search_chunks using gin (tsv) with (fastupdate = off)`.execute(db.kysely),
    );
  }
  counts.searchDocs = inc.search.length + out.search.length + sup.search.length;
  const auditOut = await step('audit chain', () =>
    generateAudit(db, r, org, audit, { total: n(FULL.audit), fromMs: FROM_MS, toMs: NOW_MS - 1, progress: progress('audit') }),
  );
  counts.auditEvents = auditOut.events;
  if (db.dialect === 'postgres') await step('analyze', () => sql`analyze`.execute(db.kysely));
  seconds.total = Math.round((performance.now() - t0) / 100) / 10;
  const manifest: Manifest = { name: dataSetName(args), db: args.db, scale: s, seed: args.seed, generatedAt: new Date().toISOString(), seconds, counts, gaps };
  writeFileSync(mPath, JSON.stringify(manifest, null, 2));
  console.log(`generated in ${seconds.total} s: ${JSON.stringify(counts)}`);
  return { bench, manifest };
}

// `npm run bench:generate -- --db sqlite --scale 0.1 [--fresh]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const { bench } = await ensureDataSet(args);
  await bench.db.close();
}
