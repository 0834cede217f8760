/*
 * The 保密自查 checklists as data (REFERENCE §6.3: 处室 11方面34项, 个人 7方面19项).
 * REFERENCE gives the aspects and counts, not the items' wording: these texts
 * are ours (issue 18), to be reviewed by the bureau's 保密员. Codes are
 * `<方面>.<n>` in this order; a campaign copies the items it was started with.
 */

export const TEMPLATE_KEYS = ['division', 'personal'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface TemplateItem {
  code: string;
  text: string;
}
export interface TemplateSection {
  code: string;
  name: string;
  items: TemplateItem[];
}
export interface Template {
  key: TemplateKey;
  name: string;
  sections: TemplateSection[];
  itemCount: number;
}

function build(key: TemplateKey, name: string, spec: ReadonlyArray<readonly [string, readonly string[]]>): Template {
  const sections = spec.map(([sectionName, texts], i) => ({
    code: String(i + 1),
    name: sectionName,
    items: texts.map((text, j) => ({ code: `${i + 1}.${j + 1}`, text })),
  }));
  return { key, name, sections, itemCount: sections.reduce((n, s) => n + s.items.length, 0) };
}

export const DIVISION_TEMPLATE = build('division', '处室保密自查表', [
  ['责任制落实', ['主要负责人履行第一责任人职责', '纳入年度计划、同部署同检查', '明确兼职保密员、签订责任书', '定期研究和检查保密工作']],
  ['涉密人员', ['岗位和人员确定并备案', '签订保密承诺书', '出国（境）按规定审批', '离岗离职清退载体、执行脱密期']],
  ['国家秘密定密', ['依据保密事项范围定密', '密级、期限、知悉范围标注规范', '每年审核、及时变更解密']],
  ['工作秘密', ['经负责人批准并书面记录', '标注“内部”、妥善保管']],
  ['涉密文件', ['收发逐件登记', '存放保密柜、人离锁柜', '借阅传阅审批登记、按期归还', '复制经批准、加盖复制戳记', '销毁审批登记、送销毁机构']],
  [
    '信息设备',
    [
      '涉密计算机与互联网物理隔离',
      '非涉密计算机不处理涉密信息',
      '不用互联网邮箱、即时通信、公共云处理涉密信息',
      '移动存储介质分类登记',
      '涉密与非涉密设备不共用打印机',
    ],
  ],
  ['要害部门部位', ['落实人防物防技防', '进出登记、禁带手机']],
  ['涉密会议活动', ['场所符合保密要求', '材料编号发放、会后清退', '禁用手机和无线设备']],
  ['涉外', ['对外提供资料经保密审查', '涉外活动前保密提醒']],
  ['涉密科研项目', ['签订保密协议、全程管理']],
  ['宣传报道和信息公开保密审查', ['信息公开前保密审查', '网站和新媒体发布经审核', '未公开文件不报道不引用、不用手机拍传']],
]);

export const PERSONAL_TEMPLATE = build('personal', '个人保密自查表', [
  ['岗位与承诺', ['知悉本人岗位涉密等级', '遵守保密承诺书', '不打听、不传播知悉范围外事项']],
  ['教育培训', ['参加保密培训和考试', '掌握保密法规和本局制度']],
  ['重大事项报告', ['按规定报告个人重大事项', '发现泄密隐患及时报告', '与境外人员交往按规定报告']],
  ['出国（境）管理', ['因私出国（境）审批、证件交组织保管', '出行前接受保密提醒']],
  ['定密与标志', ['按程序拟定密级', '涉密文件含过程稿标注密级', '非涉密材料不标国家秘密标志']],
  ['涉密载体管理', ['随用随锁、不带回家', '不私自复制留存销毁', '借阅按期归还']],
  ['信息设备使用', ['不卸载安全防护程序', '涉密计算机不连手机、不上互联网', '不用互联网邮箱、即时通信、公共云处理涉密信息']],
]);

export const TEMPLATES: Record<TemplateKey, Template> = { division: DIVISION_TEMPLATE, personal: PERSONAL_TEMPLATE };
