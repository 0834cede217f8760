import { z } from 'zod';
import { dateSchema } from './calendar.js';
import { channelLevelSchema, idRefSchema, infoYearSchema } from './info.js';
import { multiLine, singleLine } from './text.js';

/*
 * 信息考核 (REFERENCE §8): the year's scoring table, the divisions' targets,
 * penalties, the 约稿 (kind `info_request`), the 进度台账 and the 通报.
 */

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为数字` })
    .int({ error: `${label}须为整数` })
    .min(min, { error: `${label}须在 ${min} 至 ${max} 之间` })
    .max(max, { error: `${label}须在 ${min} 至 ${max} 之间` });
const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });
const version = z.number({ error: '版本号须为数字' }).int({ error: '版本号须为整数' }).min(0, { error: '版本号不能为负' });
export const SCORE_CODE_RE = /^[a-z][a-z0-9_]{1,31}$/;
const code = z.string({ error: '代码须为文字' }).trim().regex(SCORE_CODE_RE, { error: '代码须为小写字母开头的 2–32 位小写字母、数字或下划线' });

export const channelSchema = z.strictObject({
  code,
  name: required(singleLine(50, '渠道名称'), '渠道名称'),
  level: channelLevelSchema,
  points: int('渠道分值', 0, 1000),
  active: z.boolean({ error: '是否启用须为是或否' }),
});
export const penaltyRuleSchema = z.strictObject({
  code,
  name: required(singleLine(50, '扣分项名称'), '扣分项名称'),
  points: int('扣分分值', -1000, 0),
});
const perLevel = <T extends z.ZodType>(s: T) => z.strictObject({ state: s, ministry: s, provincial: s });
const perType = <T extends z.ZodType>(s: T) => z.strictObject({ news: s, practice: s, proposal: s, special: s });

export const scoringBodySchema = z.strictObject({
  submissionPoints: int('报送分值', 0, 1000),
  channels: z.array(channelSchema, { error: '渠道须为列表' }).min(1, { error: '至少要有一个采用渠道' }).max(50, { error: '渠道最多 50 个' }),
  instructionBonus: perLevel(int('批示加分', 0, 1000)),
  instructionRule: z.enum(['highest', 'sum'], { error: '批示计分规则须为 highest 或 sum' }),
  typeMultiplier: perType(int('类型倍数', 1, 5)),
  penalties: z.array(penaltyRuleSchema, { error: '扣分项须为列表' }).max(50, { error: '扣分项最多 50 个' }),
});
export type ScoringBody = z.infer<typeof scoringBodySchema>;
export const scoringUpdateSchema = scoringBodySchema.extend({ version });
export type ScoringUpdate = z.infer<typeof scoringUpdateSchema>;
export const scoringSchema = scoringBodySchema.extend({ year: z.number().int(), version: z.number().int() });
export type Scoring = z.infer<typeof scoringSchema>;

/** The default table (../shared/api/info.md): used for a year when no earlier year has one. */
export const DEFAULT_SCORING: ScoringBody = {
  submissionPoints: 1,
  channels: [
    { code: 'gov_office', name: '中办国办刊物', level: 'national', points: 50, active: true },
    { code: 'mof_special', name: '财政部专报信息', level: 'ministry', points: 30, active: true },
    { code: 'mof_info', name: '《财政信息》', level: 'ministry', points: 10, active: true },
    { code: 'mof_portal', name: '财政部门户网站', level: 'ministry', points: 5, active: true },
    { code: 'mof_internal', name: '部内网监管局动态', level: 'ministry', points: 3, active: true },
    { code: 'prov_special', name: '省委省政府专报', level: 'provincial', points: 20, active: true },
    { code: 'prov_info', name: '省办公厅信息刊物', level: 'provincial', points: 10, active: true },
  ],
  instructionBonus: { state: 100, ministry: 50, provincial: 30 },
  instructionRule: 'highest',
  typeMultiplier: { news: 1, practice: 1, proposal: 1, special: 2 },
  penalties: [
    { code: 'request_overdue', name: '约稿逾期未报', points: -5 },
    { code: 'late_urgent', name: '紧急信息迟报', points: -10 },
    { code: 'inaccurate', name: '信息失实', points: -20 },
    { code: 'omission', name: '漏报瞒报', points: -30 },
  ],
};

// ── targets ──
export const targetRowSchema = z.strictObject({
  divisionId: idRefSchema,
  divisionName: z.string().trim().max(100).optional(),
  submissions: int('报送目标', 0, 10000),
  adoptions: int('采用目标', 0, 10000),
  points: int('分数目标', 0, 10000),
});
export const targetsUpdateSchema = z.strictObject({
  version,
  items: z.array(targetRowSchema, { error: '目标须为列表' }).max(200, { error: '处室过多' }),
});
export type TargetsUpdate = z.infer<typeof targetsUpdateSchema>;
export const targetsSchema = z.object({
  year: z.number().int(),
  version: z.number().int(),
  items: z.array(
    z.object({ divisionId: z.string(), divisionName: z.string(), submissions: z.number().int(), adoptions: z.number().int(), points: z.number().int() }),
  ),
});
export type Targets = z.infer<typeof targetsSchema>;

// ── penalties ──
export const penaltyCreateSchema = z.strictObject({
  divisionId: idRefSchema,
  code,
  date: dateSchema,
  reason: required(multiLine(500, '扣分事由'), '扣分事由'),
  itemId: idRefSchema.optional(),
});
export type PenaltyCreate = z.infer<typeof penaltyCreateSchema>;
export const penaltyRevokeSchema = z.strictObject({ reason: required(multiLine(500, '撤销理由'), '撤销理由') });
export const penaltySchema = z.object({
  id: z.string(),
  divisionId: z.string(),
  divisionName: z.string(),
  code: z.string(),
  name: z.string(),
  points: z.number().int(),
  date: z.string(),
  reason: z.string(),
  itemId: z.string().nullable(),
  requestId: z.string().nullable(),
  revoked: z.boolean(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Penalty = z.infer<typeof penaltySchema>;
export const penaltyListQuerySchema = z.strictObject({ year: infoYearSchema.optional(), divisionId: idRefSchema.optional() });
export const penaltyListSchema = z.object({ items: z.array(penaltySchema) });

// ── ledger (进度台账) ──
const figures = {
  submitted: z.number().int(),
  adoptions: z.number().int(),
  instructions: z.number().int(),
  penalties: z.number().int(),
};
export const ledgerRowSchema = z.object({
  rank: z.number().int(),
  divisionId: z.string(),
  divisionName: z.string(),
  target: z.object({ submissions: z.number().int(), adoptions: z.number().int(), points: z.number().int() }),
  ...figures,
  points: z.object({
    submission: z.number().int(),
    adoption: z.number().int(),
    instruction: z.number().int(),
    penalty: z.number().int(),
    total: z.number().int(),
  }),
  rates: z.object({ submissions: z.number().int().nullable(), adoptions: z.number().int().nullable(), points: z.number().int().nullable() }),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;
export const infoLedgerSchema = z.object({ year: z.number().int(), items: z.array(ledgerRowSchema) });
export type InfoLedger = z.infer<typeof infoLedgerSchema>;
export const yearQuerySchema = z.strictObject({ year: infoYearSchema });

// ── 通报 ──
export const PERIOD_RE = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;
export const bulletinQuerySchema = z.strictObject({
  period: z.string({ error: '期间须为文字' }).trim().regex(PERIOD_RE, { error: '期间须为 YYYY-MM 或 YYYY-Qn' }),
});
export const bulletinSchema = z.object({
  period: z.string(),
  /** 政务信息工作通报（YYYY年第N期）: months 1–12, quarters 13–16 of the year. */
  title: z.string(),
  from: z.string(),
  to: z.string(),
  issued: z.boolean(),
  issuedAt: z.string().nullable(),
  totals: z.object({ ...figures, points: z.number().int() }),
  ranking: z.array(
    z.object({
      rank: z.number().int(),
      divisionId: z.string(),
      divisionName: z.string(),
      submitted: z.number().int(),
      adoptions: z.number().int(),
      instructions: z.number().int(),
      points: z.number().int(),
      yearPoints: z.number().int(),
      yearRate: z.number().int().nullable(),
    }),
  ),
  highlights: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      divisionName: z.string(),
      type: z.enum(['adoption', 'instruction']),
      date: z.string(),
      points: z.number().int(),
      detail: z.string(),
    }),
  ),
  requests: z.object({ issued: z.number().int(), answered: z.number().int(), overdue: z.number().int() }),
  penalties: z.array(z.object({ divisionName: z.string(), name: z.string(), points: z.number().int(), date: z.string(), reason: z.string() })),
});
export type Bulletin = z.infer<typeof bulletinSchema>;

// ── 约稿 (kind `info_request`) ──
export const REQUEST_STATES = ['open', 'answered', 'cancelled'] as const;
export const requestStateSchema = z.enum(REQUEST_STATES, { error: '约稿状态须为 open、answered 或 cancelled' });
export type RequestState = z.infer<typeof requestStateSchema>;
export const REQUEST_STATE_LABELS: Record<RequestState, string> = { open: '待报送', answered: '已报送', cancelled: '已取消' };
export const REQUEST_ACTION_LABELS: Record<string, string> = { create: '发出约稿', answer: '报送稿件', cancel: '取消约稿' };

export const requestCreateSchema = z
  .strictObject({
    topic: required(singleLine(100, '约稿主题'), '约稿主题'),
    requirements: required(multiLine(2000, '约稿要求'), '约稿要求'),
    divisionId: idRefSchema,
    deadline: dateSchema.optional(),
    deadlineWorkdays: int('工作日数', 1, 60).optional(),
  })
  .refine((b) => (b.deadline === undefined) !== (b.deadlineWorkdays === undefined), {
    error: '截止日期与工作日数须且只能填写一项',
    path: ['deadline'],
  });
export type RequestCreate = z.infer<typeof requestCreateSchema>;
export const requestAnswerSchema = z.strictObject({ itemId: idRefSchema });
export const requestCancelSchema = z.strictObject({ reason: required(multiLine(500, '取消理由'), '取消理由') });

export const requestFieldsSchema = z.object({
  number: z.string(),
  topic: z.string(),
  requirements: z.string(),
  division: z.object({ id: z.string(), name: z.string() }),
  deadline: z.string(),
  deadlineProvisional: z.boolean(),
  overdue: z.boolean(),
  answeredAt: z.string().nullable(),
  penaltyId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  answers: z.array(z.object({ id: z.string(), title: z.string(), state: z.string() })),
  rights: z.object({ mayAttach: z.boolean() }),
});
export type RequestFields = z.infer<typeof requestFieldsSchema>;
export const requestListQuerySchema = z.strictObject({
  state: requestStateSchema.optional(),
  divisionId: idRefSchema.optional(),
  overdue: z
    .enum(['true', 'false'], { error: '是否逾期须为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
export const requestListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  topic: z.string(),
  division: z.object({ id: z.string(), name: z.string() }),
  state: requestStateSchema,
  version: z.number().int(),
  deadline: z.string(),
  overdue: z.boolean(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RequestListItem = z.infer<typeof requestListItemSchema>;
export const requestListSchema = z.object({ items: z.array(requestListItemSchema), total: z.number().int(), rights: z.object({ mayCreate: z.boolean() }) });
export type RequestList = z.infer<typeof requestListSchema>;

// ── 门户管理 ──
export const portalLogSchema = z.object({
  items: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      action: z.enum(['publish', 'unpublish']),
      reason: z.string().nullable(),
      actor: z.string(),
      at: z.string(),
      publication: z.string(),
    }),
  ),
});
export type PortalLog = z.infer<typeof portalLogSchema>;
