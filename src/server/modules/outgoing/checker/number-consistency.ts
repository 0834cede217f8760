import type { FindingField } from '../../../../shared/outgoing.js';
import type { CheckContext } from './context.js';
import { chineseNumber } from './text-utils.js';

/**
 * T06: one kind of quantity written both ways in one document (2026年 and
 * 二〇二六年; 3项 and 五项). GB/T 15835 wants a document consistent, and Arabic
 * numerals for years and counts. It is a warning: a 汉字 numeral can belong to
 * a fixed phrase the checker does not know.
 *
 * Deliberately left out, because there the 汉字 form is the norm or the match
 * is not a count: 一 and 两 (一个、一项、两个 are words), 二 (二次、二类),
 * ordinals (第三项), approximations (三四个、几十项), 处 (监管三处 is a name),
 * and set phrases, quoted or not (“三个代表”、中央八项规定).
 */
const YEAR_ARABIC = /(?<![\d０-９.])\d{4}(?=年)/g;
const YEAR_HAN = /(?<![〇零一二三四五六七八九十])[〇零一二三四五六七八九]{4}(?=年)/g;
const UNITS = '项个条家次名件批所类户份台辆套轮';
const COUNT_ARABIC = new RegExp(`(?<![\\d.．A-Za-z])(\\d+)([${UNITS}])`, 'g');
/** 三 … 九十九 with a measure word, not an ordinal (第) or part of an approximation (三四个, 几十项). */
const COUNT_HAN = new RegExp(
  `(?<![〇零一二三四五六七八九十百千万两几数第])(十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?|[三四五六七八九])([${UNITS}])`,
  'g',
);
const SET_PHRASE = /^(?:八项规定|三个代表|三个务必|三个区分开来|四个意识|四个自信|四个全面|五个一)/;

interface Seen {
  field: 'title' | 'body';
  start: number;
  text: string;
}

/** Offsets inside “…” on one line: slogans keep their 汉字 numerals. */
function quoted(text: string): Array<[number, number]> {
  return [...text.matchAll(/“[^“”\n]*”/g)].map((m) => [m.index, m.index + m[0].length]);
}
const inside = (spans: Array<[number, number]>, at: number) => spans.some(([a, b]) => at > a && at < b);

export function checkMixedNumberForms(c: CheckContext): void {
  const fields: Array<{ field: 'title' | 'body'; text: string }> = [
    { field: 'title', text: c.input.title },
    { field: 'body', text: c.input.body },
  ];
  const yearsArabic: Seen[] = [];
  const yearsHan: Seen[] = [];
  const countsArabic = new Map<string, Seen[]>();
  const countsHan = new Map<string, Seen[]>();
  const push = (m: Map<string, Seen[]>, k: string, s: Seen) => m.set(k, [...(m.get(k) ?? []), s]);
  for (const { field, text } of fields) {
    const q = quoted(text);
    for (const m of text.matchAll(YEAR_ARABIC)) yearsArabic.push({ field, start: m.index, text: m[0] });
    for (const m of text.matchAll(YEAR_HAN)) if (!inside(q, m.index)) yearsHan.push({ field, start: m.index, text: m[0] });
    for (const m of text.matchAll(COUNT_ARABIC)) push(countsArabic, m[2] ?? '', { field, start: m.index, text: m[0] });
    for (const m of text.matchAll(COUNT_HAN)) {
      if (inside(q, m.index) || SET_PHRASE.test(text.slice(m.index, m.index + 6))) continue;
      push(countsHan, m[2] ?? '', { field, start: m.index, text: m[0] });
    }
  }
  const firstYear = yearsArabic[0];
  if (firstYear) {
    for (const y of yearsHan) {
      const arabic = String(chineseNumber(y.text));
      report(c, y.field, `年份“${y.text}年”与“${firstYear.text}年”写法不一致：公文中的年份用阿拉伯数字`, y, { replacement: arabic });
    }
  }
  for (const [unit, han] of countsHan) {
    const arabic = countsArabic.get(unit)?.[0];
    const first = han[0];
    if (!arabic || !first) continue;
    report(c, first.field, `计数“${first.text}”与“${arabic.text}”写法不一致：同一文件中同类数字应统一，计数宜用阿拉伯数字`, first);
  }
}

function report(c: CheckContext, field: FindingField, message: string, at: Seen, fix?: { replacement: string }): void {
  const end = at.start + at.text.length;
  c.add('T06', field, message, {
    suggestion: '统一使用阿拉伯数字（约数、定型词语和惯用语中的数字除外）',
    ...(fix ? { fix: { start: at.start, end, replacement: fix.replacement } } : { range: { start: at.start, end } }),
  });
}
