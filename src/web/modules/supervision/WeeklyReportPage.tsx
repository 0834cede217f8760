import { FileWordOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { WeeklyReport } from '../../../shared/supervision.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DivisionChart } from './DivisionChart.js';
import { LightBadge, weekLabel } from './labels.js';
import { supervisionApi } from './supervisionApi.js';
import { DownloadButton } from '../../app/Download.js';

dayjs.extend(isoWeek);

const keyOf = (d: dayjs.Dayjs) => `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}`;
/** Monday of an ISO week, from its key. */
function mondayOf(week: string): dayjs.Dayjs {
  const jan4 = dayjs(`${week.slice(0, 4)}-01-04`);
  return jan4.isoWeekday(1).add(Number(week.slice(6)) - 1, 'week');
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <Card
      title={
        <Space>
          {title}
          <Tag>{count} 件</Tag>
        </Space>
      }
      size="small"
    >
      {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> : children}
    </Card>
  );
}

const link = (r: { id: string; number: string; title: string }) => (
  <Link to={`/supervision/${r.id}`}>
    {r.number} {r.title}
  </Link>
);

export default function WeeklyReportPage() {
  const [params, setParams] = useSearchParams();
  const current = keyOf(dayjs());
  const week = params.get('week') ?? current;
  const q = useQuery({ queryKey: ['supervision', 'report', week], queryFn: () => supervisionApi.report(week) });
  const go = (delta: number) => setParams({ week: keyOf(mondayOf(week).add(delta, 'week')) });
  const r: WeeklyReport | undefined = q.data;
  return (
    <PageContainer
      title="督办周报"
      description={
        r
          ? `${weekLabel(r.week)}（${formatDate(r.from)} — ${formatDate(r.to)}）${r.issued ? `，已于 ${formatDateTime(r.generatedAt)} 发布` : '，本周进行中（未定稿）'}`
          : weekLabel(week)
      }
      extra={
        <Space wrap>
          <Button icon={<LeftOutlined />} onClick={() => go(-1)}>
            上一周
          </Button>
          <Button onClick={() => setParams({})} disabled={week === current}>
            本周
          </Button>
          <Button icon={<RightOutlined />} iconPlacement="end" onClick={() => go(1)} disabled={week >= current}>
            下一周
          </Button>
          <DownloadButton
            type="primary"
            icon={<FileWordOutlined />}
            path={`/api/supervision/weekly-report.docx?week=${week}`}
            fileName={`督办周报-${week}.docx`}
            testId="report-docx"
          >
            下载周报（.docx）
          </DownloadButton>
          <Link to="/supervision">
            <Button>返回台账</Button>
          </Link>
        </Space>
      }
    >
      {q.isPending && <Spin className="zs-page-spin" />}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {r && (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="weekly-report">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="督办事项" value={r.totals.total} suffix="件" />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="已办结销号" value={r.totals.closed} suffix="件" />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="在办" value={r.totals.inProgress} suffix="件" />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="逾期未办结" value={r.totals.overdue} suffix="件" valueStyle={{ color: r.totals.overdue ? '#d4380d' : undefined }} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="本周新立项 / 销号" value={`${r.newItems.length} / ${r.closedItems.length}`} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="办结率" value={r.totals.completionRate} suffix="%" />
              </Card>
            </Col>
          </Row>
          <Card title="各处室办理情况" size="small">
            <DivisionChart rows={r.byDivision} />
            <Table
              size="small"
              rowKey="divisionId"
              pagination={false}
              dataSource={r.byDivision}
              columns={[
                { title: '处室', dataIndex: 'name' },
                { title: '事项数', dataIndex: 'total' },
                { title: '已办结', dataIndex: 'closed' },
                { title: '在办', dataIndex: 'inProgress' },
                { title: '逾期', dataIndex: 'overdue', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
                { title: '未报进展（周次）', dataIndex: 'missedUpdates' },
                { title: '办结率', dataIndex: 'completionRate', render: (n: number) => `${n}%` },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Section title="逾期事项（点名）" count={r.overdue.length}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={r.overdue}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '责任处室', dataIndex: 'responsible' },
                    { title: '时限', dataIndex: 'deadline' },
                    { title: '逾期工作日', dataIndex: 'workdaysOverdue' },
                  ]}
                />
              </Section>
            </Col>
            <Col xs={24} lg={12}>
              <Section title="临期事项" count={r.dueSoon.length}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={r.dueSoon}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '牵头处室', dataIndex: 'leadDivision' },
                    { title: '时限', dataIndex: 'deadline' },
                    { title: '剩余工作日', dataIndex: 'workdaysLeft' },
                  ]}
                />
              </Section>
            </Col>
          </Row>
          <Section title="在办事项进展" count={r.inProgress.length}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={r.inProgress}
              columns={[
                { title: '灯色', width: 90, render: (_, i) => <LightBadge light={i.light} /> },
                { title: '事项', render: (_, i) => link(i) },
                { title: '牵头处室', dataIndex: 'leadDivision', width: 110 },
                { title: '进度', width: 70, render: (_, i) => `${i.percent}%` },
                {
                  title: '最新进展',
                  render: (_, i) =>
                    i.latestUpdate ? (
                      `${formatDate(i.latestUpdate.at.slice(0, 10))} ${i.latestUpdate.content}`
                    ) : (
                      <Typography.Text type="secondary">尚无进展报送</Typography.Text>
                    ),
                },
              ]}
            />
          </Section>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Section title="本周新立项" count={r.newItems.length}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={r.newItems}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '来源', dataIndex: 'source' },
                    { title: '牵头处室', dataIndex: 'leadDivision' },
                  ]}
                />
              </Section>
            </Col>
            <Col xs={24} lg={12}>
              <Section title="本周办结销号" count={r.closedItems.length}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={r.closedItems}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '牵头处室', dataIndex: 'leadDivision' },
                    { title: '办结结果', dataIndex: 'result' },
                  ]}
                />
              </Section>
            </Col>
            <Col xs={24} lg={12}>
              <Section title="延期申请" count={r.extensions.length}>
                <Table
                  size="small"
                  rowKey={(i) => `${i.id}-${i.requestedDeadline}`}
                  pagination={false}
                  dataSource={r.extensions}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '申请延至', dataIndex: 'requestedDeadline' },
                    { title: '理由', dataIndex: 'reason' },
                    { title: '审批', render: (_, i) => (i.state === 'approved' ? '已同意' : i.state === 'refused' ? '未同意' : '待审批') },
                  ]}
                />
              </Section>
            </Col>
            <Col xs={24} lg={12}>
              <Section title="需协调事项" count={r.coordination.length}>
                <Table
                  size="small"
                  rowKey={(i) => `${i.id}-${i.at}`}
                  pagination={false}
                  dataSource={r.coordination}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '需协调', dataIndex: 'matter' },
                    { title: '提出', dataIndex: 'raisedBy' },
                  ]}
                />
              </Section>
            </Col>
            <Col xs={24} lg={12}>
              <Section title="一周一督未报送进展" count={r.missingUpdates.length}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={r.missingUpdates}
                  columns={[
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '牵头处室', dataIndex: 'leadDivision' },
                  ]}
                />
              </Section>
            </Col>
            <Col xs={24} lg={12}>
              <Section title="下周节点" count={r.nextWeekMilestones.length}>
                <Table
                  size="small"
                  rowKey={(i) => `${i.id}-${i.milestone}`}
                  pagination={false}
                  dataSource={r.nextWeekMilestones}
                  columns={[
                    { title: '日期', dataIndex: 'dueDate' },
                    { title: '事项', render: (_, i) => link(i) },
                    { title: '节点', dataIndex: 'milestone' },
                  ]}
                />
              </Section>
            </Col>
          </Row>
        </Space>
      )}
    </PageContainer>
  );
}
