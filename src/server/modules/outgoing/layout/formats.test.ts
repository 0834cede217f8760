import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { type OutgoingDraft, outgoingDraftSchema } from '../../../../shared/outgoing.js';
import { defaultFormat, formatRefusal, gongwenFromDraft } from './from-draft.js';
import { PAGE, renderGongwenDocx } from './gongwen-docx.js';
import { splitAttendance } from './minutes-format.js';

async function parts(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const f = zip.file(name);
    if (f && name.endsWith('.xml')) out[name] = await f.async('string');
  }
  return out;
}
const textOf = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p>.*?<\/w:p>/g)].map((m) => m[0]);
const mm = (v: number) => Math.round((v * 1440) / 25.4);

const base = {
  mainRecipients: ['某某省财政厅'],
  copyTo: ['财政部监督评价局'],
  attachments: [],
  classification: 'none',
  urgency: 'urgent',
  disclosure: 'not_public',
  cosignDivisionIds: [],
} as const;
const ctx = {
  orgName: '财政部某某监管局',
  docNumber: '财监办〔2026〕8号',
  signDate: '2026年11月26日',
  printer: { org: '财政部某某监管局办公室', date: '2026年11月26日' },
};

const letterDraft: OutgoingDraft = outgoingDraftSchema.parse({
  ...base,
  docType: '函',
  title: '财政部某某监管局关于商请提供2026年度财政资金使用情况的函',
  body: '为做好2026年度财政资金监管工作，请贵厅于12月10日前提供有关资金使用情况。\n特此函告。',
});
const minutesDraft: OutgoingDraft = outgoingDraftSchema.parse({
  ...base,
  docType: '纪要',
  title: '局务会议纪要',
  mainRecipients: [],
  urgency: 'normal',
  body: [
    '2026年11月20日，局长王某某主持召开局务会议，研究2026年度财政资金专项检查工作。纪要如下：',
    '出席：王某某、李某某、张某某',
    '一、会议同意专项检查工作方案。',
    '列席：沈某某（办公室）',
    '请假：蒋某某（出差）',
  ].join('\n'),
});

describe('the format a 文种 prints in', () => {
  it('纪要 in the 纪要格式, 函 in the 信函格式, the rest as 文件; refuses a format that makes no sense for the 文种', () => {
    expect(defaultFormat('纪要')).toBe('minutes');
    expect(defaultFormat('函')).toBe('letter');
    expect(defaultFormat('通知')).toBe('standard');
    expect(formatRefusal('纪要', 'standard')).toBe('纪要只能按纪要格式印制');
    expect(formatRefusal('纪要', 'letter')).toBe('纪要只能按纪要格式印制');
    expect(formatRefusal('通知', 'minutes')).toBe('纪要格式只用于纪要，通知不能按纪要格式印制');
    expect(formatRefusal('命令', 'letter')).toBe('命令（令）不能按信函格式印制');
    expect(formatRefusal('请示', 'letter')).toBe('上行文须标注签发人，信函格式没有签发人的位置，请按文件格式印制');
    expect(formatRefusal('意见', 'letter', 'up')).toBe('上行文须标注签发人，信函格式没有签发人的位置，请按文件格式印制');
    expect(formatRefusal('意见', 'letter', 'down')).toBeNull();
    expect(formatRefusal('函', 'standard')).toBeNull();
    expect(formatRefusal('通知', 'letter')).toBeNull();
    expect(formatRefusal('纪要', 'minutes')).toBeNull();
  });

  it('takes 出席/请假/列席 lines out of a 纪要 body and orders them 出席, 请假, 列席', () => {
    const { body, attendance } = splitAttendance(minutesDraft.body);
    expect(body).not.toMatch(/出席|请假|列席/);
    expect(body.split('\n')).toHaveLength(2);
    expect(attendance).toEqual([
      { label: '出席', names: '王某某、李某某、张某某' },
      { label: '请假', names: '蒋某某（出差）' },
      { label: '列席', names: '沈某某（办公室）' },
    ]);
    // A half-width colon is accepted; a label with no names is left in the text.
    expect(splitAttendance('出席:王某某\n列席：').attendance).toEqual([{ label: '出席', names: '王某某' }]);
    expect(splitAttendance('出席:王某某\n列席：').body).toBe('列席：');
  });
});

describe('信函格式 .docx (GB/T 9704 10.1)', () => {
  it('mark in the first-page header 30 mm down, red, over a 170 mm thick-thin red double line; the lower double line in the first-page footer 20 mm up; page numbers from page 2 only', async () => {
    const { doc, up } = gongwenFromDraft(letterDraft, ctx);
    expect(doc.format).toBe('letter');
    const f = await parts(await renderGongwenDocx(doc, { up }));
    const document = f['word/document.xml'] ?? '';
    expect(document).toContain('<w:titlePg/>');
    expect(document).toContain(`w:header="${mm(30)}"`);
    expect(document).toContain(`w:footer="${mm(20)}"`);
    expect(document).toMatch(/<w:headerReference w:type="first" r:id="rId\d+"\/>/);
    expect(document).toMatch(/<w:footerReference w:type="first" r:id="rId\d+"\/>/);
    const first = Object.entries(f).find(([name, xml]) => name.startsWith('word/header') && xml.includes('财政部某某监管局'))?.[1] ?? '';
    expect(first).toContain('<w:color w:val="FF0000"/>');
    expect(first).toContain('w:eastAsia="方正小标宋简体"');
    expect(first).toMatch(/<w:bottom w:val="thickThinSmallGap" w:color="FF0000" w:sz="12" w:space="11"\/>/);
    // 170 mm: from 20 mm off each paper edge, i.e. past the 版心 by 8 mm left and 6 mm right.
    expect(first).toContain(`<w:ind w:left="${-(PAGE.left - mm(20))}" w:right="${-(PAGE.right - mm(20))}"/>`);
    const footers = Object.entries(f)
      .filter(([name]) => name.startsWith('word/footer'))
      .map(([, xml]) => xml);
    const lower = footers.find((x) => x.includes('thinThickSmallGap')) ?? '';
    expect(lower).not.toContain('PAGE');
    expect(lower).toContain(`<w:ind w:left="${-(PAGE.left - mm(20))}" w:right="${-(PAGE.right - mm(20))}"/>`);
    // Later pages' numbers: 5.3 mm after them, so they sit where the 文件格式 puts them.
    const numbered = footers.filter((x) => x.includes('PAGE'));
    expect(numbered).toHaveLength(2);
    for (const x of numbered) expect(x).toContain(`w:after="${PAGE.footer - mm(20)}"`);
  });

  it('紧急程度 顶格 and the 发文字号 at the right edge on the first line; title two lines below; 版记 only 抄送 without rules', async () => {
    const { doc, up } = gongwenFromDraft(letterDraft, ctx);
    const document = (await parts(await renderGongwenDocx(doc, { up })))['word/document.xml'] ?? '';
    const paragraphs = paragraphsOf(document);
    const top = paragraphs[0] ?? '';
    expect(textOf(top)).toBe('加急\t财监办〔2026〕8号');
    expect(top).toMatch(/w:eastAsia="黑体"[^]*加急/);
    expect(top).toContain('<w:tab w:val="right" w:pos="8845"/>');
    expect(paragraphs.slice(1, 3).map(textOf)).toEqual(['', '']);
    expect(textOf(paragraphs[3] ?? '')).toBe(letterDraft.title);
    // No 文件格式 mark in the body: the mark is in the header only.
    expect(document).not.toContain('w:color w:val="FF0000"');
    const table = /<w:tbl>.*<\/w:tbl>/.exec(document)?.[0] ?? '';
    expect(table).toContain('抄送：财政部监督评价局。');
    expect(table).not.toContain('印发');
    expect(table).not.toMatch(/w:val="single"/);
    expect(table).toContain('w:tblpYSpec="bottom"');
  });
});

describe('纪要格式 .docx (GB/T 9704 10.3)', () => {
  it('red “××纪要” mark 35 mm under the 版心 top, 编号 〔YYYY〕X号 centred, 印发机关 and date over the red line; no 署名', async () => {
    const { doc, up } = gongwenFromDraft(minutesDraft, ctx);
    expect(doc.format).toBe('minutes');
    const document = (await parts(await renderGongwenDocx(doc, { up })))['word/document.xml'] ?? '';
    const paragraphs = paragraphsOf(document);
    const mark = paragraphs.find((p) => textOf(p) === '局务会议纪要') ?? '';
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toContain(`w:before="${mm(35)}"`);
    // The title named the meeting: it is the mark and is not printed again.
    expect(paragraphs.filter((p) => textOf(p).includes('局务会议纪要'))).toHaveLength(1);
    const number = paragraphs.find((p) => textOf(p) === '〔2026〕8号') ?? '';
    expect(number).toContain('<w:jc w:val="center"/>');
    const byline = paragraphs.find((p) => textOf(p) === '\t财政部某某监管局办公室\t2026年11月26日') ?? '';
    expect(byline).toContain('<w:bottom w:val="single" w:color="FF0000" w:sz="8" w:space="11"/>');
    // No 署名 block: besides the 版记's 印发 line, the date is printed once, in the byline.
    expect(paragraphs.filter((p) => textOf(p).includes('2026年11月26日') && !textOf(p).endsWith('印发')).length).toBe(1);
  });

  it('出席/请假/列席 under the body: label 3号黑体, names 3号仿宋, two 字 in, wrapped lines aligned with the first name', async () => {
    const { doc, up } = gongwenFromDraft(minutesDraft, ctx);
    const document = (await parts(await renderGongwenDocx(doc, { up })))['word/document.xml'] ?? '';
    const paragraphs = paragraphsOf(document);
    const at = paragraphs.findIndex((p) => textOf(p).startsWith('出席：'));
    expect(textOf(paragraphs[at - 1] ?? 'x')).toBe('');
    expect(textOf(paragraphs[at - 2] ?? '')).toBe('一、会议同意专项检查工作方案。');
    expect(paragraphs.slice(at, at + 3).map(textOf)).toEqual(['出席：王某某、李某某、张某某', '请假：蒋某某（出差）', '列席：沈某某（办公室）']);
    const present = paragraphs[at] ?? '';
    expect(present).toMatch(/w:eastAsia="黑体"(?:(?!<\/w:r>).)*<w:sz w:val="32"\/>(?:(?!<\/w:r>).)*出席：<\/w:t>/);
    expect(present).toMatch(/w:eastAsia="仿宋_GB2312"(?:(?!<\/w:r>).)*<w:sz w:val="32"\/>(?:(?!<\/w:r>).)*王某某/);
    expect(present).toContain(`<w:ind w:left="${5 * 315}" w:hanging="${3 * 315}"/>`);
  });

  it('a title with 关于 keeps its place under the bureau’s 会议纪要 mark; a number not in 机关代字〔年〕N号 form is printed as given', async () => {
    const draft = { ...minutesDraft, title: '关于研究2026年度财政资金专项检查工作的会议纪要' };
    const { doc } = gongwenFromDraft(draft, { ...ctx, docNumber: '第5号' });
    expect(doc.orgName).toBe('财政部某某监管局会议纪要');
    expect(doc.docNumber).toBe('第5号');
    const paragraphs = paragraphsOf((await parts(await renderGongwenDocx(doc)))['word/document.xml'] ?? '');
    expect(paragraphs.some((p) => textOf(p) === draft.title && p.includes('<w:sz w:val="44"/>'))).toBe(true);
  });
});

describe('font names in every format', () => {
  it('the 信函 and the 纪要 name the official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 宋体) as the 文件格式 does', async () => {
    for (const draft of [letterDraft, minutesDraft]) {
      const { doc, up } = gongwenFromDraft(draft, ctx);
      const f = await parts(await renderGongwenDocx(doc, { up }));
      const all = Object.entries(f)
        .filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
        .map(([, xml]) => xml)
        .join('');
      for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '宋体']) expect(all, `${draft.docType} ${font}`).toContain(`w:eastAsia="${font}"`);
      // No stand-in leaks into the file: the Fandol mapping is the PDF converter's business.
      expect(all).not.toMatch(/Fandol/);
    }
  });
});
