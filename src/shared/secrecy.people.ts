import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { singleLine } from './text.js';
import { classificationSchema } from './secrecy.js';

/* 保密: 涉密人员, 保密教育培训, the guard's refusals and the 保密 dashboard. */

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });

export const PERSONNEL_CATEGORIES = ['core', 'important', 'general'] as const;
export const personnelCategorySchema = z.enum(PERSONNEL_CATEGORIES, { error: '涉密等级只能是核心、重要或一般' });
export type PersonnelCategory = z.infer<typeof personnelCategorySchema>;
export const PERSONNEL_CATEGORY_LABELS: Record<PersonnelCategory, string> = { core: '核心', important: '重要', general: '一般' };
/** 脱密期 in months by category (issue 18 defaults; editable in settings). */
export const SEPARATION_MONTHS: Record<PersonnelCategory, number> = { core: 36, important: 24, general: 12 };

export const PERSONNEL_STATUSES = ['active', 'separation', 'released'] as const;
export type PersonnelStatus = (typeof PERSONNEL_STATUSES)[number];
export const PERSONNEL_STATUS_LABELS: Record<PersonnelStatus, string> = { active: '在岗', separation: '脱密期', released: '已解除' };
export const LEAVE_REASONS = ['retired', 'transferred', 'resigned', 'post_changed'] as const;
export const LEAVE_REASON_LABELS: Record<(typeof LEAVE_REASONS)[number], string> = {
  retired: '退休',
  transferred: '调离',
  resigned: '辞职',
  post_changed: '岗位变动',
};

export const personnelCreateSchema = z.strictObject({
  name: required(singleLine(50, '姓名'), '姓名'),
  userId: singleLine(64, '账号').optional(),
  unitId: required(singleLine(64, '所在处室'), '所在处室'),
  category: personnelCategorySchema,
  post: required(singleLine(100, '岗位'), '岗位'),
  since: dateSchema,
});
export type PersonnelCreate = z.infer<typeof personnelCreateSchema>;
export const personnelUpdateSchema = personnelCreateSchema.omit({ userId: true }).extend({ version: z.number({ error: '请提供版本号' }).int() });
export type PersonnelUpdate = z.infer<typeof personnelUpdateSchema>;
export const personnelLeaveSchema = z.strictObject({
  leftDate: dateSchema,
  reason: z.enum(LEAVE_REASONS, { error: '离岗原因只能是退休、调离、辞职或岗位变动' }),
  version: z.number({ error: '请提供版本号' }).int(),
});
export type PersonnelLeave = z.infer<typeof personnelLeaveSchema>;

export const personnelSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  category: personnelCategorySchema,
  post: z.string(),
  since: z.string(),
  status: z.enum(PERSONNEL_STATUSES),
  leftDate: z.string().nullable(),
  leaveReason: z.enum(LEAVE_REASONS).nullable(),
  separationEnd: z.string().nullable(),
  version: z.number().int(),
});
export type Personnel = z.infer<typeof personnelSchema>;
export const personnelListSchema = z.object({ items: z.array(personnelSchema), total: z.number().int() });
export const personnelListQuerySchema = z.strictObject({
  status: z.enum(PERSONNEL_STATUSES, { error: '状态只能是 active、separation 或 released' }).optional(),
  category: personnelCategorySchema.optional(),
});

// --- training -----------------------------------------------------------------

export const TRAINING_KINDS = ['lecture', 'training', 'visit', 'exam', 'online'] as const;
export const TRAINING_KIND_LABELS: Record<(typeof TRAINING_KINDS)[number], string> = {
  lecture: '专家讲座',
  training: '培训',
  visit: '参观教育基地',
  exam: '保密知识考试',
  online: '在线学习',
};
export const trainingCreateSchema = z.strictObject({
  title: required(singleLine(100, '标题'), '标题'),
  kind: z.enum(TRAINING_KINDS, { error: '形式只能是讲座、培训、参观、考试或在线学习' }),
  date: dateSchema,
  hours: z
    .number({ error: '学时须为数字' })
    .min(0.5, { error: '学时至少 0.5' })
    .max(40, { error: '学时不能超过 40' })
    .refine((h) => Number.isInteger(h * 2), { error: '学时须以 0.5 为单位' }),
  passScore: z
    .number({ error: '及格分须为数字' })
    .int({ error: '及格分须为整数' })
    .min(0, { error: '及格分须在 0 至 100 之间' })
    .max(100, { error: '及格分须在 0 至 100 之间' })
    .optional(),
  attendees: z
    .array(
      z.strictObject({
        userId: required(singleLine(64, '参加人'), '参加人'),
        score: z
          .number({ error: '成绩须为数字' })
          .int({ error: '成绩须为整数' })
          .min(0, { error: '成绩须在 0 至 100 之间' })
          .max(100, { error: '成绩须在 0 至 100 之间' })
          .optional(),
      }),
      { error: '参加人员须为列表' },
    )
    .min(1, { error: '请至少填写一名参加人员' })
    .max(500, { error: '参加人员过多' }),
});
export type TrainingCreate = z.infer<typeof trainingCreateSchema>;
const attendee = z.object({ userId: z.string(), name: z.string(), hours: z.number(), score: z.number().int().nullable(), passed: z.boolean().nullable() });
export const trainingSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(TRAINING_KINDS),
  date: z.string(),
  hours: z.number(),
  passScore: z.number().int(),
  attendees: z.array(attendee),
  createdBy: z.string(),
});
export type Training = z.infer<typeof trainingSchema>;
export const trainingListSchema = z.object({ items: z.array(trainingSchema), total: z.number().int() });
export const yearQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: '年份须为数字' })
    .int({ error: '年份须为整数' })
    .min(2000, { error: '年份须在 2000 至 2099 之间' })
    .max(2099, { error: '年份须在 2000 至 2099 之间' })
    .optional(),
});
export const trainingPeopleSchema = z.object({
  items: z.array(
    z.object({ userId: z.string(), name: z.string(), sessions: z.number().int(), hours: z.number(), exams: z.number().int(), passedExams: z.number().int() }),
  ),
});
export const myTrainingSchema = z.object({
  items: z.array(
    z.object({
      trainingId: z.string(),
      title: z.string(),
      kind: z.enum(TRAINING_KINDS),
      date: z.string(),
      hours: z.number(),
      score: z.number().int().nullable(),
      passed: z.boolean().nullable(),
    }),
  ),
});

// --- refusals and dashboard ---------------------------------------------------

export const refusalQuerySchema = z
  .strictObject({ from: dateSchema.optional(), to: dateSchema.optional(), actorId: singleLine(64, '人员').optional() })
  .extend(pagingShape(MODULE_PAGING));
export type RefusalQuery = z.infer<typeof refusalQuerySchema>;
export const refusalSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  module: z.string().nullable(),
  what: z.string().nullable(),
  markings: z.array(z.object({ marking: z.string(), level: classificationSchema, field: z.string(), line: z.number().int() })),
});
export const refusalListSchema = z.object({ items: z.array(refusalSchema), total: z.number().int() });
export type RefusalList = z.infer<typeof refusalListSchema>;

const countBy = z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() }));
export const dashboardSchema = z.object({
  year: z.number().int(),
  carriers: z.object({
    inCustody: z.number().int(),
    lent: z.number().int(),
    overdue: z.number().int(),
    reviewDue: z.number().int(),
    pendingApproval: z.number().int(),
    receivedThisYear: z.number().int(),
    destroyedThisYear: z.number().int(),
    withdrawnThisYear: z.number().int(),
    byClassification: countBy,
  }),
  personnel: z.object({ active: z.number().int(), separation: z.number().int(), byCategory: countBy }),
  inspections: z.object({ campaigns: z.number().int(), open: z.number().int(), openRectifications: z.number().int(), overdueRectifications: z.number().int() }),
  trainings: z.object({ sessions: z.number().int(), attendances: z.number().int(), hours: z.number(), exams: z.number().int(), failed: z.number().int() }),
  refusals: z.object({ total: z.number().int(), last30Days: z.number().int(), byMonth: countBy, byLevel: countBy, byModule: countBy, byUnit: countBy }),
});
export type SecrecyDashboard = z.infer<typeof dashboardSchema>;

export const settingsSchema = z.object({
  loanDays: z.number().int(),
  reviewLeadDays: z.number().int(),
  separationCore: z.number().int(),
  separationImportant: z.number().int(),
  separationGeneral: z.number().int(),
  rectifyWorkdays: z.number().int(),
  version: z.number().int(),
});
export type SecrecySettings = z.infer<typeof settingsSchema>;
const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}须为整数` })
    .min(min, { error: `${label}须在 ${min} 至 ${max} 之间` })
    .max(max, { error: `${label}须在 ${min} 至 ${max} 之间` });
export const settingsUpdateSchema = z.strictObject({
  loanDays: int('借阅期限', 1, 90),
  reviewLeadDays: int('解密审核提前天数', 1, 180),
  separationCore: int('核心涉密人员脱密期', 1, 60),
  separationImportant: int('重要涉密人员脱密期', 1, 60),
  separationGeneral: int('一般涉密人员脱密期', 1, 60),
  rectifyWorkdays: int('整改时限', 1, 60),
  version: z.number({ error: '请提供版本号' }).int(),
});
export type SecrecySettingsUpdate = z.infer<typeof settingsUpdateSchema>;
