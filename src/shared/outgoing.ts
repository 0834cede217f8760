import { z } from 'zod';

/**
 * 发文 shapes shared by the server (checker, outgoing module) and the web
 * client (draft form, findings panel). The outgoing module builds its stored
 * draft on `outgoingDraftSchema`; the checker takes `outgoingCheckInputSchema`.
 */

/**
 * The 15 文种 of 《党政机关公文处理工作条例》第八条. 命令（令） is stored as
 * `命令`; a title may end in either 命令 or 令.
 */
export const DOC_TYPES = [
  '决议',
  '决定',
  '命令',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
] as const;
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

export const CLASSIFICATIONS = ['none', 'internal'] as const;
export const URGENCIES = ['normal', 'urgent', 'extra_urgent'] as const;
export const DISCLOSURES = ['public', 'on_request', 'not_public'] as const;

/** Printed marks: 非密 prints nothing; 内部 is not a 密级 and is not printed in the 版头 either. */
export const URGENCY_LABELS: Record<(typeof URGENCIES)[number], string> = { normal: '', urgent: '加急', extra_urgent: '特急' };

const text = (max: number, what: string) => z.string().trim().max(max, { error: `${what}最多 ${max} 个字符` });
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
  urgency: z.enum(URGENCIES, { error: '紧急程度只能是普通、加急或特急' }),
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
