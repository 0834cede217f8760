import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Tabs, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { PersonnelTab } from './PersonnelTab.js';
import { RefusalsTab } from './RefusalsTab.js';
import { SettingsTab } from './SettingsTab.js';
import { MyTrainingTab, TrainingTab } from './TrainingTab.js';
import { secrecyApi } from './secrecyApi.js';

const thisYear = () => new Date().getFullYear();

function Overview() {
  const q = useQuery({ queryKey: ['secrecy', 'dashboard'], queryFn: () => secrecyApi.dashboard(thisYear()) });
  const d = q.data;
  if (!d) return <Card loading />;
  const stat = (title: string, value: number | string, to?: string, danger = false) => (
    <Col xs={12} md={6} lg={4}>
      <Card size="small">
        <Statistic
          title={to ? <Link to={to}>{title}</Link> : title}
          value={value}
          valueStyle={danger && Number(value) > 0 ? { color: '#cf1322' } : undefined}
        />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} data-testid="secrecy-overview">
      {stat('在管载体', d.carriers.inCustody, '/carrier?state=in_custody')}
      {stat('借阅中', d.carriers.lent, '/carrier?state=lent')}
      {stat('借阅逾期', d.carriers.overdue, '/carrier?overdue=true', true)}
      {stat('待解密审核', d.carriers.reviewDue, '/carrier?reviewDue=true', true)}
      {stat('清退/销毁待批', d.carriers.pendingApproval)}
      {stat(`${d.year}年接收`, d.carriers.receivedThisYear)}
      {stat('在岗涉密人员', d.personnel.active)}
      {stat('脱密期人员', d.personnel.separation)}
      {stat('进行中的自查', d.inspections.open, '/inspection')}
      {stat('未完成整改', d.inspections.openRectifications)}
      {stat('逾期整改', d.inspections.overdueRectifications, undefined, true)}
      {stat(`${d.year}年培训场次`, d.trainings.sessions)}
      {stat('考试不及格', d.trainings.failed)}
      {stat(`${d.year}年拦截`, d.refusals.total)}
    </Row>
  );
}

/** 保密管理: what the 保密员, 主任 and 局领导 follow, and everyone's own training record. */
export default function SecrecyHome() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const reader = me.roles.some((r) => r === 'secrecy_officer' || r === 'office_director' || r === 'leader');
  const officer = me.roles.includes('secrecy_officer');
  const items = [
    ...(reader
      ? [
          { key: 'overview', label: '概况', children: <Overview /> },
          { key: 'personnel', label: '涉密人员', children: <PersonnelTab officer={officer} /> },
          { key: 'training', label: '培训考试', children: <TrainingTab officer={officer} /> },
        ]
      : []),
    ...(officer
      ? [
          { key: 'refusals', label: '拦截记录', children: <RefusalsTab /> },
          { key: 'settings', label: '设置', children: <SettingsTab /> },
        ]
      : []),
    { key: 'mine', label: '我的培训', children: <MyTrainingTab /> },
  ];
  const tab = params.get('tab') ?? items[0]?.key ?? 'mine';
  return (
    <PageContainer
      title="保密管理"
      description={
        <span>
          涉密信息不上网，上网信息不涉密。<Tag color="red">本系统为非涉密系统</Tag>涉密载体只登记元数据，涉密文件通过机要渠道线下办理。
        </span>
      }
    >
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} data-testid="secrecy-tabs" />
    </PageContainer>
  );
}
