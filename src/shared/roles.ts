import { z } from 'zod';

/** Business roles do the bureau's work; the three admin roles (三员) never touch it. */
export const BUSINESS_ROLES = [
  'leader',
  'office_director',
  'office_clerk',
  'division_head',
  'staff',
  'secrecy_officer',
  // The later modules' own roles (API.md): 信息报送, 信访, 经费, 物资, 队伍建设.
  'info_editor',
  'petition_officer',
  'finance_officer',
  'asset_keeper',
  'hr_officer',
] as const;
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const ROLES = [...BUSINESS_ROLES, ...ADMIN_ROLES] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  leader: '局领导',
  office_director: '办公室主任',
  office_clerk: '办公室文秘/机要',
  division_head: '处室负责人',
  staff: '处室工作人员',
  secrecy_officer: '保密员',
  info_editor: '信息编辑',
  petition_officer: '信访工作人员',
  finance_officer: '财务人员',
  asset_keeper: '资产管理员',
  hr_officer: '人事干部',
  sysadmin: '系统管理员',
  secadmin: '安全保密管理员',
  auditor: '安全审计员',
};

export const OFFICE_ROLES: readonly Role[] = ['office_director', 'office_clerk'];

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

/**
 * 三员分立: an admin role excludes every other role. Returns a Chinese reason
 * when the set is not allowed, or null when it is.
 */
export function roleSetViolation(roles: readonly Role[]): string | null {
  const admins = roles.filter(isAdminRole);
  if (admins.length > 1) return '三员分立：系统管理员、安全保密管理员、安全审计员不能由同一人兼任';
  if (admins.length === 1 && roles.length > 1) return '三员分立：管理员账号不能同时拥有业务角色';
  return null;
}
