import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { OutgoingFields } from '../../../shared/outgoing.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { findSoffice, SOFFICE_MISSING } from './outgoing.print.js';

type View = WorkflowView<OutgoingFields>;
const ROOT = resolve(import.meta.dirname, '../../../..');
const SHOTS = resolve(ROOT, 'artifacts/screenshots');

/**
 * The PDF path end to end: a signed 发文 through LibreOffice with the Fandol
 * mapping, read back with poppler. One dialect is enough: the PDF does not
 * depend on the database. Without LibreOffice the test says so and skips,
 * except on CI where the image must have it.
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


interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
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

const MM = 72 / 25.4;
/** A line's width in 字: CJK characters and full-width punctuation count 1, ASCII (digits) half. */
const ziOf = (text: string) => [...text].reduce((n, c) => n + (c.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);
const RIGHT_EDGE = 595.28 - 26 * MM;
/**
 * Word and LibreOffice let a closing punctuation mark hang past the right
 * edge (允许标点溢出边界) rather than start a line with it: such a mark is
 * outside the count of the 版心, not a wider text area.
 */
const HANGING = /[，。、；：！？”’）》」』]$/;
const rightOf = (w: Word) => (w.x1 > RIGHT_EDGE + 1.5 && HANGING.test(w.text) ? w.x1 - 16 : w.x1);

const BODY = [
  '为进一步加强财政资金监管，提高资金使用效益，根据《财政部关于加强财政资金监管工作的通知》要求，经局党组研究，决定在全局范围内开展2026年度财政资金专项检查。现将有关事项通知如下：',
  '一、检查范围',
  '2026年度中央财政转移支付资金，重点是直达资金和专项债券资金的分配、拨付和使用情况。',
  '二、检查内容',
  '（一）资金分配。是否按规定的范围、标准和程序分配资金，有无截留、挪用和虚报冒领。',
  '（二）资金拨付。是否及时拨付到位，有无滞留沉淀。',
  '（三）资金使用。是否按规定用途使用，绩效目标是否实现。',
  '三、工作要求',
  '各处室要高度重视，认真组织，于2026年12月10日前将检查报告报送办公室。',
].join('\n');

describe.skipIf(!ready)('发文 PDF (LibreOffice + Fandol)', () => {
  let t: TestApp;
  const s = {} as Record<'div1_staff' | 'div1_head' | 'office_director' | 'office_clerk' | 'leader1', Session>;
  let work = '';

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await seedDemoOrg(t.deps);
    for (const u of ['div1_staff', 'div1_head', 'office_director', 'office_clerk', 'leader1'] as const) s[u] = await login(t.app, u);
    work = mkdtempSync(join(tmpdir(), 'outgoing-pdf-test-'));
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await t?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function signed(title: string): Promise<View> {
    const fire = async (as: keyof typeof s, id: string, payload: Record<string, unknown>) => {
      const r = await injectAs(t.app, s[as], { method: 'POST', url: `/api/outgoing/${id}/transitions`, payload });
      expect(r.statusCode, r.body).toBe(200);
      return JSON.parse(r.body) as View;
    };
    const c = await injectAs(t.app, s.div1_staff, {
      method: 'POST',
      url: '/api/outgoing',
      payload: {
        docType: '通知',
        title,
        mainRecipients: ['局内各处室'],
        copyTo: ['财政部监督评价局'],
        body: BODY,
        attachments: [{ title: '2026年度财政资金专项检查工作方案' }],
        classification: 'internal',
        urgency: 'urgent',
        disclosure: 'not_public',
        cosignDivisionIds: [],
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    let d = JSON.parse(c.body) as View;
    d = await fire('div1_staff', d.id, { action: 'submit', version: d.version });
    d = await fire('div1_head', d.id, { action: 'approve', version: d.version });
    d = await fire('office_director', d.id, { action: 'approve', version: d.version });
    return fire('leader1', d.id, { action: 'sign', version: d.version });
  }

  it('renders A4 with the title and 文号 in the text and the GB/T 9704 版心 measured, cached per version; 503 with a Chinese message without soffice', { timeout: 180_000 }, async () => {
    const d = await signed('财政部某某监管局关于开展2026年度财政资金专项检查的通知');
    const started = Date.now();
    const res = await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/outgoing/${d.id}/document.pdf` });
    const firstMs = Date.now() - started;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = join(work, 'doc.pdf');
    writeFileSync(file, res.rawPayload);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    // A4 is 595.276 × 841.89 pt; pdfinfo rounds.
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('关于开展2026年度财政资金专项检查的通知');
    expect(text).toContain(d.docNumber ?? '?');
    expect(text).toContain('财政部某某监管局');

    // GB/T 9704 measured on the rendered page: 版心 from 28 mm (订口) to 26 mm short of the right edge,
    // top at 37 mm; 3号 body lines 28.95 pt apart (22 to the 225 mm 版心), at most 28 字 a line.
    const words = wordBoxes(file);
    const body = words.filter((w) => w.y1 - w.y0 > 19 && w.y1 - w.y0 < 23);
    expect(Math.min(...words.map((w) => w.x0))).toBeGreaterThan(28 * MM - 1.5);
    expect(Math.min(...body.map((w) => w.x0))).toBeLessThan(28 * MM + 1.5);
    expect(Math.max(...words.map(rightOf))).toBeLessThan(RIGHT_EDGE + 1.5);
    const lines = new Map<string, Word[]>();
    for (const w of body) {
      const k = `${w.page}:${Math.round(w.y0)}`;
      lines.set(k, [...(lines.get(k) ?? []), w]);
    }
    const tops = [...lines.keys()].map((k) => k.split(':').map(Number) as [number, number]);
    const pitches: number[] = [];
    for (const [i, [p, y]] of tops.entries()) {
      const next = tops[i + 1];
      if (next && next[0] === p && next[1] - y < 40) pitches.push(next[1] - y);
    }
    expect(pitches.length).toBeGreaterThan(5);
    for (const d of pitches) expect(Math.abs(d - 28.95)).toBeLessThan(1.1);
    for (const p of new Set(tops.map(([pg]) => pg))) expect(tops.filter(([pg]) => pg === p).length).toBeLessThanOrEqual(22);
    expect(Math.min(...words.map((w) => w.y0))).toBeGreaterThan(37 * MM - 2);
    const widths = [...lines.values()].map((ws) => {
      const text = ws.map((w) => w.text).join('');
      return ziOf(ws.some((w) => w.x1 > RIGHT_EDGE + 1.5) ? text.replace(HANGING, '') : text);
    });
    console.info(`[outgoing pdf] 正文行距 ${pitches.map((d) => d.toFixed(1)).join('/')} pt，每行最多 ${Math.max(...widths)} 字`);
    expect(Math.max(...widths)).toBeLessThanOrEqual(28);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(27);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/FandolFang/);
    expect(fonts).toMatch(/FandolSong/);
    expect(fonts).toMatch(/FandolHei/);

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(SHOTS, 'outgoing-pdf-page')]);
    const again = Date.now();
    const cached = await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/outgoing/${d.id}/document.pdf` });
    expect(cached.headers['x-pdf-cache']).toBe('hit');
    expect(cached.rawPayload.equals(res.rawPayload)).toBe(true);
    console.info(`[outgoing pdf] 首次转换 ${firstMs} ms（${String(res.headers['x-pdf-cache'])}），缓存命中 ${Date.now() - again} ms；页 1 图像见 artifacts/screenshots/outgoing-pdf-page-1.png`);
    expect(readFileSync(join(SHOTS, 'outgoing-pdf-page-1.png')).subarray(1, 4).toString()).toBe('PNG');

    const other = await signed('财政部某某监管局关于做好2026年度决算编报工作的通知');
    const saved = process.env['ZHONGSHU_SOFFICE'];
    process.env['ZHONGSHU_SOFFICE'] = '/nonexistent/soffice';
    try {
      const missing = await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/outgoing/${other.id}/document.pdf` });
      expect(missing.statusCode).toBe(503);
      expect((JSON.parse(missing.body) as { error: { message: string } }).error.message).toBe(SOFFICE_MISSING);
    } finally {
      if (saved === undefined) delete process.env['ZHONGSHU_SOFFICE'];
      else process.env['ZHONGSHU_SOFFICE'] = saved;
    }
  });
});
