import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Typography } from 'antd';
import type { PasswordPolicyResponse } from '../../../shared/auth.js';
import { api } from '../api.js';

export const PASSWORD_POLICY_KEY = ['auth', 'password-policy'] as const;

export function usePasswordPolicy() {
  return useQuery({ queryKey: PASSWORD_POLICY_KEY, queryFn: api.auth.passwordPolicy, staleTime: 10 * 60_000, meta: { silent: true } });
}

/** The rules as the server states them, so what is shown is what is enforced. */
export function PasswordPolicyCard() {
  const { data, isPending, isError } = usePasswordPolicy();
  if (isPending) return <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  if (isError || !data) return <Alert type="warning" showIcon title="暂时无法读取密码规则，提交时将由服务器校验。" />;
  return (
    <section aria-labelledby="pw-policy-title" className="zs-pw-policy">
      <Typography.Text strong id="pw-policy-title">
        <SafetyCertificateOutlined style={{ color: '#1f5eff', marginRight: 6 }} />
        密码规则
      </Typography.Text>
      <ul style={{ margin: '8px 0 0', paddingLeft: 22, color: 'rgba(0,0,0,0.65)', lineHeight: 1.9 }} data-testid="password-rules">
        {data.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}

/** The same checks the server makes that need no word list: early, specific feedback. */
export function localPasswordProblems(password: string, username: string, policy: PasswordPolicyResponse | undefined): string[] {
  const minLength = policy?.minLength ?? 8;
  const maxLength = policy?.maxLength ?? 128;
  const minClasses = policy?.minClasses ?? 3;
  const problems: string[] = [];
  if (password.length < minLength) problems.push(`长度至少 ${minLength} 个字符`);
  if (password.length > maxLength) problems.push(`长度不超过 ${maxLength} 个字符`);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < minClasses) problems.push(`须包含大写字母、小写字母、数字、符号中的至少 ${minClasses} 类`);
  const u = username.trim().toLowerCase();
  if ((policy?.forbidUsername ?? true) && u && password.toLowerCase().includes(u)) problems.push('不能包含用户名');
  return problems;
}
