import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, List, Segmented, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TodoItem, Urgency } from '../../../shared/todos.js';
import { api } from '../api.js';
import { PageContainer } from '../layout/PageContainer.js';
import { usePageTable } from '../pageTable.js';
import { DeadlineText, UrgencyTag } from '../widgets.js';
import { sortTodos } from './todoSort.js';
import { TODOS_KEY } from './todosQuery.js';

function todoLink(t: TodoItem): string {
  return `/${t.kind}/${encodeURIComponent(t.id)}`;
}

type UrgencyFilter = 'all' | 'pressing';

export default function TodoCenterPage() {
  const screens = Grid.useBreakpoint();
  const [kind, setKind] = useState<string>('all');
  const [urgency, setUrgency] = useState<UrgencyFilter>('all');
  const { kinds: kindTable } = usePageTable();
  const kindText = (k: string) => kindTable.get(k)?.label ?? k;
  const stateText = (t: TodoItem) => kindTable.get(t.kind)?.todoStates?.[t.state] ?? t.state;
  const q = useQuery({ queryKey: TODOS_KEY, queryFn: api.todos.list, refetchInterval: 60_000 });
  const sorted = useMemo(() => sortTodos(q.data?.items ?? []), [q.data]);
  const kinds = useMemo(() => [...new Set(sorted.map((t) => t.kind))], [sorted]);
  const shown = sorted.filter((t) => (kind === 'all' || t.kind === kind) && (urgency === 'all' || t.urgency !== 'normal'));

  const columns: TableColumnsType<TodoItem> = [
    { title: '紧急程度', dataIndex: 'urgency', width: 96, render: (u: Urgency) => <UrgencyTag urgency={u} /> },
    { title: '事项', dataIndex: 'title', render: (_: string, t) => <Link to={todoLink(t)}>{t.title}</Link> },
    { title: '类别', dataIndex: 'kind', width: 120, render: (k: string) => kindText(k) },
    { title: '当前环节', dataIndex: 'state', width: 120, render: (_: string, t) => stateText(t) },
    {
      title: '办理期限',
      dataIndex: 'deadline',
      width: 260,
      render: (d: string | null) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <DeadlineText deadline={d} />
        </span>
      ),
    },
  ];

  return (
    <PageContainer
      title="待办中心"
      description="各模块需要您处理的事项，按紧急程度和办理期限排列：特急在前，期限近的在前。"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
          刷新
        </Button>
      }
    >
      {q.data && q.data.unavailable.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`以下模块的待办暂时无法读取，请稍后刷新：${q.data.unavailable.map(kindText).join('、')}`}
        />
      )}
      <Card>
        {/* On a phone the filters scroll sideways inside the card instead of widening the page. */}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented<string>
              aria-label="按类别筛选"
              value={kind}
              onChange={setKind}
              options={[
                { label: `全部（${sorted.length}）`, value: 'all' },
                ...kinds.map((k) => ({ label: `${kindText(k)}（${sorted.filter((t) => t.kind === k).length}）`, value: k })),
              ]}
            />
          </div>
          <Segmented<UrgencyFilter>
            aria-label="按紧急程度筛选"
            value={urgency}
            onChange={setUrgency}
            options={[
              { label: '全部', value: 'all' },
              { label: '仅特急、加急', value: 'pressing' },
            ]}
          />
        </div>
        {q.isError ? (
          <Empty description="待办暂时无法读取，请稍后刷新" />
        ) : screens.md === false ? (
          <List
            loading={q.isPending}
            dataSource={shown}
            locale={{ emptyText: <Empty description="暂无待办，事事有着落" /> }}
            data-testid="todo-list"
            renderItem={(t) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <UrgencyTag urgency={t.urgency} />
                      <Link to={todoLink(t)}>{t.title}</Link>
                    </Space>
                  }
                  description={
                    <Space size={8} wrap>
                      <span>{kindText(t.kind)}</span>
                      <span>{stateText(t)}</span>
                      <DeadlineText deadline={t.deadline} />
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<TodoItem>
            rowKey={(t) => `${t.kind}:${t.id}`}
            loading={q.isPending}
            columns={columns}
            dataSource={shown}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
            locale={{ emptyText: <Empty description="暂无待办，事事有着落" /> }}
            data-testid="todo-table"
          />
        )}
      </Card>
    </PageContainer>
  );
}
