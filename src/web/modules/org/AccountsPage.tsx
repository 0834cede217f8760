import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AdminUser, CreateUserBody } from '../../../shared/org.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { localPasswordProblems, PasswordPolicyCard, usePasswordPolicy } from '../../app/password/PasswordPolicyCard.js';
import { ADMIN_USERS_KEY, unitOptions, useAdminUsers, useUnitTree } from './orgQueries.js';
import { RoleTags, UserStatusTags } from './UserStatus.js';

const PAGE_SIZE = 20;

function UnitPicker({ id, value, onChange }: { id: string; value?: string; onChange?: (v: string) => void }) {
  const tree = useUnitTree();
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={unitOptions(tree.data ?? [])}
      loading={tree.isPending}
      treeDefaultExpandAll
      placeholder="请选择所属单位"
      showSearch={{ treeNodeFilterProp: 'title' }}
    />
  );
}

/** Optional: only used to e-mail notifications. Trimmed as typed, since an address never holds spaces. */
function EmailItem({ id }: { id: string }) {
  return (
    <Form.Item
      label="电子邮箱"
      name="email"
      htmlFor={id}
      extra="选填，用于接收通知邮件；留空则不发送邮件"
      normalize={(v: string | undefined) => v?.trim()}
      rules={[
        { type: 'email', message: '请输入有效的电子邮箱地址，如 zhangsan@example.gov.cn' },
        { max: 254, message: '电子邮箱最多 254 个字符' },
      ]}
    >
      <Input id={id} type="email" autoComplete="off" maxLength={254} />
    </Form.Item>
  );
}

function newPasswordRule(username: () => string, policy: ReturnType<typeof usePasswordPolicy>['data']) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value) return;
      const problems = localPasswordProblems(value, username(), policy);
      if (problems.length) throw new Error(`密码${problems.join('；')}`);
    },
  };
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateUserBody>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data: policy } = usePasswordPolicy();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: api.admin.createUser,
    meta: { silent: true },
    onSuccess: async (u) => {
      message.success(`已新建账号 ${u.username}（${u.name}），首次登录时须修改密码`);
      await qc.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
      form.resetFields();
      onClose();
    },
    onError: (err) => setError(errorMessage(err)),
  });
  return (
    <Modal
      title="新建账号"
      open={open}
      onCancel={onClose}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      afterOpenChange={(o) => o || setError(null)}
    >
      <Typography.Paragraph type="secondary">新账号没有任何角色，需由安全保密管理员授权后才能办理业务。首次登录时须修改初始密码。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<CreateUserBody>
        form={form}
        layout="vertical"
        name="create-user"
        onFinish={(v) => {
          setError(null);
          create.mutate({ ...v, username: v.username.trim().toLowerCase(), name: v.name.trim(), email: v.email || null });
        }}
      >
        <Form.Item
          label="用户名"
          name="username"
          htmlFor="cu-username"
          extra="2–32 位小写字母、数字或 _ . -，用于登录，创建后不可修改"
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,31}$/, message: '用户名须为 2–32 位字母、数字或 _ . -，并以字母或数字开头' },
          ]}
        >
          <Input id="cu-username" autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item label="姓名" name="name" htmlFor="cu-name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input id="cu-name" autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item label="所属单位" name="unitId" htmlFor="cu-unit" rules={[{ required: true, message: '请选择所属单位' }]}>
          <UnitPicker id="cu-unit" />
        </Form.Item>
        <EmailItem id="cu-email" />
        <Form.Item
          label="初始密码"
          name="password"
          htmlFor="cu-password"
          rules={[{ required: true, message: '请输入初始密码' }, newPasswordRule(() => String(form.getFieldValue('username') ?? ''), policy)]}
        >
          <Input.Password id="cu-password" autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
      <PasswordPolicyCard />
    </Modal>
  );
}

interface EditUserValues {
  name: string;
  unitId: string;
  email?: string;
}

function EditUserModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const [form] = Form.useForm<EditUserValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    // An emptied field is sent as null: that is how the address is removed.
    mutationFn: (v: EditUserValues) =>
      api.admin.updateUser(user?.id ?? '', { name: v.name.trim(), unitId: v.unitId, email: v.email || null, version: user?.version ?? 0 }),
    onSuccess: async () => {
      message.success('账号信息已保存');
      await qc.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
      onClose();
    },
  });
  return (
    <Modal
      title={user ? `编辑账号：${user.username}` : '编辑账号'}
      open={!!user}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {user && (
        <Form
          form={form}
          layout="vertical"
          name="edit-user"
          initialValues={{ name: user.name, unitId: user.unitId ?? undefined, email: user.email ?? '' }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item label="姓名" name="name" htmlFor="eu-name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input id="eu-name" maxLength={50} />
          </Form.Item>
          <Form.Item label="所属单位" name="unitId" htmlFor="eu-unit" rules={[{ required: true, message: '请选择所属单位' }]}>
            <UnitPicker id="eu-unit" />
          </Form.Item>
          <EmailItem id="eu-email" />
        </Form>
      )}
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data: policy } = usePasswordPolicy();
  const reset = useMutation({
    mutationFn: (password: string) => api.admin.resetPassword(user?.id ?? '', password),
    onSuccess: async () => {
      message.success('密码已重置，该用户下次登录时须修改密码');
      await qc.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
      onClose();
    },
  });
  return (
    <Modal
      title={user ? `重置密码：${user.name}（${user.username}）` : '重置密码'}
      open={!!user}
      onCancel={onClose}
      okText="重置"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        重置后该用户现有的登录会话将失效，下次登录须使用新密码并立即修改。请通过安全渠道将新密码告知本人。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="reset-password" onFinish={(v) => reset.mutate(v.password)}>
        <Form.Item
          label="新密码"
          name="password"
          htmlFor="rp-password"
          rules={[{ required: true, message: '请输入新密码' }, newPasswordRule(() => user?.username ?? '', policy)]}
        >
          <Input.Password id="rp-password" autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
      <PasswordPolicyCard />
    </Modal>
  );
}

export default function AccountsPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const users = useAdminUsers({ page, pageSize: PAGE_SIZE, q: q || undefined });
  const qc = useQueryClient();
  const { message } = App.useApp();

  const toggle = useMutation({
    mutationFn: (u: AdminUser) => api.admin.updateUser(u.id, { disabled: !u.disabled, version: u.version }),
    onSuccess: async (u) => {
      message.success(u.disabled ? `已停用账号 ${u.username}` : `已启用账号 ${u.username}`);
      await qc.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
    },
  });

  const columns: TableColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', width: 150 },
    { title: '姓名', dataIndex: 'name', width: 150 },
    { title: '所属单位', dataIndex: 'unitName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '电子邮箱', dataIndex: 'email', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '角色', key: 'roles', render: (_, u) => <RoleTags user={u} /> },
    { title: '状态', key: 'status', width: 150, render: (_, u) => <UserStatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 190, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(u)} aria-label={`编辑 ${u.username}`}>
            编辑
          </Button>
          <Popconfirm
            title={u.disabled ? `启用账号 ${u.username}？` : `停用账号 ${u.username}？`}
            description={u.disabled ? '启用后该用户可以重新登录。' : '停用后该用户立即无法登录，现有会话将失效。'}
            okText={u.disabled ? '启用' : '停用'}
            cancelText="取消"
            onConfirm={() => toggle.mutateAsync(u)}
          >
            <Button type="link" size="small" danger={!u.disabled} aria-label={`${u.disabled ? '启用' : '停用'} ${u.username}`}>
              {u.disabled ? '启用' : '停用'}
            </Button>
          </Popconfirm>
          <Button type="link" size="small" onClick={() => setResetting(u)} aria-label={`重置 ${u.username} 的密码`}>
            重置密码
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="用户账号"
      description="新建、停用账号和重置密码。角色授权由安全保密管理员负责，审计日志由安全审计员查看。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
      }
    >
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
          scroll={{ x: 1200 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => `共 ${n} 个账号`,
          }}
          data-testid="accounts-table"
        />
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageContainer>
  );
}
