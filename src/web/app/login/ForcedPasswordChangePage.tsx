import { useQueryClient } from '@tanstack/react-query';
import { Button, Divider, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { fetchMe, ME_KEY, useCurrentUser, useLogout } from '../auth.js';
import { safeReturnPath } from '../errors.js';
import { PasswordChangeForm } from '../password/PasswordChangeForm.js';
import { PasswordPolicyCard, usePasswordPolicy } from '../password/PasswordPolicyCard.js';
import type { MeResponse } from '../../../shared/auth.js';
import { BrandPanel } from './BrandPanel.js';
import './login.css';

/**
 * Shown after login while the account must change its password (first login
 * of a new account, a reset by the administrator, or an expired password;
 * the text says which).
 */
export default function ForcedPasswordChangePage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout();
  const from = safeReturnPath(params.get('from'));
  const expiryDays = usePasswordPolicy().data?.expiryDays;

  return (
    <div className="zs-login">
      <BrandPanel />
      <main className="zs-login-main">
        <div className="zs-login-card" style={{ maxWidth: 460 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            请修改密码
          </Typography.Title>
          <Typography.Paragraph type="secondary" data-testid="password-change-reason">
            {me.name}（{me.username}），{reasonText(me.passwordChangeReason, expiryDays)}
          </Typography.Paragraph>
          <PasswordPolicyCard />
          <Divider style={{ margin: '16px 0' }} />
          <PasswordChangeForm
            username={me.username}
            submitText="修改并进入系统"
            onChanged={async () => {
              const fresh = await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
              if (!fresh) await logout({ reason: 'password_changed', callServer: false });
              else await navigate(from, { replace: true });
            }}
          />
          <Divider style={{ margin: '16px 0 8px' }} />
          <Button type="link" style={{ paddingLeft: 0 }} onClick={() => void logout()}>
            退出登录
          </Button>
        </div>
      </main>
    </div>
  );
}

/** Says in plain words why the change is asked for; the server tells which case it is. */
function reasonText(reason: MeResponse['passwordChangeReason'], expiryDays: number | undefined): string {
  switch (reason) {
    case 'expired':
      return expiryDays ? `您的密码已超过 ${expiryDays} 天有效期，已经过期。请设置新密码后继续使用系统。` : '您的密码已过有效期。请设置新密码后继续使用系统。';
    case 'set_by_admin':
      return '您的密码是系统管理员设置的（新开账号或重置密码），只有您本人应当知道自己的密码。请先设置新密码，然后继续使用系统。';
    case undefined:
      return '为保障账号安全，请先设置新密码，然后继续使用系统。';
  }
}
