import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditEvent, AuditVerifyResult } from '../../../shared/audit.js';
import { api, type AuditFilter } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { ACTION_GROUPS, ACTION_LABELS, actionLabel, detailSummary, OUTCOME_LABELS, TARGET_LABELS } from './auditLabels.js';

const AUDIT_KEY = ['audit'] as const;
const PAGE_SIZE = 20;

interface FilterValues {
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const actionOptions = [
  { label: '按类别', options: ACTION_GROUPS.map((g) => ({ value: g.prefix, label: g.label })) },
  { label: '按操作', options: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` })) },
];

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="verify-result"
        title={`校验通过：共 ${result.count} 条审计记录，哈希链完整，未发现篡改。`}
        description={`校验时间：${formatDateTime(result.checkedAt)}`}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="verify-result"
      title={`校验未通过：自第 ${result.brokenSeq ?? '?'} 条记录起哈希链断裂，此前 ${result.count} 条完好。`}
      description={`${result.reason ? `原因：${result.reason}。` : ''}请立即保全数据库备份并报告安全保密管理部门。校验时间：${formatDateTime(result.checkedAt)}`}
    />
  );
}

export default function AuditLogPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: PAGE_SIZE });
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...AUDIT_KEY, filter], queryFn: () => api.audit.list(filter), placeholderData: keepPreviousData });
  const verify = useMutation({
    mutationFn: api.audit.verify,
    onSuccess: () => qc.invalidateQueries({ queryKey: AUDIT_KEY }),
  });

  const applyFilter = (v: FilterValues) => {
    const [from, to] = v.range ?? [null, null];
    setFilter({
      page: 1,
      pageSize: PAGE_SIZE,
      actor: v.actor?.trim() || undefined,
      action: v.action || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
    });
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 130,
      render: (v: string | null, e) => (v ? <span title={e.actorId ?? undefined}>{v}</span> : <Typography.Text type="secondary">系统</Typography.Text>),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 190,
      render: (v: string) => (
        <span>
          {actionLabel(v)}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {v}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '对象',
      key: 'target',
      render: (_, e) =>
        e.targetType ? (
          <span>
            {TARGET_LABELS[e.targetType] ?? e.targetType}
            {e.targetId && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} copyable={{ text: e.targetId, tooltips: ['复制编号', '已复制'] }}>
                {e.targetId.slice(0, 13)}…
              </Typography.Text>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    { title: '摘要', key: 'summary', render: (_, e) => detailSummary(e.details) || '—' },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (v: AuditEvent['outcome']) => <Tag color={OUTCOME_LABELS[v].color}>{OUTCOME_LABELS[v].text}</Tag>,
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer
      title="审计日志"
      description="系统中每一次写操作和个人信息读取都记入审计日志，日志以 SM3 哈希链相连，任何删改都能被校验发现。"
      extra={
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          校验日志完整性
        </Button>
      }
    >
      {verify.data && (
        <div style={{ marginBottom: 16 }}>
          <VerifyResult result={verify.data} />
        </div>
      )}
      {verify.isError && <Alert type="error" showIcon title={errorMessage(verify.error)} style={{ marginBottom: 16 }} />}
      <Card>
        <Form<FilterValues> form={form} name="audit-filter" layout="vertical" onFinish={applyFilter}>
          <Row gutter={16} align="bottom">
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="操作人" name="actor" htmlFor="audit-actor" extra="填写姓名或账号编号">
                <Input id="audit-actor" allowClear placeholder="如：系统管理员" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="操作类型" name="action" htmlFor="audit-action" extra="可选一类或某一项操作">
                <Select id="audit-action" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部操作" options={actionOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              {/* The range's two inputs share one visible label; each end also has a name of its own. */}
              <label htmlFor="audit-range" className="zs-visually-hidden">
                开始日期
              </label>
              <label htmlFor="audit-range-end" className="zs-visually-hidden">
                结束日期
              </label>
              <Form.Item label="时间范围" name="range" htmlFor="audit-range" extra="按本地日期，含首尾两天">
                <DatePicker.RangePicker id={{ start: 'audit-range', end: 'audit-range-end' }} style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item extra=" ">
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    查询
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      setFilter({ page: 1, pageSize: PAGE_SIZE });
                    }}
                  >
                    重置
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Table<AuditEvent>
          rowKey="seq"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1180 }}
          size="middle"
          expandable={{
            rowExpandable: (e) => Object.keys(e.details).length > 0,
            expandedRowRender: (e) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(e.details, null, 2)}</pre>
            ),
          }}
          pagination={{
            current: filter.page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setFilter((f) => ({ ...f, page })),
            showTotal: (n) => `共 ${n} 条`,
          }}
          data-testid="audit-table"
        />
      </Card>
    </PageContainer>
  );
}
