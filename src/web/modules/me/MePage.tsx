import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Popconfirm, Row, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import type { SessionItem } from '../../../shared/auth.js';
import { isAdminRole, ROLE_LABELS } from '../../../shared/roles.js';
import { api } from '../../app/api.js';
import { useCurrentUser, useLogout } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { PasswordChangeForm } from '../../app/password/PasswordChangeForm.js';
import { PasswordPolicyCard } from '../../app/password/PasswordPolicyCard.js';
import { DelegationsTab } from './DelegationsTab.js';

const SESSIONS_KEY = ['me', 'sessions'] as const;

/** "Mozilla/5.0 … Chrome/131 …" → "Chrome 131 · Linux": enough to recognise one's own devices. */
export function describeAgent(ua: string | null): string {
  if (!ua) return '未知设备';
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, 'Edge'],
    [/Chrome\/(\d+)/, 'Chrome'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/Version\/(\d+).*Safari\//, 'Safari'],
  ];
  let browser = '浏览器';
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) {
      browser = `${name} ${m[1] ?? ''}`.trim();
      break;
    }
  }
  const systems: [RegExp, string][] = [
    [/Windows/, 'Windows'],
    [/Android/, 'Android'],
    [/iPhone|iPad/, 'iOS'],
    [/Mac OS X/, 'macOS'],
    [/Linux/, 'Linux'],
  ];
  const os = systems.find(([re]) => re.test(ua))?.[1];
  return os ? `${browser} · ${os}` : browser;
}

function SessionsTab() {
  const qc = useQueryClient();
  const logout = useLogout();
  const { message } = App.useApp();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: api.me.sessions });
  const end = useMutation({
    mutationFn: (s: SessionItem) => api.me.endSession(s.id),
    onSuccess: async (_r, s) => {
      if (s.current) {
        await logout({ callServer: false });
        return;
      }
      message.success('该会话已结束，对应设备需要重新登录');
      await qc.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const columns: TableColumnsType<SessionItem> = [
    {
      title: '设备',
      dataIndex: 'userAgent',
      render: (ua: string | null, s) => (
        <span>
          {describeAgent(ua)} {s.current && <Tag color="blue">当前会话</Tag>}
        </span>
      ),
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '登录时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
    { title: '最近活动', dataIndex: 'lastSeenAt', width: 180, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, s) => (
        <Popconfirm
          title={s.current ? '结束当前会话并退出登录？' : '结束这个会话？'}
          description={s.current ? undefined : '该设备上的登录将立即失效。'}
          okText="结束"
          cancelText="取消"
          onConfirm={() => end.mutateAsync(s)}
        >
          <Button type="link" size="small" danger>
            结束会话
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">以下是您的账号当前有效的登录。如发现不认识的设备或地点，请结束该会话并立即修改密码。</Typography.Paragraph>
      <Table<SessionItem>
        rowKey="id"
        columns={columns}
        dataSource={sessions.data?.items ?? []}
        loading={sessions.isPending}
        pagination={false}
        scroll={{ x: 720 }}
        data-testid="sessions-table"
      />
    </>
  );
}

export default function MePage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tab = params.get('tab') ?? 'profile';
  const isBusinessUser = me.roles.some((r) => !isAdminRole(r));
  return (
    <PageContainer title="个人中心" description="查看本人账号信息，修改密码，管理登录会话和委托代理。">
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'profile',
              label: '基本信息',
              children: (
                <Descriptions
                  column={1}
                  bordered
                  size="middle"
                  style={{ maxWidth: 640 }}
                  items={[
                    { key: 'name', label: '姓名', children: me.name },
                    { key: 'username', label: '用户名', children: me.username },
                    { key: 'unit', label: '所属单位', children: me.unitName ?? '未分配' },
                    { key: 'roles', label: '角色', children: me.roles.length ? me.roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) : '未授权' },
                  ]}
                />
              ),
            },
            {
              key: 'password',
              label: '修改密码',
              children: (
                <Row gutter={[32, 24]}>
                  <Col xs={24} lg={12}>
                    <PasswordChangeForm
                      username={me.username}
                      onChanged={async () => {
                        message.success('密码已修改，其他设备上的登录已失效');
                        await qc.invalidateQueries({ queryKey: ['me'] });
                        await qc.invalidateQueries({ queryKey: SESSIONS_KEY });
                      }}
                    />
                  </Col>
                  <Col xs={24} lg={12}>
                    <PasswordPolicyCard />
                  </Col>
                </Row>
              ),
            },
            { key: 'sessions', label: '登录会话', children: <SessionsTab /> },
            // 委托/代理 is business work; the three administrators neither give nor receive it.
            ...(isBusinessUser ? [{ key: 'delegations', label: '委托代理', children: <DelegationsTab /> }] : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}
