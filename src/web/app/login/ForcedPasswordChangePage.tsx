import { useQueryClient } from '@tanstack/react-query';
import { Button, Divider, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { fetchMe, ME_KEY, useCurrentUser, useLogout } from '../auth.js';
import { safeReturnPath } from '../errors.js';
import { PasswordChangeForm } from '../password/PasswordChangeForm.js';
import { PasswordPolicyCard } from '../password/PasswordPolicyCard.js';
import { BrandPanel } from './BrandPanel.js';
import './login.css';

/**
 * Shown after login while the account must change its password (first login
 * of a new account, a reset by the administrator, or an expired password).
 */
export default function ForcedPasswordChangePage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout();
  const from = safeReturnPath(params.get('from'));

  return (
    <div className="zs-login">
      <BrandPanel />
      <main className="zs-login-main">
        <div className="zs-login-card" style={{ maxWidth: 460 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            请修改密码
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {me.name}（{me.username}），您的密码为初始密码、已被管理员重置或已过期。为保障账号安全，请先设置新密码，然后继续使用系统。
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
          <Button
            type="link"
            style={{ paddingLeft: 0 }}
            onClick={() => void logout()}
          >
            退出登录
          </Button>
        </div>
      </main>
    </div>
  );
}
