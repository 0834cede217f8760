import { DownloadOutlined, ImportOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Input, List, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { INCOMING_KIND_LABELS, INCOMING_STATE_LABELS, INCOMING_STATES, type IncomingListItem, type IncomingState } from '../../../shared/incoming.js';
import { URGENCIES, type Urgency } from '../../../shared/todos.js';
import { useCurrentUser } from '../../app/auth.js';
import { URGENCY_TEXT } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DeadlineText, UrgencyTag } from '../../app/todos/TodoCenterPage.js';
import { incomingApi, type LedgerFilter } from './incomingApi.js';
import { StateTag } from './labels.js';
import { KEYWORD_CAPPED_NOTICE } from '../../../shared/search.js';
import { DownloadButton } from '../../app/Download.js';

export default function IncomingLedgerPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isClerk = me.roles.includes('office_clerk');
  const seesCheck = me.roles.some((r) => r === 'office_clerk' || r === 'office_director' || r === 'leader');
  const [filter, setFilter] = useState<LedgerFilter>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const set = (patch: LedgerFilter) => setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const list = useQuery({ queryKey: ['incoming', 'list', filter], queryFn: () => incomingApi.list(filter), placeholderData: (prev) => prev });
  const options = useQuery({ queryKey: ['incoming', 'options'], queryFn: incomingApi.options, staleTime: 5 * 60_000 });
  const check = useQuery({ queryKey: ['incoming', 'check'], queryFn: incomingApi.check, enabled: seesCheck, meta: { silent: true } });

  const columns: TableColumnsType<IncomingListItem> = [
    { title: '紧急程度', dataIndex: 'urgency', width: 88, render: (u: Urgency) => <UrgencyTag urgency={u} /> },
    { title: '收文编号', dataIndex: 'regNo', width: 130, render: (v: string, r) => <Link to={`/incoming/${r.id}`}>{v}</Link> },
    { title: '标题', dataIndex: 'title', width: 340, render: (v: string, r) => <Link to={`/incoming/${r.id}`}>{v}</Link> },
    { title: '状态', dataIndex: 'state', width: 130, render: (s: IncomingState, r) => <StateTag state={s} overdue={r.overdue} /> },
    {
      title: '办理时限',
      dataIndex: 'handlingDeadline',
      width: 200,
      render: (d: string | null, r) => (r.state === 'handling' || r.state === 'circulating' ? <DeadlineText deadline={d} /> : (d ?? '—')),
    },
    { title: '来文单位', dataIndex: 'sourceOrg', width: 150, ellipsis: true },
    { title: '来文字号', dataIndex: 'sourceDocNumber', width: 170, ellipsis: true },
    { title: '收文日期', dataIndex: 'receivedDate', width: 108 },
    { title: '主办处室', dataIndex: 'leadDivision', width: 96, render: (d: IncomingListItem['leadDivision']) => d?.name ?? '—' },
  ];

  return (
    <PageContainer
      title="收文管理"
      description="收文登记簿：特急、加急的在办来文排在最前。可按状态、处室、紧急程度、来文单位、日期和超期筛选，或按标题与文号搜索。"
      extra={
        <Space wrap>
          {isClerk && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/incoming/new')}>
              登记收文
            </Button>
          )}
          {isClerk && (
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/incoming/import')}>
              导入登记簿
            </Button>
          )}
          <DownloadButton icon={<DownloadOutlined />} path={incomingApi.exportUrl(filter)} fileName="收文登记簿.xlsx" testId="incoming-export">
            导出 Excel
          </DownloadButton>
          <Button icon={<LineChartOutlined />} onClick={() => void navigate('/incoming/stats')}>
            统计
          </Button>
        </Space>
      }
    >
      {check.data && check.data.findings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`每日检查发现 ${check.data.findings.length} 个问题（不积压、不遗失、不漏办）`}
          description={
            <List
              size="small"
              dataSource={check.data.findings.slice(0, 8)}
              renderItem={(f) => <List.Item>{f.docId ? <Link to={`/incoming/${f.docId}`}>{f.message}</Link> : f.message}</List.Item>}
            />
          }
          data-testid="incoming-check"
        />
      )}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="标题、收文编号、来文字号"
            aria-label="搜索收文"
            style={{ width: 260 }}
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Select<IncomingState>
            allowClear
            placeholder="状态"
            aria-label="按状态筛选"
            style={{ width: 120 }}
            value={filter.state}
            onChange={(v) => set({ state: v })}
            options={INCOMING_STATES.map((s) => ({ value: s, label: INCOMING_STATE_LABELS[s] }))}
          />
          <Select<string>
            allowClear
            placeholder="处室"
            aria-label="按处室筛选"
            style={{ width: 130 }}
            value={filter.divisionId}
            onChange={(v) => set({ divisionId: v })}
            options={(options.data?.divisions ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          <Select<Urgency>
            allowClear
            placeholder="紧急程度"
            aria-label="按紧急程度筛选"
            style={{ width: 120 }}
            value={filter.urgency}
            onChange={(v) => set({ urgency: v })}
            options={URGENCIES.map((u) => ({ value: u, label: URGENCY_TEXT[u] }))}
          />
          <Select<'handle' | 'read'>
            allowClear
            placeholder="办件/阅件"
            aria-label="按类型筛选"
            style={{ width: 110 }}
            value={filter.kind}
            onChange={(v) => set({ kind: v })}
            options={(['handle', 'read'] as const).map((k) => ({ value: k, label: INCOMING_KIND_LABELS[k] }))}
          />
          <Input
            allowClear
            placeholder="来文单位"
            aria-label="按来文单位筛选"
            style={{ width: 140 }}
            maxLength={100}
            onPressEnter={(e) => set({ sourceOrg: e.currentTarget.value.trim() || undefined })}
            onChange={(e) => e.target.value === '' && set({ sourceOrg: undefined })}
          />
          <DatePicker.RangePicker
            aria-label="收文日期范围"
            placeholder={['收文日期起', '收文日期止']}
            onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
              set({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })
            }
          />
          <Checkbox checked={filter.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
            只看超期
          </Checkbox>
        </Space>
        {list.data?.keywordCapped && <Alert type="info" showIcon title={KEYWORD_CAPPED_NOTICE} style={{ marginBottom: 16 }} data-testid="keyword-capped" />}
        <Table<IncomingListItem>
          rowKey="id"
          size="middle"
          data-testid="incoming-table"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1420 }}
          pagination={{
            current: filter.page ?? 1,
            pageSize: filter.pageSize ?? 20,
            total: list.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 件`,
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
          locale={{ emptyText: <Typography.Text type="secondary">没有符合条件的收文</Typography.Text> }}
        />
      </Card>
    </PageContainer>
  );
}
