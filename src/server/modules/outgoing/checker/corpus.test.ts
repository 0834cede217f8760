import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES, type DocType, type Finding, type OutgoingCheckInput, outgoingCheckInputSchema } from '../../../../shared/outgoing.js';
import { checkOutgoing } from './index.js';

/**
 * The real-document corpus (78 published 公文, element by element) is the
 * false-alarm test set: on documents whose source is clean, every
 * error-severity finding must be one of the listed real defects. Seeded
 * defects on the same documents measure recall.
 */
const CORPUS = '/work/shared/corpus/real-gongwen/real-docs.json';
const FIXTURES = resolve(import.meta.dirname, '../../../../../test/fixtures/outgoing');

interface RealDoc {
  id: string;
  docType: string;
  title: string;
  docNumber: string | null;
  docNumberFrom: string;
  signDate: string | null;
  mainRecipients: string[];
  body: string;
  attachments: { title: string }[];
  sourceCorrupted: boolean;
}
interface Expected {
  id: string;
  rule: string;
  field: string;
  count: number;
}

const docs = JSON.parse(readFileSync(CORPUS, 'utf8')) as RealDoc[];
const expected = (JSON.parse(readFileSync(resolve(FIXTURES, 'real-corpus-expected.json'), 'utf8')) as { expected: Expected[] }).expected;

/** The corpus files 复函/答复 under 函 and 国务院令 as 令. */
function docTypeOf(d: RealDoc): DocType {
  const t = d.docType.startsWith('函') ? '函' : d.docType === '令' ? '命令' : d.docType;
  if (!(DOC_TYPES as readonly string[]).includes(t)) throw new Error(`unknown 文种 ${d.docType}`);
  return t as DocType;
}

function toInput(d: RealDoc): OutgoingCheckInput {
  return outgoingCheckInputSchema.parse({
    docType: docTypeOf(d),
    title: d.title,
    mainRecipients: d.mainRecipients,
    copyTo: [],
    body: d.body,
    attachments: d.attachments.map((a) => ({ title: a.title })),
    classification: 'none',
    urgency: 'normal',
    disclosure: 'public',
    cosignDivisionIds: [],
    ...(d.docNumber ? { docNumber: d.docNumber } : {}),
    ...(d.signDate ? { signDate: d.signDate } : {}),
  });
}

const key = (id: string, f: { rule: string; field: string }) => `${id} ${f.rule} ${f.field}`;

describe('real corpus: false alarms', () => {
  const clean = docs.filter((d) => !d.sourceCorrupted);
  const results = clean.map((d) => ({ d, findings: checkOutgoing(toInput(d)) }));

  it('has the documents the README describes', () => {
    expect(docs).toHaveLength(78);
    expect(clean).toHaveLength(64);
  });

  it('raises no error-severity finding on a clean document beyond its listed real defects, and finds every listed one', () => {
    const got = new Map<string, number>();
    for (const { d, findings } of results) {
      for (const f of findings) if (f.severity === 'error') got.set(key(d.id, f), (got.get(key(d.id, f)) ?? 0) + 1);
    }
    const want = new Map(expected.map((e) => [key(e.id, e), e.count]));
    const falseAlarms = [...got].filter(([k, n]) => n > (want.get(k) ?? 0));
    const missed = [...want].filter(([k, n]) => (got.get(k) ?? 0) < n);
    const warnings = new Map<string, number>();
    for (const { findings } of results) for (const f of findings) if (f.severity === 'warning') warnings.set(f.rule, (warnings.get(f.rule) ?? 0) + 1);
    const docsWithErrors = results.filter((r) => r.findings.some((f) => f.severity === 'error')).length;
    console.log(
      `[corpus] clean documents ${clean.length}; with an error finding ${docsWithErrors} (all listed real defects); ` +
        `error findings ${[...got.values()].reduce((a, b) => a + b, 0)}; false alarms ${falseAlarms.length}; missed listed defects ${missed.length}; ` +
        `warnings by rule ${JSON.stringify(Object.fromEntries(warnings))}`,
    );
    expect(falseAlarms).toEqual([]);
    expect(missed).toEqual([]);
  });

  it('flags the corrupted sources (they are what a drafter pasting from the web would type)', () => {
    const corrupted = docs.filter((d) => d.sourceCorrupted);
    const flagged = corrupted.filter((d) => checkOutgoing(toInput(d)).some((f) => f.severity === 'error'));
    console.log(`[corpus] corrupted sources flagged with an error: ${flagged.length}/${corrupted.length} (${corrupted.filter((d) => !flagged.includes(d)).map((d) => d.id).join(', ')} not)`);
    expect(flagged.length).toBeGreaterThanOrEqual(10);
  });
});

// —— seeded defects: recall ——
type Mutation = { name: string; rule: string; apply(i: OutgoingCheckInput): OutgoingCheckInput | null };
const HAN_COMMA = /(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])/;
const MUTATIONS: Mutation[] = [
  { name: '文号用[]', rule: 'F04', apply: (i) => (i.docNumber?.includes('〔') ? { ...i, docNumber: i.docNumber.replace('〔', '[').replace('〕', ']') } : null) },
  { name: '文号加第', rule: 'F04', apply: (i) => (i.docNumber?.includes('〕') ? { ...i, docNumber: i.docNumber.replace('〕', '〕第') } : null) },
  { name: '文号虚位', rule: 'F04', apply: (i) => (i.docNumber?.includes('〕') ? { ...i, docNumber: i.docNumber.replace('〕', '〕0') } : null) },
  { name: '文号年份两位', rule: 'F04', apply: (i) => (i.docNumber?.match(/〔\d{4}〕/) ? { ...i, docNumber: i.docNumber.replace(/〔\d\d(\d\d)〕/, '〔$1〕') } : null) },
  { name: '日期虚位', rule: 'F11', apply: (i) => ({ ...i, signDate: '2026年01月05日' }) },
  { name: '日期汉字', rule: 'F11', apply: (i) => ({ ...i, signDate: '二〇二六年一月五日' }) },
  { name: '标题句号', rule: 'F06', apply: (i) => ({ ...i, title: `${i.title}。` }) },
  { name: '标题文种不符', rule: 'F06', apply: (i) => ({ ...i, title: i.docType === '通报' ? `${i.title}通知` : `${i.title.replace(/(的)?[^的]{1,2}$/, '')}的通报` }) },
  { name: '半角逗号', rule: 'T02', apply: (i) => (HAN_COMMA.test(i.body) ? { ...i, body: i.body.replace(HAN_COMMA, ',') } : null) },
  { name: '括号不配对', rule: 'T01', apply: (i) => ({ ...i, body: `（${i.body}` }) },
  { name: '全角数字', rule: 'T04', apply: (i) => ({ ...i, body: `${i.body}\n请于２０２６年底前完成。` }) },
  { name: '重复标点', rule: 'T03P', apply: (i) => (i.body.includes('。') ? { ...i, body: i.body.replace('。', '。。') } : null) },
  { name: '重复的', rule: 'T03', apply: (i) => ({ ...i, body: `${i.body}\n做好的的工作。` }) },
  { name: '二级序数半角括号', rule: 'F09', apply: (i) => (/^（一）/m.test(i.body) ? { ...i, body: i.body.replace(/^（一）/m, '(一)') } : null) },
  { name: '一级序数跳号', rule: 'F09', apply: (i) => (/^二、/m.test(i.body) ? { ...i, body: i.body.replace(/^二、/m, '三、') } : null) },
  { name: '主送抄送重复', rule: 'F15', apply: (i) => (i.mainRecipients[0] ? { ...i, copyTo: [i.mainRecipients[0]] } : null) },
  { name: '附件名句号', rule: 'F10', apply: (i) => (i.attachments[0] ? { ...i, attachments: [{ title: `${i.attachments[0].title}。` }, ...i.attachments.slice(1)] } : null) },
];

describe('real corpus: seeded defects (recall)', () => {
  const base = docs.filter((d) => !d.sourceCorrupted && !expected.some((e) => e.id === d.id)).map(toInput);
  it('finds the seeded defect in at least 97% of cases, and every rule at least once', () => {
    let cases = 0;
    let found = 0;
    const misses: string[] = [];
    for (const m of MUTATIONS) {
      for (const input of base) {
        const mutated = m.apply(input);
        if (!mutated) continue;
        cases++;
        const hit = checkOutgoing(mutated).some((f: Finding) => f.rule === m.rule);
        if (hit) found++;
        else misses.push(`${m.name}@${input.title.slice(0, 12)}`);
      }
    }
    console.log(`[corpus] seeded defects: ${found}/${cases} found (recall ${((100 * found) / cases).toFixed(1)}%); misses: ${misses.slice(0, 10).join('; ')}`);
    expect(cases).toBeGreaterThanOrEqual(60);
    expect(found / cases).toBeGreaterThanOrEqual(0.97);
  });
});
