import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Descriptions, Form, Input, Radio, Result, Row, Select, Space, Spin, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import {
  CARRIER_ACTION_LABELS,
  CARRIER_STATE_LABELS,
  CARRIER_TYPE_LABELS,
  type CarrierState,
  DESTRUCTION_METHOD_LABELS,
  LEND_MODE_LABELS,
} from '../../../shared/secrecy.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { TODOS_KEY } from '../../app/todos/todosQuery.js';
import { ActionPanel } from '../../app/workflow/ActionPanel.js';
import { CarrierStateTag, LevelTag } from './labels.js';
import { type CarrierView, secrecyApi } from './secrecyApi.js';
import { HistoryTimeline } from '../../app/workflow/HistoryTimeline.js';

const label = (a: string) => CARRIER_ACTION_LABELS[a] ?? a;
const stateLabel = (s: string) => CARRIER_STATE_LABELS[s as CarrierState] ?? s;
const required = (message: string) => [{ required: true, whitespace: true, message }];
const ROLE_NAMES: Record<string, string> = { secrecy_officer: '保密员', office_director: '办公室主任' };

function PersonSelect({ name, title, qualifiedOnly = true }: { name: string; title: string; qualifiedOnly?: boolean }) {
  const options = useQuery({ queryKey: ['secrecy', 'options'], queryFn: secrecyApi.options });
  return (
    <Form.Item name={name} label={title} rules={[{ required: true, message: `请选择${title}` }]}>
      <Select
        showSearch
        optionFilterProp="label"
        data-testid={`select-${name}`}
        options={(options.data?.users ?? []).filter((u) => !qualifiedOnly || u.category).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))}
      />
    </Form.Item>
  );
}

function ActionFields({ action }: { action: string }) {
  switch (action) {
    case 'lend':
      return (
        <>
          <PersonSelect name="borrowerId" title="借阅人" />
          <Form.Item name="mode" label="方式" initialValue="lend">
            <Radio.Group options={Object.entries(LEND_MODE_LABELS).map(([value, l]) => ({ value, label: l }))} />
          </Form.Item>
          <Form.Item name="purpose" label="用途" rules={required('请填写用途')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="dueDate" label="应还日期（30 天内）" rules={[{ required: true, message: '请填写应还日期' }]}>
            <Input type="date" />
          </Form.Item>
        </>
      );
    case 'return':
      return (
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
    case 'transfer':
      return (
        <>
          <PersonSelect name="custodianId" title="新保管人" />
          <Form.Item name="comment" label="说明">
            <Input maxLength={500} />
          </Form.Item>
        </>
      );
    case 'request_withdrawal':
      return (
        <>
          <Form.Item name="recipientOrg" label="清退接收单位" rules={required('请填写清退接收单位')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={required('请填写理由')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'withdraw':
      return (
        <>
          <Form.Item name="handedOverDate" label="移交日期" rules={[{ required: true, message: '请填写移交日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="receiverName" label="接收人" rules={required('请填写接收人')}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      );
    case 'request_destruction':
      return (
        <Form.Item name="reason" label="理由" rules={required('请填写理由')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
    case 'destroy':
      return (
        <>
          <Form.Item name="destroyedDate" label="销毁日期" rules={[{ required: true, message: '请填写销毁日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="method" label="销毁方式" initialValue="destruction_center">
            <Radio.Group options={Object.entries(DESTRUCTION_METHOD_LABELS).map(([value, l]) => ({ value, label: l }))} />
          </Form.Item>
          <Form.Item name="place" label="销毁地点" rules={required('请填写销毁地点')}>
            <Input maxLength={100} />
          </Form.Item>
          <PersonSelect name="executorId" title="执行人" qualifiedOnly={false} />
          <PersonSelect name="supervisorId" title="监销人" qualifiedOnly={false} />
        </>
      );
    case 'void':
      return (
        <Form.Item name="reason" label="作废理由" rules={required('请填写作废理由')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
    case 'reject':
      return (
        <Form.Item name="comment" label="退回意见" rules={required('请填写退回意见')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
    case 'review_declassification':
      return (
        <>
          <Form.Item name="outcome" label="审核结论" initialValue="retained">
            <Radio.Group
              options={[
                { value: 'retained', label: '继续保密' },
                { value: 'declassified', label: '解密' },
              ]}
            />
          </Form.Item>
          <Form.Item name="basis" label="依据" rules={required('请填写依据')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="newPeriodEnd" label="新的届满日期（继续保密时可填）">
            <Input type="date" />
          </Form.Item>
        </>
      );
    default:
      return (
        <Form.Item name="comment" label="意见">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
  }
}

function Actions({ item }: { item: CarrierView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  return (
    <ActionPanel<Record<string, unknown>>
      actions={item.actions}
      danger={new Set(['reject', 'destroy', 'void'])}
      label={label}
      title={(a) => `${label(a)}：${item.number}`}
      testId="carrier-actions"
      fields={(a) => <ActionFields action={a} />}
      run={async (action, values, key) => {
        const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
        const updated = await secrecyApi.carrierTransition(item.id, { action, version: item.version, ...body }, me.csrfToken, key);
        qc.setQueryData(['carrier', 'item', item.id], updated);
        void qc.invalidateQueries({ queryKey: ['carrier', 'list'] });
        void qc.invalidateQueries({ queryKey: TODOS_KEY });
        return `已${label(action)}`;
      }}
    />
  );
}

const periodText = (d: CarrierView) =>
  d.periodYears
    ? `${d.periodYears} 年${d.periodDefaulted ? '（未标明，按最长期限）' : ''}`
    : d.periodMonths
      ? `${d.periodMonths} 个月`
      : d.declassifyDate
        ? `解密日期 ${d.declassifyDate}`
        : `解密条件：${d.declassifyCondition ?? ''}`;

export default function CarrierPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['carrier', 'item', id], queryFn: () => secrecyApi.carrier(id), meta: { silent: true }, retry: false });
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data)
    return <Result status="404" title="涉密载体不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/carrier">返回登记簿</Link>} />;
  const d = q.data;
  const dest = d.destruction as {
    method?: keyof typeof DESTRUCTION_METHOD_LABELS;
    place?: string;
    destroyedDate?: string;
    executor?: { name: string };
    supervisor?: { name: string };
  } | null;
  const wd = d.withdrawal as { recipientOrg?: string; handedOverDate?: string; receiverName?: string } | null;
  return (
    <PageContainer
      title={`${d.number} ${d.title}`}
      description={
        <Space wrap>
          <LevelTag level={d.classification} />
          <CarrierStateTag state={d.state as CarrierState} />
          {d.overdue && <Tag color="red">借阅逾期</Tag>}
          {d.reviewDue && <Tag color="purple">待解密审核</Tag>}
        </Space>
      }
      extra={<Link to="/carrier">返回登记簿</Link>}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理" size="small">
              <Actions item={d} />
            </Card>
            <Card title="登记信息" size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="carrier-fields">
                <Descriptions.Item label="份号">{d.copyNo}</Descriptions.Item>
                <Descriptions.Item label="载体类型">
                  {d.carrierType ? CARRIER_TYPE_LABELS[d.carrierType] : '—'}
                  {d.pages ? `，${d.pages} 页` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="来文单位">{d.sourceOrg}</Descriptions.Item>
                <Descriptions.Item label="文号">{d.sourceDocNumber ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="制发日期">{d.issuedDate}</Descriptions.Item>
                <Descriptions.Item label="接收日期">{d.receivedDate}</Descriptions.Item>
                <Descriptions.Item label="保密期限">{periodText(d)}</Descriptions.Item>
                <Descriptions.Item label="届满日期">{d.periodEnd ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="保管人">{d.custodian.name}</Descriptions.Item>
                <Descriptions.Item label="登记人">
                  {d.createdBy}（{formatDateTime(d.createdAt)}）
                </Descriptions.Item>
                {d.lending && (
                  <Descriptions.Item label={LEND_MODE_LABELS[d.lending.mode]} span={2}>
                    {d.lending.borrower.name}，{d.lending.purpose}，应于 {d.lending.dueDate} 前归还
                  </Descriptions.Item>
                )}
                {d.approvals.length > 0 && (
                  <Descriptions.Item label="已批准" span={2}>
                    {d.approvals.map((a) => `${ROLE_NAMES[a.role] ?? a.role} ${a.name}`).join('、')}
                  </Descriptions.Item>
                )}
                {wd?.handedOverDate && (
                  <Descriptions.Item label="清退" span={2}>
                    {wd.handedOverDate} 移交{wd.recipientOrg}（接收人 {wd.receiverName}）
                  </Descriptions.Item>
                )}
                {dest?.destroyedDate && (
                  <Descriptions.Item label="销毁" span={2}>
                    {dest.destroyedDate} 于{dest.place}
                    {dest.method ? DESTRUCTION_METHOD_LABELS[dest.method] : ''}，执行人 {dest.executor?.name}，监销人 {dest.supervisor?.name}
                  </Descriptions.Item>
                )}
                {d.voided && (
                  <Descriptions.Item label="作废" span={2}>
                    {d.voided.by}：{d.voided.reason}（{formatDateTime(d.voided.at)}）
                  </Descriptions.Item>
                )}
                {d.remarks && (
                  <Descriptions.Item label="备注" span={2}>
                    {d.remarks}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="保管与流转" size="small" data-testid="timeline">
            <HistoryTimeline history={d.history} actionLabel={label} stateLabel={stateLabel} />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
