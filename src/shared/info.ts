import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';

/*
 * 信息报送 (kinds `info` and `info_request`): the shapes the server validates
 * and the client sends and shows, per ../shared/api/info.md. The scoring,
 * targets, ledger and 通报 shapes are in info.scoring.ts.
 */

export const INFO_STATES = [
  'draft',
  'division_review',
  'office_review',
  'director_review',
  'leader_review',
  'approved',
  'submitted',
  'adopted',
  'voided',
] as const;
export const infoStateSchema = z.enum(INFO_STATES, { error: '状态不正确' });
export type InfoState = z.infer<typeof infoStateSchema>;
export const INFO_STATE_LABELS: Record<InfoState, string> = {
  draft: '拟稿',
  division_review: '处室审核',
  office_review: '办公室编审',
  director_review: '主任审核',
  leader_review: '局领导签发',
  approved: '待报送',
  submitted: '已报送',
  adopted: '已采用',
  voided: '已作废',
};
/** The states an item is reviewed in: `approve` and `return` act there. */
export const INFO_REVIEW_STATES = ['division_review', 'office_review', 'director_review', 'leader_review'] as const satisfies readonly InfoState[];

export const INFO_TYPES = ['news', 'practice', 'proposal', 'special'] as const;
export const infoTypeSchema = z.enum(INFO_TYPES, { error: '信息类型须为 news、practice、proposal 或 special' });
export type InfoType = z.infer<typeof infoTypeSchema>;
export const INFO_TYPE_LABELS: Record<InfoType, string> = { news: '动态', practice: '经验做法', proposal: '问题建议', special: '专报' };

export const INFO_RECIPIENTS = ['mof_office', 'mof_department', 'provincial_party', 'provincial_government'] as const;
export const infoRecipientSchema = z.enum(INFO_RECIPIENTS, { error: '报送对象须为 mof_office、mof_department、provincial_party 或 provincial_government' });
export type InfoRecipient = z.infer<typeof infoRecipientSchema>;
export const INFO_RECIPIENT_LABELS: Record<InfoRecipient, string> = {
  mof_office: '财政部办公厅',
  mof_department: '财政部相关司局',
  provincial_party: '省委办公厅',
  provincial_government: '省政府办公厅',
};

export const INSTRUCTION_LEVELS = ['state', 'ministry', 'provincial'] as const;
export const instructionLevelSchema = z.enum(INSTRUCTION_LEVELS, { error: '批示层级须为 state、ministry 或 provincial' });
export type InstructionLevel = z.infer<typeof instructionLevelSchema>;
export const INSTRUCTION_LEVEL_LABELS: Record<InstructionLevel, string> = { state: '国家领导', ministry: '部领导', provincial: '省领导' };

export const CHANNEL_LEVELS = ['national', 'ministry', 'provincial'] as const;
export const channelLevelSchema = z.enum(CHANNEL_LEVELS, { error: '刊物层级须为 national、ministry 或 provincial' });
export type ChannelLevel = z.infer<typeof channelLevelSchema>;
export const CHANNEL_LEVEL_LABELS: Record<ChannelLevel, string> = { national: '国家级', ministry: '部级', provincial: '省级' };

export const PUBLICATION_STATES = ['unpublished', 'published', 'withdrawn'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];
export const PUBLICATION_STATE_LABELS: Record<PublicationState, string> = { unpublished: '未发布', published: '已发布', withdrawn: '已撤稿' };

/** The history's words for each workflow action (`create` is the engine's own; `edit` is the PUT). */
export const INFO_ACTION_LABELS: Record<string, string> = {
  create: '拟稿',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  secrecy_review: '保密审查',
  report: '报送',
  record_adoption: '登记采用',
  record_instruction: '登记批示',
  publish: '门户发布',
  unpublish: '撤稿',
  void: '作废',
};

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });
export const idRefSchema = z
  .string({ error: '编号须为文字' })
  .trim()
  .min(1, { error: '编号不能为空' })
  .max(64, { error: '编号过长' })
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: '编号格式不正确' });
const comment = (label: string) => multiLine(1000, label).optional();

const infoTextShape = {
  title: required(singleLine(100, '标题'), '标题'),
  infoType: infoTypeSchema,
  body: required(multiLine(20000, '正文'), '正文'),
  summary: multiLine(300, '摘要').optional(),
  urgent: z.boolean({ error: '紧急信息须为是或否' }).optional(),
  writers: z
    .array(required(singleLine(20, '执笔人'), '执笔人'), { error: '执笔人须为名单' })
    .max(5, { error: '执笔人最多 5 人' })
    .optional(),
};

export const infoCreateSchema = z.strictObject({ ...infoTextShape, requestId: idRefSchema.optional() });
export type InfoCreate = z.infer<typeof infoCreateSchema>;

export const infoUpdateSchema = z.strictObject({
  ...infoTextShape,
  version: z.number({ error: '版本号须为数字' }).int({ error: '版本号须为整数' }).min(0, { error: '版本号不能为负' }),
});
export type InfoUpdate = z.infer<typeof infoUpdateSchema>;

// ── the actions' payloads ──
export const infoCommentSchema = z.strictObject({ comment: comment('意见') });
export const infoReturnSchema = z.strictObject({ comment: required(multiLine(1000, '退回意见'), '退回意见') });
export const infoSecrecyReviewSchema = z.strictObject({
  conclusion: z.enum(['cleared', 'not_cleared'], { error: '审查结论须为 cleared 或 not_cleared' }),
  publishable: z.boolean({ error: '可否公开须为是或否' }),
  opinion: required(multiLine(500, '审查意见'), '审查意见'),
});
export const infoReportSchema = z.strictObject({
  recipients: z.array(infoRecipientSchema, { error: '报送对象须为列表' }).min(1, { error: '请至少选择一个报送对象' }).max(4, { error: '报送对象最多 4 个' }),
});
export const infoAdoptionSchema = z.strictObject({
  channel: required(singleLine(32, '采用渠道'), '采用渠道'),
  publication: singleLine(100, '刊物期号').optional(),
  adoptedDate: dateSchema,
});
export const infoInstructionSchema = z.strictObject({
  level: instructionLevelSchema,
  leaderTitle: required(singleLine(50, '批示领导'), '批示领导'),
  content: required(multiLine(1000, '批示内容'), '批示内容'),
  instructedDate: dateSchema,
});
export const infoReasonSchema = z.strictObject({ reason: required(multiLine(500, '理由'), '理由') });

// ── reading ──
export const secrecyReviewViewSchema = z.object({
  conclusion: z.enum(['cleared', 'not_cleared']),
  publishable: z.boolean(),
  opinion: z.string(),
  reviewer: z.string(),
  at: z.string(),
  revision: z.number().int(),
  current: z.boolean(),
});
export const adoptionViewSchema = z.object({
  channel: z.string(),
  channelName: z.string(),
  level: channelLevelSchema,
  publication: z.string().nullable(),
  adoptedDate: z.string(),
  points: z.number().int(),
});
export const instructionViewSchema = z.object({
  level: instructionLevelSchema,
  leaderTitle: z.string(),
  content: z.string(),
  instructedDate: z.string(),
  points: z.number().int(),
});
export const revisionViewSchema = z.object({
  revision: z.number().int(),
  title: z.string(),
  infoType: infoTypeSchema,
  body: z.string(),
  summary: z.string().nullable(),
  author: z.string(),
  at: z.string(),
});
export const infoPointsSchema = z.object({
  submission: z.number().int(),
  adoption: z.number().int(),
  instruction: z.number().int(),
  total: z.number().int(),
});
export type InfoPoints = z.infer<typeof infoPointsSchema>;

export const infoRightsSchema = z.object({
  mayAttach: z.boolean(),
  /** PUT: the text may be changed by this reader now. */
  canEdit: z.boolean(),
  /** 门户发布 would pass now (a current cleared publishable review, not published). */
  mayPublish: z.boolean(),
  mayUnpublish: z.boolean(),
});

/** The module's fields in `GET /api/info/:id` (id, state, version, history and actions are added). */
export const infoFieldsSchema = z.object({
  title: z.string(),
  infoType: infoTypeSchema,
  body: z.string(),
  summary: z.string().nullable(),
  urgent: z.boolean(),
  writers: z.array(z.string()),
  revision: z.number().int(),
  revisions: z.array(revisionViewSchema),
  requestId: z.string().nullable(),
  requestNumber: z.string().nullable(),
  serialNo: z.string().nullable(),
  division: z.object({ id: z.string(), name: z.string() }),
  drafter: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  secrecyReview: secrecyReviewViewSchema.nullable(),
  report: z.object({ recipients: z.array(infoRecipientSchema), reportedDate: z.string() }).nullable(),
  adoptions: z.array(adoptionViewSchema),
  instructions: z.array(instructionViewSchema),
  points: infoPointsSchema,
  publication: z.object({
    state: z.enum(PUBLICATION_STATES),
    publishedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  rights: infoRightsSchema,
});
export type InfoFields = z.infer<typeof infoFieldsSchema>;

const yearSchema = z.coerce
  .number({ error: '年度须为数字' })
  .int({ error: '年度须为整数' })
  .min(2000, { error: '年度须在 2000 至 2100 之间' })
  .max(2100, { error: '年度须在 2000 至 2100 之间' });
export { yearSchema as infoYearSchema };

export const infoListItemSchema = z.object({
  id: z.string(),
  serialNo: z.string().nullable(),
  title: z.string(),
  infoType: infoTypeSchema,
  urgent: z.boolean(),
  division: z.object({ id: z.string(), name: z.string() }),
  drafter: z.string(),
  state: infoStateSchema,
  version: z.number().int(),
  createdAt: z.string(),
  reportedDate: z.string().nullable(),
  adoptionCount: z.number().int(),
  instructionCount: z.number().int(),
  points: z.number().int(),
  published: z.boolean(),
});
export type InfoListItem = z.infer<typeof infoListItemSchema>;
export const infoListSchema = z.object({ items: z.array(infoListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type InfoList = z.infer<typeof infoListSchema>;

const boolParam = (label: string) => z.enum(['true', 'false'], { error: `${label}须为 true 或 false` }).transform((v) => v === 'true');

export const infoFilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: infoStateSchema.optional(),
  infoType: infoTypeSchema.optional(),
  divisionId: idRefSchema.optional(),
  year: yearSchema.optional(),
  published: boolParam('是否发布').optional(),
});
export const infoListQuerySchema = infoFilterSchema.extend(pagingShape(MODULE_PAGING));
export type InfoFilter = z.infer<typeof infoFilterSchema>;
export type InfoListQuery = z.infer<typeof infoListQuerySchema>;
