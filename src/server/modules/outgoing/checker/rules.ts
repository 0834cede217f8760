/**
 * The checker's rules in one table. Rule ids are stable: the web client keys
 * its help text on them, and tests and the false-alarm corpus refer to them.
 * F = 形式关 (GB/T 9704-2012 and REFERENCE.md §2.4 ids where one exists),
 * T = 文字关, P = 程序关 (条例第十五、二十二、二十五条).
 *
 * Severity is `error` only where the defect is certain from the text; a rule
 * that needs judgement (a repeated character may be intended) is a warning,
 * so sign-off (refused on errors) is never blocked by a guess.
 */
export type RuleArea = 'form' | 'text' | 'procedure';
export type Severity = 'error' | 'warning';

export interface RuleInfo {
  area: RuleArea;
  /** The severity the rule normally reports; a rule may downgrade a case to warning (noted). */
  severity: Severity;
  title: string;
  basis: string;
}

export const RULES = {
  // —— 形式关 ——
  F02: { area: 'form', severity: 'error', title: '标题或正文出现密级标志（本系统只处理非密和内部事项）', basis: '条例第九条；保密法；REFERENCE §6.2' },
  F04: { area: 'form', severity: 'error', title: '发文字号为“机关代字〔年份〕序号号”：六角括号、年份四位、无“第”、序号不编虚位', basis: 'GB/T 9704 7.2.5' },
  F04L: { area: 'form', severity: 'warning', title: '“第N号”令号只用于命令（令）', basis: 'GB/T 9704 10.2' },
  F05: { area: 'form', severity: 'warning', title: '上行文须标注签发人；签发人为姓名', basis: '条例第九条、第二十二条；GB/T 9704 7.2.6' },
  F06: { area: 'form', severity: 'error', title: '标题以所选文种结尾（其后可有圆括号说明），末尾无标点，无空格', basis: '条例第九条；GB/T 9704 7.3.1' },
  F06W: { area: 'form', severity: 'warning', title: '标题宜为“（发文机关）关于……的文种”结构（只在“关于”之后没有“的”时提示）', basis: '条例第九条' },
  F08: {
    area: 'form',
    severity: 'error',
    title: '主送、抄送每项为一个机关名称，不带分隔或结尾标点（系统排版时加“、”“：”“。”）',
    basis: 'GB/T 9704 7.3.2、7.4.2',
  },
  F08E: { area: 'form', severity: 'warning', title: '除公告、通告、公报、命令、决议、纪要外应有主送机关', basis: 'GB/T 9704 7.3.2' },
  F09: { area: 'form', severity: 'error', title: '层次序数依次为“一、”“（一）”“1.”“（1）”，全角括号，各层连续', basis: 'GB/T 9704 7.3.3' },
  F09S: { area: 'form', severity: 'warning', title: '层次序数跳级（如“一、”下直接用“1.”）', basis: 'GB/T 9704 7.3.3' },
  F10: { area: 'form', severity: 'error', title: '附件说明为“附件：名称”或“附件：1.名称”，名称后无标点，与附件列表一致', basis: 'GB/T 9704 7.3.4、7.3.7' },
  F10W: { area: 'form', severity: 'warning', title: '附件名称不带序号、文件扩展名', basis: 'GB/T 9704 7.3.4' },
  F11: { area: 'form', severity: 'error', title: '成文日期用阿拉伯数字，年份全称，月日不编虚位；2012年7月1日前的汉字日期只作提醒', basis: 'GB/T 9704 7.3.5.4' },
  F11B: { area: 'form', severity: 'warning', title: '正文中日期的月、日不编虚位', basis: 'GB/T 9704 7.3.5.4；GB/T 15835' },
  F14: { area: 'form', severity: 'error', title: '文种须为《党政机关公文处理工作条例》第八条规定的15种之一', basis: '条例第八条' },
  F15: { area: 'form', severity: 'error', title: '主送与抄送不重复', basis: 'GB/T 9704 7.3.2、7.4.2' },
  // —— 文字关 ——
  T01: { area: 'text', severity: 'error', title: '括号、书名号、引号成对', basis: 'GB/T 15834' },
  T02: { area: 'text', severity: 'error', title: '汉字之间使用全角标点，不用半角 , . ; : ? ! ( )', basis: 'GB/T 15834' },
  T03: { area: 'text', severity: 'warning', title: '疑似重复字词（的的、了了、工作工作；常常、看看等叠词除外）', basis: '条例第二十条（文字）' },
  T03P: { area: 'text', severity: 'error', title: '重复标点（，，。。等；……和——除外）', basis: 'GB/T 15834' },
  T04: { area: 'text', severity: 'error', title: '数字用半角阿拉伯数字，不用全角数字；汉字数字中的零写“〇”', basis: 'GB/T 15835' },
  T06: { area: 'text', severity: 'warning', title: '同一文件中同类数字写法一致（2026年与二〇二六年、3项与五项不混用）', basis: 'GB/T 15835' },
  T05: { area: 'text', severity: 'warning', title: '汉字之间多余的空格', basis: 'GB/T 9704 7.3.3' },
  // —— 程序关 ——
  P01: { area: 'procedure', severity: 'error', title: '请示只主送一个机关', basis: '条例第十五条（一）（四）' },
  P02: { area: 'procedure', severity: 'warning', title: '请示一文一事（出现多处请求用语）', basis: '条例第十五条（四）' },
  P03: { area: 'procedure', severity: 'error', title: '请示注明联系人和电话', basis: 'GB/T 9704-1999 附注惯例；本局发文规定' },
  P04: { area: 'procedure', severity: 'error', title: '报告不得夹带请示事项（“请批转”只作提醒）', basis: '条例第十五条（四）' },
  P05: { area: 'procedure', severity: 'error', title: '上行文不抄送下级机关或本局内设处室', basis: '条例第十五条（一）' },
  P06: { area: 'procedure', severity: 'warning', title: '上行文原则上只主送一个上级机关；文种方向与主送机关相符', basis: '条例第十五、十六条' },
  P07: { area: 'procedure', severity: 'error', title: '签发前须完成处室核稿、办公室核稿和全部会签', basis: '条例第二十、二十二条' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/**
 * Rules of REFERENCE §2.4 that the checker does not run, and why:
 * F01 份号 and F03 紧急程度 — not typed: the system prints them from the
 * classification/urgency choice, which the schema restricts; F07 is P01+P05;
 * F12 附注/抄送/印发 punctuation and F13 页码/geometry — produced by the layout
 * (layout/gongwen-docx.ts), not by the drafter. F14 runs only on
 * `POST /api/outgoing/check`: a stored draft's 文种 is one of the 15 by schema.
 */
export const NOT_RUN = ['F01', 'F03', 'F07', 'F12', 'F13'] as const;
