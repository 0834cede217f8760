/** Audit action codes as the auditor reads them. Unknown codes are shown as they are. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'auth.password_change': '修改本人密码',
  'auth.session_revoke': '结束会话',
  'org.user_create': '新建账号',
  'org.user_update': '修改账号',
  'org.password_reset': '重置密码',
  'org.user_unlock': '解除锁定',
  'org.role_grant': '授予角色',
  'org.role_revoke': '收回角色',
  'org.unit_create': '新建单位',
  'org.unit_update': '修改单位',
  'security.policy_update': '修改安全策略',
  'audit.verify': '校验审计日志',
  'guard.classified_refused': '拦截涉密内容',
  'calendar.update': '修改工作日历',
  'calendar.reset': '重置工作日历',
};

export const ACTION_GROUPS: { label: string; prefix: string }[] = [
  { label: '登录与会话（全部）', prefix: 'auth.' },
  { label: '账号与组织机构（全部）', prefix: 'org.' },
  { label: '安全策略（全部）', prefix: 'security.' },
  { label: '审计（全部）', prefix: 'audit.' },
  { label: '保密检查（全部）', prefix: 'guard.' },
];

export const OUTCOME_LABELS: Record<'success' | 'failure' | 'denied', { text: string; color: string }> = {
  success: { text: '成功', color: 'green' },
  failure: { text: '失败', color: 'red' },
  denied: { text: '拒绝', color: 'orange' },
};

export const TARGET_LABELS: Record<string, string> = {
  user: '账号',
  unit: '单位',
  session: '会话',
  policy: '安全策略',
  security_policy: '安全策略',
  audit: '审计日志',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
