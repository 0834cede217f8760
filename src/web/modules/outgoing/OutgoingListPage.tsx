import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { OUTGOING_STATE_LABELS, OUTGOING_STATES, outgoingListQuerySchema, type OutgoingListItem, type OutgoingState } from '../../../shared/outgoing.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { UrgencyTag } from '../../app/widgets.js';
import { outgoingApi } from './outgoingApi.js';
import { StateTag } from './labels.js';

export default function OutgoingListPage() {
  const navigate = useNavigate();
  const ledger = useLedger({ filters: outgoingListQuerySchema, queryKey: ['outgoing', 'list'], fetch: outgoingApi.list });
  const mayDraft = ledger.list.data?.rights.mayCreate ?? false;

  const columns: TableColumnsType<OutgoingListItem> = [
    { title: '紧急程度', dataIndex: 'urgency', width: 88, render: (u: OutgoingListItem['urgency']) => <UrgencyTag urgency={u} /> },
    { title: '文种', dataIndex: 'docType', width: 64 },
    { title: '标题', dataIndex: 'title', width: 360, render: (v: string, r) => <Link to={`/outgoing/${r.id}`}>{v}</Link> },
    { title: '发文字号', dataIndex: 'docNumber', width: 150, render: (v: string | null) => v ?? '—' },
    { title: '拟稿处室', dataIndex: 'draftingUnit', width: 96 },
    { title: '拟稿人', dataIndex: 'drafter', width: 80 },
    { title: '稿次', dataIndex: 'round', width: 64, render: (n: number) => `第${n}稿` },
    { title: '状态', dataIndex: 'state', width: 110, render: (s: OutgoingState) => <StateTag state={s} /> },
    { title: '成文日期', dataIndex: 'signDate', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <PageContainer
      title="发文管理"
      description="拟稿、处室核稿、会签、办公室核稿、局领导签发、编号、核发、归档。拟稿时系统自动检查形式、文字和程序，签发前须消除全部错误。"
      extra={
        <Space wrap>
          {mayDraft && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/outgoing/new')} data-testid="new-outgoing">
              拟稿
            </Button>
          )}
          <Button icon={<SettingOutlined />} onClick={() => void navigate('/outgoing/settings')}>
            发文设置
          </Button>
        </Space>
      }
    >
      <Card size="small">
        <LedgerTable
          ledger={ledger}
          testId="outgoing-table"
          columns={columns}
          scrollX={1200}
          emptyText="没有符合条件的发文"
          filters={
            <>
              <FilterSelect
                ledger={ledger}
                name="state"
                label="状态"
                width={140}
                options={OUTGOING_STATES.map((s) => ({ value: s, label: OUTGOING_STATE_LABELS[s] }))}
              />
              <LedgerSearch ledger={ledger} placeholder="标题或发文字号" label="搜索标题或发文字号" />
              <Checkbox checked={ledger.filter.mine === 'true'} onChange={(e) => ledger.set({ mine: e.target.checked ? 'true' : undefined })}>
                只看我拟的稿
              </Checkbox>
            </>
          }
        />
      </Card>
    </PageContainer>
  );
}
