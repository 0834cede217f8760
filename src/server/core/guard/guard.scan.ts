/**
 * The classification-marking scanner (涉密信息不上网，上网信息不涉密).
 *
 * This system is non-classified, so anything that carries a 国家秘密标志 must be
 * refused before it is stored. The scanner looks for the *marking*, not for
 * the words: 绝密/机密/秘密 are also ordinary words in office prose (保守国家秘密,
 * 商业秘密, 机密性, 秘密级以上的文件), and refusing those would make the system
 * unusable. A marking is recognised by its shape:
 *
 *  - star form:      `机密★1年`, `秘密☆`, `绝 密 ★ 长期`, `机密＊10年` (the ★ form of
 *                    《保守国家秘密法》: 密级★保密期限 / 解密时间 / 解密条件);
 *  - field form:     `密级：机密`, `密级:秘密★5年`, a table cell `密级<TAB>绝密`;
 *  - standalone:     a line that is only the level (`机密`, `绝密级`, `秘密 10年`),
 *                    which is how it stands at a document's top-left or in a
 *                    header, a property value or a form field;
 *  - top-left:       in the first lines of a part, a line that starts with the
 *                    level followed by a space (`秘密  特急`, `机密 20年 000123`).
 *
 * Offsets refer to the original text (no normalisation that would move them),
 * so variants such as full-width spaces and digits are part of the patterns.
 */

export type ClassificationLevel = '绝密' | '机密' | '秘密';
export type MarkingForm = 'star' | 'field' | 'standalone' | 'top_left';

export interface Finding {
  /** The marking as it appears in the text. */
  marking: string;
  level: ClassificationLevel;
  form: MarkingForm;
  /** Which field, document part or property it was found in (e.g. `body`, `header1`, `core.title`). */
  field: string;
  /** 1-based line within that field. */
  line: number;
  /** 0-based character offset (UTF-16 code units) within that field. */
  offset: number;
  /** The marking with a little context, on one line. */
  excerpt: string;
}

// Horizontal blanks that typists and converters put between the characters
// of a marking: ASCII space, tab, NBSP, ideographic space, thin/en spaces,
// and the zero-width characters that copying from web pages leaves behind.
const SP = '[ \\t\\u00a0\\u2000-\\u200d\\u2060\\u3000\\ufeff]';
// The colon after 密级: ASCII, full-width, and the look-alikes ∶ (RATIO) and
// ︰ that Chinese input methods and OCR produce.
const COLON = '[:：∶︰﹕]';
// Level words, with traditional forms (機密, 絕密, 祕密) that arrive from
// documents produced in traditional-character input methods.
const LEVEL = `(?:[绝絕]${SP}*密|[机機]${SP}*密|[秘祕]${SP}*密)`;
// The star and the stand-ins that appear when ★ is not in the font or the
// input method: ☆, and the asterisks (ASCII, full-width, math operator).
const STAR_SOLID = '[★☆✩✪✫✬✭✮✯⭐]';
const STAR_ASCII = '[*＊∗]';
const DIGIT = '[0-9０-９一二三四五六七八九十百〇零两]';
// 保密期限 / 解密时间 / 解密条件 as they follow the star: `1年`, `6个月`, `长期`,
// `2030年12月31日`, `10 年`. Kept deliberately short: what matters is that the star
// follows the level; the period only lengthens the reported marking.
const PERIOD = `(?:${DIGIT}+${SP}*(?:年(?:${SP}*${DIGIT}+${SP}*月(?:${SP}*${DIGIT}+${SP}*日)?)?|个${SP}*月|月)|长${SP}*期|永${SP}*久|解密(?:时间|条件)[^\\n]{0,20})`;

// A solid star after the level is a marking wherever it stands. An asterisk
// is also how emphasis is written (`*商业秘密*`, `**机密性**`), so it counts only
// as a single asterisk followed by a period (`机密*10年`); a line that is just
// `秘密*` is caught by the standalone rule below.
const STAR_FORM = new RegExp(`(${LEVEL})(?:${SP}*级)?${SP}*(?:${STAR_SOLID}(?:${SP}*${PERIOD})?|(?<![*＊∗])${STAR_ASCII}(?![*＊∗])${SP}*${PERIOD})`, 'gu');

// The level must end there: not `密级：秘密、机密、绝密三级` (a list in a sentence)
// and not `密级：秘密文件` (a noun phrase); a following star, space, line end or
// closing punctuation is fine.
const LEVEL_END = `(?![\\u4e00-\\u9fff、和与及或]|${SP}*[、和与及或])`;
const FIELD_FORM = new RegExp(
  `密${SP}*级${SP}*(?:${COLON}${SP}*|\\t+${SP}*|${SP}{2,}|${SP}*\\r?\\n${SP}*)(${LEVEL})(?:${SP}*级)?(?:${SP}*(?:${STAR_SOLID}|${STAR_ASCII})(?:${SP}*${PERIOD})?)?${LEVEL_END}`,
  'gu',
);

const STANDALONE_LINE = new RegExp(
  `^${SP}*[【\\[（(]?${SP}*(${LEVEL})(?:${SP}*级)?(?:${SP}*${STAR_ASCII})?(?:${SP}+${PERIOD})?${SP}*[】\\]）)]?${SP}*$`,
  'gmu',
);

// First lines of a part, where GB/T 9704 prints 份号, 密级和保密期限 and 紧急程度
// side by side: `秘密  特急`, `机密 20年`, `绝密 000123`. What follows the level
// must be one of those elements; `机密 信息与工作秘密的区别` is a sentence, and
// `秘密文件管理办法` (no space) a title.
const TOP_LEFT_LINE = new RegExp(
  `^${SP}*(${LEVEL})(?:${SP}*级)?${SP}+(?:${PERIOD}|特${SP}*急|加${SP}*急|特${SP}*提|平${SP}*急|急${SP}*件|[0-9０-９]{3,})(?=${SP}|$)`,
  'u',
);
const TOP_LEFT_LINES = 6;

function levelOf(raw: string): ClassificationLevel {
  const s = raw.replace(/[^绝絕机機秘祕]/gu, '');
  if (s === '绝' || s === '絕') return '绝密';
  if (s === '机' || s === '機') return '机密';
  return '秘密';
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function excerptAt(text: string, offset: number, length: number): string {
  const from = Math.max(0, offset - 12);
  const to = Math.min(text.length, offset + length + 12);
  const s = text.slice(from, to).replace(/\s+/gu, ' ').trim();
  return `${from > 0 ? '…' : ''}${s}${to < text.length ? '…' : ''}`;
}

/**
 * Finds classification markings in one text. `field` names where the text came
 * from and is copied into each finding. Overlapping hits (a standalone line
 * that is also a star form) are reported once, by the most specific form.
 */
export function scanText(text: string, field = 'text'): Finding[] {
  const found: Finding[] = [];
  const covered: Array<[number, number]> = [];
  const overlaps = (a: number, b: number) => covered.some(([x, y]) => a < y && x < b);
  const add = (start: number, marking: string, levelRaw: string, form: MarkingForm) => {
    const m = marking.trim();
    const s = start + marking.indexOf(m);
    if (overlaps(s, s + m.length)) return;
    covered.push([s, s + m.length]);
    found.push({ marking: m, level: levelOf(levelRaw), form, field, line: lineAt(text, s), offset: s, excerpt: excerptAt(text, s, m.length) });
  };

  // The field form first: `密级：秘密★6个月` is one marking, reported whole.
  for (const m of text.matchAll(FIELD_FORM)) add(m.index, m[0], m[1] ?? '', 'field');
  for (const m of text.matchAll(STAR_FORM)) add(m.index, m[0], m[1] ?? '', 'star');
  for (const m of text.matchAll(STANDALONE_LINE)) add(m.index, m[0], m[1] ?? '', 'standalone');

  // Top-left: only the first few non-empty lines, where GB/T 9704 puts 份号,
  // 密级和保密期限 and 紧急程度.
  let seen = 0;
  let pos = 0;
  for (const line of text.split('\n')) {
    if (seen >= TOP_LEFT_LINES) break;
    if (line.trim() !== '') {
      seen++;
      const m = TOP_LEFT_LINE.exec(line);
      if (m) {
        const levelStart = line.indexOf(m[1] ?? '');
        const rest = line.slice(levelStart).match(new RegExp(`^${LEVEL}(?:${SP}*级)?`, 'u'));
        if (rest) add(pos + levelStart, rest[0], m[1] ?? '', 'top_left');
      }
    }
    pos += line.length + 1;
  }

  return found.sort((a, b) => a.offset - b.offset);
}

/** Scans several named texts (form fields, document parts, properties). */
export function scanFields(fields: Readonly<Record<string, string>>): Finding[] {
  return Object.entries(fields).flatMap(([field, text]) => scanText(text, field));
}
