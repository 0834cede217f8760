import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES, type DocType, type Finding, type OutgoingCheckInput, outgoingCheckInputSchema } from '../../../../shared/outgoing.js';
import { RULES, type RuleId, checkOutgoing } from './index.js';

/**
 * The real-document corpus (78 published 公文, element by element) is the
 * false-alarm test set: on documents whose source is clean, every
 * error-severity finding must be one of the listed real defects. Seeded
 * defects on the same documents measure recall. The corpus is a copy kept in
 * test/fixtures (its README says where each text comes from), so a clean
 * checkout runs this test.
 */
const FIXTURES = resolve(import.meta.dirname, '../../../../../test/fixtures/outgoing');
const CORPUS_DIR = resolve(FIXTURES, 'real-gongwen');

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

const docs = JSON.parse(readFileSync(resolve(CORPUS_DIR, 'real-docs.json'), 'utf8')) as RealDoc[];
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

  it('has the documents the README describes, with the README’s corrupted sources flagged', () => {
    expect(docs).toHaveLength(78);
    expect(clean).toHaveLength(64);
    // README table rows: | # | id | 文种 | title | docNumber | source | doubts |; doubts name **sourceCorrupted**.
    const readme = readFileSync(resolve(CORPUS_DIR, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => /^\| \d+ \| [a-z]+-[\w]+ \|/.test(l));
    expect(rows).toHaveLength(78);
    const corruptedInReadme = rows.filter((l) => l.includes('**sourceCorrupted**')).map((l) => l.split('|')[2]?.trim());
    expect(docs.filter((d) => d.sourceCorrupted).map((d) => d.id)).toEqual(corruptedInReadme);
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
        `warning-level false alarms (every warning on a clean document) ${[...warnings.values()].reduce((a, b) => a + b, 0)} by rule ${JSON.stringify(Object.fromEntries(warnings))}`,
    );
    expect(falseAlarms).toEqual([]);
    expect(missed).toEqual([]);
  });

  it('flags the corrupted sources (they are what a drafter pasting from the web would type)', () => {
    const corrupted = docs.filter((d) => d.sourceCorrupted);
    const flagged = corrupted.filter((d) => checkOutgoing(toInput(d)).some((f) => f.severity === 'error'));
    console.log(
      `[corpus] corrupted sources flagged with an error: ${flagged.length}/${corrupted.length} (${corrupted
        .filter((d) => !flagged.includes(d))
        .map((d) => d.id)
        .join(', ')} not)`,
    );
    expect(flagged.length).toBeGreaterThanOrEqual(10);
  });
});

// —— seeded defects: recall ——
/**
 * A seeded defect: `base` turns a corpus document into the 文种 and shape the
 * rule is about (a clean 请示 or 报告 to 财政部, a draft with a matching
 * 附件说明 …), `apply` adds the one defect. The base must not raise the rule
 * (else it is a false alarm of the rule); the mutated draft must (recall).
 */
interface Mutation {
  name: string;
  rule: RuleId;
  base?(i: OutgoingCheckInput): OutgoingCheckInput | null;
  apply(i: OutgoingCheckInput): OutgoingCheckInput | null;
}

const HAN_COMMA = /(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])/;
const TITLE_TYPE = /的?(?:复函|答复|通知|意见|函|批复|报告|决定|通报|通告|公告|命令|令|请示)((?:（[^（）]*）)*)$/;
/** The document's subject as the title of another 文种 (…的通知 → …的请示). */
const retitle = (title: string, type: DocType) => (TITLE_TYPE.test(title) ? title.replace(TITLE_TYPE, `的${type}$1`) : `${title}的${type}`);
const CONTACT = { name: '王明', phone: '010-68551234' };
/** A request sentence or a contact line already in the source would make the 请示/报告 base itself faulty. */
const hasRequestOrContact = (body: string) => /请(?:予以?)?(?:批示|指示|批准|审批|批复|核准|审示|核示|示复|审定|批转)|联系人/.test(body);

function asRequest(i: OutgoingCheckInput): OutgoingCheckInput | null {
  if (hasRequestOrContact(i.body)) return null;
  return {
    ...i,
    docType: '请示',
    title: retitle(i.title, '请示'),
    mainRecipients: ['财政部'],
    copyTo: [],
    body: `${i.body}\n妥否，请批示。`,
    contact: CONTACT,
  };
}
function asReport(i: OutgoingCheckInput): OutgoingCheckInput | null {
  if (hasRequestOrContact(i.body)) return null;
  return { ...i, docType: '报告', title: retitle(i.title, '报告'), mainRecipients: ['财政部'], copyTo: [], body: `${i.body}\n特此报告。` };
}
const NOTE_NAME = '有关情况统计表';
/** The draft with one attachment, named the same in the list and in the 附件说明. */
function withAttachmentNote(i: OutgoingCheckInput): OutgoingCheckInput | null {
  if (/^附件/m.test(i.body)) return null;
  return { ...i, attachments: [{ title: NOTE_NAME }], body: `${i.body}\n附件：${NOTE_NAME}` };
}
/** 签发人 is checked only once a 文号 is given, so the base has none. */
function withoutDocNumber(i: OutgoingCheckInput | null): OutgoingCheckInput | null {
  if (!i) return null;
  const { docNumber: _unnumbered, ...rest } = i;
  return rest;
}
const allReviewed = (i: OutgoingCheckInput): OutgoingCheckInput => ({ ...i, procedure: { divisionReviewed: true, officeReviewed: true, cosignsPending: [] } });
const DOWN_TYPES: readonly DocType[] = ['批复', '通知', '通报', '决定'];

const MUTATIONS: Mutation[] = [
  // 形式关
  {
    name: '文号用[]',
    rule: 'F04',
    apply: (i) => (i.docNumber?.includes('〔') ? { ...i, docNumber: i.docNumber.replace('〔', '[').replace('〕', ']') } : null),
  },
  { name: '文号加第', rule: 'F04', apply: (i) => (i.docNumber?.includes('〕') ? { ...i, docNumber: i.docNumber.replace('〕', '〕第') } : null) },
  { name: '文号虚位', rule: 'F04', apply: (i) => (i.docNumber?.includes('〕') ? { ...i, docNumber: i.docNumber.replace('〕', '〕0') } : null) },
  {
    name: '文号年份两位',
    rule: 'F04',
    apply: (i) => (i.docNumber?.match(/〔\d{4}〕/) ? { ...i, docNumber: i.docNumber.replace(/〔\d\d(\d\d)〕/, '〔$1〕') } : null),
  },
  { name: '非令用令号', rule: 'F04L', apply: (i) => (i.docType !== '命令' ? { ...i, docNumber: '第12号' } : null) },
  { name: '正文出现密级标志', rule: 'F02', apply: (i) => ({ ...i, body: `机密★1年\n${i.body}` }) },
  { name: '上行文无签发人', rule: 'F05', base: (i) => withoutDocNumber(asReport(i)), apply: (i) => ({ ...i, docNumber: '财监办〔2026〕3号' }) },
  { name: '日期虚位', rule: 'F11', apply: (i) => ({ ...i, signDate: '2026年01月05日' }) },
  { name: '日期汉字', rule: 'F11', apply: (i) => ({ ...i, signDate: '二〇二六年一月五日' }) },
  { name: '正文日期虚位', rule: 'F11B', apply: (i) => ({ ...i, body: `${i.body}\n请于2026年03月05日前报送。` }) },
  { name: '标题句号', rule: 'F06', apply: (i) => ({ ...i, title: `${i.title}。` }) },
  {
    name: '标题文种不符',
    rule: 'F06',
    apply: (i) => ({ ...i, title: i.docType === '通报' ? `${i.title}通知` : `${i.title.replace(/(的)?[^的]{1,2}$/, '')}的通报` }),
  },
  {
    name: '主送带冒号',
    rule: 'F08',
    apply: (i) => (i.mainRecipients[0] ? { ...i, mainRecipients: [`${i.mainRecipients[0]}：`, ...i.mainRecipients.slice(1)] } : null),
  },
  { name: '二级序数半角括号', rule: 'F09', apply: (i) => (/^（一）/m.test(i.body) ? { ...i, body: i.body.replace(/^（一）/m, '(一)') } : null) },
  { name: '一级序数跳号', rule: 'F09', apply: (i) => (/^二、/m.test(i.body) ? { ...i, body: i.body.replace(/^二、/m, '三、') } : null) },
  { name: '三级序数用顿号', rule: 'F09', apply: (i) => (/^1\./m.test(i.body) ? { ...i, body: i.body.replace(/^1\./m, '1、') } : null) },
  {
    name: '层次跳级',
    rule: 'F09S',
    apply: (i) => (/^[一二三四五六七八九十]+、/m.test(i.body) ? null : { ...i, body: `${i.body}\n一、工作要求\n1.加强组织领导。` }),
  },
  { name: '主送抄送重复', rule: 'F15', apply: (i) => (i.mainRecipients[0] ? { ...i, copyTo: [i.mainRecipients[0]] } : null) },
  {
    name: '附件名句号',
    rule: 'F10',
    apply: (i) => (i.attachments[0] ? { ...i, attachments: [{ title: `${i.attachments[0].title}。` }, ...i.attachments.slice(1)] } : null),
  },
  { name: '附件说明与列表名称不符', rule: 'F10', base: withAttachmentNote, apply: (i) => ({ ...i, attachments: [{ title: `${NOTE_NAME}（样表）` }] }) },
  { name: '附件说明漏列附件', rule: 'F10', base: withAttachmentNote, apply: (i) => ({ ...i, attachments: [...i.attachments, { title: '填报说明' }] }) },
  { name: '附件说明半角冒号', rule: 'F10', base: withAttachmentNote, apply: (i) => ({ ...i, body: i.body.replace(/附件：(?=[^\n]*$)/, '附件:') }) },
  // 文字关
  { name: '半角逗号', rule: 'T02', apply: (i) => (HAN_COMMA.test(i.body) ? { ...i, body: i.body.replace(HAN_COMMA, ',') } : null) },
  { name: '括号不配对', rule: 'T01', apply: (i) => ({ ...i, body: `（${i.body}` }) },
  { name: '全角数字', rule: 'T04', apply: (i) => ({ ...i, body: `${i.body}\n请于２０２６年底前完成。` }) },
  { name: '重复标点', rule: 'T03P', apply: (i) => (i.body.includes('。') ? { ...i, body: i.body.replace('。', '。。') } : null) },
  { name: '重复的', rule: 'T03', apply: (i) => ({ ...i, body: `${i.body}\n做好的的工作。` }) },
  { name: '汉字与数字间空格', rule: 'T05', apply: (i) => ({ ...i, body: `${i.body}\n全年共完成 12 项检查。` }) },
  { name: '标点后空格', rule: 'T05', apply: (i) => (HAN_COMMA.test(i.body) ? { ...i, body: i.body.replace(HAN_COMMA, '， ') } : null) },
  { name: '年份混用汉字', rule: 'T06', apply: (i) => (/\d{4}年/.test(i.body) ? { ...i, body: `${i.body}\n请于二〇二七年三月底前完成。` } : null) },
  {
    name: '计数混用汉字',
    rule: 'T06',
    apply: (i) => {
      const m = /\d+([项个条])/.exec(i.body);
      return m ? { ...i, body: `${i.body}\n另有五${m[1] ?? '项'}已完成。` } : null;
    },
  },
  // 程序关
  { name: '请示主送两个机关', rule: 'P01', base: asRequest, apply: (i) => ({ ...i, mainRecipients: [...i.mainRecipients, '国务院'] }) },
  { name: '请示无主送', rule: 'P01', base: asRequest, apply: (i) => ({ ...i, mainRecipients: [] }) },
  {
    name: '请示多事',
    rule: 'P02',
    base: asRequest,
    apply: (i) => ({ ...i, body: `${i.body.replace(/\n妥否，请批示。$/, '')}\n另，拟增设一个科室，请予批准。\n妥否，请批示。` }),
  },
  { name: '请示无联系人', rule: 'P03', base: asRequest, apply: ({ contact: _dropped, ...i }) => i },
  { name: '报告夹带请示', rule: 'P04', base: asReport, apply: (i) => ({ ...i, body: `${i.body.replace(/\n特此报告。$/, '')}\n以上报告，妥否，请批示。` }) },
  { name: '上行文抄送处室', rule: 'P05', base: asReport, apply: (i) => ({ ...i, copyTo: ['局内各处室'] }) },
  { name: '请示抄送综合处', rule: 'P05', base: asRequest, apply: (i) => ({ ...i, copyTo: ['综合处'] }) },
  { name: '下行文主送财政部', rule: 'P06', apply: (i) => (DOWN_TYPES.includes(i.docType) ? { ...i, mainRecipients: ['财政部'] } : null) },
  {
    name: '未经处室核稿',
    rule: 'P07',
    base: allReviewed,
    apply: (i) => ({ ...i, procedure: { divisionReviewed: false, officeReviewed: true, cosignsPending: [] } }),
  },
  {
    name: '未经办公室核稿',
    rule: 'P07',
    base: allReviewed,
    apply: (i) => ({ ...i, procedure: { divisionReviewed: true, officeReviewed: false, cosignsPending: [] } }),
  },
  {
    name: '会签未完成',
    rule: 'P07',
    base: allReviewed,
    apply: (i) => ({ ...i, procedure: { divisionReviewed: true, officeReviewed: true, cosignsPending: ['综合处'] } }),
  },
];

describe('real corpus: seeded defects (recall)', () => {
  const base = docs.filter((d) => !d.sourceCorrupted && !expected.some((e) => e.id === d.id)).map(toInput);
  const hits = (input: OutgoingCheckInput, rule: RuleId) => checkOutgoing(outgoingCheckInputSchema.parse(input)).some((f: Finding) => f.rule === rule);

  const perRule = new Map<RuleId, { cases: number; found: number; baseAlarms: number }>();
  const misses: string[] = [];
  const alarms: string[] = [];
  for (const m of MUTATIONS) {
    const r = perRule.get(m.rule) ?? { cases: 0, found: 0, baseAlarms: 0 };
    perRule.set(m.rule, r);
    for (const doc of base) {
      const start = m.base ? m.base(doc) : doc;
      if (!start) continue;
      const mutated = m.apply(start);
      if (!mutated) continue;
      // Only the seeded defect counts: a document already raising the rule measures nothing for recall.
      if (hits(start, m.rule)) {
        if (m.base) {
          r.baseAlarms++;
          alarms.push(`${m.name}@${doc.title.slice(0, 12)}`);
        }
        continue;
      }
      r.cases++;
      if (hits(mutated, m.rule)) r.found++;
      else misses.push(`${m.name}@${doc.title.slice(0, 12)}`);
    }
  }
  const cases = [...perRule.values()].reduce((a, r) => a + r.cases, 0);
  const found = [...perRule.values()].reduce((a, r) => a + r.found, 0);
  const baseCases = [...perRule.values()].reduce((a, r) => a + r.cases + r.baseAlarms, 0);
  console.log(
    `[corpus] seeded defects: ${found}/${cases} found (recall ${((100 * found) / cases).toFixed(1)}%); ` +
      `false alarms on the prepared clean bases: ${alarms.length}/${baseCases}; misses: ${misses.slice(0, 10).join('; ') || 'none'}\n` +
      [...perRule].map(([rule, r]) => `  ${rule} ${r.found}/${r.cases}${r.baseAlarms ? ` (base alarms ${r.baseAlarms})` : ''}`).join('\n'),
  );

  it('seeds at least 60 defects and finds at least 97% of them', () => {
    expect(cases).toBeGreaterThanOrEqual(60);
    expect(found / cases).toBeGreaterThanOrEqual(0.97);
  });

  it.each([...new Set(MUTATIONS.map((m) => m.rule))])('rule %s is seeded and found at least once', (rule) => {
    const r = perRule.get(rule);
    expect(r?.cases ?? 0).toBeGreaterThan(0);
    expect(r?.found ?? 0).toBeGreaterThan(0);
  });

  it('covers every 程序关 rule', () => {
    const procedure = (Object.keys(RULES) as RuleId[]).filter((id) => RULES[id].area === 'procedure');
    expect(procedure.filter((id) => !MUTATIONS.some((m) => m.rule === id))).toEqual([]);
  });

  it('raises no seeded rule on the prepared clean 请示, 报告, numbered and reviewed drafts', () => {
    expect(alarms).toEqual([]);
  });
});
