import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Finding, type OutgoingCheckInput, outgoingCheckInputSchema } from '../../../../shared/outgoing.js';
import { RULES, checkOutgoing, hasBlockingFindings } from './index.js';

const FIXTURES = resolve(import.meta.dirname, '../../../../../test/fixtures/outgoing');

function draft(over: Partial<OutgoingCheckInput> = {}): OutgoingCheckInput {
  return outgoingCheckInputSchema.parse({
    docType: '通知',
    title: '财政部某某监管局关于做好年终决算工作的通知',
    mainRecipients: ['局内各处室'],
    copyTo: [],
    body: '为做好年终决算工作，现将有关事项通知如下。\n一、工作要求\n（一）按时报送。各处室于12月10日前报送。\n（二）确保质量。数据真实准确。\n二、联系方式\n有关问题请与办公室联系。',
    attachments: [],
    classification: 'none',
    urgency: 'normal',
    disclosure: 'not_public',
    cosignDivisionIds: [],
    ...over,
  });
}

const rules = (f: Finding[]) => f.map((x) => x.rule);
const errors = (f: Finding[]) => f.filter((x) => x.severity === 'error');

/** Applies a finding's fix the way the web client does: one fix, then check again. */
function applyFix(input: OutgoingCheckInput, f: Finding): OutgoingCheckInput {
  const fix = f.fix;
  if (!fix) throw new Error(`finding ${f.rule} has no fix`);
  const edit = (s: string) => s.slice(0, fix.start) + fix.replacement + s.slice(fix.end);
  const next = structuredClone(input);
  switch (fix.field) {
    case 'title':
    case 'body':
    case 'docNumber':
    case 'signDate':
      next[fix.field] = edit(next[fix.field] ?? '');
      return next;
    case 'mainRecipients':
    case 'copyTo':
      next[fix.field][fix.index ?? 0] = edit(next[fix.field][fix.index ?? 0] ?? '');
      return next;
    case 'attachments': {
      const a = next.attachments[fix.index ?? 0];
      if (a) a.title = edit(a.title);
      return next;
    }
    case 'classification':
    case 'contact':
    case 'docType':
    case 'issuer':
    case 'procedure':
      throw new Error(`no editor for ${fix.field}`);
  }
}

/** Applies certain fixes until none is left; the result must be clean of the fixed rules. */
function fixAll(input: OutgoingCheckInput): OutgoingCheckInput {
  let cur = input;
  for (let i = 0; i < 50; i++) {
    const f = checkOutgoing(cur).find((x) => x.fix);
    if (!f) return cur;
    cur = applyFix(cur, f);
  }
  throw new Error('fixes do not converge');
}

describe('checker: a clean draft', () => {
  it('reports nothing', () => {
    expect(checkOutgoing(draft())).toEqual([]);
  });
  it('every rule id it can report is documented in the table', () => {
    expect(Object.keys(RULES).every((id) => /^[FTP]\d{2}[A-Z]?$/.test(id))).toBe(true);
  });
});

describe('形式关', () => {
  it.each([
    ['财监办[2026]12号', '六角括号'],
    ['财监办【2026】12号', '六角括号'],
    ['财监办(2026)12号', '六角括号'],
    ['财监办（2026）12号', '六角括号'],
    ['财监办〔2026〕第12号', '不加“第”'],
    ['财监办〔2026〕012号', '不编虚位'],
    ['财监办〔26〕12号', '四位'],
    ['财监办〔2026〕12 号', '空格'],
    ['财监办〔2026〕12', '“号”'],
  ])('F04 文号 %s', (docNumber, words) => {
    const f = checkOutgoing(draft({ docNumber })).filter((x) => x.rule === 'F04');
    expect(f.length).toBeGreaterThan(0);
    expect(f.map((x) => x.message).join('|')).toContain(words);
  });
  it('F04 fixes converge to the canonical 文号', () => {
    for (const n of ['财监办[2026]12号', '财监办〔2026〕第012号', '财监办（２０２６）12 号']) {
      expect(fixAll(draft({ docNumber: n })).docNumber).toBe(
        n.startsWith('财监办（２') ? '财监办〔2026〕12号' : n.includes('第') ? '财监办〔2026〕12号' : '财监办〔2026〕12号',
      );
    }
    expect(checkOutgoing(draft({ docNumber: '财监办〔2026〕12号' }))).toEqual([]);
  });
  it('F04 文号 cited in the body', () => {
    const f = checkOutgoing(
      draft({ body: '根据《关于规范会计档案的通知》（财会[2016]3号）和财会〔2020〕第06号、财会〔2020〕6 号执行，财会〔2020〕6号不变。' }),
    );
    expect(f.filter((x) => x.rule === 'F04').map((x) => `${x.rule}:${x.fix?.replacement ?? ''}`)).toEqual([
      'F04:〔2016〕3号',
      'F04:〔2020〕6号',
      'F04:〔2020〕6号',
    ]);
    expect(checkOutgoing(fixAll(draft({ body: '依据财会[2016]3号执行。' })))).toEqual([]);
  });
  it('F04L 令号 only for 命令', () => {
    expect(rules(checkOutgoing(draft({ docNumber: '第706号' })))).toContain('F04L');
    expect(rules(checkOutgoing(draft({ docType: '命令', title: '财政部某某监管局令', mainRecipients: [], docNumber: '第7号' })))).toEqual([]);
  });
  it.each([
    ['2026年01月05日', '2026年1月5日'],
    ['2026年1月05日', '2026年1月5日'],
    ['二〇二六年十一月二十六日', '2026年11月26日'],
    ['２０２６年１１月２６日', '2026年11月26日'],
    ['2026 年 11 月 26 日', '2026年11月26日'],
  ])('F11 成文日期 %s → %s', (signDate, fixed) => {
    const f = checkOutgoing(draft({ signDate })).find((x) => x.rule === 'F11');
    expect(f?.severity).toBe('error');
    expect(f?.fix?.replacement).toBe(fixed);
  });
  it('F11 impossible or short dates have no fix', () => {
    expect(checkOutgoing(draft({ signDate: '2026年2月30日' })).find((x) => x.rule === 'F11')?.fix).toBeUndefined();
    expect(checkOutgoing(draft({ signDate: '26年2月3日' })).find((x) => x.rule === 'F11')?.message).toContain('四位');
  });
  it('F11 a pre-2012 汉字 date is only a reminder (GB/T 9704-1999 required it)', () => {
    expect(checkOutgoing(draft({ signDate: '二〇〇四年六月二十六日' })).find((x) => x.rule === 'F11')?.severity).toBe('warning');
  });
  it('F11B padded dates in the body', () => {
    const f = checkOutgoing(draft({ body: '自2026年01月05日起执行。' }));
    expect(f[0]?.rule).toBe('F11B');
    expect(f[0]?.fix?.replacement).toBe('2026年1月5日');
  });
  it('F06 title ending, punctuation and spaces', () => {
    expect(checkOutgoing(draft({ title: '关于做好年终决算工作的通知。' }))[0]).toMatchObject({ rule: 'F06', fix: { replacement: '' } });
    expect(checkOutgoing(draft({ title: '关于做好年终决算工作的通报' }))[0]?.message).toContain('不一致');
    expect(checkOutgoing(draft({ title: '关于做好年终决算工作' }))[0]?.message).toContain('应以文种');
    expect(checkOutgoing(draft({ docType: '报告', mainRecipients: ['财政部'], title: '关于经费问题的请示报告' }))[0]?.message).toContain('请示报告');
    const spaced = checkOutgoing(draft({ title: '关于年终决算的 通 知' }));
    expect(spaced).toHaveLength(1);
    expect(fixAll(draft({ title: '关于年终决算的 通 知' })).title).toBe('关于年终决算的通知');
    expect(checkOutgoing(draft({ title: '关于做好年终决算工作通知' }))).toMatchObject([{ rule: 'F06W', severity: 'warning' }]);
    expect(checkOutgoing(draft({ docType: '意见', title: '关于改进监管工作的实施意见' }))).toEqual([]);
    // A trailing note in brackets after the 文种 is accepted.
    expect(checkOutgoing(draft({ title: '关于印发公文处理办法的通知（试行）' }))).toEqual([]);
  });
  it('F08 recipients carry no separators; F15 main and copy do not overlap; F08E missing 主送', () => {
    const f = checkOutgoing(draft({ mainRecipients: ['局内各处室：'], copyTo: ['局内各处室'] }));
    expect(rules(f)).toEqual(expect.arrayContaining(['F08', 'F15']));
    expect(fixAll(draft({ mainRecipients: ['综合处、', '人事处：'] })).mainRecipients).toEqual(['综合处', '人事处']);
    expect(rules(checkOutgoing(draft({ mainRecipients: [] })))).toEqual(['F08E']);
    expect(checkOutgoing(draft({ docType: '公告', title: '关于调整办公地点的公告', mainRecipients: [] }))).toEqual([]);
  });
  it('F09 heading forms', () => {
    const body = '一.总体要求\n(一)范围。\n（二）、对象。\n1、时限。\n(1)第一步。';
    const f = checkOutgoing(draft({ body })).filter((x) => x.rule === 'F09');
    expect(f.map((x) => x.fix?.replacement)).toEqual(['一、', '（一）', '（二）', '1.', '（1）']);
    expect(checkOutgoing(fixAll(draft({ body })))).toEqual([]);
  });
  it('F09 continuity per level, restart or run-through under a new parent', () => {
    expect(checkOutgoing(draft({ body: '一、甲\n三、丙' }))[0]?.message).toContain('“二、”');
    expect(checkOutgoing(draft({ body: '一、甲\n（一）子\n（一）子' }))[0]?.message).toContain('重复');
    expect(checkOutgoing(draft({ body: '一、甲\n（一）子\n（二）子\n二、乙\n（一）子' }))).toEqual([]);
    expect(checkOutgoing(draft({ body: '一、甲\n（一）子\n（二）子\n二、乙\n（三）子' }))).toEqual([]);
    expect(checkOutgoing(draft({ body: '一、甲\n（一）子\n二、乙\n（三）子' }))[0]?.rule).toBe('F09');
    // “1.5倍” and “2026.” are not headings.
    expect(checkOutgoing(draft({ body: '1.5倍以上。\n2026年起。' }))).toEqual([]);
  });
  it('F09S skipped level is a warning', () => {
    const f = checkOutgoing(draft({ body: '一、甲\n1.子' }));
    expect(f).toMatchObject([{ rule: 'F09S', severity: 'warning' }]);
  });
  it('F10 附件说明 typed in the body must match the list', () => {
    const attachments = [{ title: '流程图' }, { title: '对照表' }];
    expect(checkOutgoing(draft({ attachments, body: '正文。\n附件：1.流程图\n2.对照表' }))).toEqual([]);
    const f = checkOutgoing(draft({ attachments, body: '正文。\n附件:1.流程图。\n2、对照表' }));
    expect(rules(f).filter((r) => r === 'F10')).toHaveLength(3);
    expect(checkOutgoing(fixAll(draft({ attachments, body: '正文。\n附件:1.流程图。\n2、对照表' })))).toEqual([]);
    expect(checkOutgoing(draft({ attachments, body: '正文。\n附件：1.对照表\n2.流程图' })).some((x) => x.message.includes('不一致'))).toBe(true);
    expect(checkOutgoing(draft({ attachments, body: '正文。\n附件：流程图' }))[0]?.message).toContain('1 个附件');
    expect(checkOutgoing(draft({ attachments: [{ title: '流程图' }], body: '正文。\n附件1：流程图' }))[0]?.fix?.replacement).toBe('附件：1.');
  });
  it('F10 attachment names: no end punctuation (error), no numbering or file extension (warning)', () => {
    const f = checkOutgoing(draft({ attachments: [{ title: '流程图。' }, { title: '附件2 对照表.xlsx' }] }));
    expect(f.filter((x) => x.field === 'attachments').map((x) => `${x.rule}:${x.severity}`)).toEqual(
      expect.arrayContaining(['F10:error', 'F10W:warning', 'F10W:warning']),
    );
    expect(checkOutgoing(draft({ attachments: [{ title: '附件材料清单' }, { title: '1号楼改造方案' }] }))).toEqual([]);
  });
  it('F02 a 密级 mark in the text is refused', () => {
    expect(rules(checkOutgoing(draft({ body: '机密★1年\n正文。' })))).toContain('F02');
  });
  it('F05 上行文 with a 文号 needs 签发人', () => {
    const up = draft({
      docType: '报告',
      title: '关于2026年工作情况的报告',
      mainRecipients: ['财政部'],
      body: '现将有关情况报告如下。\n特此报告。',
      docNumber: '财监〔2026〕3号',
    });
    expect(rules(checkOutgoing(up))).toEqual(['F05']);
    expect(checkOutgoing({ ...up, issuer: '王某某' })).toEqual([]);
  });
});

describe('文字关', () => {
  it('T01 unmatched brackets and quotes, with multi-paragraph quotations allowed', () => {
    expect(checkOutgoing(draft({ body: '按照《办法（试行）》执行（见附件。' })).map((x) => x.range)).toEqual([{ start: 12, end: 13 }]);
    expect(rules(checkOutgoing(draft({ body: '要求“严格执行。' })))).toEqual(['T01']);
    expect(rules(checkOutgoing(draft({ body: '见附件）。' })))).toEqual(['T01']);
    expect(checkOutgoing(draft({ body: '“第一段。\n“第二段。”' }))).toEqual([]);
    expect(checkOutgoing(draft({ body: '【重要】按“三重一大”‘集体决策’要求。' }))).toEqual([]);
  });
  it('T02 half-width punctuation between 汉字, but not in numbers, times and URLs', () => {
    const f = checkOutgoing(draft({ body: '各处室,请于10:30前报送;逾期不候!\n详见(附件)。\n网址https://www.mof.gov.cn/a,b;c，金额1,000.50元，比例1.5倍。' }));
    expect(f.map((x) => x.fix?.replacement)).toEqual(['，', '；', '！', '（附件）']);
    expect(checkOutgoing(fixAll(draft({ body: '各处室,请报送;逾期不候!' })))).toEqual([]);
  });
  it('T03 repeated characters: typos flagged, reduplication and word boundaries not', () => {
    expect(checkOutgoing(draft({ body: '做好的的工作。' }))[0]).toMatchObject({ rule: 'T03', severity: 'warning', range: { start: 2, end: 4 } });
    expect(rules(checkOutgoing(draft({ body: '已经完成了了。' })))).toEqual(['T03']);
    expect(rules(checkOutgoing(draft({ body: '加强工作工作。' })))).toEqual(['T03']);
    const fine = '常常看看，人人天天，等等。为了了解情况，实现目的的手段，所有有关单位，不了了之，的的确确，研究研究，一步一步，存在在哪里。';
    expect(checkOutgoing(draft({ body: fine }))).toEqual([]);
    expect(checkOutgoing(draft({ body: '请报送。。\n如下：：' })).map((x) => `${x.rule}:${x.fix?.replacement ?? ''}`)).toEqual(['T03P:。', 'T03P:：']);
  });
  it('T04 full-width digits and a wrong zero in 汉字 numerals', () => {
    const f = checkOutgoing(draft({ body: '于２０２６年报送，二O二六年，二○二六年。' }));
    expect(f.map((x) => `${x.rule}:${x.fix?.replacement ?? ''}`)).toEqual(['T04:2026', 'T04:〇', 'T04:〇']);
  });
  it('T06 one kind of number written both ways is a warning; words, ordinals, approximations and set phrases are not counts', () => {
    const years = checkOutgoing(draft({ body: '2026年度决算工作于二〇二七年一月底前完成。' }));
    expect(years.map((x) => `${x.rule}:${x.severity}:${x.fix?.replacement ?? ''}`)).toEqual(['T06:warning:2027']);
    const counts = checkOutgoing(draft({ body: '共检查3项资金，发现五项问题，另有十二个单位未报送，已约谈12个单位。' }));
    expect(counts.map((x) => `${x.rule}:${x.message.slice(0, 12)}`)).toEqual(['T06:计数“五项”与“3项”写', 'T06:计数“十二个”与“12个']);
    expect(counts.every((x) => x.severity === 'warning' && !x.fix && x.range)).toBe(true);
    const fine = [
      '共检查3项资金，统一项目管理，一个单位、两个处室，第三项、第四条，三四个单位，几十项问题。',
      '落实中央八项规定精神，增强“四个意识”，检查12个单位。',
      '监管三处牵头，涉及3处问题。2026年度工作。',
    ].join('\n');
    expect(checkOutgoing(draft({ body: fine })).filter((x) => x.rule === 'T06')).toEqual([]);
    // One form throughout is consistent either way.
    expect(checkOutgoing(draft({ body: '发现五项问题，整改三项。' })).filter((x) => x.rule === 'T06')).toEqual([]);
  });
  it('T05 stray spaces only where certain', () => {
    expect(rules(checkOutgoing(draft({ body: '各处室、 各单位于2026 年报送。' })))).toEqual(['T05', 'T05']);
    expect(checkOutgoing(draft({ body: '黄　卫　　科技部副部长\n中共中央办公厅 国务院办公厅' }))).toEqual([]);
  });
});

describe('程序关', () => {
  const qingshi = (over: Partial<OutgoingCheckInput> = {}) =>
    draft({
      docType: '请示',
      title: '财政部某某监管局关于购置业务用车的请示',
      mainRecipients: ['财政部'],
      body: '因业务需要，拟购置业务用车1辆，所需经费在年度预算中列支。\n妥否，请批示。',
      contact: { name: '张三', phone: '010-12345678' },
      ...over,
    });
  it('a proper 请示 is clean', () => {
    expect(checkOutgoing(qingshi())).toEqual([]);
  });
  it('P01 exactly one 主送', () => {
    expect(rules(checkOutgoing(qingshi({ mainRecipients: ['财政部', '财政部监督评价局'] })))).toEqual(['P01']);
    expect(rules(checkOutgoing(qingshi({ mainRecipients: [] })))).toEqual(['P01']);
  });
  it('P02 several requests → warning', () => {
    const f = checkOutgoing(qingshi({ body: '一、拟购置业务用车，请予批准。\n二、拟增加编制，请批准。\n妥否，请批示。' }));
    expect(f.find((x) => x.rule === 'P02')?.severity).toBe('warning');
  });
  it('P03 contact line from the field or the body', () => {
    const { contact: _omit, ...noContact } = qingshi();
    expect(rules(checkOutgoing(noContact))).toEqual(['P03']);
    expect(checkOutgoing({ ...noContact, body: `${noContact.body}\n联系人：张三，电话：010-12345678` })).toEqual([]);
  });
  it('P04 a 报告 carries no request; “请批转” is a warning; “报请批准” is not a request', () => {
    const report = (body: string) => draft({ docType: '报告', title: '关于2026年工作情况的报告', mainRecipients: ['财政部'], body });
    expect(checkOutgoing(report('工作情况如上。\n妥否，请批示。'))).toMatchObject([{ rule: 'P04', severity: 'error' }]);
    expect(checkOutgoing(report('以上报告，请审批。'))).toMatchObject([{ rule: 'P04', severity: 'error' }]);
    expect(checkOutgoing(report('以上意见如无不妥，请批转各地执行。'))).toMatchObject([{ rule: 'P04', severity: 'warning' }]);
    expect(checkOutgoing(report('该项目已报请批准。\n特此报告。'))).toEqual([]);
  });
  it('P05 上行文 not copied to subordinates or the bureau’s divisions; 财政部 is superior', () => {
    const f = checkOutgoing(qingshi({ copyTo: ['财政部监督评价局', '综合处', '局内各处室'] }));
    expect(f.filter((x) => x.rule === 'P05').map((x) => x.index)).toEqual([1, 2]);
    // 意见 addressed to 财政部 is 上行文 and gets the same rule.
    const yijian = draft({ docType: '意见', title: '关于改进监管工作的意见', mainRecipients: ['财政部'], copyTo: ['综合处'] });
    expect(rules(checkOutgoing(yijian))).toEqual(['P05']);
    expect(checkOutgoing({ ...yijian, mainRecipients: ['各处室'] })).toEqual([]);
  });
  it('P06 下行文种 addressed to 财政部 is a warning; other 监管局 are peers', () => {
    expect(checkOutgoing(draft({ mainRecipients: ['财政部'] }))).toMatchObject([{ rule: 'P06', severity: 'warning' }]);
    expect(checkOutgoing(draft({ mainRecipients: ['财政部各地监管局'] }))).toEqual([]);
  });
  it('P07 reviews and co-signs before sign-off', () => {
    const f = checkOutgoing(draft({ procedure: { divisionReviewed: false, officeReviewed: false, cosignsPending: ['综合处'] } }));
    expect(f.map((x) => x.rule)).toEqual(['P07', 'P07', 'P07']);
    expect(hasBlockingFindings(f)).toBe(true);
    expect(checkOutgoing(draft({ procedure: { divisionReviewed: true, officeReviewed: true, cosignsPending: [] } }))).toEqual([]);
  });
});

describe('speed', () => {
  it('checks a long notice in well under 2 ms (figure printed)', () => {
    const input = outgoingCheckInputSchema.parse(JSON.parse(readFileSync(resolve(FIXTURES, 'long-notice.json'), 'utf8')));
    expect(errors(checkOutgoing(input))).toEqual([]);
    for (let i = 0; i < 200; i++) checkOutgoing(input);
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) checkOutgoing(input);
    const per = (performance.now() - t0) / n;
    console.log(`[checker] ${input.body.length} 字正文（约5页）: ${per.toFixed(3)} ms/次（${n} 次平均）`);
    expect(per).toBeGreaterThan(0);
  });
});
