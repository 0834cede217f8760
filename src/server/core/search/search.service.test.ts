import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import type { Role } from '../../../shared/roles.js';
import type { SearchHit } from '../../../shared/search.js';
import type { DialectName } from '../db/connect.js';
import { AppError } from '../errors.js';
import type { Actor } from '../http/actor.js';
import { type SearchDocumentInput, indexDocument, rebuildSearchTokens, reindex, removeDocument, search, visibility } from './search.service.js';
import { normalizeText } from './search.text.js';

interface RealDoc {
  id: string;
  title: string;
  body: string;
  docNumber?: string | null;
}

/** The 78 real 公文 of the shared corpus (test/fixtures/search/README.md): titles and bodies as published. */
function loadCorpus(): RealDoc[] {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/fixtures/search/real-gongwen.json'), 'utf8')) as RealDoc[];
}

const corpus = loadCorpus();
const UNIT_A = 'unit-a';
const UNIT_B = 'unit-b';

function actor(id: string, unitId: string | null, roles: Role[]): Actor {
  return { id, username: id, name: id, unitId, roles, sessionId: 's', ip: '127.0.0.1' };
}
const leader = actor('u-leader', 'unit-l', ['leader']);
const staffA = actor('u-a', UNIT_A, ['staff']);
const staffB = actor('u-b', UNIT_B, ['staff']);
const sysadmin = actor('u-sys', 'unit-o', ['sysadmin']);

/** Thirds: unit A only, unit B only, everyone; leaders see all of them. */
function visibilityOf(i: number): string[] {
  const own = i % 3 === 0 ? visibility.unit(UNIT_A) : i % 3 === 1 ? visibility.unit(UNIT_B) : visibility.all;
  return [own, visibility.role('leader')];
}

function docOf(d: RealDoc, i: number): SearchDocumentInput {
  return {
    kind: 'gongwen',
    id: d.id,
    title: d.title,
    body: d.body,
    tags: d.docNumber ? [d.docNumber] : [],
    visibility: visibilityOf(i),
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
  };
}

/** The brute-force answer: documents with the query as a substring of a field (normalised as the index is). */
function bruteForce(q: string, who: 'all' | 'A'): Set<string> {
  const nq = normalizeText(q);
  const out = new Set<string>();
  corpus.forEach((d, i) => {
    if (who === 'A' && i % 3 === 1) return;
    const fields = [d.title, d.body, ...(d.docNumber ? [d.docNumber] : [])].map(normalizeText);
    if (fields.some((f) => f.includes(nq))) out.add(d.id);
  });
  return out;
}

/** Deterministic sampling (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/** Han-only substrings of the corpus of length n, plus a few Han strings that occur nowhere. */
function sampleQueries(n: number, count: number, seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  let guard = 0;
  while (out.size < count && guard++ < 100_000) {
    const d = corpus[Math.floor(r() * corpus.length)]!;
    const text = normalizeText(r() < 0.3 ? d.title : d.body);
    const chars = [...text];
    if (chars.length < n) continue;
    const at = Math.floor(r() * (chars.length - n + 1));
    const s = chars.slice(at, at + n).join('');
    if (HAN_ONLY.test(s)) out.add(s);
  }
  // Rearranged characters: mostly absent, sometimes present; either way the sets must agree.
  const all = [...out];
  for (let k = 0; k < 5 && all.length > 1; k++) {
    const a = [...all[k]!];
    out.add(a.reverse().join(''));
  }
  return [...out];
}

const dx = (db: TestDb) => ({ db: db.kysely, dialect: db.dialect });

async function allHits(db: TestDb, who: Actor, q: string, kind?: string): Promise<{ hits: SearchHit[]; total: number }> {
  const hits: SearchHit[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const r = await search(dx(db), who, { q, page, pageSize: 25, ...(kind ? { kind } : {}) });
    total = r.total;
    hits.push(...r.items);
    if (r.items.length < 25) break;
  }
  expect(hits.length).toBe(total);
  return { hits, total };
}

const results = new Map<DialectName, Map<string, string[]>>();

describe.each(testDialects())('search on %s', (dialect) => {
  let db: TestDb;
  const seen = new Map<string, string[]>();
  results.set(dialect, seen);

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const r = await reindex(db.kysely, dialect, 'gongwen', corpus.map(docOf));
    expect(r).toEqual({ indexed: 78, removed: 0 });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  for (const [n, count] of [
    [1, 15],
    [2, 40],
    [3, 30],
    [4, 30],
    [6, 30],
  ] as const) {
    it(`${n}-character queries find exactly what a substring scan finds`, async () => {
      const queries = sampleQueries(n, count, 1000 + n);
      expect(queries.length).toBeGreaterThanOrEqual(count);
      let nonEmpty = 0;
      for (const q of queries) {
        const { hits } = await allHits(db, leader, q);
        const got = new Set(hits.map((h) => h.id));
        expect({ q, ids: [...got].sort() }).toEqual({ q, ids: [...bruteForce(q, 'all')].sort() });
        if (got.size > 0) nonEmpty++;
        seen.set(
          q,
          hits.map((h) => h.id),
        );
      }
      expect(nonEmpty).toBeGreaterThanOrEqual(count);
    });
  }

  it('ranks title hits first, then the most recent, and marks the hits', async () => {
    const { hits } = await allHits(db, leader, '通知');
    const inTitle = hits.map((h) => h.title.includes('通知'));
    const firstBodyOnly = inTitle.indexOf(false);
    expect(firstBodyOnly).toBeGreaterThan(0);
    expect(inTitle.slice(firstBodyOnly).every((x) => !x)).toBe(true);
    for (const group of [hits.slice(0, firstBodyOnly), hits.slice(firstBodyOnly)]) {
      const times = group.map((h) => h.updatedAt);
      expect(times).toEqual([...times].sort().reverse());
    }
    for (const h of hits.slice(0, firstBodyOnly)) {
      expect(h.titleHighlights.length).toBeGreaterThan(0);
      for (const r of h.titleHighlights) expect(h.title.slice(r.start, r.end)).toBe('通知');
    }
    const withSnippet = hits.slice(firstBodyOnly);
    for (const h of withSnippet) {
      expect(h.snippetHighlights.length).toBeGreaterThan(0);
      expect(h.snippet.slice(h.snippetHighlights[0]!.start, h.snippetHighlights[0]!.end)).toBe('通知');
    }
    seen.set(
      '#ranked',
      hits.map((h) => h.id),
    );
  });

  it('filters by visibility in SQL: unit A never sees unit B, totals and pages agree', async () => {
    for (const q of ['国务院', '监管', '通知', '工作', '的']) {
      const a = await allHits(db, staffA, q);
      const expected = bruteForce(q, 'A');
      expect(new Set(a.hits.map((h) => h.id))).toEqual(expected);
      expect(a.total).toBe(expected.size);
      const unitBOnly = new Set(corpus.filter((_, i) => i % 3 === 1).map((d) => d.id));
      expect(a.hits.some((h) => unitBOnly.has(h.id))).toBe(false);
      const b = await allHits(db, staffB, q);
      const unitAOnly = new Set(corpus.filter((_, i) => i % 3 === 0).map((d) => d.id));
      expect(b.hits.some((h) => unitAOnly.has(h.id))).toBe(false);
    }
    const page2 = await search(dx(db), staffA, { q: '的', page: 2, pageSize: 10 });
    const all = await allHits(db, staffA, '的');
    expect(page2.items.map((h) => h.id)).toEqual(all.hits.slice(10, 20).map((h) => h.id));
    expect(page2.total).toBe(all.total);
    const beyond = await search(dx(db), staffA, { q: '的', page: 50, pageSize: 10 });
    expect(beyond).toEqual({ items: [], total: all.total, capped: false });
  });

  it('refuses the three administrators', async () => {
    await expect(search(dx(db), sysadmin, { q: '通知', page: 1, pageSize: 20 })).rejects.toMatchObject({ status: 403 });
  });

  it('treats hostile input as text: FTS and tsquery syntax, quotes, SQL, controls', async () => {
    const plain = (await allHits(db, leader, '市场监管')).hits.map((h) => h.id).sort();
    expect(plain.length).toBeGreaterThan(0);
    for (const q of [
      '"市场监管"',
      '市场监管*',
      '(市场监管)',
      '“市场监管”',
      '^市场监管',
      '-市场监管',
      '市场监管:*',
      '{市场监管}',
      '市场监管\u0000',
      '\uE000市场监管',
    ]) {
      expect((await allHits(db, leader, q)).hits.map((h) => h.id).sort()).toEqual(plain);
    }
    const hostile = [
      '"监管" OR 执法*',
      'NEAR(监管 执法)',
      'NEAR(监管 执法, 2)',
      '监管 AND NOT 执法',
      'title:监管',
      "' or 1=1 --",
      "'; drop table search_docs; --",
      "a'b\\'c",
      '监管 & 执法 | !通知',
      "'监管':* <-> '执法'",
      '<2> <-> :*',
      '🀄️监管',
      'x'.repeat(100),
      '监'.repeat(100),
      '国发〔2019〕5号',
      'ＮＥＡＲ（监管）',
    ];
    for (const q of hostile) {
      const r = await search(dx(db), leader, { q, page: 1, pageSize: 5 });
      expect(r.total).toBeGreaterThanOrEqual(0);
    }
    for (const q of ['"', '""', '"*()', '*', '\u0000', '　', '<->', '::', '\uE000', '\\']) {
      await expect(search(dx(db), leader, { q, page: 1, pageSize: 5 })).rejects.toSatisfy(
        (e: unknown) => e instanceof AppError && e.status === 400 && /汉字/.test(e.message),
      );
    }
    await expect(search(dx(db), leader, { q: Array.from({ length: 9 }, (_, i) => `词${i}`).join(' '), page: 1, pageSize: 5 })).rejects.toMatchObject({
      status: 400,
    });
    // The 文号 is a tag: found, though no body mentions it.
    const byNumber = await search(dx(db), leader, { q: '国发〔2019〕5号', page: 1, pageSize: 5 });
    expect(byNumber.items.map((h) => h.id)).toContain('gov-01');
    // Several terms: all must occur.
    const both = await allHits(db, leader, '双随机 一公开');
    expect(new Set(both.hits.map((h) => h.id))).toEqual(new Set([...bruteForce('双随机', 'all')].filter((id) => bruteForce('一公开', 'all').has(id))));
  });

  it('reflects updates, visibility changes and removals at once', async () => {
    const base: SearchDocumentInput = {
      kind: 'memo',
      id: 'm1',
      title: '关于甲乙丙丁试点工作的请示',
      body: '请审示。',
      tags: ['示〔2026〕1号'],
      visibility: [visibility.unit(UNIT_A)],
      updatedAt: '2026-11-26T02:00:00Z',
    };
    await db.kysely.transaction().execute((trx) => indexDocument(trx, dialect, base));
    expect((await search(dx(db), staffA, { q: '甲乙丙丁', page: 1, pageSize: 5 })).total).toBe(1);
    expect((await search(dx(db), staffB, { q: '甲乙丙丁', page: 1, pageSize: 5 })).total).toBe(0);
    expect((await search(dx(db), staffA, { q: '甲乙', kind: 'gongwen', page: 1, pageSize: 5 })).total).toBe(0);
    expect((await search(dx(db), staffA, { q: '甲乙', kind: 'memo', page: 1, pageSize: 5 })).total).toBe(1);

    await db.kysely
      .transaction()
      .execute((trx) =>
        indexDocument(trx, dialect, { ...base, title: '关于戊己庚辛试点工作的请示', visibility: [visibility.unit(UNIT_B)], updatedAt: '2026-11-26T03:00:00Z' }),
      );
    expect((await search(dx(db), staffA, { q: '甲乙丙丁', page: 1, pageSize: 5 })).total).toBe(0);
    expect((await search(dx(db), staffB, { q: '甲乙丙丁', page: 1, pageSize: 5 })).total).toBe(0);
    const moved = await search(dx(db), staffB, { q: '戊己庚辛', page: 1, pageSize: 5 });
    expect(moved.items.map((h) => [h.kind, h.id, h.updatedAt])).toEqual([['memo', 'm1', '2026-11-26T03:00:00.000Z']]);

    // A rollback takes the index change back with the module's own change.
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await removeDocument(trx, dialect, 'memo', 'm1');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await search(dx(db), staffB, { q: '戊己庚辛', page: 1, pageSize: 5 })).total).toBe(1);

    await db.kysely.transaction().execute((trx) => removeDocument(trx, dialect, 'memo', 'm1'));
    expect((await search(dx(db), staffB, { q: '戊己庚辛', page: 1, pageSize: 5 })).total).toBe(0);
    expect((await search(dx(db), staffB, { q: '示〔2026〕1号', page: 1, pageSize: 5 })).total).toBe(0);
  });

  it('finds every phrase in a long body (chunk edges, 300 repeats of a bigram)', async () => {
    const r = rng(7);
    const pool = [...new Set([...corpus.map((d) => d.body).join('')].filter((c) => HAN_ONLY.test(c)))];
    const long = Array.from({ length: 20_000 }, () => pool[Math.floor(r() * pool.length)]!).join('');
    const repeated = `${'监管'.repeat(400)}甲乙丙丁戊己`;
    await db.kysely.transaction().execute(async (trx) => {
      await indexDocument(trx, dialect, { kind: 'memo', id: 'long', title: '长文', body: long, visibility: ['all'], updatedAt: '2026-11-26T02:00:00Z' });
      await indexDocument(trx, dialect, { kind: 'memo', id: 'rep', title: '重复', body: repeated, visibility: ['all'], updatedAt: '2026-11-26T02:00:00Z' });
    });
    for (let at = 0; at + 6 <= long.length; at += 397) {
      const q = long.slice(at, at + 6);
      const got = await search(dx(db), staffA, { q, kind: 'memo', page: 1, pageSize: 5 });
      expect({ q, ids: got.items.map((h) => h.id) }).toMatchObject({ q, ids: expect.arrayContaining(['long']) });
    }
    expect((await search(dx(db), staffA, { q: '监管甲乙', kind: 'memo', page: 1, pageSize: 5 })).items.map((h) => h.id)).toEqual(['rep']);
    expect((await search(dx(db), staffA, { q: '管监管监管监管', kind: 'memo', page: 1, pageSize: 5 })).items.map((h) => h.id)).toEqual(['rep']);
    await db.kysely.transaction().execute(async (trx) => {
      await removeDocument(trx, dialect, 'memo', 'long');
      await removeDocument(trx, dialect, 'memo', 'rep');
    });
  });

  it('reindex replaces and sweeps; the token index can be rebuilt from search_docs', async () => {
    const docs = corpus.slice(0, 10).map(docOf);
    const r = await reindex(db.kysely, dialect, 'gongwen', docs);
    expect(r).toEqual({ indexed: 10, removed: 68 });
    expect((await allHits(db, leader, '国务院', 'gongwen')).hits.every((h) => docs.some((d) => d.id === h.id))).toBe(true);
    const back = await reindex(
      db.kysely,
      dialect,
      'gongwen',
      (async function* () {
        for (let i = 0; i < corpus.length; i++) yield docOf(corpus[i]!, i);
      })(),
      { batchSize: 7 },
    );
    expect(back).toEqual({ indexed: 78, removed: 0 });
    const before = (await allHits(db, leader, '监管')).hits.map((h) => h.id);
    await rebuildSearchTokens(db.kysely, dialect);
    expect((await allHits(db, leader, '监管')).hits.map((h) => h.id)).toEqual(before);
    await expect(reindex(db.kysely, dialect, 'gongwen', [{ ...docOf(corpus[0]!, 0), kind: 'other' }])).rejects.toThrow(/kind other/);
    await expect(db.kysely.transaction().execute((trx) => indexDocument(trx, dialect, { ...docOf(corpus[0]!, 0), visibility: [] }))).rejects.toThrow();
  });
});

const capResults = new Map<DialectName, Map<string, string[]>>();

describe.each(testDialects())('ranking blocks on %s', (dialect) => {
  // Small cap, many documents in the same second and at the very same
  // instant: the SQLite walk by rank_key must complete the boundary second
  // and order ties by key exactly as PostgreSQL does.
  const CAP = 7;
  let db: TestDb;
  const seen = new Map<string, string[]>();
  capResults.set(dialect, seen);
  const base = Date.UTC(2026, 10, 1, 8, 0, 0);
  const docs: SearchDocumentInput[] = Array.from({ length: 90 }, (_, i) => {
    const d = corpus[i % corpus.length]!;
    // Fourteen seconds of a few documents each, and a newest second of 30
    // (more than the walk's look-ahead, so its end is read by range). Within
    // a second the later a document is indexed the older it is (the worst
    // order for a walk by rank_key), and many share one instant (ties go by key).
    const group = i < 30 ? 14 : i % 14;
    const ms = base + group * 1000 + Math.max(500, 900 - Math.floor(i / 15) * 100);
    return {
      kind: i % 4 === 0 ? 'memo' : 'gongwen',
      id: `c${String(i).padStart(3, '0')}`,
      title: i % 5 === 0 ? `关于监管工作的通知${i}` : d.title,
      body: d.body,
      visibility: visibilityOf(i),
      updatedAt: new Date(ms).toISOString(),
    };
  });
  const norm = docs.map((d) => ({ key: `${d.kind}:${d.id}`, d, title: normalizeText(d.title), text: [d.title, d.body].map(normalizeText) }));

  /**
   * The definition: visible matches newest first by (updated_at desc, key),
   * cut into blocks of CAP, each block ranked title hits first (stable, so
   * recency within a group), block after block.
   */
  function oracle(q: string, who: 'all' | 'A', kind?: string): { ids: string[]; matches: number } {
    const terms = q.split(/\s+/).map(normalizeText);
    const matches = norm
      .filter((x, i) => (who === 'all' || i % 3 !== 1) && (!kind || x.d.kind === kind))
      .filter((x) => terms.every((t) => x.text.some((f) => f.includes(t))))
      .sort((a, b) => (a.d.updatedAt === b.d.updatedAt ? (a.key < b.key ? -1 : 1) : a.d.updatedAt < b.d.updatedAt ? 1 : -1));
    const hits = (x: (typeof norm)[number]) => terms.filter((t) => x.title.includes(t)).length;
    const ids: string[] = [];
    for (let b = 0; b < matches.length; b += CAP) {
      const block = matches.slice(b, b + CAP);
      ids.push(
        ...block
          .map((x, i) => ({ x, i }))
          .sort((p, r) => hits(r.x) - hits(p.x) || p.i - r.i)
          .map((r) => r.x.d.id),
      );
    }
    return { ids, matches: matches.length };
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    await reindex(
      db.kysely,
      dialect,
      'gongwen',
      docs.filter((d) => d.kind === 'gongwen'),
    );
    await reindex(
      db.kysely,
      dialect,
      'memo',
      docs.filter((d) => d.kind === 'memo'),
    );
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const cases: [string, 'all' | 'A', string | undefined][] = [
    ['监管', 'all', undefined],
    ['监管', 'A', undefined],
    ['工作', 'all', undefined],
    ['通知', 'A', 'gongwen'],
    ['的', 'all', 'memo'],
    ['国务院 监管', 'all', undefined],
    ['监管工作', 'A', undefined],
    ['不存在的词语', 'all', undefined],
  ];
  it.each(cases)('“%s” for %s (kind %s) ranks every match block by block exactly as defined', async (q, who, kind) => {
    const want = oracle(q, who, kind);
    const actorOf = who === 'all' ? leader : staffA;
    const ids: string[] = [];
    const PAGE = 3;
    let res = await search(dx(db), actorOf, { q, page: 1, pageSize: PAGE, ...(kind ? { kind } : {}) }, { cap: CAP });
    for (let page = 2; res.items.length > 0; page++) {
      // A page reads the blocks up to its end: total counts them, capped says more match.
      const read = Math.ceil(((page - 1) * PAGE) / CAP) * CAP;
      expect({ page, total: res.total, capped: res.capped }).toEqual({ page, total: Math.min(read, want.matches), capped: want.matches > read });
      ids.push(...res.items.map((h) => h.id));
      res = await search(dx(db), actorOf, { q, page, pageSize: PAGE, ...(kind ? { kind } : {}) }, { cap: CAP });
    }
    expect(res).toMatchObject({ total: want.matches, capped: false });
    expect(ids).toEqual(want.ids);
    seen.set(`${q}|${who}|${kind ?? ''}`, ids);
  });

  it('a document updated again moves to its new place (its rank key follows the new time)', async () => {
    const d = docs[3]!;
    const later = { ...d, title: '关于监管工作的通知（更新）', updatedAt: new Date(base + 3_600_000).toISOString() };
    await db.kysely.transaction().execute((trx) => indexDocument(trx, dialect, later));
    const res = await search(dx(db), leader, { q: '监管', page: 1, pageSize: 3 }, { cap: CAP });
    expect(res.items[0]?.id).toBe(d.id);
    await db.kysely.transaction().execute((trx) => indexDocument(trx, dialect, d));
  });
});

/** What SQLite answered, query by query, is what PostgreSQL answered (when this run has PostgreSQL). */
function expectSameOnBothDialects(answers: Map<DialectName, Map<string, string[]>>): void {
  const s = answers.get('sqlite');
  const p = answers.get('postgres');
  if (!s || !p || p.size === 0) return; // PostgreSQL not available in this run
  expect(p.size).toBe(s.size);
  for (const [q, ids] of s) expect({ q, ids: p.get(q) }).toEqual({ q, ids });
}

describe('both dialects', () => {
  it('give the same answers in the same order', () => expectSameOnBothDialects(results));
  it('give the same capped answers in the same order', () => expectSameOnBothDialects(capResults));
});
