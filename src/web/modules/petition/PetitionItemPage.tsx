import { EyeOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  type ClearPetitioner,
  EXTENSION_STATE_LABELS,
  METHOD_LABELS,
  METHODS,
  PETITION_ACTION_LABELS,
  PETITION_STATE_LABELS,
  PETITION_TYPE_LABELS,
  type PetitionState,
  REJECT_REASON_LABELS,
  REJECT_REASONS,
  SATISFACTION_LABELS,
  SATISFACTIONS,
  SOURCE_LABELS,
  TOPIC_LABELS,
} from '../../../shared/petition.js';
import { AttachmentsCard } from '../../app/attachments/AttachmentsCard.js';
import { useCurrentUser } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { TODOS_KEY } from '../../app/todos/todosQuery.js';
import { ActionPanel } from '../../app/workflow/ActionPanel.js';
import { Badges, CountdownTag, StateTag } from './labels.js';
import { petitionApi, type PetitionView } from './petitionApi.js';
import { useDivisions } from './useDivisions.js';
import { HistoryTimeline } from '../../app/workflow/HistoryTimeline.js';

const actionLabel = (a: string) => PETITION_ACTION_LABELS[a] ?? a;
const stateLabel = (s: string) => PETITION_STATE_LABELS[s as PetitionState] ?? s;
const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const DANGER = new Set(['reject', 'return_reply', 'refuse_extension', 'objection_upheld']);
const NOWRAP = { label: { whiteSpace: 'nowrap' } } as const;

type ActionForm = Record<string, unknown>;

const req = (message: string) => [{ required: true, whitespace: true, message }];
const dateReq = (message: string) => [{ required: true, message }];
const text = (name: string, label: string, rows = 3, max = 1000, required = true) => (
  <Form.Item name={name} label={label} rules={required ? req(`请填写${label}`) : []}>
    <Input.TextArea rows={rows} maxLength={max} showCount />
  </Form.Item>
);
const date = (name: string, label: string, required = true) => (
  <Form.Item name={name} label={label} rules={required ? dateReq(`请选择${label}`) : []}>
    <DatePicker style={{ width: '100%' }} />
  </Form.Item>
);
const notice = (
  <>
    <Form.Item name="noticeMethod" label="告知方式" rules={dateReq('请选择告知方式')}>
      <Select options={opts(METHODS, METHOD_LABELS)} />
    </Form.Item>
    {date('noticeDate', '告知日期')}
  </>
);

/** The dialog's fields of each action the server may offer (contract: States and actions). */
function ActionFields({ action, divisions }: { action: string; divisions: { value: string; label: string }[] }) {
  switch (action) {
    case 'accept':
    case 'notify_extension':
      return notice;
    case 'reject':
      return (
        <>
          <Form.Item name="reasonType" label="不予受理理由" rules={dateReq('请选择理由')}>
            <Select options={opts(REJECT_REASONS, REJECT_REASON_LABELS)} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.reasonType !== b.reasonType}>
            {({ getFieldValue }) =>
              getFieldValue('reasonType') === 'not_in_scope' && (
                <Form.Item name="otherAuthority" label="有权处理的机关" rules={req('请填写有权处理的机关')}>
                  <Input maxLength={100} />
                </Form.Item>
              )
            }
          </Form.Item>
          {text('reason', '说明')}
          {notice}
        </>
      );
    case 'transfer':
      return (
        <>
          <Form.Item name="toOrg" label="转送机关" rules={req('请填写转送机关')}>
            <Input maxLength={100} />
          </Form.Item>
          {text('reason', '转送理由')}
          {notice}
        </>
      );
    case 'raise_objection':
      return text('reason', '异议理由');
    case 'objection_upheld':
    case 'objection_overruled':
    case 'return_reply':
      return text('comment', '意见');
    case 'assign':
      return (
        <>
          <Form.Item name="divisionId" label="承办处室" rules={dateReq('请选择承办处室')}>
            <Select options={divisions} data-testid="field-division" />
          </Form.Item>
          {text('requirement', '办理要求', 3, 1000, false)}
          {date('dueDate', '处室办理期限（不晚于办理期限）', false)}
        </>
      );
    case 'feedback':
      return text('content', '进展情况', 4, 2000);
    case 'request_extension':
      return (
        <>
          <Form.Item name="days" label="延期天数（1–30 日）" rules={dateReq('请填写延期天数')}>
            <InputNumber min={1} max={30} style={{ width: '100%' }} />
          </Form.Item>
          {text('reason', '延期理由')}
        </>
      );
    case 'approve_extension':
      return text('comment', '意见', 2, 1000, false);
    case 'refuse_extension':
      return text('reason', '不批准理由');
    case 'hold_hearing':
      return (
        <>
          {date('hearingStart', '听证开始日期')}
          {date('hearingEnd', '听证结束日期')}
          {text('summary', '听证情况', 4, 2000)}
        </>
      );
    case 'supervise':
      return (
        <>
          {date('deadline', '督办办结时限')}
          <Form.Item name="kind" label="督办类型" rules={dateReq('请选择督办类型')}>
            <Select
              options={[
                { value: 'key', label: '重点督办' },
                { value: 'active', label: '主动督办' },
                { value: 'concentrated', label: '集中督办' },
              ]}
            />
          </Form.Item>
        </>
      );
    case 'submit_reply':
      return (
        <>
          {text('opinion', '处室意见')}
          {text('replyText', '答复意见（印入答复意见书）', 8, 5000)}
        </>
      );
    case 'approve_reply':
      return (
        <>
          {date('replyDate', '答复日期（默认今天）', false)}
          {text('comment', '意见', 2, 1000, false)}
        </>
      );
    case 'record_delivery':
      return (
        <>
          <Form.Item name="deliveryMethod" label="送达方式" rules={dateReq('请选择送达方式')}>
            <Select options={opts(METHODS, METHOD_LABELS)} />
          </Form.Item>
          {date('deliveredDate', '送达日期')}
        </>
      );
    case 'close':
      return (
        <Form.Item name="satisfaction" label="信访人评价" rules={dateReq('请选择评价')}>
          <Select options={opts(SATISFACTIONS, SATISFACTION_LABELS)} />
        </Form.Item>
      );
    default:
      return null;
  }
}

/** Dates picked in the dialog go to the server as YYYY-MM-DD; empty optional fields are left out. */
function payloadOf(values: ActionForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v;
  }
  return out;
}

function Actions({ item }: { item: PetitionView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const divisions = useDivisions();
  return (
    <ActionPanel<ActionForm>
      // The way forward first (it is the primary button), refusals and returns after it.
      actions={[...item.actions].sort((a, b) => Number(DANGER.has(a)) - Number(DANGER.has(b)))}
      danger={DANGER}
      label={actionLabel}
      title={(a) => `${actionLabel(a)}：${item.number}`}
      testId="petition-actions"
      prepare={(a, form) => {
        if (['accept', 'reject', 'transfer', 'notify_extension'].includes(a)) form.setFieldsValue({ noticeDate: dayjs(), noticeMethod: 'letter' });
        if (a === 'record_delivery') form.setFieldsValue({ deliveredDate: dayjs(), deliveryMethod: 'letter' });
        if (a === 'supervise') form.setFieldsValue({ kind: 'active', deadline: item.handlingDeadline ? dayjs(item.handlingDeadline) : undefined });
      }}
      notice={(a) =>
        a === 'request_extension' ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`现办理期限 ${item.handlingDeadline ?? ''}；延期须经局领导批准，最长 30 日。`} />
        ) : null
      }
      fields={(a) => <ActionFields action={a} divisions={divisions} />}
      run={async (action, values, key) => {
        const updated = await petitionApi.transition(item.id, { action, version: item.version, ...payloadOf(values) }, me.csrfToken, key);
        qc.setQueryData(['petition', 'item', item.id], updated);
        void qc.invalidateQueries({ queryKey: ['petition', 'list'] });
        void qc.invalidateQueries({ queryKey: TODOS_KEY });
        return `已${actionLabel(action)}`;
      }}
    />
  );
}

/** The masked petitioner; 显示完整信息 reads the clear values after a warning that the read is logged. */
function PetitionerCard({ item }: { item: PetitionView }) {
  const { modal } = App.useApp();
  const [clear, setClear] = useState<ClearPetitioner | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = clear ?? item.petitioner;
  function reveal() {
    modal.confirm({
      title: '显示信访人完整信息',
      content: '信访人的姓名、身份证号、电话和地址属于个人信息。查看完整信息将记入审计日志（查看人、时间、信访件），请仅在工作需要时查看。',
      okText: '确认查看',
      cancelText: '取消',
      onOk: async () => {
        try {
          setClear(await petitionApi.petitioner(item.id));
        } catch (e) {
          setError(errorMessage(e));
        }
      },
    });
  }
  return (
    <Card
      title="信访人"
      size="small"
      extra={
        item.rights.mayReadPersonalData && !clear ? (
          <Button size="small" icon={<EyeOutlined />} onClick={reveal} data-testid="reveal">
            显示完整信息
          </Button>
        ) : clear ? (
          <Tag color="orange">完整信息（已记录查看）</Tag>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={NOWRAP} data-testid="petitioner">
        <Descriptions.Item label="姓名">{shown.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{shown.idNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{shown.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="通信地址">{shown.address ?? '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Left({ deadline, today }: { deadline: string | null; today: string }) {
  if (!deadline) return null;
  const d = dayjs(deadline).diff(dayjs(today), 'day');
  const t = d < 0 ? `已过 ${-d} 天` : d === 0 ? '今日到期' : `剩 ${d} 天`;
  return (
    <Typography.Text type={d < 0 ? 'danger' : d <= 5 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
      （{t}）
    </Typography.Text>
  );
}

/** 告知, 异议, 办理 (with extension and hearings) and the 复查/复核 window, with days left. */
function DeadlinesCard({ d }: { d: PetitionView }) {
  const today = dayjs().format('YYYY-MM-DD');
  const running = d.state === 'registered' || d.state === 'objected';
  return (
    <Card
      title="期限"
      size="small"
      extra={<CountdownTag daysLeft={d.daysLeft} warning={d.warning} deadline={running ? d.noticeDeadline : d.handlingDeadline} />}
    >
      {d.deadlineProvisional && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="期限涉及尚未公布节假日安排的年份，按周末计算，公布后可能变动。" />
      )}
      <Descriptions column={1} size="small" layout="vertical" data-testid="deadlines">
        <Descriptions.Item label="告知期限（15 日）">
          {formatDate(d.noticeDeadline)} {!d.noticeDate && running && <Left deadline={d.noticeDeadline} today={today} />}
          {d.noticeDate && (
            <Typography.Text type={d.noticeOnTime ? 'success' : 'danger'} style={{ marginLeft: 8 }}>
              {formatDate(d.noticeDate)} 已告知{d.noticeOnTime ? '' : '（超期）'}
            </Typography.Text>
          )}
        </Descriptions.Item>
        {d.objectionDeadline && (
          <Descriptions.Item label="异议期限（5 个工作日）">
            {formatDate(d.objectionDeadline)} {d.state === 'registered' && <Left deadline={d.objectionDeadline} today={today} />}
          </Descriptions.Item>
        )}
        {d.handlingDeadline && (
          <Descriptions.Item label={d.type === 'initial' ? '办理期限（受理起 60 日）' : '办理期限（收到起 30 日）'}>
            {formatDate(d.handlingDeadline)}{' '}
            {['accepted', 'handling', 'reply_review'].includes(d.state) && <Left deadline={d.handlingDeadline} today={today} />}
            {d.originalHandlingDeadline && d.originalHandlingDeadline !== d.handlingDeadline && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                原定 {formatDate(d.originalHandlingDeadline)}
              </Typography.Text>
            )}
          </Descriptions.Item>
        )}
        {d.extension && (
          <Descriptions.Item label="延期">
            {d.extension.days} 日，{EXTENSION_STATE_LABELS[d.extension.state]}
            {d.extension.noticeDate ? `，${formatDate(d.extension.noticeDate)} 已告知` : d.extension.state === 'approved' ? '，尚未告知信访人' : ''}
          </Descriptions.Item>
        )}
        {d.hearings.map((h) => (
          <Descriptions.Item key={h.start} label="听证（不计入期限）">
            {formatDate(h.start)}–{formatDate(h.end)}，{h.days} 日
          </Descriptions.Item>
        ))}
        {d.dueDate && <Descriptions.Item label="处室办理期限">{formatDate(d.dueDate)}</Descriptions.Item>}
        {d.replyDate && (
          <Descriptions.Item label="答复日期">
            {formatDate(d.replyDate)} <Typography.Text type={d.onTime ? 'success' : 'danger'}>{d.onTime ? '按期' : '超期'}</Typography.Text>
          </Descriptions.Item>
        )}
        {d.reviewRequestDeadline && (
          <Descriptions.Item label={d.type === 'recheck' ? '复核意见送达' : `${d.type === 'initial' ? '复查' : '复核'}申请期限（30 日）`}>
            {d.type === 'recheck' ? formatDate(d.deliveredDate) : formatDate(d.reviewRequestDeadline)}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

const ref = (r: { id: string; number: string }) => (
  <Link key={r.id} to={`/petition/${r.id}`} style={{ marginRight: 8 }}>
    {r.number}
  </Link>
);

export default function PetitionItemPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['petition', 'item', id], queryFn: () => petitionApi.get(id), meta: { silent: true }, retry: false });
  const screens = Grid.useBreakpoint();
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data) {
    return <Result status="404" title="信访件不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/petition">返回台账</Link>} />;
  }
  const d = q.data;
  // On a phone the deadlines come right after the actions: what is due matters before the details.
  const narrow = !screens.xl;
  const links = d.parent || d.followUps.length > 0 || d.repeatOf || d.repeats.length > 0 || d.supervision;
  return (
    <PageContainer
      title={`${d.number} ${d.subject}`}
      description={
        <Space wrap>
          <StateTag state={d.state as PetitionState} />
          <Badges repeat={d.repeat} type={d.type} />
          <Typography.Text type="secondary">
            {CHANNEL_LABELS[d.channel]} · {formatDate(d.receivedDate)} 收到
          </Typography.Text>
        </Space>
      }
      extra={<Link to="/petition">返回台账</Link>}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理" size="small">
              <Actions item={d} />
            </Card>
            {narrow && <DeadlinesCard d={d} />}
            <PetitionerCard item={d} />
            <Card title="信访事项" size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={NOWRAP} data-testid="petition-fields">
                <Descriptions.Item label="类型">{PETITION_TYPE_LABELS[d.type]}</Descriptions.Item>
                <Descriptions.Item label="来源">
                  {SOURCE_LABELS[d.source]}
                  {d.transferredFrom ? `（${d.transferredFrom}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="类别">{CATEGORY_LABELS[d.category]}</Descriptions.Item>
                <Descriptions.Item label="事项类别">{TOPIC_LABELS[d.topic]}</Descriptions.Item>
                {d.visitors !== null && <Descriptions.Item label="来访人数">{d.visitors} 人</Descriptions.Item>}
                <Descriptions.Item label="承办处室">{d.division?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="信访内容" span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{d.content}</span>
                </Descriptions.Item>
                {d.requirement && (
                  <Descriptions.Item label="办理要求" span={2}>
                    {d.requirement}
                  </Descriptions.Item>
                )}
                {d.decision && (
                  <Descriptions.Item label={d.decision.toOrg ? '转送' : '不予受理'} span={2}>
                    {d.decision.toOrg ? `转送${d.decision.toOrg}：` : d.decision.reasonType ? `${REJECT_REASON_LABELS[d.decision.reasonType]}：` : ''}
                    {d.decision.reason}
                    {d.decision.otherAuthority ? `（请向${d.decision.otherAuthority}提出）` : ''}
                  </Descriptions.Item>
                )}
                {d.replyText && (
                  <Descriptions.Item label="答复意见" span={2}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{d.replyText}</span>
                  </Descriptions.Item>
                )}
                {d.deliveredDate && (
                  <Descriptions.Item label="送达">
                    {formatDate(d.deliveredDate)} {d.deliveryMethod ? METHOD_LABELS[d.deliveryMethod] : ''}
                  </Descriptions.Item>
                )}
                {d.satisfaction && <Descriptions.Item label="信访人评价">{SATISFACTION_LABELS[d.satisfaction]}</Descriptions.Item>}
                <Descriptions.Item label="登记">
                  {d.createdBy}（{formatDateTime(d.createdAt)}）
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {(d.rights.mayDownloadNotice || d.rights.mayDownloadReply) && (
              <Card title="文书" size="small">
                <Space wrap>
                  {d.rights.mayDownloadNotice && (
                    <DownloadButton icon={<FileWordOutlined />} path={petitionApi.noticeUrl(d.id)} fileName={`告知书-${d.number}.docx`} testId="notice-docx">
                      告知书
                    </DownloadButton>
                  )}
                  {d.rights.mayDownloadReply && (
                    <DownloadButton icon={<FileWordOutlined />} path={petitionApi.replyUrl(d.id)} fileName={`意见书-${d.number}.docx`} testId="reply-docx">
                      {d.type === 'initial' ? '答复意见书' : d.type === 'review' ? '复查意见书' : '复核意见书'}
                    </DownloadButton>
                  )}
                  {d.rights.mayDownloadReply && (
                    <DownloadButton icon={<FilePdfOutlined />} path={petitionApi.replyPdfUrl(d.id)} fileName={`意见书-${d.number}.pdf`} testId="reply-pdf">
                      PDF
                    </DownloadButton>
                  )}
                </Space>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                  文书载有信访人姓名，生成时记入审计日志。
                </Typography.Paragraph>
              </Card>
            )}
            <AttachmentsCard owner={{ kind: 'petition', id: d.id }} title="附件" mayAttach={d.rights.mayAttach} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {!narrow && <DeadlinesCard d={d} />}
            {links && (
              <Card title="关联信访件" size="small" data-testid="links">
                <Descriptions column={1} size="small">
                  {d.parent && <Descriptions.Item label={d.type === 'review' ? '原信访件' : '原复查'}>{ref(d.parent)}</Descriptions.Item>}
                  {d.followUps.length > 0 && <Descriptions.Item label="复查/复核">{d.followUps.map(ref)}</Descriptions.Item>}
                  {d.repeatOf && <Descriptions.Item label="重复信访，原件">{ref(d.repeatOf)}</Descriptions.Item>}
                  {d.repeats.length > 0 && <Descriptions.Item label="此后重复信访">{d.repeats.map(ref)}</Descriptions.Item>}
                  {d.supervision && (
                    <Descriptions.Item label="督办">
                      <Link to={`/supervision/${d.supervision.id}`}>{d.supervision.number}</Link>
                      {d.supervision.state === 'closed' && (
                        <Tag color="green" style={{ marginLeft: 8 }}>
                          已销号
                        </Tag>
                      )}
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
            )}
            <Card title="流转记录" size="small" data-testid="timeline">
              <HistoryTimeline history={d.history} actionLabel={actionLabel} stateLabel={stateLabel} />
            </Card>
          </Space>
        </Col>
      </Row>
    </PageContainer>
  );
}
