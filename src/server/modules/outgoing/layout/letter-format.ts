/**
 * 信函格式 (GB/T 9704 10.1): the 发文机关标志 30 mm under the top edge of the
 * paper, red, with a red double line (thick over thin) 4 mm under it and one
 * (thin over thick) 20 mm above the bottom edge, each 170 mm long and centred
 * on the page; 份号/密级/紧急程度 顶格 under the first line, 发文字号 顶格 at
 * the right edge of the 版心; no page number on the first page.
 *
 * The mark and the first double line lie above the 版心 (30 mm < 37 mm), so
 * they live in the first page's own header (titlePg): the header starts 30 mm
 * down and grows past the top margin, which pushes the first page's text
 * below the line while later pages keep the 37 mm 天头. The lower double line
 * is the first page's footer; the footer distance is 20 mm for the whole
 * section, and the page numbers of later pages carry 5.3 mm of space after
 * them so they stay where the 文件格式 prints them (7 mm under the 版心).
 */
import { AlignmentType, BorderStyle, Footer, Header, LineRuleType, type Paragraph, TabStopType } from 'docx';
import { EXACT_LINE, exact, FONT, markPoints, mm, PAGE, pageNumberFooter, para, RED, run, SIZE, TEXT_WIDTH } from '../../../core/docx/primitives.js';

/** Where the 170 mm lines start and end relative to the 版心: 20 mm from each paper edge. */
const LINE_INDENT = { left: -(PAGE.left - mm(20)), right: -(PAGE.right - mm(20)) };
export const LETTER = {
  /** Header distance: the mark's top edge 30 mm under the paper's top. */
  header: mm(30),
  /** Footer distance: the lower double line 20 mm above the paper's bottom. */
  footer: mm(20),
  /** The double lines' w:sz; LibreOffice draws it as a 0.5 mm and a 0.3 mm line 0.3 mm apart (measured). */
  lineSize: 12,
  markMaxPt: 36,
} as const;

/**
 * The first page's header: the red mark (小标宋), centred on the 170 mm line
 * under it, the double line 4 mm under the characters' lower edge: 11 pt of
 * border space, the type filling its exact line to the foot.
 */
export function letterHeader(orgName: string): Header {
  const pt = markPoints(orgName, 440, LETTER.markMaxPt);
  return new Header({
    children: [
      para({
        alignment: AlignmentType.CENTER,
        indent: LINE_INDENT,
        spacing: exact(pt * 20),
        border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: LETTER.lineSize, color: RED, space: 11 } },
        children: [run(orgName, FONT.xiaobiaosong, pt * 2, { color: RED })],
      }),
    ],
  });
}

/** The first page's footer: only the lower double line (thin over thick), no page number. */
function firstFooter(): Footer {
  return new Footer({
    children: [
      para({
        indent: LINE_INDENT,
        spacing: exact(20),
        border: { bottom: { style: BorderStyle.THIN_THICK_SMALL_GAP, size: LETTER.lineSize, color: RED, space: 0 } },
        children: [],
      }),
    ],
  });
}

/** Later pages' numbers, 5.3 mm of space after them: at the same height as in the 文件格式 with a 20 mm footer distance. */
const numberFooter = (side: 'odd' | 'even') =>
  pageNumberFooter(side, { line: SIZE.si * 10, lineRule: LineRuleType.EXACT, before: 0, after: PAGE.footer - mm(20) });

/** Built once per process, like the 文件格式 footers: they hold nothing of a document. */
export const LETTER_FOOTERS = { first: firstFooter(), default: numberFooter('odd'), even: numberFooter('even') };

/**
 * Under the double line: 份号, 密级, 紧急程度 顶格 one a line, and the
 * 发文字号 顶格 at the right edge of the 版心 on the first of those lines.
 * The first line keeps 7/8 of a 3号 字 (14 pt) between the line and the
 * characters: the body starts right under the header, and the exact line
 * already leaves about 8 pt above the type, so 6 pt are added.
 */
export function letterTopBlock(marks: readonly { text: string; heiti: boolean }[], docNumber: string | undefined): Paragraph[] {
  const lines = marks.length > 0 ? marks : [{ text: '', heiti: false }];
  return lines.map((m, i) => {
    const children = [run(m.text, m.heiti ? FONT.heiti : FONT.fangsong)];
    if (i === 0 && docNumber) children.push(run(`\t${docNumber}`));
    return para({ spacing: i === 0 ? { ...EXACT_LINE, before: 120 } : EXACT_LINE, tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }], children });
  });
}
