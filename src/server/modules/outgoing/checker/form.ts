import type { DocType } from '../../../../shared/outgoing.js';
import type { CheckContext } from './context.js';
import { type Line, chineseNumber, isHan, splitLines, toChineseNumber, toHalfWidthDigits, validDate } from './text-utils.js';

/** 形式关: the printed elements and the body's structure (GB/T 9704-2012 clause 7). */
export function checkForm(c: CheckContext): void {
  checkClassifiedMarks(c);
  checkDocNumber(c);
  checkCitedDocNumbers(c);
  checkIssuer(c);
  checkTitle(c);
  checkRecipients(c);
  checkSignDate(c);
  checkBodyDates(c);
  const lines = splitLines(c.input.body);
  // Lines from the 附件说明 on are its items (“2.名称”), not 层次序数.
  const noteAt = lines.findIndex(isNoteStart);
  checkHeadings(c, noteAt < 0 ? lines : lines.slice(0, noteAt));
  if (noteAt >= 0) checkAttachmentNote(c, lines, noteAt);
  checkAttachmentTitles(c);
}

// —— F02: this OA never carries 涉密 content ——
const SECRET_MARK = /(绝密|机密|秘密)\s*★/;
function checkClassifiedMarks(c: CheckContext): void {
  for (const field of ['title', 'body'] as const) {
    const m = SECRET_MARK.exec(c.input[field]);
    if (m) {
      c.add('F02', field, `出现密级标志“${m[0]}”：涉密公文不得在本系统起草或处理`, {
        range: { start: m.index, end: m.index + m[0].length },
        suggestion: '涉密信息不上网：请按保密规定在涉密系统或纸质流转办理',
      });
    }
  }
}

// —— F04: 发文字号 ——
const DOC_NUMBER = /^(.+)〔(\d{4})〕([1-9]\d*)号$/;
const LING_NUMBER = /^第[1-9]\d*号$/;
/** Brackets drafters put around the year instead of 〔〕. */
const OPEN_BRACKET = /[〔[【(（［<《]/;

function checkDocNumber(c: CheckContext): void {
  const s = c.input.docNumber;
  if (!s) return;
  if (LING_NUMBER.test(s)) {
    if (c.input.docType !== '命令') c.add('F04L', 'docNumber', '“第N号”是令号格式，其他文种的发文字号应为“机关代字〔年份〕序号号”');
    return;
  }
  if (DOC_NUMBER.test(s) && !/\s/.test(s)) return;

  let reported = false;
  for (const m of s.matchAll(/\s+/g)) {
    c.add('F04', 'docNumber', '发文字号中不应有空格', { fix: { start: m.index, end: m.index + m[0].length, replacement: '' } });
    reported = true;
  }
  const open = s.search(OPEN_BRACKET);
  const close = open < 0 ? -1 : s.slice(open + 1).search(/[〕\]】)）］>》]/) + open + 1;
  if (open <= 0 || close <= open) {
    c.add('F04', 'docNumber', '发文字号应为“机关代字〔年份〕序号号”，未找到〔年份〕', { suggestion: '例如：财监办〔2026〕12号' });
    return;
  }
  const yearRaw = s.slice(open + 1, close).replace(/\s+/g, '');
  const year = toHalfWidthDigits(yearRaw);
  const yearOk = /^\d{4}$/.test(year);
  if (s[open] !== '〔' || s[close] !== '〕' || year !== yearRaw) {
    c.add('F04', 'docNumber', `年份应使用六角括号“〔〕”（不用 ${s[open]}${s[close]}）和半角数字`, {
      ...(yearOk ? { fix: { start: open, end: close + 1, replacement: `〔${year}〕` } } : { range: { start: open, end: close + 1 } }),
    });
    reported = true;
  }
  if (!yearOk) {
    c.add('F04', 'docNumber', '发文字号中的年份应写全称（四位数字），如〔2026〕', { range: { start: open + 1, end: close } });
    reported = true;
  }
  const tail = s.slice(close + 1);
  const di = tail.indexOf('第');
  if (di >= 0) {
    c.add('F04', 'docNumber', '发文字号的序号前不加“第”', { fix: { start: close + 1 + di, end: close + 2 + di, replacement: '' } });
    reported = true;
  }
  const zeros = /^(\s*第?\s*)(0+)(?=\d)/.exec(tail);
  if (zeros?.[1] !== undefined && zeros[2]) {
    const at = close + 1 + zeros[1].length;
    c.add('F04', 'docNumber', '发文字号的序号不编虚位（不加前导零），如“1号”而非“01号”', { fix: { start: at, end: at + zeros[2].length, replacement: '' } });
    reported = true;
  }
  if (!/号$/.test(s)) {
    c.add('F04', 'docNumber', '发文字号应以“号”结尾', { fix: { start: s.length, end: s.length, replacement: '号' } });
    reported = true;
  } else if (!/\d\s*号$/.test(toHalfWidthDigits(s))) {
    c.add('F04', 'docNumber', '发文字号的序号应为阿拉伯数字', { range: { start: close + 1, end: s.length } });
    reported = true;
  }
  if (!reported) c.add('F04', 'docNumber', '发文字号应为“机关代字〔年份〕序号号”', { suggestion: '例如：财监办〔2026〕12号' });
}

// Anchored on the bracket, not on the 代字: a leading [\u4e00-\u9fff]{1,10} would retry at every 汉字 of the body.
const CITED_NUMBER = /[[【(（［〔]\s*([0-9０-９]{2,4})\s*[\]】)）］〕]\s*第?\s*([0-9０-９]+)\s*号/g;

/**
 * 发文字号 cited in the body (“根据财会[2016]3号”): the same form rules as
 * the document's own number. Only the bracket/号 part is matched and fixed,
 * so the 机关代字 (which runs into the preceding words) is never touched.
 */
function checkCitedDocNumbers(c: CheckContext): void {
  const body = c.input.body;
  for (const m of body.matchAll(CITED_NUMBER)) {
    // A 发文字号 has a 机关代字 right before the bracket.
    if (!isHan(body[m.index - 1])) continue;
    const [all, yearRaw = '', numRaw = ''] = m;
    const year = toHalfWidthDigits(yearRaw);
    const num = toHalfWidthDigits(numRaw);
    const canonical = `〔${year}〕${Number(num)}号`;
    if (all === canonical) continue;
    const range = { start: m.index, end: m.index + all.length };
    if (year.length !== 4 || Number(num) === 0) {
      c.add('F04', 'body', `正文引用的发文字号“${all}”格式有误：年份写全称，序号不编虚位`, { range });
    } else {
      c.add('F04', 'body', `正文引用的发文字号应写作“……${canonical}”（六角括号，无“第”，不编虚位，无空格）`, {
        fix: { ...range, replacement: canonical },
      });
    }
  }
}

// —— F05: 签发人 for 上行文 (only once the printed elements are given) ——
function checkIssuer(c: CheckContext): void {
  const { issuer, docNumber } = c.input;
  if (issuer !== undefined && issuer !== '') {
    if (/[^\u4e00-\u9fff·\s、，]/.test(issuer)) c.add('F05', 'issuer', '签发人应为签发领导的姓名（多人用顿号分隔）');
    return;
  }
  if (docNumber && c.direction === 'up') {
    c.add('F05', 'issuer', '上行文须在版头标注签发人（主要负责人姓名）', { suggestion: '由主要负责人签发后系统自动填写签发人' });
  }
}

// —— F06: 标题 ——
const TITLE_ENDINGS: Record<DocType, readonly string[]> = {
  决议: ['决议'],
  决定: ['决定'],
  命令: ['命令', '令'],
  公报: ['公报'],
  公告: ['公告'],
  通告: ['通告'],
  意见: ['意见'],
  通知: ['通知'],
  通报: ['通报'],
  报告: ['报告'],
  请示: ['请示'],
  批复: ['批复'],
  议案: ['议案'],
  函: ['函'],
  纪要: ['纪要'],
};
// Longest first so that 通知/通报/通告 and 命令/令 are told apart.
const ALL_ENDINGS = [...new Set(Object.values(TITLE_ENDINGS).flat())].sort((a, b) => b.length - a.length);
const END_PUNCT = /[。，、；：！？.,;:!?…]+$/;

function checkTitle(c: CheckContext): void {
  const t = c.input.title;
  // Letter-spaced titles (几 个 问 题) are one defect: one finding whose fix removes every space.
  const spaces = [...t.matchAll(/[ \u3000\u00a0\t]+/g)].filter(
    (m) => isHan(t[m.index - 1]) || isHan(t[m.index + m[0].length]) || /[“”《》（）]/.test(t[m.index - 1] ?? ''),
  );
  const firstSpace = spaces[0];
  const lastSpace = spaces[spaces.length - 1];
  if (firstSpace && lastSpace) {
    const end = lastSpace.index + lastSpace[0].length;
    c.add('F06', 'title', '标题中不应有空格（排版时由系统控制字距和回行）', {
      fix: { start: firstSpace.index, end, replacement: t.slice(firstSpace.index, end).replace(/[ \u3000\u00a0\t]+/g, '') },
    });
  }
  const punct = END_PUNCT.exec(t);
  if (punct) {
    c.add('F06', 'title', '标题末尾不加标点符号', { fix: { start: punct.index, end: t.length, replacement: '' } });
  }
  // Compare on the title without spaces, end punctuation and trailing （……） notes such as （2026年第9期）（试行）.
  let core = t.replace(/\s+/g, '').replace(END_PUNCT, '');
  for (let prev = ''; prev !== core;) {
    prev = core;
    core = core.replace(/[（(][^（）()]*[）)]$/, '');
  }
  if (c.docTypeUnknown) return;
  const wanted = TITLE_ENDINGS[c.input.docType];
  if (/请示报告$/.test(core)) {
    c.add('F06', 'title', '“请示报告”混用了两个文种：请求批准用请示，汇报工作用报告');
    return;
  }
  if (wanted.some((w) => core.endsWith(w))) {
    // “关于……的通知” needs its 的; 的若干意见/的实施意见 keep one, so only a title with none after 关于 is reported.
    const about = core.indexOf('关于');
    if (about >= 0 && !core.slice(about).includes('的')) {
      c.add('F06W', 'title', `标题宜为“关于……的${wanted[0]}”结构，缺少“的”`, { suggestion: `例如：关于……的${wanted[0]}` });
    }
    return;
  }
  const other = ALL_ENDINGS.find((e) => core.endsWith(e));
  if (other) {
    c.add('F06', 'title', `标题的文种“${other}”与所选文种“${c.input.docType}”不一致`, { suggestion: `改选文种“${other}”，或把标题改为“……的${wanted[0]}”` });
  } else {
    c.add('F06', 'title', `标题应以文种“${wanted[0]}”结尾（发文机关＋事由＋文种）`, { suggestion: `例如：关于……的${wanted[0]}` });
  }
}

// —— F08, F15: 主送/抄送 items ——
const NO_RECIPIENT_TYPES: readonly DocType[] = ['公告', '通告', '公报', '命令', '决议', '纪要'];
const ITEM_EDGE_PUNCT = /^[、，,：:；;。.\s]+|[、，,：:；;。.\s]+$/g;

function checkRecipients(c: CheckContext): void {
  for (const field of ['mainRecipients', 'copyTo'] as const) {
    c.input[field].forEach((name, index) => {
      for (const m of name.matchAll(ITEM_EDGE_PUNCT)) {
        c.add('F08', field, `“${name}”带有多余的标点：每项填一个机关名称，系统排版时自动加“、”和“${field === 'copyTo' ? '。' : '：'}”`, {
          index,
          fix: { start: m.index, end: m.index + m[0].length, replacement: '' },
        });
      }
    });
  }
  // 请示 without 主送 is P01's error.
  if (c.input.mainRecipients.length === 0 && !c.docTypeUnknown && !NO_RECIPIENT_TYPES.includes(c.input.docType) && c.input.docType !== '请示') {
    c.add('F08E', 'mainRecipients', `${c.input.docType}应有主送机关`);
  }
  const key = (s: string) => s.replace(ITEM_EDGE_PUNCT, '').replace(/\s+/g, '');
  const main = new Set(c.input.mainRecipients.map(key));
  c.input.copyTo.forEach((name, index) => {
    if (main.has(key(name))) c.add('F15', 'copyTo', `“${name}”已是主送机关，不应再抄送`, { index, suggestion: '从抄送中删除该机关' });
  });
}

// —— F11: 成文日期 ——
const DATE_STRICT = /^(\d{4})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$/;
const DATE_LOOSE = /^([0-9０-９〇零一二三四五六七八九十Oo○Ｏ]+)年([0-9０-９〇零一二三四五六七八九十]+)月([0-9０-９〇零一二三四五六七八九十]+)日$/;
/** GB/T 9704-2012 took effect on this day; before it, the 1999 edition required 汉字 dates. */
const STANDARD_2012_FROM = 20120701;

function numberPart(s: string): { n: number; han: boolean; fullWidth: boolean; padded: boolean } {
  const half = toHalfWidthDigits(s);
  if (/^\d+$/.test(half)) return { n: Number(half), han: false, fullWidth: half !== s, padded: half.length > 1 && half.startsWith('0') };
  return { n: chineseNumber(s), han: true, fullWidth: false, padded: false };
}

function checkSignDate(c: CheckContext): void {
  const raw = c.input.signDate;
  if (!raw) return;
  const m0 = DATE_STRICT.exec(raw);
  if (m0 && validDate(Number(m0[1]), Number(m0[2]), Number(m0[3]))) return;
  if (m0) {
    c.add('F11', 'signDate', `成文日期“${raw}”不存在`);
    return;
  }
  const s = raw.replace(/\s+/g, '');
  const m = DATE_LOOSE.exec(s);
  if (!m?.[1] || !m[2] || !m[3]) {
    c.add('F11', 'signDate', '成文日期应写为“2026年11月26日”的形式（阿拉伯数字，年份全称，月日不编虚位）');
    return;
  }
  const y = numberPart(m[1]);
  const mo = numberPart(m[2]);
  const d = numberPart(m[3]);
  const problems: string[] = [];
  if (s !== raw) problems.push('不应有空格');
  if (y.han || mo.han || d.han) problems.push('应使用阿拉伯数字');
  if (y.fullWidth || mo.fullWidth || d.fullWidth) problems.push('数字应为半角');
  if (mo.padded || d.padded) problems.push('月、日不编虚位（如“1月5日”而非“01月05日”）');
  const yearDigits = y.han ? m[1].length : toHalfWidthDigits(m[1]).length;
  const fixable = yearDigits === 4 && Number.isFinite(y.n) && Number.isFinite(mo.n) && Number.isFinite(d.n) && validDate(y.n, mo.n, d.n);
  if (yearDigits !== 4) problems.push('年份应写全称（四位）');
  else if (!fixable) problems.push('日期不存在');
  const canonical = `${y.n}年${mo.n}月${d.n}日`;
  const onlyHan = problems.length === 1 && (y.han || mo.han || d.han);
  const before2012 = fixable && y.n * 10000 + mo.n * 100 + d.n < STANDARD_2012_FROM;
  c.add('F11', 'signDate', `成文日期${problems.join('，')}`, {
    ...(fixable ? { fix: { start: 0, end: raw.length, replacement: canonical }, suggestion: canonical } : {}),
    // A pre-2012 document correctly followed GB/T 9704-1999's 汉字 dates: remind, do not block.
    ...(onlyHan && before2012 ? { severity: 'warning' as const } : {}),
  });
}

/** F11B: dates typed in the body with zero padding (2026年01月05日). */
function checkBodyDates(c: CheckContext): void {
  const body = c.input.body;
  for (const m of body.matchAll(/(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/g)) {
    const [, y, mo, d] = m;
    if (!y || !mo) continue;
    if (!mo.startsWith('0') && !(d?.startsWith('0') ?? false)) continue;
    const fixed = `${y}年${Number(mo)}月${d ? `${Number(d)}日` : ''}`;
    c.add('F11B', 'body', `日期“${m[0]}”的月、日不编虚位`, { fix: { start: m.index, end: m.index + m[0].length, replacement: fixed } });
  }
}

// —— F09: 层次序数 ——
interface Heading {
  level: 1 | 2 | 3 | 4;
  n: number;
  /** Marker span within the line, for ranges and fixes. */
  markerLength: number;
  /** When the marker's form is wrong: the correct marker. */
  correct?: string;
  problem?: string;
}

// “一，”“一是” start ordinary sentences, so only 、 and a stray period count as heading markers.
const H1 = /^([一二三四五六七八九十]{1,3})([、.．])(?![、.．])/;
const H2 = /^([（(])([一二三四五六七八九十]{1,3})([）)])([、.．，]?)/;
const H3 = /^(\d{1,2})([.．、])(?![\d.．%％])/;
const H4 = /^([（(])(\d{1,2})([）)])([、.．，]?)/;

function parseHeading(text: string): Heading | null {
  let m = H2.exec(text);
  if (m?.[2]) {
    const n = chineseNumber(m[2]);
    if (!Number.isFinite(n)) return null;
    const good = `（${m[2]}）`;
    const h: Heading = { level: 2, n, markerLength: m[0].length };
    if (m[0] !== good) {
      h.correct = good;
      h.problem = m[4] ? `“（${m[2]}）”后不加“${m[4]}”` : '第二层序数用全角括号“（一）”';
    }
    return h;
  }
  m = H4.exec(text);
  if (m?.[2]) {
    const good = `（${Number(m[2])}）`;
    const h: Heading = { level: 4, n: Number(m[2]), markerLength: m[0].length };
    if (m[0] !== good) {
      h.correct = good;
      h.problem = m[4] ? `“（${m[2]}）”后不加“${m[4]}”` : '第四层序数用全角括号“（1）”';
    }
    return h;
  }
  m = H1.exec(text);
  if (m?.[1]) {
    const n = chineseNumber(m[1]);
    if (!Number.isFinite(n)) return null;
    const h: Heading = { level: 1, n, markerLength: m[0].length };
    if (m[2] !== '、') {
      h.correct = `${m[1]}、`;
      h.problem = `第一层序数用“${m[1]}、”，不用“${m[1]}${m[2]}”`;
    }
    return h;
  }
  m = H3.exec(text);
  // “1.5” is not a heading (the lookahead); a heading is followed by its text.
  if (m?.[1] && text.length > m[0].length) {
    const n = Number(m[1]);
    const h: Heading = { level: 3, n, markerLength: m[0].length };
    if (m[2] === '、') {
      h.correct = `${n}.`;
      h.problem = `第三层序数用“${n}.”，不用“${n}、”`;
    }
    return h;
  }
  return null;
}

const LEVEL_NAMES = ['', '一、', '（一）', '1.', '（1）'] as const;
function marker(level: number, n: number): string {
  if (level === 1) return `${toChineseNumber(n)}、`;
  if (level === 2) return `（${toChineseNumber(n)}）`;
  if (level === 3) return `${n}.`;
  return `（${n}）`;
}

function checkHeadings(c: CheckContext, lines: readonly Line[]): void {
  const counters = [0, 0, 0, 0, 0];
  // Last number used at each level anywhere: many documents number （一）… straight through the
  // whole text instead of restarting under each “一、” (国务院文件 do so), and both are accepted.
  const lastUsed = [0, 0, 0, 0, 0];
  const active = [true, false, false, false, false];
  let top = 0;
  for (const line of lines) {
    const h = parseHeading(line.text);
    if (!h) continue;
    const range = { start: line.start, end: line.start + h.markerLength };
    if (h.correct !== undefined && h.problem !== undefined) {
      c.add('F09', 'body', h.problem, { fix: { ...range, replacement: h.correct } });
    }
    if (top === 0) top = h.level;
    const current = counters[h.level] ?? 0;
    const continued = (lastUsed[h.level] ?? 0) + 1;
    const ok = current === 0 ? h.n === 1 || h.n === continued : h.n === current + 1;
    if (!ok) {
      const expected = current === 0 ? 1 : current + 1;
      const what = current > 0 && h.n === current ? '重复' : '不连续';
      c.add('F09', 'body', `层次序数${what}：此处应为“${marker(h.level, expected)}”`, {
        range,
        suggestion: `按顺序编号，或检查上一个“${LEVEL_NAMES[h.level]}”层次是否漏编`,
      });
    }
    let parent = 0;
    for (let j = h.level - 1; j >= 1; j--) {
      if (active[j]) {
        parent = j;
        break;
      }
    }
    if ((parent > 0 && parent < h.level - 1) || (parent === 0 && h.level > top)) {
      c.add('F09S', 'body', `层次序数跳级：“${LEVEL_NAMES[parent] || '正文'}”之下直接使用了“${LEVEL_NAMES[h.level]}”`, {
        range,
        suggestion: '层次依次为“一、”“（一）”“1.”“（1）”',
      });
    }
    counters[h.level] = h.n;
    lastUsed[h.level] = h.n;
    active[h.level] = true;
    for (let j = h.level + 1; j <= 4; j++) {
      counters[j] = 0;
      active[j] = false;
    }
  }
}

// —— F10: 附件说明 typed in the body, and attachment names ——
const NOTE_START = /^附件\s*(\d*)\s*([：:]?)\s*/;
const ITEM_NUM = /^(\d{1,2})([.．、])\s*/;
const NAME_END_PUNCT = /[。，、；：！？.,;:!?]+$/;
const normName = (s: string) => s.replace(/\s+/g, '').replace(NAME_END_PUNCT, '');

function isNoteStart(l: Line): boolean {
  return /^附件\s*(\d|[：:])/.test(l.text);
}

function checkAttachmentNote(c: CheckContext, lines: readonly Line[], at: number): void {
  const first = lines[at];
  if (!first) return;
  const head = NOTE_START.exec(first.text);
  if (!head) return;
  const items: { name: string; start: number; num: string; numEnd: number; sep: string }[] = [];
  const firstRest = first.text.slice(head[0].length);
  const firstNum = ITEM_NUM.exec(firstRest);
  if (head[1]) {
    // “附件1：名称” — the standard form is “附件：1.名称”.
    c.add('F10', 'body', '附件说明应为“附件：1.名称”，序号写在冒号之后', {
      fix: { start: first.start, end: first.start + head[0].length, replacement: `附件：${head[1]}.` },
    });
  } else if (head[2] !== '：') {
    const colonAt = first.start + 2;
    c.add('F10', 'body', '“附件”后应加全角冒号“：”', {
      fix: { start: colonAt, end: first.start + head[0].length, replacement: '：' },
    });
  }
  const base = first.start + head[0].length;
  items.push({
    name: firstNum ? firstRest.slice(firstNum[0].length) : firstRest,
    start: base + (firstNum ? firstNum[0].length : 0),
    num: head[1] || (firstNum?.[1] ?? ''),
    numEnd: base + (firstNum ? firstNum[0].length : 0),
    sep: firstNum?.[2] ?? (head[1] ? '.' : ''),
  });
  for (const line of lines.slice(at + 1)) {
    const m = ITEM_NUM.exec(line.text) ?? /^附件\s*(\d{1,2})([：:.．、])\s*/.exec(line.text);
    if (!m) break;
    items.push({ name: line.text.slice(m[0].length), start: line.start + m[0].length, num: m[1] ?? '', numEnd: line.start + m[0].length, sep: m[2] ?? '' });
  }
  if (items.length === 1 && items[0]?.num) {
    const it = items[0];
    c.add('F10', 'body', '只有一个附件时不编序号', { severity: 'warning', range: { start: it.numEnd - it.num.length - 1, end: it.numEnd } });
  }
  items.forEach((it, i) => {
    if (items.length > 1 && Number(it.num) !== i + 1) {
      c.add('F10', 'body', `附件序号应为“${i + 1}.”`, { range: { start: it.start - 1, end: it.start } });
    }
    if (it.sep === '、') c.add('F10', 'body', `附件序号用“${it.num}.”，不用“${it.num}、”`, { fix: { start: it.numEnd - 1, end: it.numEnd, replacement: '.' } });
    const p = NAME_END_PUNCT.exec(it.name);
    if (p) c.add('F10', 'body', '附件名称后不加标点', { fix: { start: it.start + p.index, end: it.start + it.name.length, replacement: '' } });
  });
  const listed = c.input.attachments.map((a) => normName(a.title));
  const noted = items.map((it) => normName(it.name));
  if (listed.length !== noted.length) {
    c.add('F10', 'body', `附件说明列出 ${noted.length} 个附件，附件列表有 ${listed.length} 个`, {
      range: { start: first.start, end: first.start + first.text.length },
    });
  } else {
    noted.forEach((n, i) => {
      if (n !== listed[i]) {
        c.add('F10', 'body', `附件说明第 ${i + 1} 项“${n}”与附件列表中的“${listed[i] ?? ''}”不一致（名称和顺序应相同）`, {
          range: { start: items[i]?.start ?? first.start, end: (items[i]?.start ?? first.start) + (items[i]?.name.length ?? 0) },
        });
      }
    });
  }
}

function checkAttachmentTitles(c: CheckContext): void {
  c.input.attachments.forEach((a, index) => {
    const p = NAME_END_PUNCT.exec(a.title);
    if (p) c.add('F10', 'attachments', '附件名称后不加标点', { index, fix: { start: p.index, end: a.title.length, replacement: '' } });
    // “附件1 ”“附件：”“1.” prefixes, but not a name that merely starts with 附件 (附件材料清单).
    const num = /^附件\s*(?:\d+\s*[：:.．、]?|[：:.．、])\s*|^\d{1,2}[.．、]\s*/.exec(a.title);
    if (num)
      c.add('F10W', 'attachments', '附件名称不带“附件”字样或序号，系统排版时自动编号', { index, fix: { start: 0, end: num[0].length, replacement: '' } });
    const ext = /\.(docx?|xlsx?|pdf|zip|rar|wps|et|ofd|jpg|png)$/i.exec(a.title);
    if (ext) c.add('F10W', 'attachments', '附件名称应为文件标题，不带文件扩展名', { index, fix: { start: ext.index, end: a.title.length, replacement: '' } });
  });
}
