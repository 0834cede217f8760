import { z } from 'zod';
import { pagingShape } from './paging.js';

const dateOrInstant = z
  .string()
  .trim()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/, '日期格式应为 YYYY-MM-DD 或 ISO 时间');

export const auditQuerySchema = z.strictObject({
  ...pagingShape({ maxPage: 100_000, maxPageSize: 200 }),
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  onBehalfOfId: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditListSchema = z.object({ items: z.array(auditEventSchema), total: z.number() });

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  count: z.number(),
  brokenSeq: z.number().optional(),
  reason: z.string().optional(),
  checkedAt: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;
