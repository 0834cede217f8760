import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { type OutgoingDraft, type OutgoingFields, outgoingDraftSchema } from '../../../shared/outgoing.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { gongwenFromDraft, type PrintContext } from './layout/from-draft.js';
import { renderGongwenDocx } from './layout/gongwen-docx.js';
import { docxToPdf, findSoffice, SOFFICE_MISSING } from '../../core/docx/pdf.js';

type View = WorkflowView<OutgoingFields>;
const ROOT = resolve(import.meta.dirname, '../../../..');
const SHOTS = resolve(ROOT, 'artifacts/screenshots');

/**
 * GB/T 9704 proven on the PDF LibreOffice makes of our .docx (with the Fandol
 * stand-ins for the official fonts), measured with poppler: the word boxes of
 * `pdftotext -bbox` for text, and a 254 dpi raster of `pdftoppm` for the red
 * mark, the red double lines and the black 版记 rules. The layout part needs
 * no database; the download routes run on both dialects. Without LibreOffice
 * the tests say so and skip, except on CI where the image must have it.
 */
const soffice = await findSoffice();
const hasPoppler = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const ready = soffice !== null && hasPoppler;
if (!ready && process.env['CI'] === 'true') throw new Error('CI=true 但未安装 LibreOffice（soffice）或 poppler-utils：发文 PDF 测试不能跳过');
if (!ready) console.warn('[outgoing pdf] 跳过：未安装 LibreOffice（soffice）或 poppler-utils');

// ───────────────────────── measuring ─────────────────────────

const MM = 72 / 25.4;
const toMm = (pt: number) => pt / MM;
/** The 版心: 28 mm from the left, 37 mm from the top, 156 × 225 mm. */
const BOX = { left: 28 * MM, right: (28 + 156) * MM, top: 37 * MM, bottom: (37 + 225) * MM };
/** A 3号 line: 22 of them fill the 225 mm 版心. */
const PITCH = (225 * MM) / 22;
const ZI3 = 15.75;
const ZI4 = 14;

interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Line {
  page: number;
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  text: string;
  words: Word[];
}

/** poppler's word boxes (pdftotext -bbox), in points from the page's top left. */
function wordBoxes(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === '<page ') page++;
    else words.push({ page, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] ?? '' });
  }
  return words;
}

/** Words on one baseline joined into a line, top to bottom. */
function linesOf(words: readonly Word[]): Line[] {
  const byKey = new Map<string, Word[]>();
  for (const w of words) {
    const k = `${w.page}:${Math.round(w.y1)}`;
    byKey.set(k, [...(byKey.get(k) ?? []), w]);
  }
  return [...byKey.values()]
    .map((ws) => {
      const sorted = [...ws].sort((a, b) => a.x0 - b.x0);
      return {
        page: sorted[0]?.page ?? 0,
        y0: Math.min(...ws.map((w) => w.y0)),
        y1: Math.max(...ws.map((w) => w.y1)),
        x0: sorted[0]?.x0 ?? 0,
        x1: Math.max(...ws.map((w) => w.x1)),
        text: sorted.map((w) => w.text).join(''),
        words: sorted,
      };
    })
    .sort((a, b) => a.page - b.page || a.y0 - b.y0);
}

/** 3号 text (box ≈ 20.8 pt high): not the 2号 title, the mark, or the 4号 版记 and page numbers. */
const isSan = (l: Line) => l.y1 - l.y0 > 19.5 && l.y1 - l.y0 < 22.5;

/**
 * With exact line spacing LibreOffice puts the line's spare height above the
 * type, so a 3号 line's own top is its word box bottom less one pitch.
 */
const lineTop = (l: Line) => l.y1 - PITCH;

/** Closing punctuation may hang past the right edge (标点溢出边界) rather than start a line. */
const HANGING = /[，。、；：！？”’）》」』]$/;

interface Raster {
  width: number;
  height: number;
  px: Buffer;
  /** pixels per mm */
  scale: number;
}
function raster(file: string, page: number, dir: string): Raster {
  const prefix = join(dir, `raster-${page}`);
  execFileSync('pdftoppm', ['-r', '254', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const data = readFileSync(`${prefix}.ppm`);
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!head) throw new Error('pdftoppm wrote no P6 image');
  return { width: Number(head[1]), height: Number(head[2]), px: data.subarray(head[0].length), scale: 10 };
}
type Ink = 'red' | 'black';
function inkAt(r: Raster, x: number, y: number, ink: Ink): boolean {
  const i = (y * r.width + x) * 3;
  const [R = 0, G = 0, B = 0] = [r.px[i], r.px[i + 1], r.px[i + 2]];
  return ink === 'red' ? R > 180 && G < 110 && B < 110 : R < 90 && G < 90 && B < 90;
}
interface Band {
  top: number;
  bottom: number;
  x0: number;
  x1: number;
}
/** Horizontal rules of one ink at least `minMm` long, as bands of consecutive rows, in mm. */
function rules(r: Raster, ink: Ink, minMm: number): Band[] {
  const bands: Band[] = [];
  let open: Band | null = null;
  for (let y = 0; y < r.height; y++) {
    let run = 0;
    let best = 0;
    let x0 = 0;
    let bestX0 = 0;
    for (let x = 0; x < r.width; x++) {
      if (inkAt(r, x, y, ink)) {
        if (run === 0) x0 = x;
        run++;
        if (run > best) {
          best = run;
          bestX0 = x0;
        }
      } else run = 0;
    }
    if (best >= minMm * r.scale) {
      const row = { top: y / r.scale, bottom: (y + 1) / r.scale, x0: bestX0 / r.scale, x1: (bestX0 + best) / r.scale };
      if (open && Math.abs(open.bottom - row.top) < 0.01) open.bottom = row.bottom;
      else {
        open = row;
        bands.push(open);
      }
    } else open = null;
  }
  return bands;
}
/** The first and last rows (mm) holding any `ink` between rows `from` and `to` (mm). */
function inkRows(r: Raster, ink: Ink, from: number, to: number): { top: number; bottom: number } | null {
  let top = -1;
  let bottom = -1;
  for (let y = Math.round(from * r.scale); y < Math.min(r.height, Math.round(to * r.scale)); y++) {
    for (let x = 0; x < r.width; x += 2) {
      if (inkAt(r, x, y, ink)) {
        if (top < 0) top = y;
        bottom = y;
        break;
      }
    }
  }
  return top < 0 ? null : { top: top / r.scale, bottom: (bottom + 1) / r.scale };
}

const f1 = (n: number) => n.toFixed(1);
function firstOf<T>(xs: readonly T[]): T {
  const x = xs[0];
  if (x === undefined) throw new Error('nothing measured');
  return x;
}

// ───────────────────────── the documents ─────────────────────────

const fixture = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/outgoing/long-notice.json'), 'utf8')) as Record<string, unknown>;
const longNotice: OutgoingDraft = outgoingDraftSchema.parse({
  ...Object.fromEntries(Object.entries(fixture).filter(([k]) => k !== 'docNumber' && k !== 'signDate')),
  copyTo: ['财政部办公厅', '财政部监督评价局'],
});
const ctx: PrintContext = {
  orgName: '财政部某某监管局',
  docNumber: String(fixture['docNumber']),
  signDate: String(fixture['signDate']),
  printer: { org: '财政部某某监管局办公室', date: '2026年11月26日' },
};
const letter: OutgoingDraft = outgoingDraftSchema.parse({
  docType: '函',
  title: '财政部某某监管局关于商请提供2026年度财政资金使用情况的函',
  mainRecipients: ['某某省财政厅'],
  copyTo: ['财政部监督评价局'],
  body: longNotice.body.split('\n').slice(0, 10).join('\n'),
  attachments: [],
  classification: 'none',
  urgency: 'urgent',
  disclosure: 'not_public',
  cosignDivisionIds: [],
});
const ATTENDEES = '王某某、李某某、张某某、赵某某、钱某某、孙某某、周某某、吴某某、郑某某、冯某某、陈某某、褚某某、卫某某、蒋某某';
const minutes: OutgoingDraft = outgoingDraftSchema.parse({
  docType: '纪要',
  title: '局务会议纪要',
  mainRecipients: [],
  copyTo: ['财政部监督评价局'],
  body: [
    '2026年11月20日，局长王某某主持召开局务会议，研究2026年度财政资金专项检查工作。现纪要如下：',
    `出席：${ATTENDEES}`,
    '一、会议同意《2026年度财政资金专项检查工作方案》，由监管一处牵头组织实施。',
    '二、会议要求各处室于12月10日前报送自查报告。',
    '请假：沈某某（出差）',
    '列席：韩某某（办公室）',
  ].join('\n'),
  attachments: [],
  classification: 'none',
  urgency: 'normal',
  disclosure: 'not_public',
  cosignDivisionIds: [],
});

describe.skipIf(!ready)('GB/T 9704 measured on the PDF (LibreOffice + Fandol, poppler)', () => {
  let work = '';
  const pdfs: Record<'standard' | 'letter' | 'minutes', string> = { standard: '', letter: '', minutes: '' };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'outgoing-pdf-layout-'));
    mkdirSync(SHOTS, { recursive: true });
    const drafts = { standard: longNotice, letter, minutes } as const;
    for (const [name, draft] of Object.entries(drafts) as [keyof typeof drafts, OutgoingDraft][]) {
      const { doc, up } = gongwenFromDraft(draft, ctx);
      const pdf = await docxToPdf(await renderGongwenDocx(doc, { up }));
      if (!pdf) throw new Error('soffice vanished');
      pdfs[name] = join(work, `${name}.pdf`);
      writeFileSync(pdfs[name], pdf);
      // Kept for a person to open beside the page images.
      writeFileSync(resolve(ROOT, 'artifacts', `outgoing-${name}.pdf`), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '60', pdfs[name], join(SHOTS, `outgoing-pdf-${name}`)]);
    }
  }, 240_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('文件格式, long notice: A4, 天头 37 mm, 订口 28 mm, 版心 225 mm, 22 lines a full page, 28 字 a full line, fonts', () => {
    const file = pdfs.standard;
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
    // A4 is 595.276 × 841.89 pt; pdfinfo rounds.
    expect([...sizes.matchAll(/Page\s+\d+ size:\s+(595\.\d+) x (841\.\d+) pts/g)]).toHaveLength(pages);

    const words = wordBoxes(file);
    const lines = linesOf(words);
    const body = lines.filter(isSan);
    const signaturePage = lines.find((l) => l.text === ctx.signDate)?.page ?? 0;
    expect(signaturePage).toBeGreaterThan(2);
    // Full body pages: after the first (版头) and before the one with the 署名.
    const full = Array.from({ length: signaturePage - 2 }, (_, i) => i + 2);
    const report: string[] = [];
    for (const p of full) {
      const ls = body.filter((l) => l.page === p);
      expect(ls, `page ${p}`).toHaveLength(22);
      const top = lineTop(firstOf(ls));
      const bottom = ls[ls.length - 1]?.y1 ?? 0;
      const left = Math.min(...ls.map((l) => l.x0));
      const pitches = ls.slice(1).map((l, i) => l.y1 - (ls[i]?.y1 ?? 0));
      report.push(
        `页${p}: ${ls.length} 行，天头 ${f1(toMm(top))} mm，版心下沿 ${f1(toMm(bottom))} mm（版心高 ${f1(toMm(bottom - top))} mm），订口 ${f1(toMm(left))} mm，行距 ${f1(Math.min(...pitches))}–${f1(Math.max(...pitches))} pt`,
      );
      expect(Math.abs(toMm(top) - 37)).toBeLessThanOrEqual(1);
      expect(Math.abs(toMm(bottom) - 262)).toBeLessThanOrEqual(1);
      expect(Math.abs(toMm(bottom - top) - 225)).toBeLessThanOrEqual(1);
      expect(Math.abs(toMm(left) - 28)).toBeLessThanOrEqual(0.5);
      for (const d of pitches) expect(Math.abs(d - PITCH)).toBeLessThan(0.6);
    }
    // Nothing of the text outside the 版心 but a hanging closing mark; the page numbers are below it.
    for (const w of words.filter((x) => x.y1 < BOX.bottom + 2)) {
      expect(w.x0).toBeGreaterThan(BOX.left - 1.5);
      expect(HANGING.test(w.text) ? w.x1 - ZI3 : w.x1).toBeLessThan(BOX.right + 1.5);
      expect(w.y0).toBeGreaterThan(BOX.top - 2);
    }

    // A full line: one that reaches the right edge. Counted in 字 from the left edge of the 版心 (a first
    // line's two-字 indent included) on lines of 汉字 and full-width marks only (digits are narrower than
    // half a 字 in Fandol); a closing mark hanging past the edge is not counted.
    const fullLines = body.filter((l) => full.includes(l.page) && l.x1 > BOX.right - ZI3 / 2 && !/[\x20-\x7e]/.test(l.text));
    const counts = fullLines.map((l) => Math.round((l.x0 - BOX.left) / ZI3) + [...(l.x1 > BOX.right + 1.5 ? l.text.replace(HANGING, '') : l.text)].length);
    const histogram = new Map<number, number>();
    for (const c of counts) histogram.set(c, (histogram.get(c) ?? 0) + 1);
    report.push(
      `满行 ${counts.length} 行的字数：${[...histogram]
        .sort(([a], [b]) => a - b)
        .map(([c, n]) => `${c}字×${n}`)
        .join('，')}`,
    );
    console.info(`[outgoing pdf] 文件格式（${pages} 页）\n  ${report.join('\n  ')}`);
    expect(counts.length).toBeGreaterThan(10);
    expect(counts.every((c) => c === 28)).toBe(true);

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    for (const f of ['FandolFang', 'FandolSong', 'FandolHei', 'FandolKai']) expect(fonts).toContain(f);
  });

  it('文件格式: page numbers “— N —” 4号, 7 mm under the 版心, odd pages right and even pages left with one 字', () => {
    const lines = linesOf(wordBoxes(pdfs.standard));
    const numbers = lines.filter((l) => /^—\d+—$/.test(l.text));
    const pages = Math.max(...lines.map((l) => l.page));
    expect(numbers.map((l) => l.text)).toEqual(Array.from({ length: pages }, (_, i) => `—${i + 1}—`));
    const seen: string[] = [];
    for (const n of numbers) {
      const dash = (n.y0 + n.y1) / 2;
      const below = toMm(dash) - 262;
      expect(Math.abs(below - 7)).toBeLessThanOrEqual(1);
      expect(n.y1 - n.y0).toBeLessThan(19.5);
      if (n.page % 2 === 1) {
        expect(Math.abs(n.x1 - (BOX.right - ZI4))).toBeLessThan(1.5);
        seen.push(`页${n.page} 右空 ${f1(toMm(BOX.right - n.x1))} mm`);
      } else {
        expect(Math.abs(n.x0 - (BOX.left + ZI4))).toBeLessThan(1.5);
        seen.push(`页${n.page} 左空 ${f1(toMm(n.x0 - BOX.left))} mm`);
      }
      seen[seen.length - 1] += `，一字线距版心下沿 ${f1(below)} mm`;
    }
    console.info(`[outgoing pdf] 页码：${seen.join('；')}`);
  });

  it('文件格式: the 版记 (抄送, 印发机关/日期) at the foot of the last page, its last rule on the 版心 bottom', () => {
    const lines = linesOf(wordBoxes(pdfs.standard));
    const last = Math.max(...lines.map((l) => l.page));
    const copy = lines.find((l) => l.text.startsWith('抄送：'));
    const printed = lines.find((l) => l.text.endsWith('印发'));
    expect(copy?.page).toBe(last);
    expect(printed?.page).toBe(last);
    expect(copy?.text).toBe('抄送：财政部办公厅，财政部监督评价局。');
    expect(printed?.text).toBe('财政部某某监管局办公室2026年11月26日印发');
    // 4号, one 字 in from each side.
    expect(Math.abs((copy?.x0 ?? 0) - (BOX.left + ZI4))).toBeLessThan(1.5);
    expect(Math.abs((printed?.x1 ?? 0) - (BOX.right - ZI4))).toBeLessThan(1.5);
    expect(Math.abs(toMm(printed?.y1 ?? 0) - 262)).toBeLessThanOrEqual(1.5);
    expect((copy?.y1 ?? 0) < (printed?.y0 ?? 0)).toBe(true);

    const r = raster(pdfs.standard, last, work);
    const black = rules(r, 'black', 150);
    console.info(
      `[outgoing pdf] 版记（末页 ${last}）：抄送行底 ${f1(toMm(copy?.y1 ?? 0))} mm，印发行底 ${f1(toMm(printed?.y1 ?? 0))} mm；分隔线 ${black.map((b) => `${f1(b.top)}–${f1(b.bottom)} mm 长 ${f1(b.x1 - b.x0)} mm`).join('，')}`,
    );
    expect(black).toHaveLength(3);
    for (const b of black) {
      expect(Math.abs(b.x1 - b.x0 - 156)).toBeLessThan(1);
      expect(Math.abs(b.x0 - 28)).toBeLessThan(0.6);
    }
    const [first, middle, end] = black as [Band, Band, Band];
    expect(Math.abs(end.bottom - 262)).toBeLessThanOrEqual(1);
    // First and last 0.35 mm, the one between 0.25 mm (±0.1 at 0.1 mm a pixel row).
    expect(first.bottom - first.top).toBeGreaterThan(middle.bottom - middle.top - 0.05);
    expect(end.bottom - end.top).toBeGreaterThan(middle.bottom - middle.top - 0.05);
  });

  it('信函格式: mark 30 mm under the paper top, 170 mm red double lines (thick over thin, 20 mm up thin over thick), 发文字号 at the right edge, no page number on page 1', () => {
    const lines = linesOf(wordBoxes(pdfs.letter));
    const r = raster(pdfs.letter, 1, work);
    const red = rules(r, 'red', 150);
    const mark = inkRows(r, 'red', 0, (red[0]?.top ?? 1) - 0.5);
    const upper = red.filter((b) => b.top < 100);
    const lower = red.filter((b) => b.top > 200);
    console.info(
      `[outgoing pdf] 信函：标志上沿 ${f1(mark?.top ?? 0)} mm、下沿 ${f1(mark?.bottom ?? 0)} mm；上双线 ${upper.map((b) => `${f1(b.top)}–${f1(b.bottom)}`).join(' / ')} mm，下双线 ${lower.map((b) => `${f1(b.top)}–${f1(b.bottom)}`).join(' / ')} mm（距下页边 ${f1(297 - (lower[1]?.bottom ?? 0))} mm），线长 ${red.map((b) => f1(b.x1 - b.x0)).join('/')} mm`,
    );
    expect(Math.abs((mark?.top ?? 0) - 30)).toBeLessThanOrEqual(1);
    expect(upper).toHaveLength(2);
    expect(lower).toHaveLength(2);
    for (const b of red) {
      expect(Math.abs(b.x1 - b.x0 - 170)).toBeLessThan(1);
      expect(Math.abs(b.x0 - 20)).toBeLessThan(0.6);
    }
    const [thickTop, thinTop] = upper as [Band, Band];
    const [thinBottom, thickBottom] = lower as [Band, Band];
    expect(Math.abs(thickTop.top - (mark?.bottom ?? 0) - 4)).toBeLessThanOrEqual(0.7);
    expect(thickTop.bottom - thickTop.top).toBeGreaterThan(thinTop.bottom - thinTop.top);
    expect(thickBottom.bottom - thickBottom.top).toBeGreaterThan(thinBottom.bottom - thinBottom.top);
    expect(Math.abs(297 - thickBottom.bottom - 20)).toBeLessThanOrEqual(1);

    const page1 = lines.filter((l) => l.page === 1);
    expect(page1.some((l) => /—/.test(l.text))).toBe(false);
    // Page 2 is numbered, left (an even page) and as high as in the 文件格式, with the 20 mm footer distance.
    const two = lines.find((l) => l.page === 2 && /^—\d+—$/.test(l.text));
    expect(two?.text).toBe('—2—');
    expect(Math.abs((two?.x0 ?? 0) - (BOX.left + ZI4))).toBeLessThan(1.5);
    expect(Math.abs(toMm(((two?.y0 ?? 0) + (two?.y1 ?? 0)) / 2) - 262 - 7)).toBeLessThanOrEqual(1);
    // 紧急程度 顶格 and the 发文字号 顶格 at the right edge, on the first line under the double line.
    const top = page1.find((l) => l.text.startsWith('加急')) ?? page1[0];
    expect(top?.text).toBe('加急财监办〔2026〕12号');
    expect(Math.abs((top?.x0 ?? 0) - BOX.left)).toBeLessThan(1);
    expect(Math.abs((top?.x1 ?? 0) - BOX.right)).toBeLessThan(1.5);
    // 7/8 of a 3号 字 (4.9 mm) between the line and the type: poppler's box top is the font's ascent, 1–2 pt above the ink.
    const gap = toMm(top?.y0 ?? 0) - thinTop.bottom;
    console.info(`[outgoing pdf] 信函：双线下沿到首行字框 ${f1(gap)} mm，发文字号右端距版心右沿 ${f1(toMm(BOX.right - (top?.x1 ?? 0)))} mm`);
    expect(gap).toBeGreaterThan(3);
    expect(gap).toBeLessThan(6);
    // Later pages keep the 37 mm 天头.
    const page2 = lines.filter((l) => l.page === 2 && isSan(l));
    expect(Math.abs(toMm(lineTop(firstOf(page2))) - 37)).toBeLessThanOrEqual(1);
    // The 版记 holds 抄送 only, at the foot of the last page.
    const last = Math.max(...lines.map((l) => l.page));
    const copy = lines.find((l) => l.text.startsWith('抄送：'));
    expect(copy?.page).toBe(last);
    expect(Math.abs(toMm(copy?.y1 ?? 0) - 262)).toBeLessThanOrEqual(1.5);
    expect(lines.some((l) => l.text.endsWith('印发'))).toBe(false);
    expect(rules(raster(pdfs.letter, last, work), 'black', 150)).toHaveLength(0);
    const fonts = execFileSync('pdffonts', [pdfs.letter], { encoding: 'utf8' });
    for (const f of ['FandolFang', 'FandolSong', 'FandolHei']) expect(fonts).toContain(f);
  });

  it('纪要格式: the red “××纪要” mark 35 mm under the 版心 top, 编号, and 出席/请假/列席 two 字 in with the names aligned', () => {
    const lines = linesOf(wordBoxes(pdfs.minutes));
    const r = raster(pdfs.minutes, 1, work);
    const red = rules(r, 'red', 150);
    const mark = inkRows(r, 'red', 37, (red[0]?.top ?? 300) - 0.5);
    const markLine = lines.find((l) => l.text === '局务会议纪要');
    console.info(
      `[outgoing pdf] 纪要：标志上沿 ${f1(mark?.top ?? 0)} mm（距版心上沿 ${f1((mark?.top ?? 0) - 37)} mm），红线 ${red.map((b) => `${f1(b.top)} mm 长 ${f1(b.x1 - b.x0)} mm`).join('，')}`,
    );
    expect(markLine?.page).toBe(1);
    expect(Math.abs((mark?.top ?? 0) - 37 - 35)).toBeLessThanOrEqual(1.5);
    expect(red).toHaveLength(1);
    expect(Math.abs((red[0]?.x1 ?? 0) - (red[0]?.x0 ?? 0) - 156)).toBeLessThan(1);
    expect(lines.find((l) => l.text === '〔2026〕12号')?.page).toBe(1);

    const present = lines.find((l) => l.text.startsWith('出席：'));
    const at = present ? lines.indexOf(present) : -1;
    expect(at).toBeGreaterThan(0);
    const wrapped = lines.slice(at + 1).filter((l, i, all) => all.slice(0, i + 1).every((x) => !/^(请假|列席)：/.test(x.text)));
    expect(wrapped.length).toBeGreaterThan(0);
    // The label two 字 in; the wrapped names start under the first name, five 字 in.
    expect(Math.abs((present?.x0 ?? 0) - (BOX.left + 2 * ZI3))).toBeLessThan(1.5);
    for (const l of wrapped) expect(Math.abs(l.x0 - (BOX.left + 5 * ZI3))).toBeLessThan(1.5);
    expect(`${present?.text.slice(3) ?? ''}${wrapped.map((l) => l.text).join('')}`).toBe(ATTENDEES);
    const after = at + 1 + wrapped.length;
    expect(lines[after]?.text).toBe('请假：沈某某（出差）');
    expect(lines[after + 1]?.text).toBe('列席：韩某某（办公室）');
    // The body's last line, one blank line, then 出席 (the lines come out of the body).
    expect(lines[at - 1]?.text).toBe('二、会议要求各处室于12月10日前报送自查报告。');
    expect(Math.abs((present?.y1 ?? 0) - (lines[at - 1]?.y1 ?? 0) - 2 * PITCH)).toBeLessThan(1);
    console.info(
      `[outgoing pdf] 纪要：出席行左空 ${f1(toMm((present?.x0 ?? 0) - BOX.left))} mm，回行（${wrapped.length} 行）左空 ${wrapped.map((l) => f1(toMm(l.x0 - BOX.left))).join('/')} mm`,
    );
    // No 署名: the bureau's name is printed only in the byline and the 版记.
    expect(lines.filter((l) => l.text === '财政部某某监管局').length).toBe(0);
  });
});

// ───────────────────────── through the routes ─────────────────────────

describe.each(testDialects())('发文 downloads by format (%s)', (dialect) => {
  let t: TestApp;
  const s = {} as Record<'div1_staff' | 'div1_head' | 'office_director' | 'office_clerk' | 'leader1', Session>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of ['div1_staff', 'div1_head', 'office_director', 'office_clerk', 'leader1'] as const) s[u] = await login(t.app, u);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function signed(draft: OutgoingDraft): Promise<View> {
    const fire = async (as: keyof typeof s, id: string, payload: Record<string, unknown>) => {
      const r = await injectAs(t.app, s[as], { method: 'POST', url: `/api/outgoing/${id}/transitions`, payload });
      expect(r.statusCode, r.body).toBe(200);
      return JSON.parse(r.body) as View;
    };
    const c = await injectAs(t.app, s.div1_staff, { method: 'POST', url: '/api/outgoing', payload: draft });
    expect(c.statusCode, c.body).toBe(201);
    let d = JSON.parse(c.body) as View;
    d = await fire('div1_staff', d.id, { action: 'submit', version: d.version });
    d = await fire('div1_head', d.id, { action: 'approve', version: d.version });
    d = await fire('office_director', d.id, { action: 'approve', version: d.version });
    return fire('leader1', d.id, { action: 'sign', version: d.version });
  }
  const get = (url: string) => injectAs(t.app, s.office_clerk, { method: 'GET', url });
  const messageOf = (body: string) => (JSON.parse(body) as { error: { message: string } }).error.message;

  it(
    '纪要 always as 纪要, 函 as 信函 unless ?format=standard; a format that does not fit the 文种, or an unknown one, is a Chinese 400',
    { timeout: 120_000 },
    async () => {
      const letterDoc = await signed(letter);
      const minutesDoc = await signed(minutes);

      const asLetter = (await get(`/api/outgoing/${letterDoc.id}/document.docx`)).rawPayload.toString('latin1');
      const asFile = (await get(`/api/outgoing/${letterDoc.id}/document.docx?format=standard`)).rawPayload.toString('latin1');
      expect(asLetter.slice(0, 2)).toBe('PK');
      expect(asFile.slice(0, 2)).toBe('PK');
      // The 信函 has a header part for the mark; the 文件格式 has none.
      expect(asLetter).toContain('word/header');
      expect(asFile).not.toContain('word/header');

      const bad = await get(`/api/outgoing/${letterDoc.id}/document.pdf?format=minutes`);
      expect(bad.statusCode).toBe(400);
      expect(messageOf(bad.body)).toBe('纪要格式只用于纪要，函不能按纪要格式印制');
      const notMinutes = await get(`/api/outgoing/${minutesDoc.id}/document.docx?format=letter`);
      expect(notMinutes.statusCode).toBe(400);
      expect(messageOf(notMinutes.body)).toBe('纪要只能按纪要格式印制');
      const unknown = await get(`/api/outgoing/${minutesDoc.id}/document.docx?format=a3`);
      expect(unknown.statusCode).toBe(400);
      expect(messageOf(unknown.body)).toMatch(/版式只能是 standard（文件格式）、letter（信函格式）或 minutes（纪要格式）/);
      const extra = await get(`/api/outgoing/${minutesDoc.id}/document.docx?format=minutes&x=1`);
      expect(extra.statusCode).toBe(400);
      expect((await get(`/api/outgoing/${minutesDoc.id}/document.docx?format=minutes`)).statusCode).toBe(200);
      // A 上行文 must show its 签发人, which the 信函 has no place for (a draft can be downloaded too).
      const up = await injectAs(t.app, s.div1_staff, {
        method: 'POST',
        url: '/api/outgoing',
        payload: {
          ...letter,
          docType: '请示',
          title: '财政部某某监管局关于调整2026年度专项检查计划的请示',
          mainRecipients: ['财政部'],
          copyTo: [],
          contact: { name: '张三', phone: '010-12345678' },
        },
      });
      expect(up.statusCode, up.body).toBe(201);
      const upId = (JSON.parse(up.body) as View).id;
      const upLetter = await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${upId}/document.docx?format=letter` });
      expect(upLetter.statusCode).toBe(400);
      expect(messageOf(upLetter.body)).toBe('上行文须标注签发人，信函格式没有签发人的位置，请按文件格式印制');
      expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${upId}/document.docx` })).statusCode).toBe(200);
      // 404 before 400: an outsider learns nothing about the document from the format check.
      const outsider = await login(t.app, 'div2_staff');
      expect((await injectAs(t.app, outsider, { method: 'GET', url: `/api/outgoing/${letterDoc.id}/document.docx?format=minutes` })).statusCode).toBe(404);
    },
  );

  it.skipIf(!ready)(
    'serves the 信函 PDF of a signed 函, cached per version and format; 503 with a Chinese message without soffice',
    { timeout: 180_000 },
    async () => {
      const d = await signed(letter);
      const started = Date.now();
      const res = await get(`/api/outgoing/${d.id}/document.pdf`);
      const firstMs = Date.now() - started;
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const dir = mkdtempSync(join(tmpdir(), 'outgoing-pdf-route-'));
      try {
        const file = join(dir, 'letter.pdf');
        writeFileSync(file, res.rawPayload);
        const lines = linesOf(wordBoxes(file));
        expect(lines.some((l) => l.page === 1 && l.text === `加急${d.docNumber ?? '?'}`)).toBe(true);
        expect(lines.some((l) => l.page === 1 && /—/.test(l.text))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const again = Date.now();
      const cached = await get(`/api/outgoing/${d.id}/document.pdf`);
      expect(cached.headers['x-pdf-cache']).toBe('hit');
      expect(cached.rawPayload.equals(res.rawPayload)).toBe(true);
      console.info(`[outgoing pdf] ${dialect}: 首次转换 ${firstMs} ms（${String(res.headers['x-pdf-cache'])}），缓存命中 ${Date.now() - again} ms`);

      const saved = process.env['ZHONGSHU_SOFFICE'];
      process.env['ZHONGSHU_SOFFICE'] = '/nonexistent/soffice';
      try {
        // Another format of the same version is another file: not cached, so it needs soffice.
        const missing = await get(`/api/outgoing/${d.id}/document.pdf?format=standard`);
        expect(missing.statusCode).toBe(503);
        expect(messageOf(missing.body)).toBe(SOFFICE_MISSING);
      } finally {
        if (saved === undefined) delete process.env['ZHONGSHU_SOFFICE'];
        else process.env['ZHONGSHU_SOFFICE'] = saved;
      }
    },
  );
});
