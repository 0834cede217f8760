import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Typography } from 'antd';
import type { UpdateSecurityPolicyBody } from '../../../shared/auth.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';

const POLICY_KEY = ['admin', 'policy'] as const;

type Fields = Omit<UpdateSecurityPolicyBody, 'version'>;

/** Bounds mirror `securityPolicyFields` in src/shared/auth.ts; the server checks them again. */
const FIELDS: { name: keyof Fields; label: string; unit: string; min: number; max: number; extra: string; section: 'login' | 'session' | 'audit' }[] = [
  { name: 'lockoutThreshold', label: '连续密码错误锁定次数', unit: '次', min: 3, max: 10, extra: '连续输错达到此次数后锁定账号（3–10 次）', section: 'login' },
  { name: 'lockoutMinutes', label: '锁定时长', unit: '分钟', min: 1, max: 1440, extra: '锁定期满自动解锁，也可由安全保密管理员提前解锁', section: 'login' },
  { name: 'passwordExpiryDays', label: '密码有效期', unit: '天', min: 0, max: 365, extra: '到期后登录须先修改密码；0 表示不强制定期更换', section: 'login' },
  {
    name: 'idleTimeoutMinutes',
    label: '无操作自动退出',
    unit: '分钟',
    min: 5,
    max: 480,
    extra: '超过此时长无任何操作，会话失效（5–480 分钟）',
    section: 'session',
  },
  { name: 'absoluteSessionHours', label: '会话最长有效期', unit: '小时', min: 1, max: 72, extra: '无论是否操作，登录超过此时长须重新登录', section: 'session' },
  { name: 'auditRetentionDays', label: '审计日志保存期限', unit: '天', min: 180, max: 36500, extra: '不少于 180 天', section: 'audit' },
];

const SECTIONS = [
  { key: 'login', title: '登录与密码' },
  { key: 'session', title: '会话超时' },
  { key: 'audit', title: '审计' },
] as const;

export default function PolicyPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const policy = useQuery({ queryKey: POLICY_KEY, queryFn: api.admin.policy });
  const save = useMutation({
    mutationFn: (v: Fields) => api.admin.updatePolicy({ ...v, version: policy.data?.version ?? 0 }),
    onSuccess: async (p) => {
      qc.setQueryData(POLICY_KEY, p);
      await qc.invalidateQueries({ queryKey: ['auth', 'password-policy'] });
      message.success('安全策略已保存，新的设置立即生效');
    },
  });

  return (
    <PageContainer title="安全策略" description="设置账号锁定、密码有效期和会话超时。修改会记入审计日志。">
      <Card>
        {policy.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : policy.isError ? (
          <Alert type="error" showIcon title={errorMessage(policy.error)} />
        ) : (
          <Form<Fields>
            key={policy.data.version}
            form={form}
            name="security-policy"
            layout="vertical"
            initialValues={policy.data}
            onFinish={(v) => save.mutate(v)}
          >
            {SECTIONS.map((s) => (
              <section key={s.key} aria-label={s.title}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {s.title}
                </Typography.Title>
                <Row gutter={24}>
                  {FIELDS.filter((f) => f.section === s.key).map((f) => (
                    <Col xs={24} md={12} xl={8} key={f.name}>
                      <Form.Item
                        label={f.label}
                        name={f.name}
                        htmlFor={`policy-${f.name}`}
                        extra={f.extra}
                        rules={[
                          { required: true, message: `请填写${f.label}` },
                          { type: 'number', min: f.min, max: f.max, message: `${f.label}须在 ${f.min}–${f.max} ${f.unit}之间` },
                        ]}
                      >
                        <InputNumber id={`policy-${f.name}`} min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </section>
            ))}
            <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存策略
              </Button>
              <Button onClick={() => form.resetFields()}>恢复为当前生效值</Button>
              <Typography.Text type="secondary">最近修改：{formatDateTime(policy.data.updatedAt)}</Typography.Text>
            </div>
          </Form>
        )}
      </Card>
    </PageContainer>
  );
}
