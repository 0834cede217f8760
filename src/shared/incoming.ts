import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { NO_CONTROL_CHARS } from './org.js';
import { kindSchema as supervisionKindSchema } from './supervision.js';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { urgencySchema } from './urgency.js';
import { multiLine, singleLine } from './text.js';

/*
 * 收文 (kind `incoming`): the shapes the server validates and the client
 * sends and shows. API.md §收文 is the contract; everything else here is ours.
 */

export const INCOMING_STATES = ['registered', 'proposed', 'handling', 'circulating', 'completed', 'returned', 'archived', 'voided'] as const;
export const incomingStateSchema = z.enum(INCOMING_STATES);
export type IncomingState = z.infer<typeof incomingStateSchema>;

export const INCOMING_STATE_LABELS: Record<IncomingState, string> = {
  registered: '已登记',
  proposed: '待批办',
  handling: '承办中',
  circulating: '传阅中',
  completed: '已办结',
  returned: '已退文',
  archived: '已归档',
  voided: '已作废',
};

/** States in which the document still needs somebody's work (办结, 退文, 归档 and 作废 end it). */
export const OPEN_STATES: readonly IncomingState[] = ['registered', 'proposed', 'handling', 'circulating'];
export const FINAL_STATES: readonly IncomingState[] = ['returned', 'archived', 'voided'];

/**
 * Every marking a clerk may declare. The three 国家秘密 levels are accepted
 * by the schema on purpose: so the server can answer them with 422 and tell
 * the clerk where the paper copy goes, instead of a bare 400.
 */
export const CLASSIFICATIONS = ['none', 'internal', 'secret', 'confidential', 'top_secret'] as const;
export const classificationSchema = z.enum(CLASSIFICATIONS, { error: '密级须为 none、internal、secret、confidential 或 top_secret' });
export type Classification = z.infer<typeof classificationSchema>;
export const CLASSIFICATION_LABELS: Record<Classification, string> = { none: '无', internal: '内部', secret: '秘密', confidential: '机密', top_secret: '绝密' };
export const STORABLE_CLASSIFICATIONS: readonly Classification[] = ['none', 'internal'];

export const INCOMING_KINDS = ['handle', 'read'] as const;
export const incomingKindSchema = z.enum(INCOMING_KINDS, { error: '类型须为 handle（办件）或 read（阅件）' });
export type IncomingKind = z.infer<typeof incomingKindSchema>;
export const INCOMING_KIND_LABELS: Record<IncomingKind, string> = { handle: '办件', read: '阅件' };

/** 保管期限 (国家档案局令第8号) and their DA/T 22 codes. */
export const RETENTIONS = ['permanent', '30y', '10y'] as const;
export const retentionSchema = z.enum(RETENTIONS, { error: '保管期限须为 permanent（永久）、30y（定期30年）或 10y（定期10年）' });
export type Retention = z.infer<typeof retentionSchema>;
export const RETENTION_LABELS: Record<Retention, string> = { permanent: '永久', '30y': '定期30年', '10y': '定期10年' };
export const RETENTION_CODES: Record<Retention, string> = { permanent: 'Y', '30y': 'D30', '10y': 'D10' };

export const CIRCULATION_MODES = ['parallel', 'sequential'] as const;
export const circulationModeSchema = z.enum(CIRCULATION_MODES, { error: '传阅方式须为 parallel（同时传阅）或 sequential（依次传阅）' });
export type CirculationMode = z.infer<typeof circulationModeSchema>;
export const CIRCULATION_MODE_LABELS: Record<CirculationMode, string> = { parallel: '同时传阅', sequential: '依次传阅' };

export const INCOMING_ACTION_LABELS: Record<string, string> = {
  create: '登记',
  return: '退文',
  propose: '拟办',
  instruct: '批办',
  feedback: '反馈',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  refuse_extension: '不同意延期',
  complete: '办结',
  read: '阅知',
  supervision_closed: '督办销号',
  archive: '归档',
  void: '作废',
};

/** Field builders shared with the other modules' schemas. */
export const line = singleLine;
export const para = multiLine;
const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });

export const idRefSchema = z.string({ error: '编号须为文字' }).trim().min(1, { error: '编号不能为空' }).max(64).regex(NO_CONTROL_CHARS);

/** 批办's 列入督办: the item's 督办类型 (主动督办 when not given). */
export const incomingSupervisionSchema = z.strictObject({ kind: supervisionKindSchema.optional() }, { error: '列入督办的内容有误' });
export type IncomingSupervision = z.infer<typeof incomingSupervisionSchema>;

export const incomingCreateSchema = z.strictObject({
  sourceOrg: required(line(100, '来文单位'), '来文单位'),
  /** 来文字号, e.g. 财办〔2026〕12号; empty when the document has none (it is then never a duplicate). */
  sourceDocNumber: line(60, '来文字号'),
  title: required(line(300, '标题'), '标题'),
  docType: required(line(20, '文种'), '文种'),
  classification: classificationSchema,
  urgency: urgencySchema,
  kind: incomingKindSchema,
  copies: z.number({ error: '份数须为数字' }).int({ error: '份数须为整数' }).min(1, { error: '份数至少为 1' }).max(999, { error: '份数不能超过 999' }),
  receivedDate: dateSchema,
  /** The time limit the sender asks for (来文要求时限), if any. */
  deadline: dateSchema.nullable().optional(),
  /** The 来文's 成文日期 and page count, for the 收文登记簿. */
  sourceDate: dateSchema.nullable().optional(),
  pages: z
    .number({ error: '页数须为数字' })
    .int({ error: '页数须为整数' })
    .min(1, { error: '页数至少为 1' })
    .max(9999, { error: '页数不能超过 9999' })
    .nullable()
    .optional(),
  remarks: para(500, '备注').optional(),
  /** Register although the same sender and 来文字号 are already registered: the reason is recorded. */
  duplicateOverride: z.strictObject({ reason: required(para(500, '重复登记理由'), '重复登记理由') }).optional(),
});
export type IncomingCreate = z.infer<typeof incomingCreateSchema>;

export const namedSchema = z.object({ id: z.string(), name: z.string() });

export const incomingListItemSchema = z.object({
  id: z.string(),
  regNo: z.string(),
  title: z.string(),
  sourceOrg: z.string(),
  sourceDocNumber: z.string(),
  docType: z.string(),
  classification: classificationSchema,
  urgency: urgencySchema,
  kind: incomingKindSchema,
  receivedDate: z.string(),
  state: incomingStateSchema,
  version: z.number().int(),
  leadDivision: namedSchema.nullable(),
  handlingDeadline: z.string().nullable(),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  archivalNo: z.string().nullable(),
  /** The register's columns (收文登记簿): 成文日期, 页数, 拟办意见, each leader's 批示 in order, 协办处室, 承办人, 办理结果. */
  sourceDate: z.string().nullable(),
  pages: z.number().int().nullable(),
  proposalOpinion: z.string().nullable(),
  instructions: z.array(z.object({ by: z.string(), text: z.string(), at: z.string() })),
  assistDivisions: z.array(namedSchema),
  handledBy: z.string().nullable(),
  result: z.string().nullable(),
});
export type IncomingListItem = z.infer<typeof incomingListItemSchema>;
export const incomingListSchema = z.object({
  items: z.array(incomingListItemSchema),
  total: z.number().int(),
  /** Present and true when the keyword filter saw only the newest of the documents whose text matches (KEYWORD_CAPPED_NOTICE). */
  keywordCapped: z.boolean().optional(),
  /** 登记收文 (the office clerk), from the module's policy. */
  rights: listRightsSchema,
});
export type IncomingList = z.infer<typeof incomingListSchema>;

const boolQuery = z.enum(['true', 'false'], { error: '只能为 true 或 false' }).transform((v) => v === 'true');

export const incomingFilterSchema = z.strictObject({
  q: line(100, '搜索内容').optional(),
  state: incomingStateSchema.optional(),
  divisionId: idRefSchema.optional(),
  urgency: urgencySchema.optional(),
  kind: incomingKindSchema.optional(),
  sourceOrg: line(100, '来文单位').optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  overdue: boolQuery.optional(),
});
export const incomingListQuerySchema = incomingFilterSchema.extend(pagingShape(MODULE_PAGING));
export type IncomingFilter = z.infer<typeof incomingFilterSchema>;
export type IncomingListQuery = z.infer<typeof incomingListQuerySchema>;

export const readerSchema = z.object({
  userId: z.string(),
  name: z.string(),
  order: z.number().int(),
  readAt: z.string().nullable(),
  comment: z.string().nullable(),
});
/** One leader's 批示 in the chain: the leader (`by`, or the delegate in `onBehalfOf`) and whom it sent the document on to. */
export const instructionEntrySchema = z.object({
  leaderId: z.string(),
  by: z.string(),
  onBehalfOf: z.string().nullable(),
  text: z.string(),
  at: z.string(),
  nextLeaders: z.array(namedSchema),
});
export const REMINDER_KINDS = ['half', 'before', 'due', 'overdue', 'source'] as const;
export const REMINDER_KIND_LABELS: Record<(typeof REMINDER_KINDS)[number], string> = {
  half: '时限过半催办',
  before: '到期前催办',
  due: '当日到期催办',
  overdue: '超期督办',
  source: '来文时限将至（提醒办公室主任）',
};
export const reminderSchema = z.object({ kind: z.enum(REMINDER_KINDS), deadline: z.string(), sentAt: z.string() });
export const feedbackSchema = z.object({ id: z.string(), unitName: z.string(), userName: z.string(), content: z.string(), at: z.string() });
export const extensionSchema = z.object({
  id: z.string(),
  requestedBy: z.string(),
  reason: z.string(),
  requestedDeadline: z.string(),
  requestedDeadlineProvisional: z.boolean(),
  state: z.enum(['pending', 'approved', 'refused']),
  /** The leader the decision belongs to … */
  decidedBy: z.string().nullable(),
  /** … and the delegate who made it in the leader's name, if any. */
  decidedOnBehalfOf: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

/** The module's fields in `GET /api/incoming/:id` (id, state, version, history and actions are added). */
export const incomingFieldsSchema = z.object({
  regNo: z.string(),
  title: z.string(),
  sourceOrg: z.string(),
  sourceDocNumber: z.string(),
  docType: z.string(),
  classification: classificationSchema,
  urgency: urgencySchema,
  kind: incomingKindSchema,
  copies: z.number().int(),
  receivedDate: z.string(),
  deadline: z.string().nullable(),
  remarks: z.string().nullable(),
  registeredBy: z.string(),
  registeredAt: z.string(),
  duplicateOf: z.object({ id: z.string(), regNo: z.string() }).nullable(),
  duplicateReason: z.string().nullable(),
  proposal: z.object({ opinion: z.string(), leadDivision: namedSchema.nullable(), leaders: z.array(namedSchema) }).nullable(),
  instruction: z.object({ text: z.string(), by: z.string(), onBehalfOf: z.string().nullable(), at: z.string() }).nullable(),
  /** Every leader's 批示 in order (the chain); `instruction` is the last of them. */
  instructions: z.array(instructionEntrySchema),
  /** While 待批办: the leaders asked to instruct now, and those the chain goes on to after them, in order. */
  awaitingLeaders: z.array(namedSchema),
  leaderQueue: z.array(namedSchema),
  /** 承办 and 传阅 together: when the lead division recorded its result while readers were still reading. */
  divisionDoneAt: z.string().nullable(),
  sourceDate: z.string().nullable(),
  pages: z.number().int().nullable(),
  /** 承办人 in the lead division (named at 办结). */
  handledBy: z.string().nullable(),
  /** The 办理时限 as entered when it fell on a day off (the deadline is then the next working day), else null. */
  deadlineEntered: z.string().nullable(),
  /** 催办 sent for this document, oldest first, and who chases it (the designated 催办 person). */
  reminders: z.array(reminderSchema),
  chaser: z.array(namedSchema),
  leadDivision: namedSchema.nullable(),
  assistDivisions: z.array(namedSchema),
  handlingDeadline: z.string().nullable(),
  deadlineProvisional: z.boolean(),
  overdue: z.boolean(),
  circulation: z.object({ mode: circulationModeSchema, readers: z.array(readerSchema) }).nullable(),
  feedback: z.array(feedbackSchema),
  extensions: z.array(extensionSchema),
  result: z.string().nullable(),
  completedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  voidReason: z.string().nullable(),
  retention: retentionSchema.nullable(),
  archivalNo: z.string().nullable(),
  archivedAt: z.string().nullable(),
  /** The 督办 item made at 批办 (列入督办), if any. */
  supervisionItem: z.object({ id: z.string(), number: z.string() }).nullable(),
  /** Closures (销号) of that item, written back by 督办. */
  supervisionResults: z.array(
    z.object({
      itemId: z.string(),
      number: z.string(),
      result: z.string(),
      comment: z.string().nullable(),
      by: z.string(),
      onBehalfOf: z.string().nullable(),
      at: z.string(),
    }),
  ),
  /** What the reader may do with the document now, from the module's policy. */
  rights: objectRightsSchema,
});
export type IncomingFields = z.infer<typeof incomingFieldsSchema>;

/** Choices the register and action forms offer (`GET /api/incoming/options`). */
export const incomingOptionsSchema = z.object({
  leaders: z.array(namedSchema),
  divisions: z.array(namedSchema),
  people: z.array(namedSchema.extend({ unitName: z.string() })),
});
export type IncomingOptions = z.infer<typeof incomingOptionsSchema>;

/** `GET`/`PUT /api/incoming/settings`: the designated 催办 person (null: the office clerks). */
export const incomingSettingsSchema = z.object({ version: z.number().int(), chaserUserId: z.string().nullable(), chaser: z.array(namedSchema) });
export type IncomingSettings = z.infer<typeof incomingSettingsSchema>;
export const incomingSettingsUpdateSchema = z.strictObject({ version: z.number().int().min(0), chaserUserId: idRefSchema.nullable() });
export type IncomingSettingsUpdate = z.infer<typeof incomingSettingsUpdateSchema>;

export const incomingStatsQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: '年份须为数字' })
    .int()
    .min(2000, { error: '年份须在 2000 至 2099 之间' })
    .max(2099, { error: '年份须在 2000 至 2099 之间' })
    .optional(),
});
const statsRowShape = {
  total: z.number().int(),
  completed: z.number().int(),
  completionRate: z.number(),
  overdue: z.number().int(),
  /** Median workdays from receipt to 办结, null when nothing was completed. */
  medianHandlingDays: z.number().nullable(),
};
export const incomingStatsSchema = z.object({
  year: z.number().int(),
  ...statsRowShape,
  byDivision: z.array(z.object({ divisionId: z.string().nullable(), name: z.string(), ...statsRowShape })),
  byMonth: z.array(z.object({ month: z.string(), ...statsRowShape })),
});
export type IncomingStats = z.infer<typeof incomingStatsSchema>;

/** The 收文登记簿 import answers as every ledger import does (./ledger.ts). */
export type { ImportResult } from './ledger.js';

export const checkFindingSchema = z.object({
  /**
   * stuck_without_reminder: past its 办理时限 with no escalation on record;
   * overdue: waiting too long in 已登记 or 待批办; no_deadline: 承办/传阅
   * without a 办理时限 for too long; not_archived: 办结 but not 归档 in time;
   * number_gap: a 收文编号 allocated with no document; source_deadline:
   * still 已登记/待批办 with the 来文时限 within a working day or past.
   */
  kind: z.enum(['stuck_without_reminder', 'number_gap', 'overdue', 'no_deadline', 'not_archived', 'source_deadline']),
  message: z.string(),
  docId: z.string().nullable(),
});
export const checkReportSchema = z.object({ at: z.string().nullable(), findings: z.array(checkFindingSchema) });
export type CheckReport = z.infer<typeof checkReportSchema>;
export const CHECK_KIND_LABELS: Record<CheckReport['findings'][number]['kind'], string> = {
  stuck_without_reminder: '超期未催办',
  overdue: '滞留未批办',
  no_deadline: '无时限久未办结',
  not_archived: '办结未归档',
  number_gap: '编号缺号',
  source_deadline: '来文时限将至',
};

/** The ledger's columns, shared by export and import (import reads them by header). */
export const LEDGER_COLUMNS = [
  '收文编号',
  '收文日期',
  '来文单位',
  '来文字号',
  '标题',
  '文种',
  '密级',
  '紧急程度',
  '类型',
  '份数',
  '来文时限',
  '主办处室',
  '协办处室',
  '办理时限',
  '状态',
  '办结时间',
  '办理结果',
  '保管期限',
  '档号',
  '备注',
  // Issue 13, after the older columns so that a sheet read by position keeps working.
  '成文日期',
  '页数',
  '拟办意见',
  '领导批示',
  '承办人',
] as const;
