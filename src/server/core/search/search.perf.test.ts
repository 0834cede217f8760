import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import type { Actor } from '../http/actor.js';
import { SEARCH_CANDIDATE_CAP, type SearchDocumentInput, reindex, search, visibility } from './search.service.js';

/**
 * A quick measurement, not a timed assertion (the benchmark suite comes
 * later): ~20k synthetic titles made of pieces of the real 公文 titles, the
 * latency of 2- and 4-character searches (count + first page + snippets,
 * visibility filtered) against a plain LIKE scan of the same titles, and a
 * check that both find the same number of documents.
 */
const N = 20_000;
const titles: string[] = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/fixtures/search/real-gongwen.json'), 'utf8')) as { title: string }[]
).map((d) => d.title);

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticTitle(r: () => number): string {
  const parts: string[] = [];
  for (let k = 0; k < 3; k++) {
    const t = titles[Math.floor(r() * titles.length)]!;
    const len = 4 + Math.floor(r() * 8);
    const at = Math.floor(r() * Math.max(1, t.length - len));
    parts.push(t.slice(at, at + len));
  }
  return `关于${parts.join('')}的通知`;
}

const leader: Actor = { id: 'u-l', username: 'l', name: 'l', unitId: 'unit-l', roles: ['leader'], sessionId: 's', ip: '127.0.0.1' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.each(testDialects())('search latency on %s (measurement)', (dialect) => {
  let db: TestDb;
  const r = rng(42);
  const generated = Array.from({ length: N }, () => syntheticTitle(r));
  let indexMs = 0;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const t0 = performance.now();
    await reindex(
      db.kysely,
      dialect,
      'bench',
      generated.map((title, i): SearchDocumentInput => ({
        kind: 'bench',
        id: `b${i}`,
        title,
        body: '',
        visibility: [i % 2 === 0 ? visibility.unit('unit-a') : visibility.all, visibility.role('leader')],
        updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      })),
      { batchSize: 1000 },
    );
    indexMs = performance.now() - t0;
    if (dialect === 'postgres') await sql`analyze`.execute(db.kysely);
  }, 300_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it('prints 2- and 4-character latencies against a LIKE scan', async () => {
    const pick = (n: number, count: number) => {
      const rr = rng(n);
      const out = new Set<string>();
      while (out.size < count) {
        const t = generated[Math.floor(rr() * generated.length)]!;
        const at = Math.floor(rr() * (t.length - n));
        const q = t.slice(at, at + n);
        if (/^\p{Script=Han}+$/u.test(q)) out.add(q);
      }
      return [...out];
    };
    const lines: string[] = [`search [${dialect}] ${N} titles indexed in ${(indexMs / 1000).toFixed(1)} s`];
    for (const n of [2, 4]) {
      const queries = pick(n, 12);
      const ours: number[] = [];
      const like: number[] = [];
      let hits = 0;
      for (const q of queries) {
        await search({ db: db.kysely, dialect }, leader, { q, page: 1, pageSize: 20 }); // warm
        const t0 = performance.now();
        const res = await search({ db: db.kysely, dialect }, leader, { q, page: 1, pageSize: 20 });
        ours.push(performance.now() - t0);
        const pattern = `%${q}%`;
        const t1 = performance.now();
        const c = await db.kysely
          .selectFrom('search_docs')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('title', 'like', pattern)
          .executeTakeFirstOrThrow();
        await db.kysely.selectFrom('search_docs').select(['doc_id', 'title']).where('title', 'like', pattern).orderBy('updated_at', 'desc').limit(20).execute();
        like.push(performance.now() - t1);
        // Beyond the candidate cap the total is the cap, flagged as such.
        const n = Number(c.n);
        expect({ q, total: res.total, capped: res.capped }).toEqual({ q, total: Math.min(n, SEARCH_CANDIDATE_CAP), capped: n > SEARCH_CANDIDATE_CAP });
        hits += res.total;
      }
      lines.push(
        `  ${n}-char: median ${median(ours).toFixed(2)} ms, max ${Math.max(...ours).toFixed(2)} ms (count + page of 20 + snippets, visibility filtered); ` +
          `LIKE scan median ${median(like).toFixed(2)} ms; mean hits ${(hits / queries.length).toFixed(0)}`,
      );
    }
    console.log(lines.join('\n'));
  }, 120_000);
});
