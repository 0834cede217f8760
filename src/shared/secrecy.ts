import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';

/*
 * 保密 — 涉密载体登记簿 (kind `carrier`): the shapes the server validates and
 * the client sends and shows (../shared/api/secrecy.md). The register holds
 * metadata of paper carriers only; 密级 appears only as this enum.
 * 保密自查 lives in secrecy.inspection.ts, personnel, training, refusals and the
 * dashboard in secrecy.people.ts.
 */

export const CLASSIFICATIONS = ['top_secret', 'confidential', 'secret'] as const;
export const classificationSchema = z.enum(CLASSIFICATIONS, { error: '密级只能是绝密、机密或秘密' });
export type Classification = z.infer<typeof classificationSchema>;
export const CLASSIFICATION_LABELS: Record<Classification, string> = { top_secret: '绝密', confidential: '机密', secret: '秘密' };
/** 保密期限的最长年限 (REFERENCE §6.1): 绝密 30, 机密 20, 秘密 10. */
export const MAX_PERIOD_YEARS: Record<Classification, number> = { top_secret: 30, confidential: 20, secret: 10 };

export const CARRIER_STATES = [
  'in_custody',
  'lent',
  'withdrawal_pending',
  'withdrawal_approved',
  'withdrawn',
  'destruction_pending',
  'destruction_approved',
  'destroyed',
  'declassified',
  'voided',
] as const;
export const carrierStateSchema = z.enum(CARRIER_STATES, { error: '状态不在可选范围内' });
export type CarrierState = z.infer<typeof carrierStateSchema>;
export const CARRIER_STATE_LABELS: Record<CarrierState, string> = {
  in_custody: '在管',
  lent: '借阅中',
  withdrawal_pending: '清退待批',
  withdrawal_approved: '清退已批',
  withdrawn: '已清退',
  destruction_pending: '销毁待批',
  destruction_approved: '销毁已批',
  destroyed: '已销毁',
  declassified: '已解密',
  voided: '已作废',
};
export const CARRIER_FINAL_STATES: readonly CarrierState[] = ['withdrawn', 'destroyed', 'declassified', 'voided'];

export const CARRIER_ACTION_LABELS: Record<string, string> = {
  create: '接收登记',
  lend: '借阅/传阅',
  return: '归还',
  request_withdrawal: '申请清退',
  approve_withdrawal: '批准清退',
  withdraw: '清退',
  request_destruction: '申请销毁',
  approve_destruction: '批准销毁',
  destroy: '销毁',
  reject: '退回申请',
  review_declassification: '解密审核',
  transfer: '移交',
  void: '作废',
};

export const CARRIER_TYPES = ['document', 'compilation', 'notebook', 'drawing', 'other'] as const;
export const carrierTypeSchema = z.enum(CARRIER_TYPES, { error: '载体类型只能是文件、汇编、笔记本、图纸或其他' });
export type CarrierType = z.infer<typeof carrierTypeSchema>;
export const CARRIER_TYPE_LABELS: Record<CarrierType, string> = { document: '文件', compilation: '汇编', notebook: '笔记本', drawing: '图纸', other: '其他' };

export const LEND_MODES = ['lend', 'circulate'] as const;
export const LEND_MODE_LABELS: Record<(typeof LEND_MODES)[number], string> = { lend: '借阅', circulate: '传阅' };
export const DESTRUCTION_METHODS = ['shred', 'destruction_center'] as const;
export const DESTRUCTION_METHOD_LABELS: Record<(typeof DESTRUCTION_METHODS)[number], string> = { shred: '粉碎', destruction_center: '送销毁机构' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });
const userId = (label: string) => required(singleLine(64, label), label);

export const carrierCreateSchema = z.strictObject({
  title: required(singleLine(200, '标题或代号'), '标题或代号'),
  classification: classificationSchema,
  copyNo: z
    .string({ error: '份号须为文字' })
    .trim()
    .regex(/^\d{1,6}$/, { error: '份号须为 1 至 6 位数字' }),
  sourceOrg: required(singleLine(100, '来文单位'), '来文单位'),
  sourceDocNumber: singleLine(50, '文号').optional(),
  issuedDate: dateSchema,
  receivedDate: dateSchema,
  custodianId: userId('保管人').optional(),
  periodYears: z
    .number({ error: '保密期限（年）须为数字' })
    .int({ error: '保密期限（年）须为整数' })
    .min(1, { error: '保密期限至少 1 年' })
    .max(30, { error: '保密期限不能超过 30 年' })
    .optional(),
  periodMonths: z
    .number({ error: '保密期限（月）须为数字' })
    .int({ error: '保密期限（月）须为整数' })
    .min(1, { error: '保密期限至少 1 个月' })
    .max(11, { error: '12 个月以上请按年填写' })
    .optional(),
  declassifyDate: dateSchema.optional(),
  declassifyCondition: singleLine(200, '解密条件').optional(),
  carrierType: carrierTypeSchema.optional(),
  pages: z.number({ error: '页数须为数字' }).int({ error: '页数须为整数' }).min(1, { error: '页数至少为 1' }).max(100_000, { error: '页数过大' }).optional(),
  remarks: multiLine(500, '备注').optional(),
});
export type CarrierCreate = z.infer<typeof carrierCreateSchema>;

// --- transition payloads -----------------------------------------------------

export const lendSchema = z.strictObject({
  borrowerId: userId('借阅人'),
  mode: z.enum(LEND_MODES, { error: '方式只能是借阅或传阅' }),
  purpose: required(singleLine(200, '用途'), '用途'),
  dueDate: dateSchema,
});
export const returnSchema = z.strictObject({ note: multiLine(500, '说明').optional() });
export const requestWithdrawalSchema = z.strictObject({
  recipientOrg: required(singleLine(100, '清退接收单位'), '清退接收单位'),
  reason: required(multiLine(500, '理由'), '理由'),
});
export const commentOptionalSchema = z.strictObject({ comment: multiLine(500, '意见').optional() });
export const commentRequiredSchema = z.strictObject({ comment: required(multiLine(500, '意见'), '意见') });
export const withdrawSchema = z.strictObject({ handedOverDate: dateSchema, receiverName: required(singleLine(50, '接收人'), '接收人') });
export const requestDestructionSchema = z.strictObject({ reason: required(multiLine(500, '理由'), '理由') });
export const destroySchema = z.strictObject({
  destroyedDate: dateSchema,
  method: z.enum(DESTRUCTION_METHODS, { error: '销毁方式只能是粉碎或送销毁机构' }),
  place: required(singleLine(100, '销毁地点'), '销毁地点'),
  executorId: userId('执行人'),
  supervisorId: userId('监销人'),
});
export const reviewDeclassificationSchema = z.strictObject({
  outcome: z.enum(['declassified', 'retained'], { error: '审核结论只能是解密或继续保密' }),
  basis: required(multiLine(500, '依据'), '依据'),
  newPeriodEnd: dateSchema.optional(),
});
export const transferSchema = z.strictObject({ custodianId: userId('新保管人'), comment: multiLine(500, '说明').optional() });
export const voidSchema = z.strictObject({ reason: required(multiLine(500, '理由'), '理由') });

// --- reads --------------------------------------------------------------------

const person = z.object({ id: z.string(), name: z.string() });

export const carrierFieldsSchema = z.object({
  number: z.string(),
  title: z.string(),
  classification: classificationSchema,
  copyNo: z.string(),
  sourceOrg: z.string(),
  sourceDocNumber: z.string().nullable(),
  issuedDate: z.string(),
  receivedDate: z.string(),
  periodYears: z.number().int().nullable(),
  periodMonths: z.number().int().nullable(),
  declassifyDate: z.string().nullable(),
  declassifyCondition: z.string().nullable(),
  periodEnd: z.string().nullable(),
  periodDefaulted: z.boolean(),
  reviewDue: z.boolean(),
  carrierType: carrierTypeSchema.nullable(),
  pages: z.number().int().nullable(),
  remarks: z.string().nullable(),
  custodian: person,
  lending: z.object({ borrower: person, mode: z.enum(LEND_MODES), purpose: z.string(), dueDate: z.string() }).nullable(),
  overdue: z.boolean(),
  approvals: z.array(z.object({ role: z.string(), userId: z.string(), name: z.string() })),
  withdrawal: z.record(z.string(), z.unknown()).nullable(),
  destruction: z.record(z.string(), z.unknown()).nullable(),
  review: z.record(z.string(), z.unknown()).nullable(),
  voided: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  rights: objectRightsSchema,
});
export type CarrierFields = z.infer<typeof carrierFieldsSchema>;

export const carrierListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  classification: classificationSchema,
  copyNo: z.string(),
  receivedDate: z.string(),
  periodEnd: z.string().nullable(),
  custodian: person,
  borrower: person.nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  reviewDue: z.boolean(),
  state: carrierStateSchema,
  version: z.number().int(),
});
export type CarrierListItem = z.infer<typeof carrierListItemSchema>;
export const carrierListSchema = z.object({ items: z.array(carrierListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type CarrierList = z.infer<typeof carrierListSchema>;

const boolQuery = z.enum(['true', 'false'], { error: '只能为 true 或 false' }).transform((v) => v === 'true');
export const carrierFilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: carrierStateSchema.optional(),
  classification: classificationSchema.optional(),
  overdue: boolQuery.optional(),
  reviewDue: boolQuery.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export const carrierListQuerySchema = carrierFilterSchema.extend(pagingShape(MODULE_PAGING));
export type CarrierFilter = z.infer<typeof carrierFilterSchema>;
export type CarrierListQuery = z.infer<typeof carrierListQuerySchema>;
