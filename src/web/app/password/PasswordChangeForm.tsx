import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { ChangePasswordBody } from '../../../shared/auth.js';
import { api } from '../api.js';
import { errorMessage } from '../errors.js';
import { localPasswordProblems, usePasswordPolicy } from './PasswordPolicyCard.js';

interface Values extends ChangePasswordBody {
  confirm: string;
}

/** Current password, new password twice; used by the forced change page and 个人中心. */
export function PasswordChangeForm({
  username,
  onChanged,
  submitText = '确认修改',
}: {
  username: string;
  onChanged: () => void | Promise<void>;
  submitText?: string;
}) {
  const [form] = Form.useForm<Values>();
  const { data: policy } = usePasswordPolicy();
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (v: ChangePasswordBody) => api.me.changePassword(v),
    meta: { silent: true },
    onMutate: () => setError(null),
    onSuccess: async () => {
      form.resetFields();
      await onChanged();
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <Form<Values>
      form={form}
      name="change-password"
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      style={{ maxWidth: 420 }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="password-error" />}
      <Form.Item label="当前密码" name="currentPassword" htmlFor="pw-current" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password id="pw-current" autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        htmlFor="pw-new"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const problems = localPasswordProblems(value, username, policy);
              if (problems.length) throw new Error(`新密码${problems.join('；')}`);
            },
          },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error('新密码不能与当前密码相同');
            },
          }),
        ]}
      >
        <Input.Password id="pw-new" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        htmlFor="pw-confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password id="pw-confirm" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}
