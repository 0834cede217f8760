/**
 * GB/T 9704-2012 《党政机关公文格式》 as a .docx (docx 9), for Word and WPS.
 *
 * Numbers implemented, and how (clause in brackets):
 * - A4 210 × 297 mm (5.1); 天头 37 mm, 订口 28 mm, so 版心 156 × 225 mm with
 *   bottom 35 mm and right 26 mm margins (5.2.1).
 * - 22 lines × 28 characters (5.2.2): every line is EXACT 579 twips (22 × 579 =
 *   12738 twips = 224.7 mm); 3号 (16 pt) body runs carry characterSpacing −5
 *   (−0.25 pt) so 28 characters fill 156 mm (28 × 15.75 pt = 441 pt ≤ 442 pt).
 *   Widow/orphan control is off in the document defaults, else Word pulls a line
 *   over and a page shows 21. Measured in STACK-NOTES "Documents and fonts".
 * - Fonts keep their official names (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312,
 *   黑体, 宋体): users' Word and WPS have them; we never substitute.
 * - 份号 (6 digits, 3号仿宋), 密级 and 紧急程度 (3号黑体) 顶格 at the top left, in
 *   that order, only when given (7.2.1–7.2.3).
 * - 发文机关标志 red 方正小标宋简体, centred; its top at 35 mm below the 版心 top:
 *   space-before of 35 mm minus the lines the marks above took, on an exact
 *   line as tall as the type (7.2.4). Type size: at most 42 pt, smaller for long
 *   names so the mark fits the 版心 width.
 * - 发文字号 two blank lines under the mark, centred; for 上行文 left with one
 *   字 and the 签发人 (“签发人：” 仿宋, name 楷体) right with one 字 on the same
 *   line, by tab stops so the line keeps its full width (7.2.5, 7.2.6).
 * - Red separator line the width of the 版心, 4 mm under the 发文字号: the
 *   paragraph's bottom border with an 11 pt (≈ 4 mm) gap (7.2.7).
 * - 标题 2号方正小标宋简体 centred, two blank lines under the red line (7.3.1).
 * - 主送 one blank line under the title, 顶格, items joined by 、, ending ：(7.3.2).
 * - 正文 3号仿宋, first line indented two 字 (7.3.3); 层次序数 “一、” 黑体,
 *   “（一）” 楷体, “1.” “（1）” 仿宋. When a heading runs into its text
 *   (“（一）明确范围。各地……”), only the heading sentence takes the heading font.
 * - 附件说明 one blank line under the body, two 字 in, “附件：1.名称”, wrapped
 *   lines aligned with the name (7.3.4).
 * - 署名 and 成文日期 for a sealed document (7.3.5.1): two blank lines for the
 *   seal, date right with four 字, the 署名 centred over the date (by
 *   character count, digits half-width), also when the 署名 is the longer.
 * - 附注 on the next line, two 字 in, in （） (7.3.6).
 * - 版记 (7.4): a floating one-column table anchored to the bottom of the 版心
 *   of the last page (horizontally placed from the paper's edge, which
 *   LibreOffice needs to float it), so its last rule lies on the 版心 bottom edge; first and
 *   last rules 0.35 mm (w:sz 8 = 1 pt), rules between 0.25 mm (w:sz 6 =
 *   0.75 pt); 抄送 and 印发 in 4号仿宋 with one 字 each side, 抄送 ending 。 and
 *   wrapped lines aligned after the colon; 印发机关 left, “……印发” right.
 * - 页码 4号半角宋体 “— N —” (7.5): odd pages right with one 字, even pages
 *   left with one 字 (odd/even footers); footer distance 25.3 mm puts the dash
 *   about 7 mm under the 版心 bottom edge.
 * - 信函格式 (10.1) in letter-format.ts and 纪要格式 (10.3) in
 *   minutes-format.ts; `format` picks one, the 文件格式 being the default.
 * The PDF LibreOffice makes of each format is measured in outgoing.pdf.test.ts.
 * Not done here: 命令（令）格式 (10.2), 联合行文 marks, the blank-page rule for
 * the 版记 page, 附件 pages (7.3.7).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type ISectionPropertiesOptions,
  type IStylesOptions,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableRow,
  TabStopType,
  WidthType,
  Packer,
} from 'docx';
import {
  blank,
  ENDS_ONE_ZI_IN,
  EXACT_LINE,
  exact,
  FONT,
  LINE,
  markPoints,
  mm,
  PAGE,
  pageNumberFooter,
  para,
  RED,
  run,
  RUN_FONTS,
  SIZE,
  TEXT_WIDTH,
  ZI3,
  ZI4,
  ziWidth,
} from '../../../core/docx/primitives.js';
import { LETTER, LETTER_FOOTERS, letterHeader, letterTopBlock } from './letter-format.js';
import { attendanceBlock, type AttendanceLine, minutesUnderMark } from './minutes-format.js';

/** 文件格式 (GB/T 9704 7), 信函格式 (10.1), 纪要格式 (10.3). */
export const GONGWEN_FORMATS = ['standard', 'letter', 'minutes'] as const;
export type GongwenFormat = (typeof GONGWEN_FORMATS)[number];

export interface GongwenDocInput {
  /** The format; the 文件格式 when absent. */
  format?: GongwenFormat;
  /** 发文机关标志 as printed, e.g. 财政部某某监管局 or 财政部某某监管局文件; for a 纪要 the “××纪要” mark. */
  orgName: string;
  /** 份号, printed only when given (6 digits). */
  copyNumber?: string;
  /** 密级和保密期限 as printed (e.g. 秘密★1年); this system prints none for 非密/内部. */
  secrecyMark?: string;
  /** 紧急程度 as printed: 特急 or 加急. */
  urgencyMark?: string;
  docNumber?: string;
  /** 签发人 (上行文); several names for joint 上行文. */
  issuers?: readonly string[];
  title: string;
  /**
   * The title broken into lines by a person (GB/T 9704 7.3.1: 词意完整, 梯形或菱形);
   * without it Word wraps the title where the line is full.
   */
  titleLines?: readonly string[];
  mainRecipients: readonly string[];
  /** One paragraph per line; 层次序数 typed at the start of a line. */
  body: string;
  attachments?: readonly string[];
  /** 发文机关署名. */
  signature?: string;
  /** 成文日期 as printed, e.g. 2026年11月26日. */
  signDate?: string;
  /** 附注, e.g. 联系人：张三，电话：010-12345678 (brackets added when missing). */
  note?: string;
  copyTo?: readonly string[];
  /** 印发机关和印发日期 (a 信函 prints neither). */
  printer?: { org: string; date: string };
  /** 纪要: 出席、请假、列席 under the body. */
  attendance?: readonly AttendanceLine[];
  /** 纪要: the mark is the title itself, so the title is not printed again under it. */
  omitTitle?: boolean;
}

// —— 版头 ——
/** 份号 (仿宋), 密级 and 紧急程度 (黑体), in that order, only those given (7.2.1–7.2.3). */
function topMarks(doc: GongwenDocInput): { text: string; heiti: boolean }[] {
  return [
    ...(doc.copyNumber ? [{ text: doc.copyNumber, heiti: false }] : []),
    ...(doc.secrecyMark ? [{ text: doc.secrecyMark, heiti: true }] : []),
    ...(doc.urgencyMark ? [{ text: doc.urgencyMark, heiti: true }] : []),
  ];
}

function header(doc: GongwenDocInput, up: boolean, format: 'standard' | 'minutes'): Paragraph[] {
  const marks = topMarks(doc);
  const out: Paragraph[] = marks.map((m) => para({ spacing: EXACT_LINE, children: [run(m.text, m.heiti ? FONT.heiti : FONT.fangsong)] }));
  const markPt = markPoints(doc.orgName);
  out.push(
    para({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact(markPt * 20), before: Math.max(0, mm(35) - marks.length * LINE) },
      children: [run(doc.orgName, FONT.xiaobiaosong, markPt * 2, { color: RED })],
    }),
  );
  if (format === 'minutes') return [...out, ...minutesUnderMark(doc.docNumber, doc.printer?.org, doc.signDate)];
  out.push(blank(), blank());

  const redLine = { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: 11 } };
  const issuers = doc.issuers ?? [];
  if (up && issuers.length > 0) {
    // 发文字号 left with one 字, 签发人 right with one 字 on the same line (7.2.5, 7.2.6).
    const names = issuers.join('　');
    out.push(
      para({
        spacing: EXACT_LINE,
        border: redLine,
        tabStops: [...ENDS_ONE_ZI_IN],
        children: [run(`\t${doc.docNumber ?? ''}\t签发人：`), run(names, FONT.kaiti)],
      }),
    );
  } else {
    out.push(para({ alignment: AlignmentType.CENTER, spacing: EXACT_LINE, border: redLine, children: [run(doc.docNumber ?? '')] }));
  }
  return out;
}

// —— 主体 ——
const H1 = /^[一二三四五六七八九十]+、/;
const H2 = /^（[一二三四五六七八九十]+）/;
const H3 = /^\d+[.．]/;
const H4 = /^（\d+）/;

function bodyParagraph(text: string): Paragraph {
  const headingFont = H1.test(text) ? FONT.heiti : H2.test(text) ? FONT.kaiti : null;
  const common = { spacing: EXACT_LINE, indent: { firstLine: 2 * ZI3 }, alignment: AlignmentType.JUSTIFIED };
  if (!headingFont) return para({ ...common, children: [run(text)] });
  // A heading that runs into its text: only the heading sentence takes the heading font.
  const stop = text.indexOf('。');
  if (stop >= 0 && stop < text.length - 1) {
    return para({ ...common, children: [run(text.slice(0, stop + 1), headingFont), run(text.slice(stop + 1))] });
  }
  return para({ ...common, children: [run(text, headingFont)] });
}

function attachmentNote(attachments: readonly string[]): Paragraph[] {
  if (attachments.length === 0) return [];
  const lead = 2 * ZI3; // 左空二字
  const label = 3 * ZI3; // “附件：”
  if (attachments.length === 1) {
    return [blank(), para({ spacing: EXACT_LINE, indent: { left: lead + label, hanging: label }, children: [run(`附件：${attachments[0] ?? ''}`)] })];
  }
  return [
    blank(),
    ...attachments.map((name, i) => {
      const num = `${i + 1}.`;
      const numWidth = Math.round(ziWidth(num) * ZI3);
      const left = lead + label + numWidth;
      return para({
        spacing: EXACT_LINE,
        indent: { left, hanging: i === 0 ? label + numWidth : numWidth },
        children: [run(`${i === 0 ? '附件：' : ''}${num}${name}`)],
      });
    }),
  ];
}

function signatureBlock(doc: GongwenDocInput): Paragraph[] {
  const out: Paragraph[] = [];
  const date = doc.signDate ?? '';
  const sig = doc.signature ?? '';
  if (!sig && !date) return out;
  out.push(blank(), blank());
  const dw = ziWidth(date);
  const sw = ziWidth(sig);
  // 7.3.5.1: the date is placed first (right, four 字) and the 署名 centred over it, whatever their lengths.
  const dateRight = 4;
  const sigRight = Math.max(0, 4 + (dw - sw) / 2);
  if (sig) out.push(para({ alignment: AlignmentType.RIGHT, spacing: EXACT_LINE, indent: { right: Math.round(sigRight * ZI3) }, children: [run(sig)] }));
  if (date) out.push(para({ alignment: AlignmentType.RIGHT, spacing: EXACT_LINE, indent: { right: Math.round(dateRight * ZI3) }, children: [run(date)] }));
  return out;
}

function noteParagraph(note: string | undefined): Paragraph[] {
  if (!note) return [];
  const text = /^（.*）$/.test(note) ? note : `（${note}）`;
  return [para({ spacing: EXACT_LINE, indent: { left: 2 * ZI3 }, children: [run(text)] })];
}

// —— 版记 ——
const RULE_THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const RULE_THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

/** The 版记; a 信函's (`plain`) has neither 印发机关/日期 nor rules (10.1). */
function colophon(doc: GongwenDocInput, plain: boolean): Table | null {
  const rows: Paragraph[] = [];
  const copyTo = doc.copyTo ?? [];
  if (copyTo.length > 0) {
    const label = 3 * ZI4; // “抄送：”
    rows.push(
      para({
        spacing: EXACT_LINE,
        indent: { left: ZI4 + label, hanging: label, right: ZI4 },
        children: [run(`抄送：${copyTo.join('，')}。`, FONT.fangsong, SIZE.si)],
      }),
    );
  }
  if (doc.printer && !plain) {
    rows.push(
      para({
        spacing: EXACT_LINE,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - ZI4 }],
        indent: { left: ZI4 },
        children: [run(`${doc.printer.org}\t${doc.printer.date}印发`, FONT.fangsong, SIZE.si)],
      }),
    );
  }
  if (rows.length === 0) return null;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    /*
     * Anchored to the bottom of the 版心 of the page it lands on (the last
     * one): the last rule lies on the 版心 edge. Horizontally it is placed
     * from the paper's edge at the 订口 rather than centred in the margins:
     * LibreOffice keeps a floating table as wide as the text area inline,
     * right after the last paragraph, unless its position is page-relative.
     */
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: PAGE.left,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    borders: plain
      ? { top: NONE, bottom: NONE, insideHorizontal: NONE, left: NONE, right: NONE, insideVertical: NONE }
      : { top: RULE_THICK, bottom: RULE_THICK, insideHorizontal: RULE_THIN, left: NONE, right: NONE, insideVertical: NONE },
    rows: rows.map((p) => new TableRow({ children: [new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, children: [p] })] })),
  });
}

/*
 * What every document shares, built once per process rather than per call:
 * the two page-number footers (a PAGE field and nothing of the document),
 * the document defaults and the page geometry. The library only reads these
 * options when it builds a Document, and a Footer's paragraphs when it writes
 * each document's footer part, so one instance serves every document.
 */
const FOOTERS = { default: pageNumberFooter('odd'), even: pageNumberFooter('even') };
const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: RUN_FONTS[FONT.fangsong], size: SIZE.san },
      paragraph: { spacing: EXACT_LINE },
    },
  },
};
const MARGIN = { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: PAGE.footer, gutter: 0 };
const PAGE_SIZE = { width: PAGE.width, height: PAGE.height };
const SECTION_PROPERTIES: ISectionPropertiesOptions = { page: { size: PAGE_SIZE, margin: MARGIN } };
/** 信函: the first page has its own header (the mark) and footer (the lower double line, no number). */
const LETTER_SECTION_PROPERTIES: ISectionPropertiesOptions = {
  titlePage: true,
  page: { size: PAGE_SIZE, margin: { ...MARGIN, header: LETTER.header, footer: LETTER.footer } },
};

/**
 * The document as .docx bytes in `doc.format` (the 文件格式 by default).
 * `up` (上行文) prints the 签发人 beside the 发文字号 in the 文件格式; the
 * caller decides it from the 文种 and direction.
 */
export async function renderGongwenDocx(doc: GongwenDocInput, options: { up?: boolean } = {}): Promise<Buffer> {
  const format = doc.format ?? 'standard';
  const up = options.up ?? (doc.issuers?.length ?? 0) > 0;
  const titleLines = doc.omitTitle ? [] : doc.titleLines?.length ? doc.titleLines : [doc.title];
  const children: Array<Paragraph | Table> = [
    ...(format === 'letter' ? letterTopBlock(topMarks(doc), doc.docNumber) : header(doc, up, format)),
    ...(titleLines.length > 0 ? [blank(), blank()] : []),
    ...titleLines.map((line) => para({ alignment: AlignmentType.CENTER, spacing: EXACT_LINE, children: [run(line, FONT.xiaobiaosong, SIZE.er)] })),
    blank(),
  ];
  if (doc.mainRecipients.length > 0) {
    children.push(para({ spacing: EXACT_LINE, children: [run(`${doc.mainRecipients.join('、')}：`)] }));
  }
  for (const line of doc.body.split('\n')) {
    const text = line.trim();
    if (text) children.push(bodyParagraph(text));
  }
  children.push(...attachmentNote(doc.attachments ?? []), ...attendanceBlock(doc.attendance ?? []));
  // A 纪要 is not sealed and carries its date under the mark: no 署名 block (10.3).
  if (format !== 'minutes') children.push(...signatureBlock(doc));
  children.push(...noteParagraph(doc.note));
  const table = colophon(doc, format === 'letter');
  if (table) children.push(table, para({ spacing: EXACT_LINE, children: [] }));

  const section =
    format === 'letter'
      ? { properties: LETTER_SECTION_PROPERTIES, headers: { first: letterHeader(doc.orgName) }, footers: LETTER_FOOTERS, children }
      : { properties: SECTION_PROPERTIES, footers: FOOTERS, children };
  const document = new Document({
    creator: 'Zhongshu 中枢',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: STYLES,
    sections: [section],
  });
  return Packer.toBuffer(document);
}

/** Exposed for tests and for the PDF step: the 版心 in twips. */
export const TEXT_AREA = { width: TEXT_WIDTH, height: PAGE.height - PAGE.top - PAGE.bottom, lines: 22, charsPerLine: 28 } as const;
export { FONT, LINE, PAGE, RED, SIZE };
export { H1 as HEADING_1, H2 as HEADING_2, H3 as HEADING_3, H4 as HEADING_4 };
