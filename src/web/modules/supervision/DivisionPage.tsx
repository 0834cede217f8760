import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { DivisionView } from '../../../shared/supervision.js';
import { useMe } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { LightBadge, ProvisionalTag, StateTag, weekLabel } from './labels.js';
import { supervisionApi } from './supervisionApi.js';

/** 本处室本周应办: what the division owes this week, item by item. */
export default function DivisionPage() {
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const roles = me?.roles ?? [];
  const seesAll = roles.some((r) => r === 'office_clerk' || r === 'office_director' || r === 'leader');
  const options = useQuery({ queryKey: ['supervision', 'options'], queryFn: supervisionApi.options, staleTime: 300_000, enabled: seesAll });
  const divisionId =
    params.get('divisionId') ?? (seesAll && !roles.some((r) => r === 'division_head' || r === 'staff') ? options.data?.divisions[0]?.id : undefined);
  const q = useQuery({
    queryKey: ['supervision', 'division', divisionId ?? 'mine'],
    queryFn: () => supervisionApi.division(undefined, divisionId),
    enabled: !seesAll || !!divisionId || roles.some((r) => r === 'division_head' || r === 'staff'),
  });
  const d: DivisionView | undefined = q.data;
  return (
    <PageContainer
      title={d ? `${d.division.name}本周应办` : '处室本周应办'}
      description={
        d
          ? `${weekLabel(d.week)}${d.updateDueDate ? `，进展应于 ${formatDate(d.updateDueDate)} 前报送` : ''}；今年未按时报送进展 ${d.missedUpdatesThisYear} 次`
          : undefined
      }
      extra={
        <Space>
          {seesAll && (
            <Select
              style={{ width: 140 }}
              placeholder="选择处室"
              value={divisionId}
              onChange={(v: string) => setParams({ divisionId: v })}
              options={(options.data?.divisions ?? []).map((x) => ({ value: x.id, label: x.name }))}
              aria-label="处室"
            />
          )}
          <Link to="/supervision">
            <Button>返回台账</Button>
          </Link>
        </Space>
      }
    >
      {q.isPending && q.fetchStatus !== 'idle' && <Spin className="zs-page-spin" />}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {d && (
        <Card>
          <Table
            size="middle"
            rowKey="id"
            pagination={false}
            dataSource={d.items}
            data-testid="division-items"
            locale={{ emptyText: '本周没有待办的督办事项' }}
            columns={[
              { title: '灯色', width: 90, render: (_, i) => <LightBadge light={i.light} reasons={i.lightReasons} provisional={i.deadlineProvisional} /> },
              {
                title: '督办事项',
                render: (_, i) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/supervision/${i.id}`}>
                      {i.number} {i.title}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.role === 'lead' ? '牵头' : '协办'} · 时限 {formatDate(i.deadline)}
                      {i.deadlineProvisional && <ProvisionalTag />}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: '状态', width: 100, render: (_, i) => <StateTag state={i.state} /> },
              {
                title: '本周应办',
                render: (_, i) => (
                  <Space wrap size={[4, 4]}>
                    {i.owes.map((o) => (
                      <Tag key={o} color={o.includes('未报送') || o.includes('逾期') ? 'red' : 'blue'} style={{ whiteSpace: 'normal' }}>
                        {o}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
    </PageContainer>
  );
}
