import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { CHECK_KIND_LABELS, type CheckReport } from '../../../shared/incoming.js';
import { request } from '../http.js';

/** Roles the server shows the daily check to (the office and the bureau's leaders). */
export const SEES_INCOMING_CHECK = ['office_clerk', 'office_director', 'leader'] as const;

const KIND_COLORS: Record<CheckReport['findings'][number]['kind'], string> = {
  stuck_without_reminder: 'red',
  overdue: 'orange',
  no_deadline: 'gold',
  not_archived: 'blue',
  number_gap: 'magenta',
  source_deadline: 'volcano',
};

/**
 * The 收文 daily check on the office's desk: 不积压、不遗失、不漏办 is the
 * office's promise, so what the check found is the first thing it sees.
 */
export function IncomingCheckCard() {
  const check = useQuery({
    queryKey: ['incoming', 'check'],
    queryFn: () => request<CheckReport>('GET', '/api/incoming/checks/latest'),
    meta: { silent: true },
  });
  const findings = check.data?.findings ?? [];
  return (
    <Card
      title={
        <Space>
          收文每日检查
          {findings.length > 0 && <Tag color="red">{findings.length} 个问题</Tag>}
        </Space>
      }
      extra={check.data?.at ? <Typography.Text type="secondary">检查于 {dayjs(check.data.at).format('M月D日 HH:mm')}</Typography.Text> : null}
      data-testid="workbench-incoming-check"
    >
      <List
        size="small"
        loading={check.isPending}
        dataSource={findings.slice(0, 10)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={check.data?.at ? '未发现积压、遗失或漏办' : '尚未进行每日检查'} /> }}
        renderItem={(f) => (
          <List.Item>
            <Space size={8} align="start">
              <Tag color={KIND_COLORS[f.kind]}>{CHECK_KIND_LABELS[f.kind]}</Tag>
              {f.docId ? <Link to={`/incoming/${encodeURIComponent(f.docId)}`}>{f.message}</Link> : <Typography.Text>{f.message}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {findings.length > 10 && <Link to="/incoming">另有 {findings.length - 10} 个问题，见收文登记簿</Link>}
    </Card>
  );
}
