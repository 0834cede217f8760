/** Small text helpers shared by the rules; all offsets are UTF-16 indices like JavaScript strings. */

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

export interface Line {
  text: string;
  /** Offset of the line's first character in the whole field. */
  start: number;
}

/** Lines of a body (one paragraph per line), with leading whitespace kept in the offset but trimmed from `text`. */
export function splitLines(body: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  for (const raw of body.split('\n')) {
    const withoutCr = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lead = withoutCr.length - withoutCr.trimStart().length;
    out.push({ text: withoutCr.trim(), start: pos + lead });
    pos += raw.length + 1;
  }
  return out;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九 as used in 层次序数 and dates (十, 十一, 二十, 二十三). NaN when not a numeral. */
export function chineseNumber(s: string): number {
  if (s.length === 0) return NaN;
  const ten = s.indexOf('十');
  if (ten < 0) {
    // Digit-by-digit (years: 二〇二六).
    let n = 0;
    for (const ch of s) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return NaN;
      n = n * 10 + d;
    }
    return n;
  }
  if (s.indexOf('十', ten + 1) >= 0) return NaN;
  const tensPart = s.slice(0, ten);
  const onesPart = s.slice(ten + 1);
  const tens = tensPart === '' ? 1 : (CN_DIGITS[tensPart] ?? NaN);
  const ones = onesPart === '' ? 0 : (CN_DIGITS[onesPart] ?? NaN);
  if (onesPart.length > 1 || tensPart.length > 1) return NaN;
  return tens * 10 + ones;
}

const CN_ONES = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 23 → 二十三 (up to 99, enough for 层次序数). */
export function toChineseNumber(n: number): string {
  if (n < 10) return CN_ONES[n] ?? String(n);
  const t = Math.floor(n / 10);
  const o = n % 10;
  return `${t === 1 ? '' : CN_ONES[t]}十${CN_ONES[o]}`;
}

export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Days in month for validating a printed date. */
export function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
