import { DownloadOutlined, ImportOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, List, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  INCOMING_KIND_LABELS,
  INCOMING_STATE_LABELS,
  INCOMING_STATES,
  incomingFilterSchema,
  type IncomingListItem,
  type IncomingState,
} from '../../../shared/incoming.js';
import type { Urgency } from '../../../shared/todos.js';
import { useCurrentUser } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DateRangeFilter, FilterInput, FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { DeadlineText, URGENCY_OPTIONS, UrgencyTag } from '../../app/widgets.js';
import { incomingApi } from './incomingApi.js';
import { StateTag } from './labels.js';

export default function IncomingLedgerPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isClerk = me.roles.includes('office_clerk');
  const seesCheck = me.roles.some((r) => r === 'office_clerk' || r === 'office_director' || r === 'leader');
  const ledger = useLedger({ filters: incomingFilterSchema, queryKey: ['incoming', 'list'], fetch: incomingApi.list });
  const mayRegister = ledger.list.data?.rights.mayCreate ?? false;
  const options = useQuery({ queryKey: ['incoming', 'options'], queryFn: incomingApi.options, staleTime: 5 * 60_000 });
  const divisions = (options.data?.divisions ?? []).map((d) => ({ value: d.id, label: d.name }));
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
    { title: '成文日期', dataIndex: 'sourceDate', width: 108, render: (v: string | null) => v ?? '—' },
    { title: '页数', dataIndex: 'pages', width: 60, render: (v: number | null) => v ?? '—' },
    { title: '拟办意见', dataIndex: 'proposalOpinion', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '领导批示',
      dataIndex: 'instructions',
      width: 260,
      // Each leader in order, as the paper register has them.
      render: (xs: IncomingListItem['instructions']) =>
        xs.length === 0 ? (
          '—'
        ) : (
          <div data-testid="ledger-instructions">
            {xs.map((x) => (
              <div key={`${x.by}-${x.at}`} style={{ whiteSpace: 'normal' }}>
                {x.by} {x.at.slice(5, 10)}：{x.text}
              </div>
            ))}
          </div>
        ),
    },
    {
      title: '承办处室',
      dataIndex: 'leadDivision',
      width: 130,
      render: (d: IncomingListItem['leadDivision'], r) =>
        d ? `${d.name}${r.assistDivisions.length ? `（协办 ${r.assistDivisions.map((a) => a.name).join('、')}）` : ''}` : '—',
    },
    { title: '承办人', dataIndex: 'handledBy', width: 80, render: (v: string | null) => v ?? '—' },
    { title: '办结日期', dataIndex: 'completedAt', width: 108, render: (v: string | null) => (v ? v.slice(0, 10) : '—') },
    { title: '办理结果', dataIndex: 'result', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer
      title="收文管理"
      description="收文登记簿：特急、加急的在办来文排在最前。可按状态、处室、紧急程度、来文单位、日期和超期筛选，或按标题与文号搜索。"
      extra={
        <Space wrap>
          {mayRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/incoming/new')}>
              登记收文
            </Button>
          )}
          {isClerk && (
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/incoming/import')}>
              导入登记簿
            </Button>
          )}
          <DownloadButton icon={<DownloadOutlined />} path={incomingApi.exportUrl(ledger.filter)} fileName="收文登记簿.xlsx" testId="incoming-export">
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
        <LedgerTable
          ledger={ledger}
          testId="incoming-table"
          columns={columns}
          scrollX={2600}
          emptyText="没有符合条件的收文"
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="标题、收文编号、来文字号" label="搜索收文" />
              <FilterSelect ledger={ledger} name="state" label="状态" options={INCOMING_STATES.map((s) => ({ value: s, label: INCOMING_STATE_LABELS[s] }))} />
              <FilterSelect ledger={ledger} name="divisionId" label="处室" width={130} options={divisions} />
              <FilterSelect ledger={ledger} name="urgency" label="紧急程度" options={URGENCY_OPTIONS} />
              <FilterSelect
                ledger={ledger}
                name="kind"
                label="办件/阅件"
                width={110}
                options={(['handle', 'read'] as const).map((k) => ({ value: k, label: INCOMING_KIND_LABELS[k] }))}
              />
              <FilterInput ledger={ledger} name="sourceOrg" label="来文单位" />
              <DateRangeFilter ledger={ledger} label="收文日期" />
              <Checkbox checked={ledger.filter.overdue === 'true'} onChange={(e) => ledger.set({ overdue: e.target.checked ? 'true' : undefined })}>
                只看超期
              </Checkbox>
            </>
          }
        />
      </Card>
    </PageContainer>
  );
}
