import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Delegation } from '../../../shared/org.js';
import type { Role } from '../../../shared/roles.js';
import { useActing } from '../../app/acting.js';
import { api } from '../../app/api.js';
import { useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { DELEGATIONS_KEY, useSwitchActing } from '../../app/layout/ActingFor.js';
import { incomingApi } from '../incoming/incomingApi.js';

/** Mirrors the server's `DELEGATING_ROLES`: the form is offered only to those it would accept. */
const DELEGATING_ROLES: readonly Role[] = ['leader', 'office_director', 'division_head'];
const MAX_DAYS = 90;

interface FormValues {
  delegateId: string;
  period: [Dayjs, Dayjs];
  reason?: string;
}

function statusTag(d: Delegation) {
  if (d.active) return <Tag color="green">生效中</Tag>;
  return <Tag color="blue">未开始</Tag>;
}

const period = (d: Delegation) => `${formatDateTime(d.startsAt)} 至 ${formatDateTime(d.endsAt)}`;

/** 委托代理 in 个人中心: hand one's queue to a colleague for a period; see and revoke what was given; see what was received. */
export function DelegationsTab() {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const acting = useActing();
  const switchActing = useSwitchActing();
  const [form] = Form.useForm<FormValues>();
  const canDelegate = me.roles.some((r) => DELEGATING_ROLES.includes(r));
  const list = useQuery({ queryKey: DELEGATIONS_KEY, queryFn: api.me.delegations });
  // The colleagues one may pick: the same people list the 收文 forms offer.
  const people = useQuery({ queryKey: ['me', 'delegation-people'], queryFn: incomingApi.options, enabled: canDelegate, staleTime: 5 * 60_000 });

  const create = useMutation({
    mutationFn: (v: FormValues) =>
      api.me.delegate({
        delegateId: v.delegateId,
        startsAt: v.period[0].toISOString(),
        endsAt: v.period[1].toISOString(),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      }),
    onSuccess: async (d) => {
      message.success(`已委托 ${d.delegate.name} 代理办理`);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: DELEGATIONS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (d: Delegation) => api.me.revokeDelegation(d.id),
    onSuccess: async (_r, d) => {
      message.success(`已撤销对 ${d.delegate.name} 的委托`);
      await qc.invalidateQueries({ queryKey: DELEGATIONS_KEY });
    },
  });

  const givenColumns: TableColumnsType<Delegation> = [
    { title: '被委托人', key: 'delegate', render: (_, d) => d.delegate.name },
    { title: '委托期间', key: 'period', render: (_, d) => period(d) },
    { title: '事由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', width: 90, render: (_, d) => statusTag(d) },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, d) => (
        <Popconfirm
          title={`撤销对 ${d.delegate.name} 的委托？`}
          description="撤销后对方将立即不能再代理您办理。"
          okText="撤销"
          cancelText="取消"
          onConfirm={() => revoke.mutateAsync(d)}
        >
          <Button type="link" size="small" danger>
            撤销
          </Button>
        </Popconfirm>
      ),
    },
  ];
  const receivedColumns: TableColumnsType<Delegation> = [
    { title: '委托人', key: 'principal', render: (_, d) => d.principal.name },
    { title: '委托期间', key: 'period', render: (_, d) => period(d) },
    { title: '事由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', width: 90, render: (_, d) => statusTag(d) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, d) =>
        d.active &&
        (acting?.id === d.principal.id ? (
          <Tag color="orange">正在代理</Tag>
        ) : (
          <Button type="link" size="small" onClick={() => switchActing(d.principal)}>
            以{d.principal.name}身份办理
          </Button>
        )),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        外出、休假期间，局领导、办公室主任和处室负责人可以委托一位同事在指定期间内代理办理本人的待办事项。代理办理的每一项都同时记录委托人和代理人的姓名。
      </Typography.Paragraph>
      {canDelegate && (
        <Card size="small" title="委托他人代理" style={{ marginBottom: 16, maxWidth: 720 }} data-testid="delegation-form">
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={{ period: [dayjs(), dayjs().add(7, 'day').endOf('day')] }}
            onFinish={(v) => create.mutate(v)}
          >
            <Form.Item name="delegateId" label="被委托人" rules={[{ required: true, message: '请选择被委托人' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择一位同事"
                loading={people.isPending}
                options={(people.data?.people ?? []).filter((p) => p.id !== me.id).map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }))}
              />
            </Form.Item>
            <Form.Item
              name="period"
              label="委托期间"
              rules={[
                { required: true, message: '请选择委托期间' },
                {
                  validator: async (_r, v: [Dayjs, Dayjs] | undefined) => {
                    if (v && v[1].diff(v[0], 'day', true) > MAX_DAYS) throw new Error(`一次委托最长 ${MAX_DAYS} 天`);
                  },
                },
              ]}
            >
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label="事由">
              <Input maxLength={200} placeholder="如：赴省厅参加培训" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="delegation-submit">
              确定委托
            </Button>
          </Form>
        </Card>
      )}
      {canDelegate && (
        <>
          <Typography.Title level={5}>我委托出去的</Typography.Title>
          <Table<Delegation>
            rowKey="id"
            size="small"
            columns={givenColumns}
            dataSource={list.data?.given ?? []}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{ emptyText: '暂无委托' }}
            data-testid="delegations-given"
            style={{ marginBottom: 24 }}
          />
        </>
      )}
      <Typography.Title level={5}>委托我代理的</Typography.Title>
      <Table<Delegation>
        rowKey="id"
        size="small"
        columns={receivedColumns}
        dataSource={list.data?.received ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '暂无他人委托您代理' }}
        data-testid="delegations-received"
      />
    </>
  );
}
