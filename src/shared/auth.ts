import { z } from 'zod';
import { NO_CONTROL_CHARS } from './org.js';
import { roleSchema } from './roles.js';

export const SESSION_COOKIE = 'zs_session';
export const CSRF_HEADER = 'x-csrf-token';

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1, { error: '请填写用户名' }).max(64).regex(NO_CONTROL_CHARS, { error: '用户名不能包含控制字符' }),
  password: z.string().trim().min(1, { error: '请填写密码' }).max(128),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string().nullable(),
  roles: z.array(roleSchema),
});

export const loginResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/**
 * Why the password must be changed now: an administrator set it (a new
 * account or a reset), or it is older than the policy's expiry.
 */
export const passwordChangeReasonSchema = z.enum(['set_by_admin', 'expired']);
export type PasswordChangeReason = z.infer<typeof passwordChangeReasonSchema>;

export const meResponseSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(roleSchema),
  mustChangePassword: z.boolean(),
  /** Present exactly when `mustChangePassword` is true. */
  passwordChangeReason: passwordChangeReasonSchema.optional(),
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().trim().min(1, { error: '请填写当前密码' }).max(128),
  newPassword: z.string().trim().min(1, { error: '请填写新密码' }).max(128, { error: '密码最多 128 个字符' }),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const okSchema = z.object({ ok: z.literal(true) });

export const sessionItemSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionListSchema = z.object({ items: z.array(sessionItemSchema) });
export type SessionItem = z.infer<typeof sessionItemSchema>;

export const PASSWORD_RULES = ['length', 'classes', 'username', 'common', 'same'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export const passwordPolicyResponseSchema = z.object({
  minLength: z.number().int(),
  maxLength: z.number().int(),
  minClasses: z.number().int(),
  classes: z.array(z.string()),
  forbidUsername: z.boolean(),
  forbidCommon: z.boolean(),
  expiryDays: z.number().int(),
  rules: z.array(z.string()),
});
export type PasswordPolicyResponse = z.infer<typeof passwordPolicyResponseSchema>;

/** The security policy (安全策略) the secadmin sets. */
export const securityPolicyFields = {
  lockoutThreshold: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(1).max(1440),
  /** 0 means passwords never expire. */
  passwordExpiryDays: z.number().int().min(0).max(365),
  idleTimeoutMinutes: z.number().int().min(5).max(480),
  absoluteSessionHours: z.number().int().min(1).max(72),
  auditRetentionDays: z.number().int().min(180).max(36_500),
};
export const securityPolicySchema = z.object({
  ...securityPolicyFields,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;
export const updateSecurityPolicyBodySchema = z.strictObject({
  ...securityPolicyFields,
  version: z.number().int().min(1),
});
export type UpdateSecurityPolicyBody = z.infer<typeof updateSecurityPolicyBodySchema>;
