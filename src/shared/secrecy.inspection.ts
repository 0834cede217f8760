import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';
import { TEMPLATE_KEYS } from './secrecy.templates.js';

/* 保密自查 (kind `inspection`): campaigns, one 自查表 (sheet) per unit or person, answers and rectifications. */

export const templateKeySchema = z.enum(TEMPLATE_KEYS, { error: '自查表只能是处室保密自查表（division）或个人保密自查表（personal）' });

export const SHEET_STATES = ['pending', 'submitted', 'rectifying', 'closed'] as const;
export const sheetStateSchema = z.enum(SHEET_STATES, { error: '状态不在可选范围内' });
export type SheetState = z.infer<typeof sheetStateSchema>;
export const SHEET_STATE_LABELS: Record<SheetState, string> = { pending: '待自查', submitted: '已提交', rectifying: '整改中', closed: '已完成' };
export const SHEET_ACTION_LABELS: Record<string, string> = {
  create: '下发',
  answer: '填写',
  submit: '提交',
  return: '退回',
  confirm: '确认',
  report_rectification: '报告整改',
  verify_rectification: '验收整改',
  reject_rectification: '退回整改',
};

export const ANSWER_RESULTS = ['compliant', 'noncompliant', 'not_applicable'] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];
export const ANSWER_LABELS: Record<AnswerResult, string> = { compliant: '符合', noncompliant: '不符合', not_applicable: '不适用' };
export const RECTIFICATION_STATES = ['open', 'reported', 'verified'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const RECTIFICATION_LABELS: Record<RectificationState, string> = { open: '待整改', reported: '已报告', verified: '已验收' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });
const id = (label: string) => required(singleLine(64, label), label);

export const campaignCreateSchema = z.strictObject({
  title: required(singleLine(100, '标题'), '标题'),
  template: templateKeySchema,
  unitIds: z.array(id('处室'), { error: '处室须为列表' }).max(100, { error: '处室过多' }).optional(),
  dueDate: dateSchema,
  rectifyWorkdays: z
    .number({ error: '整改时限须为数字' })
    .int({ error: '整改时限须为整数' })
    .min(1, { error: '整改时限至少 1 个工作日' })
    .max(60, { error: '整改时限不能超过 60 个工作日' })
    .optional(),
});
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

export const answerSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        itemCode: required(singleLine(10, '项目编号'), '项目编号'),
        result: z.enum(ANSWER_RESULTS, { error: '结论只能是符合、不符合或不适用' }),
        note: multiLine(500, '说明').optional(),
      }),
      { error: '答案须为列表' },
    )
    .min(1, { error: '请至少填写一项' })
    .max(100, { error: '一次最多填写 100 项' }),
});
export const sheetCommentOptional = z.strictObject({ comment: multiLine(500, '意见').optional() });
export const sheetCommentRequired = z.strictObject({ comment: required(multiLine(500, '意见'), '意见') });
export const reportRectificationSchema = z.strictObject({ rectificationId: id('整改项'), measure: required(multiLine(1000, '整改措施'), '整改措施') });
export const verifyRectificationSchema = z.strictObject({ rectificationId: id('整改项') });
export const rejectRectificationSchema = z.strictObject({ rectificationId: id('整改项'), comment: required(multiLine(500, '意见'), '意见') });

export const rectificationSchema = z.object({
  id: z.string(),
  itemCode: z.string(),
  problem: z.string(),
  deadline: z.string(),
  state: z.enum(RECTIFICATION_STATES),
  measure: z.string().nullable(),
  comment: z.string().nullable(),
  overdue: z.boolean(),
});
export type Rectification = z.infer<typeof rectificationSchema>;

export const sheetFieldsSchema = z.object({
  campaignId: z.string(),
  campaignTitle: z.string(),
  title: z.string(),
  template: templateKeySchema,
  unitId: z.string(),
  unitName: z.string(),
  respondent: z.object({ id: z.string(), name: z.string() }).nullable(),
  dueDate: z.string(),
  sections: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      items: z.array(z.object({ code: z.string(), text: z.string(), result: z.enum(ANSWER_RESULTS).nullable(), note: z.string().nullable() })),
    }),
  ),
  progress: z.object({ answered: z.number().int(), total: z.number().int() }),
  rectifications: z.array(rectificationSchema),
  rights: objectRightsSchema,
});
export type SheetFields = z.infer<typeof sheetFieldsSchema>;

export const sheetListItemSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  title: z.string(),
  unitName: z.string(),
  respondentName: z.string().nullable(),
  dueDate: z.string(),
  state: sheetStateSchema,
  answered: z.number().int(),
  total: z.number().int(),
  openRectifications: z.number().int(),
});
export const sheetListSchema = z.object({ items: z.array(sheetListItemSchema), total: z.number().int() });
export type SheetList = z.infer<typeof sheetListSchema>;
export const sheetListQuerySchema = z.strictObject({ campaignId: singleLine(64, '自查活动').optional(), state: sheetStateSchema.optional() });

const rate = z.number().int().nullable();
export const campaignStatsSchema = z.object({
  sheets: z.number().int(),
  submitted: z.number().int(),
  closed: z.number().int(),
  submissionRate: z.number().int(),
  closureRate: z.number().int(),
  answers: z.object({ compliant: z.number().int(), noncompliant: z.number().int(), notApplicable: z.number().int(), unanswered: z.number().int() }),
  rectifications: z.object({
    total: z.number().int(),
    open: z.number().int(),
    reported: z.number().int(),
    verified: z.number().int(),
    overdue: z.number().int(),
  }),
  rectificationRate: rate,
  byUnit: z.array(
    z.object({
      sheetId: z.string(),
      unitName: z.string(),
      respondentName: z.string().nullable(),
      state: sheetStateSchema,
      answered: z.number().int(),
      noncompliant: z.number().int(),
      rectifications: z.number().int(),
      verified: z.number().int(),
    }),
  ),
  bySection: z.array(
    z.object({ code: z.string(), name: z.string(), compliant: z.number().int(), noncompliant: z.number().int(), notApplicable: z.number().int() }),
  ),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  title: z.string(),
  template: templateKeySchema,
  templateName: z.string(),
  dueDate: z.string(),
  rectifyWorkdays: z.number().int(),
  status: z.enum(['open', 'completed']),
  createdAt: z.string(),
  createdBy: z.string(),
  sheets: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      respondentId: z.string().nullable(),
      respondentName: z.string().nullable(),
      state: sheetStateSchema,
    }),
  ),
  stats: campaignStatsSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignListSchema = z.object({
  items: z.array(campaignSchema.omit({ sheets: true })),
  total: z.number().int(),
  rights: z.object({ mayCreate: z.boolean() }),
});
export type CampaignList = z.infer<typeof campaignListSchema>;
export const campaignListQuerySchema = z.strictObject({ status: z.enum(['open', 'completed'], { error: '状态只能是 open 或 completed' }).optional() });

export const templateListSchema = z.object({
  items: z.array(
    z.object({
      key: templateKeySchema,
      name: z.string(),
      sections: z.array(z.object({ code: z.string(), name: z.string(), items: z.array(z.object({ code: z.string(), text: z.string() })) })),
      itemCount: z.number().int(),
    }),
  ),
});
