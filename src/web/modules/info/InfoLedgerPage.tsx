import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, type TableColumnsType, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  INFO_STATE_LABELS,
  INFO_STATES,
  INFO_TYPE_LABELS,
  INFO_TYPES,
  infoFilterSchema,
  type InfoListItem,
  type InfoState,
  type InfoType,
} from '../../../shared/info.js';
import { formatDate } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { InfoNav } from './InfoNav.js';
import { infoApi } from './infoApi.js';
import { StateTag, TypeTag } from './labels.js';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 5 }, (_, i) => String(thisYear - i));

/** 信息列表: every piece the reader may open, filters in the address, newest first. */
export default function InfoLedgerPage() {
  const navigate = useNavigate();
  const ledger = useLedger({ filters: infoFilterSchema, queryKey: ['info', 'list'], fetch: infoApi.list });
  const divisions = useQuery({ queryKey: ['info', 'divisions'], queryFn: infoApi.divisions, staleTime: 300_000 });
  const columns: TableColumnsType<InfoListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      width: 320,
      render: (v: string, r) => (
        <Space size={4} wrap>
          {r.urgent && <Tag color="red">紧急</Tag>}
          <Link to={`/info/${r.id}`}>{v}</Link>
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'infoType', width: 96, render: (t: InfoType) => <TypeTag type={t} /> },
    { title: '处室', dataIndex: ['division', 'name'], width: 100 },
    { title: '拟稿人', dataIndex: 'drafter', width: 88 },
    { title: '状态', dataIndex: 'state', width: 110, render: (s: InfoState) => <StateTag state={s} /> },
    { title: '信息编号', dataIndex: 'serialNo', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '报送日期', dataIndex: 'reportedDate', width: 108, render: (v: string | null) => (v ? formatDate(v) : '—') },
    { title: '采用', dataIndex: 'adoptionCount', width: 64, align: 'right' },
    { title: '批示', dataIndex: 'instructionCount', width: 64, align: 'right' },
    { title: '得分', dataIndex: 'points', width: 64, align: 'right' },
    { title: '门户', dataIndex: 'published', width: 76, render: (p: boolean) => (p ? <Tag color="green">已发布</Tag> : '') },
  ];

  return (
    <PageContainer
      title="信息报送"
      description="各处室报送的政务信息：按状态、类型、处室、报送年度、门户发布筛选，或按标题、正文、编号搜索。"
      extra={
        ledger.list.data?.rights.mayCreate && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate('/info/new')} data-testid="info-new">
            拟写信息
          </Button>
        )
      }
    >
      <InfoNav />
      <Card>
        <LedgerTable
          ledger={ledger}
          testId="info-table"
          columns={columns}
          scrollX={1250}
          emptyText="没有符合条件的政务信息"
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="标题、正文、编号" label="搜索政务信息" />
              <FilterSelect ledger={ledger} name="state" label="状态" options={INFO_STATES.map((s) => ({ value: s, label: INFO_STATE_LABELS[s] }))} />
              <FilterSelect ledger={ledger} name="infoType" label="类型" options={INFO_TYPES.map((t) => ({ value: t, label: INFO_TYPE_LABELS[t] }))} />
              <FilterSelect ledger={ledger} name="divisionId" label="处室" options={(divisions.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
              <FilterSelect ledger={ledger} name="year" label="报送年度" options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} />
              <FilterSelect
                ledger={ledger}
                name="published"
                label="门户"
                options={[
                  { value: 'true', label: '已发布' },
                  { value: 'false', label: '未发布' },
                ]}
              />
            </>
          }
        />
      </Card>
    </PageContainer>
  );
}
