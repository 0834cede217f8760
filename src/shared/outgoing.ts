import { z } from 'zod';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { URGENCY_LABELS, urgencySchema } from './urgency.js';

/**
 * 发文 shapes shared by the server (checker, outgoing module) and the web
 * client (draft form, findings panel). The outgoing module builds its stored
 * draft on `outgoingDraftSchema`; the checker takes `outgoingCheckInputSchema`.
 */

/**
 * The 15 文种 of 《党政机关公文处理工作条例》第八条. 命令（令） is stored as
 * `命令`; a title may end in either 命令 or 令.
 */
export const DOC_TYPES = ['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export const docTypeSchema = z.enum(DOC_TYPES, { error: '文种须为《党政机关公文处理工作条例》规定的15种之一' });
export type DocType = z.infer<typeof docTypeSchema>;

/** 行文方向: 上行文 / 下行文 / 平行文. */
export const DIRECTIONS = ['up', 'down', 'parallel'] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

export const DIRECTION_LABELS: Record<Direction, string> = { up: '上行文', down: '下行文', parallel: '平行文' };

/**
 * The direction each 文种 normally has (条例第八条). 意见 may go any way and
 * 公报/公告/通告/决议/纪要 have no addressee relation; both default to `down`
 * and the drafter (or the 主送 list, see the checker) overrides.
 */
export const DOC_TYPE_DIRECTION: Record<DocType, Direction> = {
  决议: 'down',
  决定: 'down',
  命令: 'down',
  公报: 'down',
  公告: 'down',
  通告: 'down',
  意见: 'down',
  通知: 'down',
  通报: 'down',
  报告: 'up',
  请示: 'up',
  批复: 'down',
  议案: 'up',
  函: 'parallel',
  纪要: 'down',
};

/** 版式 of the printed document (GB/T 9704 §7, 10.1, 10.3); `?format=` on the downloads. */
export const PRINT_FORMATS = ['standard', 'letter', 'minutes'] as const;
export type PrintFormat = (typeof PRINT_FORMATS)[number];
export const PRINT_FORMAT_LABELS: Record<PrintFormat, string> = { standard: '文件格式', letter: '信函格式', minutes: '纪要格式' };

/**
 * The 版式 a document may print in, its default first: a 纪要 only as 纪要 and
 * no other 文种 as 纪要; a 函 as 信函 unless chosen otherwise; never 信函 for a
 * 命令（令） (it has its own format) or a 上行文 (信函 has no 签发人 line).
 * The server refuses the others with its reason (layout/from-draft.ts).
 */
export function printFormatsFor(docType: DocType, direction: Direction): PrintFormat[] {
  if (docType === '纪要') return ['minutes'];
  const letter = docType !== '命令' && direction !== 'up';
  if (docType === '函' && letter) return ['letter', 'standard'];
  return letter ? ['standard', 'letter'] : ['standard'];
}

export const CLASSIFICATIONS = ['none', 'internal'] as const;
export const DISCLOSURES = ['public', 'on_request', 'not_public'] as const;

/** The one urgency list (./urgency.ts), re-exported while the client still imports it from here. */
export { URGENCIES } from './urgency.js';

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what}最多 ${max} 个字符` });
const required = (max: number, what: string) => text(max, what).min(1, { error: `请填写${what}` });

/** One addressee as printed (机关全称、规范化简称或同类型机关统称). */
export const recipientSchema = required(100, '机关名称');

export const contactSchema = z.strictObject({
  name: required(20, '联系人姓名'),
  phone: required(40, '联系电话'),
});

export const attachmentRefSchema = z.strictObject({ title: required(200, '附件名称') });

/** The body is plain text, one paragraph per line; 层次序数 are typed at the start of a line. */
export const outgoingDraftSchema = z.strictObject({
  docType: docTypeSchema,
  title: required(200, '标题'),
  mainRecipients: z.array(recipientSchema).max(200, { error: '主送机关最多 200 个' }),
  copyTo: z.array(recipientSchema).max(200, { error: '抄送机关最多 200 个' }),
  body: text(100_000, '正文'),
  attachments: z.array(attachmentRefSchema).max(50, { error: '附件最多 50 个' }),
  classification: z.enum(CLASSIFICATIONS, { error: '密级只能是非密或内部' }),
  urgency: urgencySchema,
  disclosure: z.enum(DISCLOSURES, { error: '公开属性只能是主动公开、依申请公开或不予公开' }),
  cosignDivisionIds: z.array(required(64, '会签处室')).max(50),
  contact: contactSchema.optional(),
});
export type OutgoingDraft = z.infer<typeof outgoingDraftSchema>;

/** What the workflow knows about the approval chain when it asks 程序关. */
export const procedureContextSchema = z.strictObject({
  divisionReviewed: z.boolean(),
  officeReviewed: z.boolean(),
  /** Names (or ids) of co-sign divisions that have not signed yet. */
  cosignsPending: z.array(required(64, '会签处室')).max(50),
});
export type ProcedureContext = z.infer<typeof procedureContextSchema>;

/**
 * `POST /api/outgoing/check`: the draft plus elements as they would be
 * printed, when the caller has them (the system fills them at sign-off).
 */
export const outgoingCheckInputSchema = z.strictObject({
  ...outgoingDraftSchema.shape,
  docNumber: text(60, '发文字号').optional(),
  signDate: text(30, '成文日期').optional(),
  issuer: text(60, '签发人').optional(),
  direction: directionSchema.optional(),
  procedure: procedureContextSchema.optional(),
});
export type OutgoingCheckInput = z.infer<typeof outgoingCheckInputSchema>;

/** Field names a finding can point at (the body's offsets are in `body`). */
export const FINDING_FIELDS = [
  'docType',
  'title',
  'mainRecipients',
  'copyTo',
  'body',
  'attachments',
  'docNumber',
  'signDate',
  'issuer',
  'contact',
  'procedure',
  'classification',
] as const;
export const findingFieldSchema = z.enum(FINDING_FIELDS);
export type FindingField = z.infer<typeof findingFieldSchema>;

export const findingSchema = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  field: findingFieldSchema,
  /** For list fields (主送、抄送、附件): which item. */
  index: z.number().int().nonnegative().optional(),
  message: z.string(),
  suggestion: z.string().optional(),
  /** Offsets in the field's text (UTF-16 code units, end exclusive). */
  range: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
  /** Present only where the fix is certain: replace [start,end) of the field (or item `index`) with `replacement`. */
  fix: z
    .object({
      field: findingFieldSchema,
      index: z.number().int().nonnegative().optional(),
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      replacement: z.string(),
    })
    .optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const checkResultSchema = z.object({ findings: z.array(findingSchema) });
export type CheckResult = z.infer<typeof checkResultSchema>;

// ───────────────────────── the 发文 workflow (module `outgoing`) ─────────────────────────

export const OUTGOING_STATES = ['draft', 'division_review', 'cosign', 'office_review', 'signoff', 'numbered', 'issued', 'archived'] as const;
export type OutgoingState = (typeof OUTGOING_STATES)[number];
export const outgoingStateSchema = z.enum(OUTGOING_STATES, { error: '状态不正确' });
export const OUTGOING_STATE_LABELS: Record<OutgoingState, string> = {
  draft: '拟稿',
  division_review: '处室核稿',
  cosign: '会签',
  office_review: '办公室核稿',
  signoff: '待签发',
  numbered: '已编号',
  issued: '已核发',
  archived: '已归档',
};

export const OUTGOING_ACTION_LABELS = {
  submit: '送核',
  approve: '核稿通过',
  cosign: '会签',
  return: '退回修改',
  sign: '签发',
  reopen: '退回签发人复审',
  issue: '核发',
  archive: '归档',
} as const;
export type OutgoingAction = keyof typeof OUTGOING_ACTION_LABELS;

export const CLASSIFICATION_LABELS: Record<(typeof CLASSIFICATIONS)[number], string> = { none: '非密', internal: '内部' };
export const DISCLOSURE_LABELS: Record<(typeof DISCLOSURES)[number], string> = { public: '主动公开', on_request: '依申请公开', not_public: '不予公开' };
/** The urgency labels of ./urgency.ts under the name the client still imports. */
export const URGENCY_NAMES = URGENCY_LABELS;

/** `POST /api/outgoing`: a draft as API.md lists it. */
export const outgoingCreateSchema = outgoingDraftSchema;
export type OutgoingCreate = OutgoingDraft;

/** `PUT /api/outgoing/<id>`: the whole draft again, with the version the editor read. */
export const outgoingUpdateSchema = z.strictObject({
  ...outgoingDraftSchema.shape,
  version: z.number({ error: '版本号须为数字' }).int().min(0),
  /** What changed in this round, in the drafter's words (修改说明). */
  note: text(200, '修改说明').optional(),
});
export type OutgoingUpdate = z.infer<typeof outgoingUpdateSchema>;

const named = z.object({ id: z.string(), name: z.string() });

export const cosignStatusSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  comment: z.string().nullable(),
});

export const distributionSchema = z.strictObject({
  /** 印制份数 */
  copies: z
    .number({ error: '印制份数须为数字' })
    .int({ error: '印制份数须为整数' })
    .min(1, { error: '印制份数至少 1 份' })
    .max(10_000, { error: '印制份数最多 10000 份' }),
  /** 分送范围: who received it, in the order sent. */
  recipients: z.array(required(100, '分送单位')).max(500, { error: '分送单位最多 500 个' }),
  note: text(500, '分发说明').optional(),
});
export type Distribution = z.infer<typeof distributionSchema>;

/** 发文's rights on one document: attachments, and saving a new version (`PUT /api/outgoing/<id>`). */
export const outgoingRightsSchema = objectRightsSchema.extend({ canEdit: z.boolean() });
export type OutgoingRights = z.infer<typeof outgoingRightsSchema>;

/** The module's fields of `GET /api/outgoing/<id>` (id, state, version, history and actions are added). */
export const outgoingFieldsSchema = z.object({
  draft: outgoingDraftSchema,
  direction: directionSchema,
  draftingUnit: named,
  drafter: named,
  createdAt: z.string(),
  /** 第 N 稿: the number of the latest saved version. */
  round: z.number().int(),
  docNumber: z.string().nullable(),
  /** 成文日期 as printed (2026年11月26日) and as a date. */
  signDate: z.string().nullable(),
  signDateIso: z.string().nullable(),
  signer: z.string().nullable(),
  /** The leader whose signature a 上行文 needs (主要负责人). */
  requiredSigner: named.nullable(),
  divisionReviewed: z.boolean(),
  officeReviewed: z.boolean(),
  cosigns: z.array(cosignStatusSchema),
  returnComment: z.string().nullable(),
  distribution: distributionSchema.nullable(),
  issuedAt: z.string().nullable(),
  retention: z.string().nullable(),
  archivalNo: z.string().nullable(),
  archivedAt: z.string().nullable(),
  /** Error-severity findings of the stored draft right now (sign-off is refused while > 0). */
  blockingFindings: z.number().int(),
  /** May the reader save a new version now (drafter while drafting, reviewers at their step, the office after numbering)? The same as `rights.canEdit`. */
  canEdit: z.boolean(),
  /** What the reader may do with the document now, from the module's policy. */
  rights: outgoingRightsSchema,
});
export type OutgoingFields = z.infer<typeof outgoingFieldsSchema>;

export const outgoingListQuerySchema = z.strictObject({
  state: outgoingStateSchema.optional(),
  q: text(100, '关键词').optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...pagingShape(MODULE_PAGING),
});
export type OutgoingListQuery = z.infer<typeof outgoingListQuerySchema>;

export const outgoingListItemSchema = z.object({
  id: z.string(),
  docType: docTypeSchema,
  title: z.string(),
  state: outgoingStateSchema,
  version: z.number().int(),
  urgency: urgencySchema,
  draftingUnit: z.string(),
  drafter: z.string(),
  docNumber: z.string().nullable(),
  signDate: z.string().nullable(),
  updatedAt: z.string(),
  round: z.number().int(),
});
export type OutgoingListItem = z.infer<typeof outgoingListItemSchema>;
export const outgoingListSchema = z.object({
  items: z.array(outgoingListItemSchema),
  total: z.number().int(),
  /** 拟稿 (a division's staff, its head, the office), from the module's policy. */
  rights: listRightsSchema,
});
export type OutgoingList = z.infer<typeof outgoingListSchema>;

/** One saved version (稿) of the draft. */
export const outgoingVersionSchema = z.object({
  round: z.number().int(),
  state: z.string(),
  author: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  draft: outgoingDraftSchema,
});
export type OutgoingVersion = z.infer<typeof outgoingVersionSchema>;
export const outgoingVersionListSchema = z.object({ items: z.array(outgoingVersionSchema.omit({ draft: true }).extend({ title: z.string() })) });

/** A line of the 修改痕迹 between two versions; changed lines carry their character pieces. */
export const diffPieceSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const diffLineSchema = z.object({
  op: z.enum(['equal', 'insert', 'delete', 'change']),
  /** For equal/insert/delete: the line; for change: the pieces from old to new. */
  text: z.string().optional(),
  pieces: z.array(diffPieceSchema).optional(),
});
export type DiffPiece = z.infer<typeof diffPieceSchema>;
export type DiffLine = z.infer<typeof diffLineSchema>;
export const outgoingDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), lines: z.array(diffLineSchema) })),
});
export type OutgoingDiff = z.infer<typeof outgoingDiffSchema>;
export const diffQuerySchema = z.strictObject({
  from: z.coerce.number({ error: '版本须为数字' }).int().min(1).max(100_000),
  to: z.coerce.number({ error: '版本须为数字' }).int().min(1).max(100_000),
});

export const outgoingSettingsSchema = z.object({
  /** 机关代字 of 发文字号 (财监办〔2026〕12号). */
  agencyCode: z.string(),
  /** 发文机关标志 and 署名. */
  orgName: z.string(),
  /** 主要负责人: signs every 上行文 (条例第二十二条). */
  principalLeader: named.nullable(),
  version: z.number().int(),
});
export type OutgoingSettings = z.infer<typeof outgoingSettingsSchema>;
export const outgoingSettingsUpdateSchema = z.strictObject({
  agencyCode: required(20, '机关代字').regex(/^[\u4e00-\u9fff]{1,20}$/, { error: '机关代字只能由汉字组成' }),
  orgName: required(60, '发文机关名称'),
  principalLeaderId: required(64, '主要负责人').nullable(),
  version: z.number().int().min(0),
});
export type OutgoingSettingsUpdate = z.infer<typeof outgoingSettingsUpdateSchema>;

export const outgoingOptionsSchema = z.object({
  divisions: z.array(named),
  leaders: z.array(named),
});
export type OutgoingOptions = z.infer<typeof outgoingOptionsSchema>;

/**
 * A starting point per 文种: title pattern, usual 主送 and a body skeleton
 * with the 层次序数 in order, so a drafter begins from a correct form.
 */
export interface DocTemplate {
  title: string;
  mainRecipients: string[];
  body: string;
  contact?: boolean;
}
export const DOC_TEMPLATES: Record<DocType, DocTemplate> = {
  决议: { title: '财政部某某监管局关于××的决议', mainRecipients: [], body: '××会议审议通过了××。会议认为，××。\n会议决定：\n一、××。\n二、××。' },
  决定: {
    title: '财政部某某监管局关于××的决定',
    mainRecipients: ['局内各处室'],
    body: '为××，经局党组研究，决定如下：\n一、××。\n二、××。\n本决定自印发之日起施行。',
  },
  命令: { title: '财政部某某监管局令', mainRecipients: [], body: '《××》已经××通过，现予公布，自××起施行。' },
  公报: { title: '财政部某某监管局关于××的公报', mainRecipients: [], body: '××。\n一、××。\n二、××。' },
  公告: { title: '财政部某某监管局关于××的公告', mainRecipients: [], body: '根据××，现将××公告如下：\n一、××。\n二、××。\n特此公告。' },
  通告: { title: '财政部某某监管局关于××的通告', mainRecipients: [], body: '为××，根据××，现就有关事项通告如下：\n一、××。\n二、××。\n特此通告。' },
  意见: {
    title: '财政部某某监管局关于××的意见',
    mainRecipients: ['局内各处室'],
    body: '为××，现提出如下意见。\n一、总体要求\n××。\n二、主要任务\n（一）××。\n（二）××。\n三、保障措施\n××。',
  },
  通知: {
    title: '财政部某某监管局关于××的通知',
    mainRecipients: ['局内各处室'],
    body: '为××，根据××，现将有关事项通知如下：\n一、××\n（一）××。\n（二）××。\n二、工作要求\n××。',
  },
  通报: {
    title: '财政部某某监管局关于××情况的通报',
    mainRecipients: ['局内各处室'],
    body: '××。现将有关情况通报如下：\n一、基本情况\n××。\n二、存在的问题\n××。\n三、下一步要求\n××。',
  },
  报告: {
    title: '财政部某某监管局关于××情况的报告',
    mainRecipients: ['财政部'],
    body: '根据××要求，现将××情况报告如下：\n一、工作开展情况\n××。\n二、存在的问题\n××。\n三、下一步工作安排\n××。\n特此报告。',
  },
  请示: {
    title: '财政部某某监管局关于××的请示',
    mainRecipients: ['财政部'],
    body: '为××，根据××，拟××。现将有关情况请示如下：\n一、基本情况\n××。\n二、请示事项\n××。\n妥否，请批示。',
    contact: true,
  },
  批复: { title: '财政部某某监管局关于××的批复', mainRecipients: [], body: '你单位《关于××的请示》收悉。经研究，现批复如下：\n一、××。\n二、××。\n此复。' },
  议案: { title: '关于提请审议××的议案', mainRecipients: [], body: '为××，××起草了《××（草案）》。现提请审议。' },
  函: { title: '财政部某某监管局关于××的函', mainRecipients: [], body: '为××，现就××函商如下：\n一、××。\n二、××。\n请予支持为盼。' },
  // The 出席/请假/列席 lines may stand anywhere in the body: the printer lifts them out and lays them out under it (GB/T 9704 10.3).
  纪要: {
    title: '××会议纪要',
    mainRecipients: [],
    body: '××年××月××日，××主持召开××会议，研究××。现纪要如下：\n一、××。\n二、××。\n出席：××、××、××\n请假：××\n列席：××、××',
  },
};
