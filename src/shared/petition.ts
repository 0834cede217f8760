import { z } from 'zod';
import { dateSchema, isValidDate } from './calendar.js';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';

/*
 * 信访 (kind `petition`, contract shared/api/petition.md): the shapes the
 * server validates and the client sends and shows. The petitioner's personal
 * data checks (ID number check digit, phone) and masking live in
 * ./petition.person.ts, shared by both sides.
 */

export { maskAddress, maskIdNumber, maskName, maskPhone, normaliseIdNumber, normalisePhone, idNumberProblem, phoneProblem } from './petition.person.js';
import { idNumberProblem, normaliseIdNumber, normalisePhone, phoneProblem } from './petition.person.js';

export const PETITION_STATES = [
  'registered',
  'objected',
  'returned',
  'not_accepted',
  'transferred',
  'accepted',
  'handling',
  'reply_review',
  'replied',
  'closed',
] as const;
export const petitionStateSchema = z.enum(PETITION_STATES, { error: '状态不正确' });
export type PetitionState = z.infer<typeof petitionStateSchema>;
export const PETITION_STATE_LABELS: Record<PetitionState, string> = {
  registered: '已登记',
  objected: '已提异议',
  returned: '异议退回',
  not_accepted: '不予受理',
  transferred: '已转送',
  accepted: '已受理',
  handling: '办理中',
  reply_review: '答复待审',
  replied: '已答复',
  closed: '已办结',
};
export const PETITION_FINAL_STATES: readonly PetitionState[] = ['returned', 'not_accepted', 'transferred', 'closed'];

/** The states whose running deadline is the 告知 one, and those whose is the 办理 one. */
export const NOTICE_RUNNING: readonly PetitionState[] = ['registered', 'objected'];
export const HANDLING_RUNNING: readonly PetitionState[] = ['accepted', 'handling', 'reply_review'];

export const PETITION_ACTION_LABELS: Record<string, string> = {
  create: '登记',
  accept: '受理',
  reject: '不予受理',
  transfer: '转送',
  raise_objection: '提出异议',
  objection_upheld: '异议成立退回',
  objection_overruled: '异议不成立',
  assign: '交办',
  feedback: '反馈进展',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  refuse_extension: '不批准延期',
  notify_extension: '告知延期',
  hold_hearing: '听证',
  supervise: '督办',
  submit_reply: '提交答复',
  return_reply: '退回答复',
  approve_reply: '审定答复',
  record_delivery: '送达',
  close: '办结',
};

export const PETITION_TYPES = ['initial', 'review', 'recheck'] as const;
export const petitionTypeSchema = z.enum(PETITION_TYPES, { error: '信访类型须为初次信访、复查请求或复核请求' });
export type PetitionType = z.infer<typeof petitionTypeSchema>;
export const PETITION_TYPE_LABELS: Record<PetitionType, string> = { initial: '初次信访', review: '复查', recheck: '复核' };

export const CHANNELS = ['letter', 'visit', 'online', 'phone'] as const;
export const channelSchema = z.enum(CHANNELS, { error: '信访形式须为来信、来访、网上信访或来电' });
export type Channel = z.infer<typeof channelSchema>;
export const CHANNEL_LABELS: Record<Channel, string> = { letter: '来信', visit: '来访', online: '网上信访', phone: '来电' };

export const SOURCES = ['direct', 'transferred_in'] as const;
export const sourceSchema = z.enum(SOURCES, { error: '来源须为直接收到或上级转送交办' });
export type Source = z.infer<typeof sourceSchema>;
export const SOURCE_LABELS: Record<Source, string> = { direct: '直接收到', transferred_in: '转送交办' };

export const CATEGORIES = ['suggestion', 'complaint', 'appeal'] as const;
export const categorySchema = z.enum(CATEGORIES, { error: '信访类别须为建议意见、检举控告或申诉求决' });
export type Category = z.infer<typeof categorySchema>;
export const CATEGORY_LABELS: Record<Category, string> = { suggestion: '建议意见', complaint: '检举控告', appeal: '申诉求决' };

export const TOPICS = ['fiscal_funds', 'accounting', 'procurement', 'debt', 'budget', 'fees', 'conduct', 'other'] as const;
export const topicSchema = z.enum(TOPICS, { error: '事项类别不正确' });
export type Topic = z.infer<typeof topicSchema>;
export const TOPIC_LABELS: Record<Topic, string> = {
  fiscal_funds: '财政资金',
  accounting: '会计监督',
  procurement: '政府采购',
  debt: '地方债务',
  budget: '预算管理',
  fees: '涉企收费',
  conduct: '工作作风',
  other: '其他',
};

export const METHODS = ['letter', 'sms', 'phone', 'in_person', 'online'] as const;
export const methodSchema = z.enum(METHODS, { error: '告知方式须为书面、短信、电话、当面或网上' });
export type Method = z.infer<typeof methodSchema>;
export const METHOD_LABELS: Record<Method, string> = { letter: '书面', sms: '短信', phone: '电话', in_person: '当面', online: '网上' };

export const REJECT_REASONS = ['not_in_scope', 'legal_channel', 'already_handling', 'terminated', 'other'] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS, { error: '不予受理理由类型不正确' });
export type RejectReason = z.infer<typeof rejectReasonSchema>;
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  not_in_scope: '不属于本机关职权范围',
  legal_channel: '应通过诉讼、仲裁、行政复议等法定途径解决',
  already_handling: '已在办理期限内',
  terminated: '信访程序已终结',
  other: '其他',
};

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied', 'not_evaluated'] as const;
export const satisfactionSchema = z.enum(SATISFACTIONS, { error: '满意度须为满意、基本满意、不满意或未评价' });
export type Satisfaction = z.infer<typeof satisfactionSchema>;
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  not_evaluated: '未评价',
};

export const WARNINGS = ['due_soon', 'imminent', 'overdue'] as const;
export const warningSchema = z.enum(WARNINGS, { error: '预警须为 due_soon、imminent 或 overdue' });
export type Warning = z.infer<typeof warningSchema>;
export const WARNING_LABELS: Record<Warning, string> = { due_soon: '临期', imminent: '即将到期', overdue: '已逾期' };

export const EXTENSION_STATES = ['pending', 'approved', 'refused'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];
export const EXTENSION_STATE_LABELS: Record<ExtensionState, string> = { pending: '待批准', approved: '已批准', refused: '未批准' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });
/** A `YYYY-MM-DD` date whose messages name the field. */
const date = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` })
    .refine(isValidDate, { error: `${label}不是真实的日期` });

// ---------------------------------------------------------------------------
// The petitioner

export const petitionerSchema = z
  .strictObject({
    name: required(singleLine(30, '信访人姓名'), '信访人姓名'),
    idNumber: singleLine(18, '身份证号').optional(),
    phone: singleLine(20, '联系电话').optional(),
    address: singleLine(200, '通信地址').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.idNumber) {
      const problem = idNumberProblem(p.idNumber);
      if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
    }
    if (p.phone) {
      const problem = phoneProblem(p.phone);
      if (problem) ctx.addIssue({ code: 'custom', path: ['phone'], message: problem });
    }
  })
  .transform((p) => ({
    name: p.name,
    idNumber: p.idNumber ? normaliseIdNumber(p.idNumber) : undefined,
    phone: p.phone ? normalisePhone(p.phone) : undefined,
    address: p.address ? p.address : undefined,
  }));
export type Petitioner = z.infer<typeof petitionerSchema>;

/** The petitioner as every read shows them: masked, absent → null. */
export const maskedPetitionerSchema = z.object({
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type MaskedPetitioner = z.infer<typeof maskedPetitionerSchema>;
/** `GET /api/petition/:id/petitioner`: the clear values (officer and leader, audited). */
export const clearPetitionerSchema = maskedPetitionerSchema;
export type ClearPetitioner = MaskedPetitioner;

// ---------------------------------------------------------------------------
// Create

export const petitionCreateSchema = z
  .strictObject({
    type: petitionTypeSchema.default('initial'),
    parentId: singleLine(64, '原信访件').optional(),
    channel: channelSchema,
    source: sourceSchema,
    transferredFrom: singleLine(100, '转送机关').optional(),
    receivedDate: date('收到日期'),
    category: categorySchema,
    topic: topicSchema,
    subject: required(singleLine(100, '事由'), '事由'),
    content: required(multiLine(5000, '信访内容'), '信访内容'),
    visitors: z
      .number({ error: '来访人数须为数字' })
      .int({ error: '来访人数须为整数' })
      .min(1, { error: '来访人数至少 1 人' })
      .max(5, { error: '来访人数不能超过 5 人（多人共同事项应推选代表）' })
      .optional(),
    repeatOfId: singleLine(64, '重复信访的原件').optional(),
    petitioner: petitionerSchema.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.type !== 'initial' && !b.parentId) ctx.addIssue({ code: 'custom', path: ['parentId'], message: '复查、复核请求须指明原信访件' });
    if (b.type === 'initial' && b.parentId) ctx.addIssue({ code: 'custom', path: ['parentId'], message: '初次信访不能指明原信访件' });
    if (b.source === 'transferred_in' && !b.transferredFrom) ctx.addIssue({ code: 'custom', path: ['transferredFrom'], message: '请填写转送交办机关' });
    if (b.visitors !== undefined && b.channel !== 'visit') ctx.addIssue({ code: 'custom', path: ['visitors'], message: '只有来访才填写来访人数' });
    if (b.type === 'initial' && !b.petitioner) ctx.addIssue({ code: 'custom', path: ['petitioner'], message: '请填写信访人' });
    if (b.petitioner && !b.petitioner.phone && !b.petitioner.address) {
      ctx.addIssue({ code: 'custom', path: ['petitioner', 'phone'], message: '联系电话和通信地址至少填写一项' });
    }
    if (b.repeatOfId && b.type !== 'initial') ctx.addIssue({ code: 'custom', path: ['repeatOfId'], message: '只有初次信访可以标为重复信访' });
  });
export type PetitionCreateInput = z.input<typeof petitionCreateSchema>;
export type PetitionCreate = z.infer<typeof petitionCreateSchema>;

// ---------------------------------------------------------------------------
// Transition payloads

const noticeShape = { noticeMethod: methodSchema, noticeDate: date('告知日期') };
export const acceptSchema = z.strictObject({ ...noticeShape });
export const rejectSchema = z
  .strictObject({
    reasonType: rejectReasonSchema,
    reason: required(multiLine(1000, '不予受理理由'), '不予受理理由'),
    otherAuthority: singleLine(100, '有权处理机关').optional(),
    ...noticeShape,
  })
  .superRefine((b, ctx) => {
    if (b.reasonType === 'not_in_scope' && !b.otherAuthority) ctx.addIssue({ code: 'custom', path: ['otherAuthority'], message: '请填写有权处理的机关' });
  });
export const transferSchema = z.strictObject({
  toOrg: required(singleLine(100, '转送机关'), '转送机关'),
  reason: required(multiLine(1000, '转送理由'), '转送理由'),
  ...noticeShape,
});
export const reasonSchema = (label: string) => z.strictObject({ reason: required(multiLine(1000, label), label) });
export const commentSchema = (label: string) => z.strictObject({ comment: required(multiLine(1000, label), label) });
export const optionalCommentSchema = z.strictObject({ comment: multiLine(1000, '意见').optional() });
export const assignSchema = z.strictObject({
  divisionId: required(singleLine(64, '承办处室'), '承办处室'),
  requirement: multiLine(1000, '办理要求').optional(),
  dueDate: date('处室办理期限').optional(),
});
export const feedbackSchema = z.strictObject({ content: required(multiLine(2000, '进展情况'), '进展情况') });
export const requestExtensionSchema = z.strictObject({
  days: z
    .number({ error: '延期天数须为数字' })
    .int({ error: '延期天数须为整数' })
    .min(1, { error: '延期天数须在 1–30 日之间' })
    .max(30, { error: '延期天数须在 1–30 日之间' }),
  reason: required(multiLine(1000, '延期理由'), '延期理由'),
});
export const refuseExtensionSchema = reasonSchema('不批准理由');
export const notifyExtensionSchema = z.strictObject({ ...noticeShape });
export const holdHearingSchema = z
  .strictObject({
    hearingStart: date('听证开始日期'),
    hearingEnd: date('听证结束日期'),
    summary: required(multiLine(2000, '听证情况'), '听证情况'),
  })
  .refine((b) => b.hearingEnd >= b.hearingStart, { path: ['hearingEnd'], error: '听证结束日期不能早于开始日期' });
export const superviseSchema = z.strictObject({
  deadline: date('督办期限'),
  kind: z.enum(['key', 'active', 'concentrated'], { error: '督办类型须为重点督办、主动督办或集中督办' }),
});
export const submitReplySchema = z.strictObject({
  opinion: required(multiLine(1000, '处室意见'), '处室意见'),
  replyText: required(multiLine(5000, '答复意见'), '答复意见'),
});
export const approveReplySchema = z.strictObject({ replyDate: date('答复日期').optional(), comment: multiLine(1000, '意见').optional() });
export const recordDeliverySchema = z.strictObject({ deliveryMethod: methodSchema, deliveredDate: date('送达日期') });
export const closeSchema = z.strictObject({ satisfaction: satisfactionSchema });

// ---------------------------------------------------------------------------
// Reads

const ref = z.object({ id: z.string(), number: z.string() });

export const petitionListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  type: petitionTypeSchema,
  channel: channelSchema,
  source: sourceSchema,
  category: categorySchema,
  topic: topicSchema,
  subject: z.string(),
  receivedDate: z.string(),
  state: petitionStateSchema,
  version: z.number().int(),
  petitioner: maskedPetitionerSchema,
  division: z.object({ id: z.string(), name: z.string() }).nullable(),
  noticeDeadline: z.string(),
  handlingDeadline: z.string().nullable(),
  replyDate: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  warning: warningSchema.nullable(),
  overdue: z.boolean(),
  repeat: z.boolean(),
});
export type PetitionListItem = z.infer<typeof petitionListItemSchema>;
export const petitionListSchema = z.object({ items: z.array(petitionListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type PetitionList = z.infer<typeof petitionListSchema>;

const boolParam = (label: string) => z.enum(['true', 'false'], { error: `${label}须为 true 或 false` }).transform((v) => v === 'true');

export const petitionFilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: petitionStateSchema.optional(),
  channel: channelSchema.optional(),
  category: categorySchema.optional(),
  topic: topicSchema.optional(),
  type: petitionTypeSchema.optional(),
  source: sourceSchema.optional(),
  divisionId: singleLine(64, '承办处室').optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  repeat: boolParam('重复信访').optional(),
  overdue: boolParam('逾期').optional(),
  warning: warningSchema.optional(),
});
export const petitionListQuerySchema = petitionFilterSchema.extend(pagingShape(MODULE_PAGING));
export type PetitionFilter = z.infer<typeof petitionFilterSchema>;
export type PetitionListQuery = z.infer<typeof petitionListQuerySchema>;
/** The filters as the address bar holds them (strings), for the client's ledger. */
export type PetitionFilterInput = z.input<typeof petitionFilterSchema>;

export const noticeRecordSchema = z.object({
  kind: z.enum(['accept', 'reject', 'transfer', 'extension']),
  method: methodSchema,
  date: z.string(),
  onTime: z.boolean(),
});
export type NoticeRecord = z.infer<typeof noticeRecordSchema>;

export const hearingSchema = z.object({ start: z.string(), end: z.string(), days: z.number().int(), summary: z.string() });

export const petitionRightsSchema = objectRightsSchema.extend({
  /** 显示完整信息 (GET …/petitioner): officer and leader. */
  mayReadPersonalData: z.boolean(),
  /** 答复意见书 (.docx): officer and leader, from reply_review. */
  mayDownloadReply: z.boolean(),
  /** 告知书 (.docx): officer and leader, once told. */
  mayDownloadNotice: z.boolean(),
});
export type PetitionRights = z.infer<typeof petitionRightsSchema>;

/** The module's fields in `GET /api/petition/:id` (id, state, version, history and actions are added). */
export const petitionFieldsSchema = petitionListItemSchema.omit({ id: true, state: true, version: true }).extend({
  parent: ref.nullable(),
  followUps: z.array(ref.extend({ type: petitionTypeSchema })),
  repeatOf: ref.nullable(),
  repeats: z.array(ref),
  transferredFrom: z.string().nullable(),
  content: z.string(),
  visitors: z.number().int().nullable(),
  objectionDeadline: z.string().nullable(),
  originalHandlingDeadline: z.string().nullable(),
  reviewRequestDeadline: z.string().nullable(),
  deadlineProvisional: z.boolean(),
  noticeDate: z.string().nullable(),
  noticeOnTime: z.boolean().nullable(),
  noticeMethod: methodSchema.nullable(),
  acceptedDate: z.string().nullable(),
  deliveredDate: z.string().nullable(),
  deliveryMethod: methodSchema.nullable(),
  onTime: z.boolean().nullable(),
  decision: z
    .object({
      reasonType: rejectReasonSchema.nullable(),
      reason: z.string().nullable(),
      otherAuthority: z.string().nullable(),
      toOrg: z.string().nullable(),
    })
    .nullable(),
  requirement: z.string().nullable(),
  dueDate: z.string().nullable(),
  extension: z.object({ days: z.number().int(), reason: z.string(), state: z.enum(EXTENSION_STATES), noticeDate: z.string().nullable() }).nullable(),
  hearings: z.array(hearingSchema),
  notices: z.array(noticeRecordSchema),
  opinion: z.string().nullable(),
  replyText: z.string().nullable(),
  satisfaction: satisfactionSchema.nullable(),
  /** The 督办 item made by `supervise` (its number and state are extensions: the state shows its 销号). */
  supervision: z.object({ id: z.string(), number: z.string(), state: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  rights: petitionRightsSchema,
});
export type PetitionFields = z.infer<typeof petitionFieldsSchema>;

export const lookupSchema = z
  .strictObject({ idNumber: singleLine(18, '身份证号').optional(), phone: singleLine(20, '联系电话').optional() })
  .superRefine((b, ctx) => {
    if (!b.idNumber && !b.phone) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '请填写身份证号或联系电话' });
    if (b.idNumber) {
      const p = idNumberProblem(b.idNumber);
      if (p) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: p });
    }
    if (b.phone) {
      const p = phoneProblem(b.phone);
      if (p) ctx.addIssue({ code: 'custom', path: ['phone'], message: p });
    }
  });
export type Lookup = z.infer<typeof lookupSchema>;
export const lookupResultSchema = z.object({ items: z.array(petitionListItemSchema) });
export type LookupResult = z.infer<typeof lookupResultSchema>;

export const statsQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: '年份须为数字' })
    .int({ error: '年份须为整数' })
    .min(2000, { error: '年份须在 2000–2100 之间' })
    .max(2100, { error: '年份须在 2000–2100 之间' }),
});
export const petitionStatsSchema = z.object({
  year: z.number().int(),
  total: z.number().int(),
  byChannel: z.object({ letter: z.number().int(), visit: z.number().int(), online: z.number().int(), phone: z.number().int() }),
  byMonth: z.array(z.number().int()),
  byDivision: z.array(
    z.object({ divisionId: z.string(), name: z.string(), assigned: z.number().int(), replied: z.number().int(), repliedOnTime: z.number().int() }),
  ),
  noticed: z.number().int(),
  noticedOnTime: z.number().int(),
  replied: z.number().int(),
  repliedOnTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  open: z.number().int(),
  dueIn5Days: z.number().int(),
  overdue: z.number().int(),
});
export type PetitionStats = z.infer<typeof petitionStatsSchema>;
