import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CATEGORY_LABELS,
  CATEGORIES,
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  PETITION_STATE_LABELS,
  PETITION_STATES,
  PETITION_TYPE_LABELS,
  PETITION_TYPES,
  petitionFilterSchema,
  type PetitionListItem,
  type PetitionState,
  SOURCE_LABELS,
  SOURCES,
  TOPIC_LABELS,
  TOPICS,
  WARNING_LABELS,
  WARNINGS,
} from '../../../shared/petition.js';
import { hasAnyRole, useCurrentUser } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { formatDate } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DateRangeFilter, FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { Badges, CountdownTag, StateTag } from './labels.js';
import { petitionApi } from './petitionApi.js';
import { useDivisions } from './useDivisions.js';

/** The deadline that runs now: 告知 while registered or objected, else 办理. */
const runningOf = (r: PetitionListItem) => (r.state === 'registered' || r.state === 'objected' ? r.noticeDeadline : r.handlingDeadline);
const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/**
 * 信访台账: open petitions first, nearest running deadline first, each with its
 * countdown coloured by warning; the filters live in the address. A division
 * sees what is assigned to it (its 处室 view); the petitioner is masked.
 */
export default function PetitionLedgerPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const divisions = useDivisions();
  const ledger = useLedger({ filters: petitionFilterSchema, queryKey: ['petition', 'list'], fetch: petitionApi.list });
  // On a phone the less used filters wait behind 更多筛选 (unless the address already sets one).
  const screens = Grid.useBreakpoint();
  const [more, setMore] = useState<boolean | null>(null);
  const secondary = ['channel', 'category', 'topic', 'type', 'source', 'divisionId', 'repeat', 'from', 'to'].some((k) => ledger.text[k]);
  const showMore = more ?? (screens.md !== false || secondary);
  const isDivision = !hasAnyRole(me.roles, ['leader', 'office_director']) && hasAnyRole(me.roles, ['division_head', 'staff']);
  const columns: TableColumnsType<PetitionListItem> = [
    {
      title: '编号',
      dataIndex: 'number',
      width: 150,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/petition/${r.id}`}>{v}</Link>
          <Badges repeat={r.repeat} type={r.type} />
          {/* On a phone the deadline column is off screen: its countdown rides with the number. */}
          {screens.md === false && <CountdownTag daysLeft={r.daysLeft} warning={r.warning} deadline={runningOf(r)} />}
        </Space>
      ),
    },
    { title: '事由', dataIndex: 'subject', width: 260, render: (v: string, r) => <Link to={`/petition/${r.id}`}>{v}</Link> },
    { title: '信访人', key: 'petitioner', width: 90, render: (_: unknown, r) => r.petitioner.name ?? '—' },
    { title: '形式', dataIndex: 'channel', width: 80, render: (c: Channel) => CHANNEL_LABELS[c] },
    { title: '收到日期', dataIndex: 'receivedDate', width: 110, render: (v: string) => formatDate(v) },
    { title: '状态', dataIndex: 'state', width: 100, render: (s: PetitionState) => <StateTag state={s} /> },
    { title: '承办处室', key: 'division', width: 100, render: (_: unknown, r) => r.division?.name ?? '—' },
    {
      title: '期限',
      key: 'deadline',
      width: 120,
      render: (_: unknown, r) => (
        <CountdownTag
          daysLeft={r.daysLeft}
          warning={r.warning}
          deadline={r.state === 'registered' || r.state === 'objected' ? r.noticeDeadline : r.handlingDeadline}
        />
      ),
    },
  ];

  return (
    <PageContainer
      title={isDivision ? '本处室信访件' : '信访台账'}
      description={
        isDivision
          ? '交办给本处室的信访件，期限近的在前。信访人信息已脱敏。'
          : '在办的按期限先后排列，其余新收的在前；期限标签：黄色临期（≤5 天）、橙色即将到期（≤1 天）、红色逾期。信访人信息已脱敏。'
      }
      extra={
        <Space wrap>
          {ledger.list.data?.rights.mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/petition/new')} data-testid="petition-new">
              信访登记
            </Button>
          )}
          {!isDivision && (
            <Button icon={<BarChartOutlined />} onClick={() => void navigate('/petition/stats')} data-testid="petition-stats">
              信访统计
            </Button>
          )}
          <DownloadButton icon={<DownloadOutlined />} path={petitionApi.exportUrl(ledger.filter)} fileName="信访台账.xlsx" testId="petition-export">
            导出台账
          </DownloadButton>
        </Space>
      }
    >
      <Card>
        <LedgerTable
          ledger={ledger}
          testId="petition-table"
          columns={columns}
          scrollX={1020}
          emptyText={isDivision ? '目前没有交办给本处室的信访件' : '没有符合条件的信访件'}
          onRow={(r) => ({ onDoubleClick: () => void navigate(`/petition/${r.id}`) })}
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="编号、事由、内容" label="搜索信访件" />
              <FilterSelect ledger={ledger} name="state" label="状态" options={opts(PETITION_STATES, PETITION_STATE_LABELS)} testId="filter-state" />
              <FilterSelect ledger={ledger} name="warning" label="预警" options={opts(WARNINGS, WARNING_LABELS)} testId="filter-warning" />
              {!showMore && (
                <Button type="link" onClick={() => setMore(true)} data-testid="more-filters">
                  更多筛选
                </Button>
              )}
              {showMore && (
                <>
                  <FilterSelect ledger={ledger} name="channel" label="形式" options={opts(CHANNELS, CHANNEL_LABELS)} />
                  <FilterSelect ledger={ledger} name="category" label="类别" options={opts(CATEGORIES, CATEGORY_LABELS)} />
                  <FilterSelect ledger={ledger} name="topic" label="事项" options={opts(TOPICS, TOPIC_LABELS)} />
                  <FilterSelect ledger={ledger} name="type" label="类型" options={opts(PETITION_TYPES, PETITION_TYPE_LABELS)} />
                  <FilterSelect ledger={ledger} name="source" label="来源" options={opts(SOURCES, SOURCE_LABELS)} />
                  {!isDivision && <FilterSelect ledger={ledger} name="divisionId" label="承办处室" width={130} options={divisions} />}
                  <FilterSelect
                    ledger={ledger}
                    name="repeat"
                    label="重复信访"
                    options={[
                      { value: 'true', label: '重复信访' },
                      { value: 'false', label: '非重复' },
                    ]}
                  />
                  <DateRangeFilter ledger={ledger} label="收到日期" />
                </>
              )}
            </>
          }
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          双击一行打开信访件。
        </Typography.Text>
      </Card>
    </PageContainer>
  );
}
