import type { FindingField } from '../../../../shared/outgoing.js';
import type { CheckContext } from './context.js';
import { checkMixedNumberForms } from './number-consistency.js';
import { isHan } from './text-utils.js';

/** 文字关 on every free-text field: title, body, each 主送/抄送 and attachment name. */
export function checkText(c: CheckContext): void {
  const i = c.input;
  runTextRules(c, 'title', i.title);
  runTextRules(c, 'body', i.body);
  i.mainRecipients.forEach((s, index) => runTextRules(c, 'mainRecipients', s, index));
  i.copyTo.forEach((s, index) => runTextRules(c, 'copyTo', s, index));
  i.attachments.forEach((a, index) => runTextRules(c, 'attachments', a.title, index));
  checkMixedNumberForms(c);
}

function runTextRules(c: CheckContext, field: FindingField, text: string, index?: number): void {
  if (text === '') return;
  const idx = index === undefined ? {} : { index };
  const skip = maskedRanges(text);
  checkPairs(c, field, text, idx);
  checkHalfWidth(c, field, text, idx, skip);
  checkRepeats(c, field, text, idx);
  checkNumberForms(c, field, text, idx);
  checkSpaces(c, field, text, idx);
}

type Idx = { index?: number };

/** URLs and e-mail addresses keep their ASCII punctuation. */
function maskedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}
const inMask = (mask: Array<[number, number]>, i: number) => mask.some(([a, b]) => i >= a && i < b);

// —— T01: pairs ——
const OPENERS: Record<string, string> = { '（': '）', '(': '）', '《': '》', '【': '】', '〔': '〕', '“': '”', '‘': '’', '〈': '〉' };
const CLOSERS: Record<string, string> = { '）': '（', ')': '（', '》': '《', '】': '【', '〕': '〔', '”': '“', '’': '‘', '〉': '〈' };
const norm = (ch: string) => (ch === '(' ? '（' : ch === ')' ? '）' : ch);
/** 1 = opener, 2 = closer, by char code: the pair scan looks at every character. */
const PAIR_CLASS = new Uint8Array(0x10000);
for (const ch of Object.keys(OPENERS)) PAIR_CLASS[ch.charCodeAt(0)] = 1;
for (const ch of Object.keys(CLOSERS)) PAIR_CLASS[ch.charCodeAt(0)] = 2;

/**
 * Brackets pair within a paragraph. A quotation running over several
 * paragraphs opens each one with “ and closes only at its end (GB/T 15834
 * 4.1.3.3), so an unclosed “ is accepted when the next paragraph starts with “.
 */
function checkPairs(c: CheckContext, field: FindingField, text: string, idx: Idx): void {
  let lineStart = 0;
  const lines = text.split('\n');
  lines.forEach((line, li) => {
    const stack: { ch: string; at: number }[] = [];
    for (let k = 0; k < line.length; k++) {
      const cls = PAIR_CLASS[line.charCodeAt(k)];
      if (!cls) continue;
      const ch = line[k] ?? '';
      const at = lineStart + k;
      if (cls === 1) {
        // ‘ and ’ double as apostrophes in foreign names; only pair them inside “”.
        if (ch === '‘' && !stack.some((s) => s.ch === '“')) continue;
        stack.push({ ch: norm(ch), at });
      } else {
        if (ch === '’' && !stack.some((s) => s.ch === '‘')) continue;
        const want = CLOSERS[ch];
        const top = stack[stack.length - 1];
        if (top && top.ch === want) {
          stack.pop();
        } else if (stack.some((s) => s.ch === want)) {
          // An inner opener was left open: report it and recover at the matching outer one.
          while (stack.length && stack[stack.length - 1]?.ch !== want) {
            const s = stack.pop();
            if (s) c.add('T01', field, `“${s.ch}”没有对应的“${OPENERS[s.ch] ?? ''}”`, { ...idx, range: { start: s.at, end: s.at + 1 } });
          }
          stack.pop();
        } else {
          c.add('T01', field, `“${ch}”没有对应的“${want ?? ''}”`, { ...idx, range: { start: at, end: at + 1 } });
        }
      }
    }
    const nextStartsQuote = (lines[li + 1] ?? '').trimStart().startsWith('“');
    for (const s of stack) {
      if (s.ch === '“' && nextStartsQuote) continue;
      c.add('T01', field, `“${s.ch}”没有对应的“${OPENERS[s.ch] ?? ''}”`, { ...idx, range: { start: s.at, end: s.at + 1 } });
    }
    lineStart += line.length + 1;
  });
}

// —— T02: half-width punctuation in Chinese text ——
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };
const CJK_CONTEXT = /[\u3400-\u9fff“”《》（）、，。；：]/;
const HEADING_AT = /^[（(][一二三四五六七八九十\d]{1,3}[）)]/;

function checkHalfWidth(c: CheckContext, field: FindingField, text: string, idx: Idx, mask: Array<[number, number]>): void {
  for (let k = 0; k < text.length; k++) {
    // A char-code test first: this loop sees every character of the body on every keystroke.
    const code = text.charCodeAt(k);
    if (code !== 44 && code !== 59 && code !== 58 && code !== 63 && code !== 33 && code !== 46 && code !== 40) continue;
    const ch = text[k] ?? '';
    if (inMask(mask, k)) continue;
    const prev = text[k - 1];
    const next = text[k + 1];
    const prevHan = prev !== undefined && CJK_CONTEXT.test(prev);
    const nextHan = next !== undefined && (isHan(next) || /[“《（]/.test(next));
    if (ch === '(') {
      // 1.(2) style headings are F09's business.
      const lineStart = text.lastIndexOf('\n', k - 1) + 1;
      if (k === lineStart && HEADING_AT.test(text.slice(k))) continue;
      const close = text.indexOf(')', k + 1);
      const nl = text.indexOf('\n', k + 1);
      if (close < 0 || (nl >= 0 && nl < close)) continue;
      const inner = text.slice(k + 1, close);
      const after = text[close + 1];
      if (!(prevHan || [...inner].some(isHan) || (after !== undefined && isHan(after)))) continue;
      c.add('T02', field, '中文中的括号应为全角“（）”', { ...idx, fix: { start: k, end: close + 1, replacement: `（${inner}）` } });
      k = close;
      continue;
    }
    if (ch === '.') {
      // Decimals, abbreviations and 1. headings have a digit or Latin letter on one side.
      if (prevHan && next !== undefined && isHan(next)) {
        c.add('T02', field, '汉字之间的“.”应为句号“。”或删除', { ...idx, range: { start: k, end: k + 1 } });
      } else if (prevHan && (next === undefined || next === '\n')) {
        c.add('T02', field, '句末应使用全角句号“。”', { ...idx, fix: { start: k, end: k + 1, replacement: '。' } });
      }
      continue;
    }
    // “10:30” and “1,000” keep ASCII: a digit on both sides.
    if (prevHan && (nextHan || next === undefined || next === '\n' || /\d/.test(next))) {
      c.add('T02', field, `中文中的“${ch}”应为全角“${FULL[ch] ?? ''}”`, { ...idx, fix: { start: k, end: k + 1, replacement: FULL[ch] ?? ch } });
    } else if (/[\d”）》]/.test(prev ?? '') && nextHan && ch !== ':') {
      c.add('T02', field, `中文中的“${ch}”应为全角“${FULL[ch] ?? ''}”`, { ...idx, fix: { start: k, end: k + 1, replacement: FULL[ch] ?? ch } });
    }
  }
}

// —— T03: repeated characters, words, punctuation ——
/**
 * Characters whose doubling is almost always a slip (的的, 了了 …), unless the
 * pair straddles two words: 为了|了解, 目的|的确, 所有|有关. A doubled
 * character outside this set is far more often a legitimate reduplication
 * (常常, 看看, 人人, 天天) or two words meeting (工作|作风), so it is not reported.
 */
const TYPO_DOUBLES = '的了是在和与及对把被将为并或其之以于而也就都要有不中';
/** Words ending in the doubled character (the pair is word + next word). */
const WORD_ENDS = new Set(
  '目的 有的 是的 似的 为了 除了 到了 好了 有了 所有 具有 没有 拥有 享有 只有 占有 含有 存在 正在 现在 实在 内在 潜在 外在 旨在 就是 但是 还是 或是 总是 凡是 可是 于是 特别是 需要 主要 重要 必要 只要 纲要 摘要 概要 针对 面对 核对 应对 相对 绝对 反对 比对 即将 必将 参与 给与 涉及 普及 以及 危及 顾及 合并 兼并 尤其 与其 极其 何其 作为 成为 认为 行为 因为 以为 视为 称为 人为 难以 可以 予以 所以 加以 得以 足以 用以 据以 由于 对于 关于 属于 在于 至于 等于 基于 处于 位于 鉴于 然而 从而 进而 因而 反而 继而 首都 成就 迁就 将就 造就 集中 其中 当中 正中 空中 暗中 从中'.split(
    ' ',
  ),
);
/** Words starting with the doubled character (the pair is word + word). */
const WORD_STARTS = new Set(
  '的确 了解 了结 了如 是否 是非 在于 在场 和谐 和平 和解 与会 与其 及时 及早 及其 对象 对于 对口 对照 对接 对外 对比 把关 把握 被告 将来 将近 为民 为了 为人 为止 并且 并非 并不 或者 或许 其他 其中 其余 其实 其次 之间 之后 之前 之下 之一 之上 之中 之外 以上 以下 以及 以来 以便 以后 以前 以外 以内 以往 以为 于是 而且 而是 也是 就业 就是 都市 要求 要点 要素 有关 有效 有序 有力 有利 有些 有所 不断 不仅 不得 不能 不足 不再 中央 中心 中国 中期 中华'.split(
    ' ',
  ),
);
/** Legitimate reduplications and repeated phrases that stay unreported. */
export const ALLOWED_REPEATS = new Set(
  '等等 常常 看看 人人 天天 年年 月月 处处 事事 时时 家家 户户 层层 步步 个个 条条 样样 件件 项项 往往 渐渐 刚刚 仅仅 紧紧 稳稳 默默 多多 一一 谢谢 试试 想想 研究研究 讨论讨论 学习学习 商量商量 考虑考虑 了解了解 认真认真 不了了之 的的确确 是是非非 实事求是是'.split(
    ' ',
  ),
);

function checkRepeats(c: CheckContext, field: FindingField, text: string, idx: Idx): void {
  for (const m of text.matchAll(/([，。、；：！？])\1+/g)) {
    c.add('T03P', field, `标点“${m[1] ?? ''}”重复`, { ...idx, fix: { start: m.index, end: m.index + m[0].length, replacement: m[1] ?? '' } });
  }
  for (let k = 1; k < text.length; k++) {
    if (text.charCodeAt(k) !== text.charCodeAt(k - 1)) continue;
    const ch = text[k] ?? '';
    if (!TYPO_DOUBLES.includes(ch)) continue;
    const a = k - 1;
    const prevWord = text.slice(Math.max(0, a - 2), a + 1);
    const nextWord = text.slice(k, k + 2);
    const endsWord = WORD_ENDS.has(prevWord.slice(-2)) || WORD_ENDS.has(prevWord);
    const startsWord = WORD_STARTS.has(nextWord);
    if (endsWord || startsWord || allowedAround(text, a)) continue;
    c.add('T03', field, `“${ch}${ch}”疑似重复`, { ...idx, range: { start: a, end: k + 1 }, suggestion: `确认是否多打了一个“${ch}”` });
  }
  // ABAB / ABCABC: a repeated word (工作工作, 关于关于).
  for (const m of text.matchAll(/([\u4e00-\u9fff]{2,4})\1/g)) {
    const w = m[1] ?? '';
    if (ALLOWED_REPEATS.has(m[0]) || w.startsWith('一') || new Set(w).size === 1) continue;
    c.add('T03', field, `“${w}”连续出现两次，疑似重复`, { ...idx, range: { start: m.index, end: m.index + m[0].length }, suggestion: `确认是否多打了“${w}”` });
  }
}

function allowedAround(text: string, at: number): boolean {
  const win = text.slice(Math.max(0, at - 4), at + 6);
  for (const w of ALLOWED_REPEATS) {
    let from = 0;
    for (let p = win.indexOf(w, from); p >= 0; p = win.indexOf(w, from)) {
      const abs = Math.max(0, at - 4) + p;
      if (abs <= at && abs + w.length >= at + 2) return true;
      from = p + 1;
    }
  }
  return false;
}

// —— T04: number forms ——
function checkNumberForms(c: CheckContext, field: FindingField, text: string, idx: Idx): void {
  for (const m of text.matchAll(/[０-９]+(?:[．.][０-９]+)?/g)) {
    const half = m[0].replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace('．', '.');
    c.add('T04', field, `全角数字“${m[0]}”应为半角“${half}”`, { ...idx, fix: { start: m.index, end: m.index + m[0].length, replacement: half } });
  }
  // 二O一一, 二○二六: the zero of a 汉字 numeral is 〇.
  for (const m of text.matchAll(/(?<=[〇一二三四五六七八九])[O○Ｏo0]|[O○Ｏo0](?=[〇一二三四五六七八九])/g)) {
    c.add('T04', field, `汉字数字中的零应写“〇”，不写“${m[0]}”`, { ...idx, fix: { start: m.index, end: m.index + 1, replacement: '〇' } });
  }
}

// —— T05: stray spaces ——
/**
 * Only spaces that are certainly stray: zero-width spaces, a space after
 * Chinese punctuation, and ASCII spaces between a 汉字 and a digit (2026 年).
 * A space between two 汉字 is left alone: name lists align with it (黄　卫)
 * and joint issuers are separated by it (中共中央办公厅 国务院办公厅).
 */
function checkSpaces(c: CheckContext, field: FindingField, text: string, idx: Idx): void {
  if (field === 'title') return; // F06 reports spaces in the title as an error.
  for (const m of text.matchAll(/[ \u3000\u00a0\u200b]+/g)) {
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if (before === undefined || before === '\n' || after === undefined || after === '\n') continue;
    const zeroWidth = m[0].includes('\u200b');
    const afterPunct = /[，。、；！？]/.test(before);
    const hanDigit = /^[ \u00a0]+$/.test(m[0]) && ((isHan(before) && /\d/.test(after)) || (/\d/.test(before) && isHan(after)));
    if (zeroWidth || afterPunct || hanDigit) {
      c.add('T05', field, zeroWidth ? '有不可见的零宽空格' : '多余的空格', { ...idx, fix: { start: m.index, end: m.index + m[0].length, replacement: '' } });
    }
  }
}
