import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api } from '../api.js';
import { useCurrentUser } from '../auth.js';
import { daysUntil } from '../format.js';
import { unreadQuery } from '../layout/notifications.js';
import { PageContainer } from '../layout/PageContainer.js';
import { pagesFor, usePageTable } from '../pageTable.js';
import { sortTodos } from '../todos/todoSort.js';
import { TODOS_KEY } from '../todos/todosQuery.js';
import { DeadlineText, UrgencyTag } from '../widgets.js';
import { IncomingCheckCard, SEES_INCOMING_CHECK } from './IncomingCheckCard.js';

function greeting(): string {
  const h = dayjs().hour();
  if (h < 11) return '上午好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function WorkbenchPage() {
  const me = useCurrentUser();
  const table = usePageTable();
  const todos = useQuery({ queryKey: TODOS_KEY, queryFn: api.todos.list, meta: { silent: true } });
  // Shares the header badge's query (and so the stream's live count).
  const notes = useQuery(unreadQuery(true, false));
  const items = sortTodos(todos.data?.items ?? []);
  const pressing = items.filter((t) => t.urgency !== 'normal').length;
  const overdue = items.filter((t) => t.deadline && daysUntil(t.deadline) < 0).length;
  const seesCheck = me.roles.some((r) => (SEES_INCOMING_CHECK as readonly string[]).includes(r));
  const modules = pagesFor(table, me.roles).filter((p) => p.group !== 'work' && p.group !== 'personal');

  return (
    <PageContainer title={`${me.name}，${greeting()}`} description={`${dayjs().format('YYYY年M月D日 dddd')} · ${me.unitName ?? ''}`}>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title="待办事项" value={todos.data?.total ?? 0} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title="特急、加急" value={pressing} suffix="项" styles={{ content: { color: pressing ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title="已超期" value={overdue} suffix="项" styles={{ content: { color: overdue ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title="未读消息" value={notes.data?.unread ?? 0} suffix="条" />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title="近期待办" extra={<Link to="/todos">全部待办</Link>}>
            <List
              loading={todos.isPending}
              dataSource={items.slice(0, 6)}
              locale={{ emptyText: <Empty description="暂无待办" /> }}
              renderItem={(t) => (
                <List.Item>
                  <Space size={8} wrap>
                    <UrgencyTag urgency={t.urgency} />
                    <Typography.Text type="secondary">[{table.kinds.get(t.kind)?.label ?? t.kind}]</Typography.Text>
                    <Link to={`/${t.kind}/${encodeURIComponent(t.id)}`}>{t.title}</Link>
                  </Space>
                  <DeadlineText deadline={t.deadline} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="常用功能">
            <Row gutter={[8, 8]}>
              {modules.map((p) => (
                <Col span={12} key={p.key}>
                  <Link to={`/${p.path}`} className="zs-quick">
                    <span className="zs-quick-icon">
                      <p.icon />
                    </span>
                    {p.title}
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        {seesCheck && (
          <Col xs={24}>
            <IncomingCheckCard />
          </Col>
        )}
      </Row>
    </PageContainer>
  );
}
