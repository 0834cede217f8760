import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';

/*
 * 督办 (kind `supervision`): the shapes the server validates and the client
 * sends and shows. API.md §督办 is the contract; the rest (extensions,
 * milestones, the division view, settings, import) is ours.
 */

export const SUPERVISION_STATES = ['open', 'in_progress', 'closure_requested', 'closed', 'suspended'] as const;
export const supervisionStateSchema = z.enum(SUPERVISION_STATES, { error: '状态须为 open、in_progress、closure_requested、closed 或 suspended' });
export type SupervisionState = z.infer<typeof supervisionStateSchema>;
export const SUPERVISION_STATE_LABELS: Record<SupervisionState, string> = {
  open: '已立项',
  in_progress: '办理中',
  closure_requested: '申请办结',
  closed: '已销号',
  suspended: '暂缓',
};
/** States that still owe a weekly update (一周一督). */
export const ACTIVE_STATES: readonly SupervisionState[] = ['open', 'in_progress'];

export const SOURCES = ['party_meeting', 'director_meeting', 'leader_instruction', 'superior_assigned', 'key_meeting', 'hot_issue', 'incoming'] as const;
export const sourceSchema = z.enum(SOURCES, {
  error: '来源须为 party_meeting、director_meeting、leader_instruction、superior_assigned、key_meeting、hot_issue 或 incoming',
});
export type SupervisionSource = z.infer<typeof sourceSchema>;
export const SOURCE_LABELS: Record<SupervisionSource, string> = {
  party_meeting: '党组会议',
  director_meeting: '局长办公会',
  leader_instruction: '领导批示',
  superior_assigned: '上级交办',
  key_meeting: '重要会议',
  hot_issue: '热点难点',
  incoming: '收文批办',
};

export const KINDS = ['key', 'active', 'concentrated'] as const;
export const kindSchema = z.enum(KINDS, { error: '督办类型须为 key（重点督办）、active（主动督办）或 concentrated（集中督办）' });
export type SupervisionKind = z.infer<typeof kindSchema>;
export const KIND_LABELS: Record<SupervisionKind, string> = { key: '重点督办', active: '主动督办', concentrated: '集中督办' };

/** blue is ours beyond API.md's three: a suspended item is neither late nor on track (三色督办单 plus 暂缓). */
export const LIGHTS = ['red', 'yellow', 'green', 'blue'] as const;
export const lightSchema = z.enum(LIGHTS, { error: '灯色须为 red、yellow、green 或 blue' });
export type Light = z.infer<typeof lightSchema>;
export const LIGHT_LABELS: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯（暂缓）' };

export const SUPERVISION_ACTION_LABELS: Record<string, string> = {
  create: '立项',
  accept: '签收',
  progress: '报送进展',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  refuse_extension: '不同意延期',
  request_closure: '申请办结',
  approve_closure: '同意销号',
  reject_closure: '退回重办',
  suspend: '暂缓',
  resume: '恢复办理',
  remind: '催办',
};

/** Field builders shared with the other modules' schemas. */
export const oneLine = singleLine;
export const paragraph = multiLine;
export const requiredText = (max: number, label: string, multiline = true) =>
  (multiline ? paragraph(max, label) : oneLine(max, label)).min(1, { error: `请填写${label}` });

export const refIdSchema = z
  .string({ error: '编号须为文字' })
  .trim()
  .min(1, { error: '编号不能为空' })
  .max(64, { error: '编号过长' })
  .regex(/^[^\u0000-\u001f\u007f]*$/);

export const milestoneInputSchema = z.strictObject({
  title: requiredText(100, '节点名称', false),
  dueDate: dateSchema,
});

/** A deadline counted in workdays (创建、延期). */
export const deadlineWorkdaysSchema = z
  .number({ error: '工作日数须为数字' })
  .int({ error: '工作日数须为整数' })
  .min(1, { error: '工作日数至少为 1' })
  .max(250, { error: '工作日数不能超过 250' });

export const supervisionCreateSchema = z
  .strictObject({
    title: requiredText(200, '事项名称', false),
    content: requiredText(4000, '事项内容'),
    source: sourceSchema,
    /** 来源依据: the meeting, 批示 or document it came from (e.g. 2026年第12次局长办公会). */
    sourceRef: oneLine(200, '来源依据').optional(),
    /** 领导批示要求 */
    instruction: paragraph(2000, '领导批示要求').optional(),
    leadDivisionId: refIdSchema,
    assistDivisionIds: z.array(refIdSchema).max(10, { error: '协办处室最多 10 个' }).optional(),
    ownerId: refIdSchema.optional(),
    /** A date on a day off moves to the next working day; or give `deadlineWorkdays` instead. */
    deadline: dateSchema.optional(),
    /** The deadline as a number of workdays from today (one of this and `deadline`). */
    deadlineWorkdays: deadlineWorkdaysSchema.optional(),
    kind: kindSchema,
    milestones: z.array(milestoneInputSchema).max(20, { error: '节点最多 20 个' }).optional(),
    remarks: paragraph(500, '备注').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.assistDivisionIds?.includes(p.leadDivisionId)) ctx.addIssue({ code: 'custom', path: ['assistDivisionIds'], message: '牵头处室不能同时是协办处室' });
    if (p.assistDivisionIds && new Set(p.assistDivisionIds).size !== p.assistDivisionIds.length)
      ctx.addIssue({ code: 'custom', path: ['assistDivisionIds'], message: '协办处室不能重复' });
    if (!p.deadline === !p.deadlineWorkdays) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '办结时限请填写日期或工作日数，二者选其一' });
    for (const [i, m] of (p.milestones ?? []).entries()) {
      if (p.deadline && m.dueDate > p.deadline) ctx.addIssue({ code: 'custom', path: ['milestones', i, 'dueDate'], message: '节点日期不能晚于办结时限' });
    }
  });
export type SupervisionCreate = z.infer<typeof supervisionCreateSchema>;

export const namedRefSchema = z.object({ id: z.string(), name: z.string() });

export const lightInfoShape = {
  light: lightSchema,
  /** Why the light has its colour, in Chinese, e.g. 本周进展未报送. */
  lightReasons: z.array(z.string()),
  /**
   * The deadline, or the workdays counted up to it (the due-soon window, the
   * days overdue), fall in a year whose 放假安排 is not yet published: the
   * light and the counts may change when it is.
   */
  deadlineProvisional: z.boolean(),
};

export const supervisionListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  source: sourceSchema,
  sourceRef: z.string().nullable(),
  kind: kindSchema,
  state: supervisionStateSchema,
  version: z.number().int(),
  leadDivision: namedRefSchema,
  assistDivisions: z.array(namedRefSchema),
  ownerName: z.string().nullable(),
  deadline: z.string(),
  originalDeadline: z.string(),
  percent: z.number().int(),
  lastUpdateAt: z.string().nullable(),
  latestUpdate: z.string().nullable(),
  /** When the division asked to close (the ledger's 办结时间); kept once closed, cleared when sent back. */
  closureRequestedAt: z.string().nullable(),
  /** When the leader approved the closure (the ledger's 销号日期). */
  closedAt: z.string().nullable(),
  ...lightInfoShape,
});
export type SupervisionListItem = z.infer<typeof supervisionListItemSchema>;
export const supervisionListSchema = z.object({
  items: z.array(supervisionListItemSchema),
  total: z.number().int(),
  /** Present and true when the keyword filter saw only the newest of the items whose text matches (KEYWORD_CAPPED_NOTICE). */
  keywordCapped: z.boolean().optional(),
  /** 督办立项 (the office and leaders), from the module's policy. */
  rights: listRightsSchema,
});
export type SupervisionList = z.infer<typeof supervisionListSchema>;

const boolQuery = z.enum(['true', 'false'], { error: '只能为 true 或 false' }).transform((v) => v === 'true');

export const supervisionFilterSchema = z.strictObject({
  q: oneLine(100, '搜索内容').optional(),
  state: supervisionStateSchema.optional(),
  light: lightSchema.optional(),
  source: sourceSchema.optional(),
  kind: kindSchema.optional(),
  divisionId: refIdSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  overdue: boolQuery.optional(),
});
export type SupervisionFilter = z.infer<typeof supervisionFilterSchema>;
export const supervisionListQuerySchema = supervisionFilterSchema.extend(pagingShape(MODULE_PAGING));
export type SupervisionListQuery = z.infer<typeof supervisionListQuerySchema>;

export const milestoneSchema = z.object({ id: z.string(), title: z.string(), dueDate: z.string(), doneAt: z.string().nullable(), overdue: z.boolean() });
export const progressUpdateSchema = z.object({
  id: z.string(),
  week: z.string(),
  content: z.string(),
  percent: z.number().int().nullable(),
  coordination: z.string().nullable(),
  unitName: z.string(),
  userName: z.string(),
  at: z.string(),
});
export const extensionSchema = z.object({
  id: z.string(),
  requestedBy: z.string(),
  reason: z.string(),
  previousDeadline: z.string(),
  requestedDeadline: z.string(),
  /** The date as entered when it fell on a day off (the requested deadline is the next working day). */
  requestedEntered: z.string().nullable(),
  state: z.enum(['pending', 'approved', 'refused']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});
export const reminderSchema = z.object({ id: z.string(), message: z.string(), sentBy: z.string(), at: z.string(), noticeUrl: z.string() });
export const missedWeekSchema = z.object({ week: z.string(), unitName: z.string(), flaggedAt: z.string() });

/** The module's fields of `GET /api/supervision/:id` (id, state, version, history and actions are added). */
export const supervisionFieldsSchema = z.object({
  number: z.string(),
  title: z.string(),
  content: z.string(),
  source: sourceSchema,
  sourceRef: z.string().nullable(),
  instruction: z.string().nullable(),
  kind: kindSchema,
  leadDivision: namedRefSchema,
  assistDivisions: z.array(namedRefSchema),
  owner: namedRefSchema.nullable(),
  assignedDate: z.string(),
  deadline: z.string(),
  /** The date as entered when it fell on a day off and the deadline moved to the next working day. */
  deadlineEntered: z.string().nullable(),
  originalDeadline: z.string(),
  deadlineExtended: z.boolean(),
  percent: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUpdateAt: z.string().nullable(),
  /** The week's update is due on this date (一周一督), null when none is owed this week. */
  updateDueDate: z.string().nullable(),
  updateMissingThisWeek: z.boolean(),
  milestones: z.array(milestoneSchema),
  updates: z.array(progressUpdateSchema),
  extensions: z.array(extensionSchema),
  reminders: z.array(reminderSchema),
  missedWeeks: z.array(missedWeekSchema),
  closureResult: z.string().nullable(),
  /** When the division asked to close (the ledger's 办结时间); kept once closed, cleared when sent back. */
  closureRequestedAt: z.string().nullable(),
  /** When the leader approved the closure (the ledger's 销号日期). */
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  suspendReason: z.string().nullable(),
  incoming: z.object({ id: z.string() }).nullable(),
  remarks: z.string().nullable(),
  ...lightInfoShape,
  /** What the reader may do with the item now, from the module's policy. */
  rights: objectRightsSchema,
});
export type SupervisionFields = z.infer<typeof supervisionFieldsSchema>;

export const supervisionOptionsSchema = z.object({
  leaders: z.array(namedRefSchema),
  divisions: z.array(namedRefSchema),
  people: z.array(namedRefSchema.extend({ unitId: z.string().nullable(), unitName: z.string() })),
});
export type SupervisionOptions = z.infer<typeof supervisionOptionsSchema>;

/**
 * ISO-8601 years have 52 weeks, or 53 when 1 January is a Thursday (or a
 * Wednesday in a leap year): `2025-W53` does not exist, its days are 2026-W01.
 */
export function isoWeeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** `YYYY-Www`, an ISO-8601 week that exists. */
export const isoWeekSchema = z
  .string({ error: '周次须为文字' })
  .trim()
  .max(8, { error: '周次格式应为 YYYY-Www，例如 2026-W48' })
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { error: '周次格式应为 YYYY-Www，例如 2026-W48' })
  .refine((w) => Number(w.slice(6)) <= isoWeeksInYear(Number(w.slice(0, 4))), { error: (iss) => `${String(iss.input)} 不存在：该年只有 52 周` });
export const weekQuerySchema = z.strictObject({ week: isoWeekSchema.optional() });
export const divisionQuerySchema = z.strictObject({ week: isoWeekSchema.optional(), divisionId: refIdSchema.optional() });

const reportItemShape = {
  id: z.string(),
  number: z.string(),
  title: z.string(),
  leadDivision: z.string(),
  deadline: z.string(),
};
export const weeklyReportSchema = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  /** True once the report was issued (stored): it never changes afterwards. */
  issued: z.boolean(),
  totals: z.object({
    total: z.number().int(),
    closed: z.number().int(),
    inProgress: z.number().int(),
    suspended: z.number().int(),
    overdue: z.number().int(),
    completionRate: z.number(),
  }),
  newItems: z.array(z.object({ ...reportItemShape, source: z.string(), createdAt: z.string() })),
  closedItems: z.array(z.object({ ...reportItemShape, closedAt: z.string(), result: z.string() })),
  inProgress: z.array(
    z.object({
      ...reportItemShape,
      percent: z.number().int(),
      light: lightSchema,
      latestUpdate: z.object({ content: z.string(), at: z.string(), by: z.string() }).nullable(),
    }),
  ),
  dueSoon: z.array(z.object({ ...reportItemShape, workdaysLeft: z.number().int() })),
  overdue: z.array(z.object({ ...reportItemShape, workdaysOverdue: z.number().int(), responsible: z.string() })),
  extensions: z.array(z.object({ ...reportItemShape, requestedDeadline: z.string(), reason: z.string(), state: z.string() })),
  coordination: z.array(z.object({ ...reportItemShape, matter: z.string(), raisedBy: z.string(), at: z.string() })),
  nextWeekMilestones: z.array(z.object({ ...reportItemShape, milestone: z.string(), dueDate: z.string() })),
  missingUpdates: z.array(z.object({ ...reportItemShape })),
  byDivision: z.array(
    z.object({
      divisionId: z.string(),
      name: z.string(),
      total: z.number().int(),
      closed: z.number().int(),
      inProgress: z.number().int(),
      overdue: z.number().int(),
      missedUpdates: z.number().int(),
      completionRate: z.number(),
    }),
  ),
});
export type WeeklyReport = z.infer<typeof weeklyReportSchema>;

/** "What my division owes this week". */
export const divisionViewSchema = z.object({
  week: z.string(),
  division: namedRefSchema,
  updateDueDate: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      role: z.enum(['lead', 'assist']),
      state: supervisionStateSchema,
      deadline: z.string(),
      ...lightInfoShape,
      updateMissing: z.boolean(),
      milestonesThisWeek: z.array(z.object({ title: z.string(), dueDate: z.string() })),
      owes: z.array(z.string()),
    }),
  ),
  missedUpdatesThisYear: z.number().int(),
});
export type DivisionView = z.infer<typeof divisionViewSchema>;

export const settingsSchema = z.object({
  /** ISO weekday the weekly update is due: 1 Monday … 5 Friday (default). */
  updateWeekday: z.number().int().min(1).max(7),
  /** Yellow when the deadline is within this many workdays. */
  dueSoonWorkdays: z.number().int().min(0).max(30),
  version: z.number().int(),
});
export type SupervisionSettings = z.infer<typeof settingsSchema>;
export const settingsUpdateSchema = z.strictObject({
  updateWeekday: z
    .number({ error: '报送日须为数字' })
    .int({ error: '报送日须为整数' })
    .min(1, { error: '报送日须为 1（周一）至 7（周日）' })
    .max(7, { error: '报送日须为 1（周一）至 7（周日）' }),
  dueSoonWorkdays: z
    .number({ error: '临期天数须为数字' })
    .int({ error: '临期天数须为整数' })
    .min(0, { error: '临期天数不能为负' })
    .max(30, { error: '临期天数不能超过 30' }),
  version: z.number().int().min(0),
});

/** The 督办台账 import answers as every ledger import does (./ledger.ts). */
export type { ImportResult } from './ledger.js';

/** The 督办台账 columns (REFERENCE.md §7), shared by export and import (import reads them by header). */
export const LEDGER_COLUMNS = [
  '督办编号',
  '事项名称',
  '事项内容',
  '来源类别',
  '来源依据',
  '领导批示要求',
  '督办类型',
  '交办日期',
  '牵头处室',
  '协办处室',
  '责任人',
  '办结时限',
  '原定时限',
  '节点计划',
  '最新进展',
  '反馈日期',
  '状态',
  '灯色',
  /** The day the division reported the item done (申请办结). */
  '办结时间',
  '审核意见',
  /** The day the leader approved the closure (销号). */
  '销号日期',
  '备注',
] as const;
