import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginBody } from '../../../shared/auth.js';
import { api } from '../api.js';
import { clearSession, fetchMe, ME_KEY, useMe } from '../auth.js';
import { errorMessage, safeReturnPath } from '../errors.js';
import { setCsrfToken } from '../http.js';
import { BrandPanel } from './BrandPanel.js';
import './login.css';

const REASONS: Record<string, { type: 'info' | 'success'; text: string }> = {
  expired: { type: 'info', text: '登录已超时或已在别处结束，请重新登录。' },
  signed_out: { type: 'success', text: '您已安全退出。' },
  password_changed: { type: 'success', text: '密码已修改，请使用新密码登录。' },
};

export default function LoginPage() {
  const [params] = useSearchParams();
  const from = safeReturnPath(params.get('from'));
  const reason = REASONS[params.get('reason') ?? ''];
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<LoginBody>();
  const signedOut = params.has('reason');

  // Arriving here because the session ended: forget everything the previous user could see.
  useEffect(() => {
    if (signedOut) clearSession();
  }, [signedOut]);

  const login = useMutation({
    mutationFn: api.auth.login,
    meta: { silent: true },
    onMutate: () => setError(null),
    onSuccess: async (res) => {
      setCsrfToken(res.csrfToken);
      const fresh = await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      if (res.mustChangePassword || fresh?.mustChangePassword) {
        await navigate(`/change-password${from === '/' ? '' : `?from=${encodeURIComponent(from)}`}`, { replace: true });
      } else {
        await navigate(from, { replace: true });
      }
    },
    onError: (err) => {
      setError(errorMessage(err));
      form.setFieldValue('password', '');
    },
  });

  // Already signed in and not just signed out (a reason means the session is being forgotten right now).
  if (me && !login.isPending && !signedOut) {
    return <Navigate to={me.mustChangePassword ? '/change-password' : from} replace />;
  }

  return (
    <div className="zs-login">
      <BrandPanel />
      <main className="zs-login-main">
        <div className="zs-login-card">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            账号登录
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            请使用单位分配的账号登录
          </Typography.Paragraph>
          {reason && !error && <Alert style={{ marginBottom: 16 }} type={reason.type} title={reason.text} showIcon />}
          {error && <Alert style={{ marginBottom: 16 }} type="error" title={error} showIcon role="alert" data-testid="login-error" />}
          <Form<LoginBody>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            size="large"
            onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
          >
            <Form.Item label="用户名" name="username" htmlFor="login-username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input id="login-username" prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="请输入用户名" maxLength={64} />
            </Form.Item>
            <Form.Item label="密码" name="password" htmlFor="login-password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password id="login-password" prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" maxLength={128} />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            忘记密码或账号被锁定，请联系系统管理员或安全保密管理员处理。
          </Typography.Paragraph>
        </div>
        <footer className="zs-login-footer">本系统为非涉密信息系统，严禁存储、处理、传输涉密信息</footer>
      </main>
    </div>
  );
}
