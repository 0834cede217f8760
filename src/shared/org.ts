import { z } from 'zod';
import { pagingShape } from './paging.js';
import { roleSchema } from './roles.js';

/** 局领导 (leadership), 办公室 (office), 处室 (division). */
export const UNIT_KINDS = ['leadership', 'office', 'division'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  leadership: '局领导',
  office: '办公室',
  division: '处室',
};

export interface UnitNode {
  id: string;
  name: string;
  kind: UnitKind;
  children: UnitNode[];
}

export const unitNodeSchema: z.ZodType<UnitNode> = z.object({
  id: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  get children(): z.ZodArray<z.ZodType<UnitNode>> {
    return z.array(unitNodeSchema);
  },
});
// Recursive: named, so the OpenAPI document can refer to it (#/components/schemas/UnitNode).
z.globalRegistry.add(unitNodeSchema, { id: 'UnitNode' });
export const unitTreeSchema = z.array(unitNodeSchema);

/** No control characters (PostgreSQL refuses NUL in text; nobody types the others). */
export const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
const noControl = { error: '不能包含控制字符' };

export const idSchema = z.string().trim().min(1).max(64).regex(NO_CONTROL_CHARS, noControl);
export const idParamsSchema = z.strictObject({ id: idSchema });

/** Lower-case letters, digits, `_ . -`; compared case-insensitively. */
export const usernameSchema = z
  .string()
  .trim()
  .max(32, { error: '用户名最多 32 个字符' })
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,31}$/, { error: '用户名须为 2–32 位字母、数字或 _ . -，并以字母或数字开头' });
export const personNameSchema = z.string().trim().min(1, { error: '请填写姓名' }).max(50, { error: '姓名最多 50 个字符' }).regex(NO_CONTROL_CHARS, noControl);
export const unitNameSchema = z
  .string()
  .trim()
  .min(1, { error: '请填写单位名称' })
  .max(50, { error: '单位名称最多 50 个字符' })
  .regex(NO_CONTROL_CHARS, noControl);
/** Passwords are trimmed both when set and when checked, so pasted blanks never lock anyone out. */
export const newPasswordSchema = z.string().trim().min(1, { error: '请填写密码' }).max(128, { error: '密码最多 128 个字符' });
export const versionSchema = z.number().int().min(1);
/**
 * Where notifications are e-mailed. Optional: blank (or null) clears it and is
 * stored as null. z.email() admits no whitespace or line breaks, so nothing
 * stored here can reach an SMTP header as more than one address.
 */
export const optionalEmailSchema = z
  .string()
  .trim()
  .max(254, { error: '电子邮箱最多 254 个字符' })
  .pipe(z.union([z.literal(''), z.email({ error: '请填写有效的电子邮箱地址，如 zhangsan@example.gov.cn' })]))
  .transform((v) => (v === '' ? null : v))
  .nullable();

export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserListQuerySchema = z.strictObject({
  ...pagingShape({ maxPage: 100_000, maxPageSize: 200 }),
  q: z.string().trim().max(50).regex(NO_CONTROL_CHARS, noControl).optional(),
});
export type AdminUserListQuery = z.infer<typeof adminUserListQuerySchema>;
export const adminUserListSchema = z.object({ items: z.array(adminUserSchema), total: z.number().int() });

export const createUserBodySchema = z.strictObject({
  username: usernameSchema,
  name: personNameSchema,
  unitId: idSchema,
  email: optionalEmailSchema.optional(),
  password: newPasswordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  name: personNameSchema.optional(),
  unitId: idSchema.optional(),
  email: optionalEmailSchema.optional(),
  disabled: z.boolean().optional(),
  version: versionSchema,
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const resetPasswordBodySchema = z.strictObject({ password: newPasswordSchema });

export const setRolesBodySchema = z.strictObject({
  roles: z.array(roleSchema).max(10),
  version: versionSchema,
});
export type SetRolesBody = z.infer<typeof setRolesBodySchema>;

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  sort: z.number().int(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListSchema = z.object({ items: z.array(unitSchema) });

export const createUnitBodySchema = z.strictObject({
  name: unitNameSchema,
  kind: unitKindSchema,
  parentId: idSchema.nullable().optional(),
  sort: z.number().int().min(0).max(100_000).optional(),
});
export type CreateUnitBody = z.infer<typeof createUnitBodySchema>;

export const updateUnitBodySchema = z.strictObject({
  name: unitNameSchema.optional(),
  parentId: idSchema.nullable().optional(),
  sort: z.number().int().min(0).max(100_000).optional(),
  version: versionSchema,
});
export type UpdateUnitBody = z.infer<typeof updateUnitBodySchema>;

/** 委托/代理: a leader lets another user work their queue for a period. */
export const delegationSchema = z.object({
  id: z.string(),
  principal: z.object({ id: z.string(), name: z.string() }),
  delegate: z.object({ id: z.string(), name: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string().nullable(),
  active: z.boolean(),
});
export type Delegation = z.infer<typeof delegationSchema>;
export const delegationListSchema = z.object({ given: z.array(delegationSchema), received: z.array(delegationSchema) });

export const createDelegationBodySchema = z.strictObject({
  delegateId: idSchema,
  startsAt: z.iso.datetime({ error: '开始时间须为 ISO-8601 时间' }),
  endsAt: z.iso.datetime({ error: '结束时间须为 ISO-8601 时间' }),
  reason: z.string().trim().max(200).regex(NO_CONTROL_CHARS, noControl).optional(),
});
export type CreateDelegationBody = z.infer<typeof createDelegationBodySchema>;
