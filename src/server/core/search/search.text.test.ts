import { describe, expect, it } from 'vitest';
import { splitHighlights } from '../../../shared/search.js';
import { fts5Phrase, tsqueryText, tsvectorText } from './search.sql.js';
import {
  CHUNK_OVERLAP,
  FOLDS_TO_HAN_RE,
  GAP,
  chunkTokens,
  compileQuery,
  compileTerm,
  findHighlights,
  indexTokens,
  makeSnippet,
  normalizeText,
} from './search.text.js';

describe('search text', () => {
  it('indexes Han runs as overlapping bigrams closed by their last character, words whole, GAP at separators', () => {
    expect(indexTokens(['双随机、一公开'])).toEqual(['双随', '随机', '机', GAP, '一公', '公开', '开']);
    expect(indexTokens(['到2019年底，OK'])).toEqual(['到', '2019', '年底', '底', GAP, 'ok']);
    expect(indexTokens(['标题', '国发〔2019〕5号'])).toEqual(['标题', '题', GAP, '国发', '发', GAP, '2019', GAP, '5', '号']);
    expect(indexTokens(['', '  ', '甲'])).toEqual(['甲']);
  });

  it('normalises full-width forms and case, and never lets controls or private-use characters through', () => {
    expect(normalizeText('ＡＢＣ１２３（）')).toBe('abc123()');
    expect(normalizeText(`a\u0000b${GAP}c\ud800d`)).toBe('a b c d');
  });

  it('compiles terms: bigram phrase, prefix for a trailing single character or word, GAP inside only', () => {
    expect(compileTerm('监管执法')).toMatchObject({ tokens: ['监管', '管执', '执法'], prefix: false });
    expect(compileTerm('年')).toMatchObject({ tokens: ['年'], prefix: true });
    expect(compileTerm('2019年')).toMatchObject({ tokens: ['2019', '年'], prefix: true });
    expect(compileTerm('年底2020')).toMatchObject({ tokens: ['年底', '底', '2020'], prefix: true });
    expect(compileTerm('“双随机、一公开”')).toMatchObject({ tokens: ['双随', '随机', '机', GAP, '一公', '公开'], prefix: false, text: '双随机、一公开' });
    expect(compileTerm('"*()')).toBeNull();
    expect(compileQuery('  监管   执法 ').map((t) => t.text)).toEqual(['监管', '执法']);
  });

  it('quotes every token for FTS5 and tsquery so that query syntax in input is inert', () => {
    const t = compileTerm('NEAR(监管")*')!;
    expect(fts5Phrase(t)).toBe(`"near ${GAP} 监管"`);
    expect(tsqueryText(compileTerm('双随机、一公开')!)).toBe("'双随' <-> '随机' <-> '机' <2> '一公' <-> '公开'");
    expect(tsqueryText(compileTerm('2019年')!)).toBe("'2019' <-> '年':*");
    expect(tsvectorText(['ab', 'bc', GAP, 'ab'])).toBe("'ab':1,4 'bc':2");
  });

  it('chunks long streams with an overlap, each token at most 255 times per chunk', () => {
    const tokens = indexTokens(['监'.repeat(3000) + '这是结尾']);
    const chunks = chunkTokens(tokens);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.filter((t) => t === '监监').length).toBeLessThanOrEqual(255);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.slice(0, CHUNK_OVERLAP)).toEqual(chunks[i - 1]!.slice(-CHUNK_OVERLAP));
    expect(chunks.at(-1)!.slice(-3)).toEqual(['是结', '结尾', '尾']);
    expect(chunkTokens([])).toEqual([]);
  });

  it('highlights in original offsets and builds a snippet around the first hit', () => {
    expect(findHighlights('２０１９年底前完成', ['2019年'])).toEqual([{ start: 0, end: 5 }]);
    const body = `${'前言'.repeat(40)}\n在市场监管领域全面推行\n${'后记'.repeat(80)}`;
    const s = makeSnippet(body, ['市场监管']);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const h = s.highlights[0]!;
    expect(s.text.slice(h.start, h.end)).toBe('市场监管');
    expect(splitHighlights('ab市场cd', [{ start: 2, end: 4 }])).toEqual([
      { text: 'ab', hit: false },
      { text: '市场', hit: true },
      { text: 'cd', hit: false },
    ]);
  });

  it('finds a Han piece behind a compatibility form, and knows every code point that can hide one', () => {
    // ㈠ folds to (一), ⼈ (Kangxi radical) to 人: a plain indexOf misses both.
    const body = `${'前言'.repeat(40)}第㈠项由⼈事处办理${'后记'.repeat(40)}`;
    const s = makeSnippet(body, ['人事']);
    const h = s.highlights[0]!;
    expect(s.text.slice(h.start, h.end)).toBe('⼈事');
    // Exhaustive: any code point whose folded form has a Han character it is not itself is covered.
    const missed: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const folded = ch.normalize('NFKC').toLowerCase();
      if (folded !== ch && /\p{Script=Han}/u.test(folded) && !FOLDS_TO_HAN_RE.test(ch)) missed.push(cp.toString(16));
    }
    expect(missed).toEqual([]);
  });
});
