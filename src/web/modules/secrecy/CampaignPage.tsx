import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Result, Row, Space, Spin, Statistic, Table } from 'antd';
import { Link, useParams } from 'react-router';
import type { CampaignStats } from '../../../shared/secrecy.inspection.js';
import { DownloadButton } from '../../app/Download.js';
import { errorMessage } from '../../app/errors.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { SectionChart, SubmissionChart } from './CampaignCharts.js';
import { SheetStateTag } from './labels.js';
import { secrecyApi } from './secrecyApi.js';

export default function CampaignPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['inspection', 'campaign', id], queryFn: () => secrecyApi.campaign(id), meta: { silent: true }, retry: false });
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data)
    return <Result status="404" title="自查活动不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/inspection">返回保密自查</Link>} />;
  const c = q.data;
  const s = c.stats;
  return (
    <PageContainer
      title={c.title}
      description={`${c.templateName}，截止 ${c.dueDate}，整改时限 ${c.rectifyWorkdays} 个工作日；${c.status === 'completed' ? '已完成' : '进行中'}`}
      extra={
        <Space wrap>
          <DownloadButton
            path={`/api/secrecy/campaigns/${encodeURIComponent(c.id)}/report.docx`}
            fileName={`${c.title}自查情况报告.docx`}
            icon={<DownloadOutlined />}
            testId="report-docx"
          >
            自查情况报告
          </DownloadButton>
          <Link to="/inspection">返回保密自查</Link>
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}>
              <Statistic title="下发" value={s.sheets} suffix="份" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="提交率" value={s.submissionRate} suffix="%" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="完成率" value={s.closureRate} suffix="%" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="不符合" value={s.answers.noncompliant} suffix="项次" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="整改率" value={s.rectificationRate ?? '—'} suffix={s.rectificationRate === null ? '' : '%'} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title="逾期整改"
                value={s.rectifications.overdue}
                suffix="项"
                valueStyle={s.rectifications.overdue ? { color: '#cf1322' } : undefined}
              />
            </Col>
          </Row>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title="提交与完成" size="small">
              <SubmissionChart stats={s} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title="不符合项（按方面）" size="small">
              <SectionChart stats={s} />
            </Card>
          </Col>
        </Row>
        <Card title="各处室（人员）情况" size="small">
          <Table<CampaignStats['byUnit'][number]>
            rowKey="sheetId"
            size="middle"
            pagination={false}
            data-testid="unit-table"
            dataSource={s.byUnit}
            scroll={{ x: 700 }}
            columns={[
              { title: '处室/人员', key: 'n', render: (_: unknown, r) => <Link to={`/inspection/${r.sheetId}`}>{r.respondentName ?? r.unitName}</Link> },
              { title: '状态', dataIndex: 'state', width: 90, render: (v: CampaignStats['byUnit'][number]['state']) => <SheetStateTag state={v} /> },
              { title: '已填写', dataIndex: 'answered', width: 80 },
              { title: '不符合', dataIndex: 'noncompliant', width: 80 },
              { title: '整改项', dataIndex: 'rectifications', width: 80 },
              { title: '已验收', dataIndex: 'verified', width: 80 },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
