import { LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { InfoListItem } from '../../../shared/info.js';
import type { PortalLog } from '../../../shared/info.scoring.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { InfoNav } from './InfoNav.js';
import { infoApi } from './infoApi.js';
import { TypeTag } from './labels.js';

/** 门户管理: what the public portal shows now, and every 发布 and 撤稿 with who and why. */
export default function PortalAdminPage() {
  const live = useQuery({
    queryKey: ['info', 'list', { published: 'true', pageSize: 100 }],
    queryFn: () => infoApi.list({ published: 'true', pageSize: 100 }),
  });
  const log = useQuery({ queryKey: ['info', 'portal-log'], queryFn: infoApi.portalLog });
  return (
    <PageContainer
      title="门户管理"
      description="门户只显示经保密审查“可以公开”、由办公室主任发布的信息；保密员和办公室可随时撤稿。"
      extra={
        <Button icon={<LinkOutlined />} href="/portal" target="_blank" rel="noreferrer">
          打开门户
        </Button>
      }
    >
      <InfoNav />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={`门户在发布的信息（${live.data?.total ?? 0} 条）`}>
          {live.isError && <Alert type="error" title={errorMessage(live.error)} />}
          <Table<InfoListItem>
            rowKey="id"
            size="small"
            loading={live.isPending}
            dataSource={live.data?.items ?? []}
            scroll={{ x: 560 }}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            data-testid="portal-live"
            columns={[
              { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={`/info/${r.id}`}>{v}</Link> },
              { title: '类型', dataIndex: 'infoType', width: 96, render: (t: InfoListItem['infoType']) => <TypeTag type={t} /> },
              { title: '处室', dataIndex: ['division', 'name'], width: 100 },
              { title: '报送日期', dataIndex: 'reportedDate', width: 108, render: (v: string | null) => (v ? formatDate(v) : '—') },
            ]}
          />
        </Card>
        <Card size="small" title="发布与撤稿记录">
          {log.isError && <Alert type="error" title={errorMessage(log.error)} />}
          <Table<PortalLog['items'][number]>
            rowKey={(r) => `${r.itemId}-${r.at}`}
            size="small"
            loading={log.isPending}
            dataSource={log.data?.items ?? []}
            scroll={{ x: 640 }}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            data-testid="portal-log"
            columns={[
              { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
              {
                title: '操作',
                dataIndex: 'action',
                width: 80,
                render: (a: string) => (a === 'publish' ? <Tag color="green">发布</Tag> : <Tag color="red">撤稿</Tag>),
              },
              { title: '信息', dataIndex: 'title', render: (v: string, r) => <Link to={`/info/${r.itemId}`}>{v}</Link> },
              { title: '操作人', dataIndex: 'actor', width: 90 },
              { title: '说明', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
