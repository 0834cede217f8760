import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Bulletin } from '../../../shared/info.scoring.js';
import { DownloadButton } from '../../app/Download.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { InfoNav } from './InfoNav.js';
import { infoApi } from './infoApi.js';
import { RankingChart } from './RankingChart.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The periods a 通报 may cover, newest first: this year's and last year's months and quarters up to now. */
function periods(): { value: string; label: string }[] {
  const now = new Date();
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const out: { value: string; label: string }[] = [];
  for (const year of [y, y - 1]) {
    for (let month = year === y ? m : 12; month >= 1; month--) out.push({ value: `${year}-${pad(month)}`, label: `${year}年${month}月` });
    for (let q = year === y ? Math.ceil(m / 3) : 4; q >= 1; q--) out.push({ value: `${year}-Q${q}`, label: `${year}年第${q}季度` });
  }
  return out;
}

/** The month just ended: the 通报 a clerk most often opens. */
function lastMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

export default function BulletinPage() {
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastMonth();
  const q = useQuery({ queryKey: ['info', 'bulletin', period], queryFn: () => infoApi.bulletin(period), retry: false });
  const options = periods();
  return (
    <PageContainer
      title="政务信息工作通报"
      description="按月、按季通报各处室信息报送、采用、批示和扣分情况；期间结束后的第一个工作日印发，印发后不再变化。"
      extra={
        <Space wrap>
          <Select
            value={period}
            onChange={(p) => setParams({ period: p })}
            options={options.sort((a, b) => (a.value < b.value ? 1 : -1))}
            style={{ width: 150 }}
            aria-label="通报期间"
            data-testid="bulletin-period"
            showSearch={{ optionFilterProp: 'label' }}
          />
          {q.data && (
            <DownloadButton path={infoApi.bulletinDocxUrl(period)} fileName={`${q.data.title}.docx`} icon={<DownloadOutlined />} testId="bulletin-docx">
              下载通报
            </DownloadButton>
          )}
        </Space>
      }
    >
      <InfoNav />
      {q.isPending ? <Spin /> : q.isError ? <Alert type="error" title={errorMessage(q.error)} /> : <BulletinView b={q.data} />}
    </PageContainer>
  );
}

function BulletinView({ b }: { b: Bulletin }) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="bulletin">
      <Card
        size="small"
        title={b.title}
        extra={b.issued ? <Tag color="red">已印发 {b.issuedAt ? formatDateTime(b.issuedAt) : ''}</Tag> : <Tag color="blue">本期进行中，数据截至今日</Tag>}
      >
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title="报送（条）" value={b.totals.submitted} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="采用（篇次）" value={b.totals.adoptions} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="领导批示（次）" value={b.totals.instructions} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="合计得分" value={b.totals.points} />
          </Col>
        </Row>
        <div style={{ marginTop: 8, color: '#8c8c8c' }}>
          {b.from} 至 {b.to}；约稿 {b.requests.issued} 件，已报送 {b.requests.answered} 件，逾期 {b.requests.overdue} 件。
        </div>
      </Card>
      <Card size="small" title="各处室得分排名">
        <RankingChart rows={b.ranking} />
        <Table
          size="small"
          rowKey="divisionId"
          pagination={false}
          scroll={{ x: 600 }}
          dataSource={b.ranking}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 56, align: 'center' },
            { title: '处室', dataIndex: 'divisionName' },
            { title: '报送', dataIndex: 'submitted', width: 60, align: 'right' },
            { title: '采用', dataIndex: 'adoptions', width: 60, align: 'right' },
            { title: '批示', dataIndex: 'instructions', width: 60, align: 'right' },
            { title: '本期得分', dataIndex: 'points', width: 80, align: 'right' },
            { title: '年度累计', dataIndex: 'yearPoints', width: 80, align: 'right' },
            { title: '年度完成率', dataIndex: 'yearRate', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
          ]}
        />
      </Card>
      <Card size="small" title="采用和批示">
        {b.highlights.length ? (
          <Table
            size="small"
            rowKey={(h) => `${h.itemId}-${h.type}-${h.date}-${h.detail}`}
            pagination={false}
            scroll={{ x: 600 }}
            dataSource={b.highlights}
            columns={[
              { title: '日期', dataIndex: 'date', width: 104 },
              { title: '处室', dataIndex: 'divisionName', width: 96 },
              { title: '信息', dataIndex: 'title', render: (v: string, h) => <Link to={`/info/${h.itemId}`}>{v}</Link> },
              { title: '采用或批示', dataIndex: 'detail', width: 200 },
              { title: '得分', dataIndex: 'points', width: 56, align: 'right' },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无采用和批示" />
        )}
      </Card>
      <Card size="small" title="扣分">
        {b.penalties.length ? (
          <Table
            size="small"
            rowKey={(p) => `${p.date}-${p.divisionName}-${p.name}-${p.reason}`}
            pagination={false}
            scroll={{ x: 520 }}
            dataSource={b.penalties}
            columns={[
              { title: '日期', dataIndex: 'date', width: 104 },
              { title: '处室', dataIndex: 'divisionName', width: 96 },
              { title: '扣分项', dataIndex: 'name', width: 120 },
              { title: '分值', dataIndex: 'points', width: 56, align: 'right' },
              { title: '事由', dataIndex: 'reason' },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无扣分" />
        )}
      </Card>
    </Space>
  );
}
