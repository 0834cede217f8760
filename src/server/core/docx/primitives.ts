/**
 * The GB/T 9704 grid and the run and paragraph builders every document of
 * ours shares: the 发文 formats (文件格式, 信函格式, 纪要格式) and the office's
 * bulletins and forms (bulletin.ts). The reasons for each number are in the
 * header comment of the 发文 layout (modules/outgoing/layout/gongwen-docx.ts),
 * which measures them.
 */
import { AlignmentType, Footer, LineRuleType, type IParagraphOptions, PageNumber, Paragraph, TabStopType, TextRun } from 'docx';

// —— geometry (twips: 1 mm = 56.6929 twips) ——
export const mm = (v: number) => Math.round((v * 1440) / 25.4);
export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  footer: mm(25.3),
} as const;
/** 版心 width, 156 mm. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const LINE = 579;
/** One 3号 字 with the −0.25 pt tracking: 15.75 pt. */
export const ZI3 = 315;
/** One 4号 字: 14 pt. */
export const ZI4 = 280;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;
export const FONT = { fangsong: '仿宋_GB2312', xiaobiaosong: '方正小标宋简体', kaiti: '楷体_GB2312', heiti: '黑体', song: '宋体' } as const;
export const RED = 'FF0000';
const BODY_TRACKING = -5;

export type FontName = (typeof FONT)[keyof typeof FONT];
type RunFonts = Readonly<{ ascii: string; eastAsia: string; hAnsi: string; cs: string }>;
const fontOf = (name: string): RunFonts => Object.freeze({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
/**
 * The run fonts of each face, built once per process: every run of every
 * document names one of these five, and the library only reads the object.
 * Frozen so that a library change which started writing into it fails loudly
 * instead of leaking one document's fonts into the next.
 */
export const RUN_FONTS = Object.fromEntries(Object.values(FONT).map((f) => [f, fontOf(f)])) as Readonly<Record<FontName, RunFonts>>;
export const exact = (line: number = LINE) => Object.freeze({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** The body line (almost every paragraph's spacing), shared rather than rebuilt per paragraph. */
export const EXACT_LINE = exact();

export function run(text: string, font: FontName = FONT.fangsong, size: number = SIZE.san, extra: { color?: string; tracking?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: RUN_FONTS[font],
    size,
    ...(extra.color ? { color: extra.color } : {}),
    ...(extra.tracking === false || size !== SIZE.san ? {} : { characterSpacing: BODY_TRACKING }),
  });
}

/** Every paragraph has widow/orphan control off: with it on, Word pulls a line over and a page shows 21 lines. */
export const para = (o: IParagraphOptions) => new Paragraph({ widowControl: false, ...o });
export const blank = () => para({ spacing: EXACT_LINE, children: [] });

/** Width of printed text in 字 (digits and Latin letters are half-width). */
export function ziWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

/** A mark's type size in pt: at most `max`, smaller for long names so the mark fits `widthPt` (the 版心 is 442 pt). */
export function markPoints(text: string, widthPt = 440, max = 42): number {
  return Math.min(max, Math.floor(widthPt / Math.max(1, ziWidth(text))));
}

/** Tab stops one 字 in from each end of the line: 发文字号 … 签发人, or 印发机关 … 日期. */
export const ENDS_ONE_ZI_IN = Object.freeze([
  { type: TabStopType.LEFT, position: ZI3 },
  { type: TabStopType.RIGHT, position: TEXT_WIDTH - ZI3 },
]);

/** `— N —` in 4号宋体, one 字 in from the outer edge: right on odd pages, left on even ones (7.5). */
export function pageNumberFooter(side: 'odd' | 'even', spacing: IParagraphOptions['spacing'] = exact(SIZE.si * 10)): Footer {
  return new Footer({
    children: [
      para({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: ZI4 } : { left: ZI4 },
        spacing,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: RUN_FONTS[FONT.song], size: SIZE.si })],
      }),
    ],
  });
}

/** 2026-11-06 → 2026年11月6日 (GB/T 9704 7.3.5: Arabic numerals, the full year, no leading zeros). */
export function printedDate(isoDate: string): string {
  return `${Number(isoDate.slice(0, 4))}年${Number(isoDate.slice(5, 7))}月${Number(isoDate.slice(8, 10))}日`;
}
