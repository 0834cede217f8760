/**
 * The office's bulletins and forms (督办周报, 催办单, and the 通报 and reports
 * of every module): not 公文 under GB/T 9704 but printed on its page, as the
 * office lays them out: a red 方正小标宋 title over a red rule, 仿宋 text on
 * fixed 28 pt lines, 黑体 heads, tables for lists and a two-column table for a
 * form. Fonts, sizes and the page come from the 公文 grid (primitives.ts).
 */
import { AlignmentType, BorderStyle, Document, type ISectionPropertiesOptions, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { FONT, type FontName, PAGE, run, SIZE, TEXT_WIDTH } from './primitives.js';

/** A bulletin's red: darker than the 版头's pure red, which only a 公文 carries. */
export const BULLETIN_RED = 'C00000';

/** The A4 page with the 公文 margins, without the 公文's page-number footer. */
export const BULLETIN_PAGE: ISectionPropertiesOptions = {
  page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } },
};

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
}

/** A run at its natural width: a bulletin is not set on the 28-字 grid, so no tracking. */
export const text = (s: string, style: TextStyle = {}): TextRun =>
  run(s, style.font ?? FONT.fangsong, style.size ?? SIZE.san, { tracking: false, ...(style.color ? { color: style.color } : {}) });

/** One paragraph of running text: justified (or centred), two 字 in when `indent`. */
export const line = (s: string, style: TextStyle & { center?: boolean; indent?: boolean } = {}): Paragraph =>
  new Paragraph({
    children: [text(s, style)],
    alignment: style.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { line: 560, lineRule: 'exact' },
    ...(style.indent ? { indent: { firstLine: 640 } } : {}),
  });

/** A numbered section head, 黑体: “一、总体情况”. */
export const heading = (s: string): Paragraph => line(s, { font: FONT.heiti });

export const redTitle = (s: string): Paragraph =>
  new Paragraph({
    children: [text(s, { font: FONT.xiaobiaosong, size: SIZE.er, color: BULLETIN_RED })],
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 120 },
  });

export const redRule = (): Paragraph =>
  new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: BULLETIN_RED, space: 1 } }, spacing: { after: 240 } });

/** A list as a table in 五号: 黑体 centred heads repeated on each page; `widths` in percent of the text width. */
export function dataTable(headers: readonly string[], rows: readonly (readonly string[])[], widths?: readonly number[]): Table {
  const cell = (s: string, head: boolean, i: number) =>
    new TableCell({
      children: [
        new Paragraph({
          children: [text(s, { font: head ? FONT.heiti : FONT.fangsong, size: SIZE.wu })],
          alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ],
      ...(widths?.[i] ? { width: { size: widths[i], type: WidthType.PERCENTAGE } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // Twips of the text width: Word and WPS size columns from these, not from the cell percentages alone.
    ...(widths ? { columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * w) / 100)) } : {}),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

/** What a report's section says when it has nothing to list. */
export const none = (): Paragraph => line('无。', { indent: true });

/** A report's list: the table, or “无。” when there is nothing to list. */
export const tableOrNone = (headers: readonly string[], rows: readonly (readonly string[])[], widths?: readonly number[]): Table | Paragraph =>
  rows.length > 0 ? dataTable(headers, rows, widths) : none();

/** A form in 四号: each row a 黑体 label and its value, a value's lines kept as typed. */
export function formTable(rows: readonly (readonly [label: string, value: string])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: 22, type: WidthType.PERCENTAGE },
              children: [new Paragraph({ children: [text(label, { font: FONT.heiti, size: SIZE.si })], alignment: AlignmentType.CENTER })],
            }),
            new TableCell({
              width: { size: 78, type: WidthType.PERCENTAGE },
              children: value.split('\n').map((l) => new Paragraph({ children: [text(l, { size: SIZE.si })] })),
            }),
          ],
        }),
    ),
  });
}

/** The .docx of a bulletin: one A4 section. */
export function bulletinDocx(title: string, children: readonly (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ creator: '中枢', title, sections: [{ properties: BULLETIN_PAGE, children: [...children] }] }));
}
