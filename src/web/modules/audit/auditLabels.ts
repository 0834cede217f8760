/** Audit action codes as the auditor reads them. Unknown codes are shown as they are. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'auth.password_change': '修改本人密码',
  'auth.session_revoke': '结束会话',
  'auth.separation_denied': '管理员访问业务数据（三员分立，已拒绝）',
  'org.user_create': '新建账号',
  'org.user_update': '修改账号',
  'org.user_disable': '停用账号',
  'org.user_enable': '启用账号',
  'org.user_list': '查看账号列表',
  'org.password_reset': '重置密码',
  'org.user_unlock': '解除锁定',
  'org.role_grant': '授予角色',
  'org.role_revoke': '收回角色',
  'org.unit_create': '新建单位',
  'org.unit_update': '修改单位',
  'org.delegation_create': '委托代理',
  'org.delegation_revoke': '撤销委托',
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

const REASON_TEXT: Record<string, string> = {
  bad_password: '密码错误',
  unknown_user: '用户名不存在',
  locked: '账号锁定中',
  disabled: '账号已停用',
  logout: '退出登录',
  roles_changed: '角色变更',
  unit_changed: '所在单位变更',
};

const DETAIL_KEYS: { key: string; label: string }[] = [
  { key: 'username', label: '账号' },
  { key: 'name', label: '名称' },
  { key: 'roleLabel', label: '角色' },
  { key: 'reason', label: '原因' },
  { key: 'consecutiveFailures', label: '连续失败' },
  { key: 'count', label: '记录数' },
  { key: 'brokenSeq', label: '断点序号' },
];

/** The few details an auditor scans for, as one line; the full record is in the expanded row. */
export function detailSummary(details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const { key, label } of DETAIL_KEYS) {
    const v = details[key];
    if (v === undefined || v === null || v === '') continue;
    const text = key === 'reason' && typeof v === 'string' ? (REASON_TEXT[v] ?? v) : String(v);
    parts.push(`${label}：${text}`);
  }
  return parts.join('；');
}
