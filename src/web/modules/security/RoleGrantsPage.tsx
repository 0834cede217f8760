import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Divider, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AdminUser } from '../../../shared/org.js';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS, roleSetViolation, type Role } from '../../../shared/roles.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { ADMIN_USERS_KEY, useAdminUsers } from '../org/orgQueries.js';
import { RoleTags, UserStatusTags } from '../org/UserStatus.js';

const PAGE_SIZE = 20;

const ROLE_HINTS: Record<Role, string> = {
  leader: '批示、批办、签发，审批办结',
  office_director: '核稿、审核信息、组织督办',
  office_clerk: '收文登记、拟办、编号分发、台账',
  division_head: '处室内分办、核稿、确认反馈',
  staff: '拟稿、承办、反馈',
  secrecy_officer: '涉密载体登记、保密自查',
  info_editor: '政务信息编辑、报送与约稿',
  petition_officer: '信访登记、受理、办理与答复',
  finance_officer: '经费报销审核与预算执行',
  asset_keeper: '物资领用、资产与维修',
  hr_officer: '培训学时与结对帮带',
  sysadmin: '账号与组织机构',
  secadmin: '角色授权与安全策略',
  auditor: '查看并校验审计日志',
};

function GrantModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  // The parent keys this modal by user, so the state starts from that user's roles.
  const [roles, setRoles] = useState<Role[]>(() => [...(user?.roles ?? [])]);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const violation = roleSetViolation(roles);
  // Each group reports only its own options; keep the other group's choices.
  const setGroup = (group: readonly Role[], picked: Role[]) => setRoles((prev) => [...prev.filter((r) => !group.includes(r)), ...picked]);
  const save = useMutation({
    mutationFn: () => api.admin.setRoles(user?.id ?? '', { roles, version: user?.version ?? 0 }),
    meta: { silent: true },
    onSuccess: async (u) => {
      message.success(`已更新 ${u.name}（${u.username}）的角色`);
      await qc.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
      onClose();
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <Modal
      title={user ? `角色授权：${user.name}（${user.username}）` : '角色授权'}
      open={!!user}
      onCancel={onClose}
      okText="保存授权"
      cancelText="取消"
      okButtonProps={{ disabled: !!violation }}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">
        所属单位：{user?.unitName ?? '—'}。按“最小必要”原则授予角色；三员（系统管理员、安全保密管理员、安全审计员）相互独立，且不能兼任业务角色。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 8, fontSize: 14 }}>业务角色</legend>
        <Checkbox.Group<Role> value={roles} onChange={(v) => setGroup(BUSINESS_ROLES, v)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {BUSINESS_ROLES.map((r) => (
            <Checkbox key={r} value={r} data-testid={`role-${r}`}>
              {ROLE_LABELS[r]}
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {ROLE_HINTS[r]}
              </Typography.Text>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </fieldset>
      <Divider style={{ margin: '16px 0' }} />
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 8, fontSize: 14 }}>管理员角色（三员）</legend>
        <Checkbox.Group<Role> value={roles} onChange={(v) => setGroup(ADMIN_ROLES, v)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {ADMIN_ROLES.map((r) => (
            <Checkbox key={r} value={r} data-testid={`role-${r}`}>
              {ROLE_LABELS[r]}
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {ROLE_HINTS[r]}
              </Typography.Text>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </fieldset>
      {violation && <Alert type="warning" showIcon title={violation} style={{ marginTop: 16 }} role="alert" />}
    </Modal>
  );
}

export default function RoleGrantsPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [granting, setGranting] = useState<AdminUser | null>(null);
  const users = useAdminUsers({ page, pageSize: PAGE_SIZE, q: q || undefined });
  const qc = useQueryClient();
  const { message } = App.useApp();
  const unlock = useMutation({
    mutationFn: (u: AdminUser) => api.admin.unlock(u.id),
    onSuccess: async (u) => {
      message.success(`已解除 ${u.username} 的登录锁定`);
      await qc.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
    },
  });

  const columns: TableColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', width: 150 },
    { title: '姓名', dataIndex: 'name', width: 150 },
    { title: '所属单位', dataIndex: 'unitName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '角色', key: 'roles', render: (_, u) => <RoleTags user={u} /> },
    { title: '状态', key: 'status', width: 150, render: (_, u) => <UserStatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 190, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setGranting(u)} aria-label={`为 ${u.username} 授权`}>
            授权
          </Button>
          {u.locked && (
            <Popconfirm title={`解除 ${u.username} 的登录锁定？`} okText="解锁" cancelText="取消" onConfirm={() => unlock.mutateAsync(u)}>
              <Button type="link" size="small" aria-label={`解锁 ${u.username}`}>
                解锁
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title="角色授权" description="为账号授予或收回角色，解除因多次密码错误造成的登录锁定。每次授权都记入审计日志。">
      <Card>
        <div className="zs-toolbar">
          <Input.Search
            aria-label="搜索账号"
            placeholder="按用户名或姓名搜索"
            allowClear
            enterButton="查询"
            style={{ maxWidth: 360 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
        </div>
        <Table<AdminUser>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => `共 ${n} 个账号`,
          }}
          data-testid="grants-table"
        />
      </Card>
      <GrantModal key={granting?.id ?? 'none'} user={granting} onClose={() => setGranting(null)} />
    </PageContainer>
  );
}
