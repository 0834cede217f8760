/**
 * Text side of Chinese search, shared by both dialects and free of SQL.
 *
 * Index form. Text is normalised code point by code point (NFKC, lower case;
 * control, surrogate and private-use characters become spaces) and cut into
 * runs of Han characters, runs of other letters/digits ("words"), and
 * separators (everything else). It becomes a stream of tokens:
 *   - a Han run of n ≥ 2 characters → its n−1 overlapping bigrams, then its
 *     last character alone (甲乙丙 → 甲乙 乙丙 丙); a run of one → that character;
 *   - a word → itself, whole (cut at MAX_WORD_CHARS);
 *   - one GAP wherever separators stood between two runs (and between fields).
 *
 * Query form. A term becomes the same stream except that its last Han run
 * contributes no closing single character (a run of ≥ 2 ends on a bigram that
 * covers it), a trailing single Han character or a trailing word is a prefix
 * match, and there is no GAP at either end. The term matches when its tokens
 * occur at consecutive positions (GAP counting as one position).
 *
 * Why this is exact for Han. Consecutive positions holding bigrams can only
 * come from one Han run (a run always closes on a single character, never on
 * a bigram), so a phrase of bigrams matches exactly where the characters occur
 * in a row. A single character X is, at every occurrence, either the first
 * character of a bigram (X?) or the closing single character (X) of its run, so
 * the prefix X* finds precisely the documents containing X. Words (Latin
 * letters, numbers) are matched whole, the last word of a term as a prefix.
 */

/** The separator token. Private-use, so normalised text can never produce it. */
export const GAP = '\uE000';
/** A word longer than this is cut (PostgreSQL refuses lexemes over 2 KB; nobody searches 40-letter words). */
export const MAX_WORD_CHARS = 32;
/** Terms per query, and characters per query: enough for any real search, small enough to bound the SQL. */
export const MAX_TERMS = 8;

const HAN_RE = /^\p{Script=Han}$/u;
const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;

const enum Cls {
  Sep = 0,
  Han = 1,
  Word = 2,
}

/** The normalised form of one code point: what both the index and the query see. */
function normChar(cp: number, ch: string): string {
  if (cp < 0x80) {
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    // Controls (NUL included) must never reach SQL text parameters.
    return cp < 0x20 || cp === 0x7f ? ' ' : ch;
  }
  // The CJK Unified Ideographs block is NFKC-stable: the common case skips normalize().
  if (cp >= 0x4e00 && cp <= 0x9fff) return ch;
  if (cp >= 0xd800 && cp <= 0xdfff) return ' '; // lone surrogate
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return ' '; // private use: reserved for GAP
  if (cp < 0xa0) return ' '; // C1 controls
  return ch.normalize('NFKC').toLowerCase();
}

function classOf(cp: number, ch: string): Cls {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) ? Cls.Word : Cls.Sep;
  if (cp >= 0x4e00 && cp <= 0x9fff) return Cls.Han;
  if (!WORD_RE.test(ch)) return Cls.Sep; // radicals (So) and symbols separate, as punctuation does
  return HAN_RE.test(ch) ? Cls.Han : Cls.Word;
}

/** NFKC + lower case per code point, so that offsets can be mapped back (see normalizeWithMap). */
export function normalizeText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    out += normChar(cp, s.slice(i, i + len));
    i += len;
  }
  return out;
}

interface NormMap {
  norm: string;
  /** For each UTF-16 unit of `norm`: start and end (exclusive) of the original code point it came from. */
  from: number[];
  to: number[];
}

function normalizeWithMap(s: string): NormMap {
  let norm = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    const n = normChar(cp, s.slice(i, i + len));
    norm += n;
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + len);
    }
    i += len;
  }
  return { norm, from, to };
}

interface Run {
  cls: Cls.Han | Cls.Word;
  chars: string[];
  /** Separators stood between this run and the previous one. */
  afterSep: boolean;
}

/** Cuts normalised text into Han runs and word runs, remembering where separators were. */
function runsOf(norm: string): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  let sawSep = false;
  for (const ch of norm) {
    const cls = classOf(ch.codePointAt(0) ?? 0, ch);
    if (cls === Cls.Sep) {
      cur = null;
      sawSep = true;
      continue;
    }
    if (cur && cur.cls === cls) {
      cur.chars.push(ch);
    } else {
      cur = { cls, chars: [ch], afterSep: sawSep && runs.length > 0 };
      runs.push(cur);
    }
    sawSep = false;
  }
  return runs;
}

function wordToken(chars: string[]): string {
  return (chars.length > MAX_WORD_CHARS ? chars.slice(0, MAX_WORD_CHARS) : chars).join('');
}

/** The index token stream of a document's fields (title, tags…, body), fields kept apart by a GAP. */
export function indexTokens(fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const field of fields) {
    const runs = runsOf(normalizeText(field));
    if (runs.length === 0) continue;
    if (out.length > 0) out.push(GAP);
    for (const r of runs) {
      if (r.afterSep) out.push(GAP);
      if (r.cls === Cls.Word) {
        out.push(wordToken(r.chars));
        continue;
      }
      for (let i = 0; i + 1 < r.chars.length; i++) out.push(r.chars[i]! + r.chars[i + 1]!);
      out.push(r.chars[r.chars.length - 1]!);
    }
  }
  return out;
}

/** One whitespace-separated part of a query, compiled. */
export interface QueryTerm {
  /** Tokens that must stand at consecutive positions; may contain GAP (never first or last). */
  tokens: string[];
  /** The last token is a prefix. */
  prefix: boolean;
  /** The normalised term without leading/trailing separators: used to rank title hits. */
  text: string;
  /** Maximal letter/digit/Han pieces of the term, for highlighting. */
  pieces: string[];
}

/** Compiles one term, or null when it holds no letter, digit or Han character. */
export function compileTerm(raw: string): QueryTerm | null {
  const norm = normalizeText(raw);
  const runs = runsOf(norm);
  if (runs.length === 0) return null;
  const tokens: string[] = [];
  const pieces: string[] = [];
  let prefix = false;
  runs.forEach((r, idx) => {
    const last = idx === runs.length - 1;
    if (r.afterSep) {
      tokens.push(GAP);
      pieces.push('');
    }
    if (pieces.length === 0) pieces.push('');
    pieces[pieces.length - 1] += r.chars.join('');
    if (r.cls === Cls.Word) {
      tokens.push(wordToken(r.chars));
      if (last) prefix = true;
      return;
    }
    for (let i = 0; i + 1 < r.chars.length; i++) tokens.push(r.chars[i]! + r.chars[i + 1]!);
    if (!last) tokens.push(r.chars[r.chars.length - 1]!);
    else if (r.chars.length === 1) {
      tokens.push(r.chars[0]!);
      prefix = true;
    }
  });
  return { tokens, prefix, text: trimSeparators(norm), pieces };
}

function trimSeparators(norm: string): string {
  const chars = [...norm];
  let a = 0;
  let b = chars.length;
  while (a < b && classOf(chars[a]!.codePointAt(0) ?? 0, chars[a]!) === Cls.Sep) a++;
  while (b > a && classOf(chars[b - 1]!.codePointAt(0) ?? 0, chars[b - 1]!) === Cls.Sep) b--;
  return chars.slice(a, b).join('');
}

/** Splits a query on white space into compiled terms (those without searchable characters dropped). */
export function compileQuery(q: string): QueryTerm[] {
  return q
    .split(/\s+/u)
    .filter((s) => s.length > 0)
    .map(compileTerm)
    .filter((t): t is QueryTerm => t !== null);
}

/**
 * Chunking. PostgreSQL keeps at most 256 positions per lexeme and clamps
 * positions above 16383, which would silently break phrase matching in long
 * texts; so a token stream is cut into chunks of at most CHUNK_MAX_TOKENS
 * tokens in which no token repeats more than MAX_REPEATS times, each chunk
 * starting CHUNK_OVERLAP tokens before the previous one ended. Every chunk
 * but the last has at least MAX_REPEATS tokens, more than the overlap plus
 * the longest possible term (≤ 100 characters → ≤ 100 tokens), so any match
 * lies wholly inside some chunk. SQLite uses the same chunks, which keeps
 * both dialects' answers identical.
 */
export const CHUNK_MAX_TOKENS = 4000;
export const CHUNK_OVERLAP = 128;
const MAX_REPEATS = 255;

export function chunkTokens(tokens: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let start = 0;
  while (start < tokens.length) {
    const counts = new Map<string, number>();
    let end = start;
    while (end < tokens.length && end - start < CHUNK_MAX_TOKENS) {
      const t = tokens[end]!;
      const c = (counts.get(t) ?? 0) + 1;
      if (c > MAX_REPEATS) break;
      counts.set(t, c);
      end++;
    }
    chunks.push(tokens.slice(start, end));
    if (end >= tokens.length) break;
    start = end - CHUNK_OVERLAP;
  }
  return chunks;
}

// ---------------------------------------------------------------- highlights

/** A highlighted range in UTF-16 code units (JavaScript string indices), end exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** Every occurrence of any piece in `text` (compared in normalised form), merged and in order. */
export function findHighlights(text: string, pieces: readonly string[]): Range[] {
  const wanted = pieces.filter((p) => p.length > 0);
  if (wanted.length === 0 || text.length === 0) return [];
  const { norm, from, to } = normalizeWithMap(text);
  const found: Range[] = [];
  for (const p of wanted) {
    for (let i = norm.indexOf(p); i >= 0; i = norm.indexOf(p, i + 1)) {
      found.push({ start: from[i]!, end: to[i + p.length - 1]! });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const SNIPPET_CHARS = 120;
const SNIPPET_LEAD = 30;
/** How far into a body the slow (normalised) hit search looks when a plain indexOf finds nothing. */
const SLOW_SCAN_CHARS = 200_000;

const HAN_PIECE_RE = /^\p{Script=Han}+$/u;
/**
 * Characters whose NFKC form contains a Han character other than themselves:
 * radicals, 〸〹〺, kanbun marks, enclosed and squared ideographs, compatibility
 * ideographs. (CJK Unified Ideographs and their extensions fold to themselves.)
 */
export const FOLDS_TO_HAN_RE = /[\u2E80-\u2FDF\u3038-\u303A\u3190-\u319F\u3200-\u33FF\uF900-\uFAFF\u{1F200}-\u{1F2FF}\u{2F800}-\u{2FA1F}]/u;

const isLowSurrogate = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

/**
 * A short plain-text excerpt of `body` around its first hit, white space
 * collapsed, with "…" where it was cut, and the ranges to highlight in it.
 * When the hit is only in the title (or tags), the body's beginning is shown.
 */
export function makeSnippet(body: string, pieces: readonly string[]): { text: string; highlights: Range[] } {
  let hit = -1;
  for (const p of pieces) {
    if (!p) continue;
    const i = body.indexOf(p);
    if (i >= 0 && (hit < 0 || i < hit)) hit = i;
  }
  if (hit < 0) {
    // Full-width digits, upper case and the like only match after normalisation.
    const head = body.length > SLOW_SCAN_CHARS ? body.slice(0, SLOW_SCAN_CHARS) : body;
    // The normalised scan costs ~100 ns a character; a Han piece can only hide
    // behind a compatibility form that folds into Han, so without one (the
    // usual title-only hit) there is nothing it could find.
    const mayHide = pieces.some((p) => p !== '' && !HAN_PIECE_RE.test(p)) || FOLDS_TO_HAN_RE.test(head);
    const first = mayHide ? findHighlights(head, pieces)[0] : undefined;
    hit = first ? first.start : 0;
  }
  let start = Math.max(0, hit - SNIPPET_LEAD);
  if (start > 0 && isLowSurrogate(body, start)) start--;
  let end = Math.min(body.length, start + SNIPPET_CHARS);
  if (end < body.length && isLowSurrogate(body, end)) end++;
  const text = `${start > 0 ? '…' : ''}${body.slice(start, end).replace(/\s+/gu, ' ').trim()}${end < body.length ? '…' : ''}`;
  return { text, highlights: findHighlights(text, pieces) };
}
