import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import {
  CIRCULATION_MODE_LABELS,
  CLASSIFICATION_LABELS,
  INCOMING_ACTION_LABELS,
  INCOMING_KIND_LABELS,
  type IncomingState,
  REMINDER_KIND_LABELS,
  RETENTION_LABELS,
  RETENTIONS,
} from '../../../shared/incoming.js';
import { PrinterOutlined } from '@ant-design/icons';
import { DownloadButton, DownloadLink } from '../../app/Download.js';
import { KIND_LABELS, KINDS, type SupervisionKind } from '../../../shared/supervision.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { ActionPanel as WorkflowActions } from '../../app/workflow/ActionPanel.js';
import { AttachmentsCard } from '../../app/attachments/AttachmentsCard.js';
import { DeadlineText, UrgencyTag } from '../../app/widgets.js';
import { incomingApi, type IncomingView } from './incomingApi.js';
import { StateTag } from './labels.js';

/** Actions that end or undo something get a red button. */
const DANGER = new Set(['return', 'void', 'refuse_extension']);
const PRIMARY_ORDER = [
  'propose',
  'instruct',
  'complete',
  'read',
  'archive',
  'feedback',
  'approve_extension',
  'request_extension',
  'refuse_extension',
  'return',
  'void',
];

interface ActionForm {
  reason?: string;
  opinion?: string;
  leadDivisionId?: string;
  leaderIds?: string[];
  instruction?: string;
  /** 交办, 传阅, both (请X局长阅示，X处办理), or on to further leaders (批示 chain). */
  route?: 'assign' | 'circulate' | 'both' | 'onward';
  nextLeaderIds?: string[];
  handledBy?: string;
  assistDivisionIds?: string[];
  circulate?: string[];
  circulationMode?: 'parallel' | 'sequential';
  deadlineKind?: 'workdays' | 'date' | 'none';
  deadlineWorkdays?: number;
  deadline?: Dayjs;
  content?: string;
  comment?: string;
  result?: string;
  retention?: string;
  /** 列入督办: the 批示 also becomes a 督办 item. */
  supervise?: boolean;
  supervisionKind?: SupervisionKind;
}

/** The transition payload of one action from the form's values: only the fields that action takes. */
function payloadOf(action: string, v: ActionForm): Record<string, unknown> {
  const deadline = () =>
    v.deadlineKind === 'workdays' && v.deadlineWorkdays
      ? { deadlineWorkdays: v.deadlineWorkdays }
      : v.deadlineKind === 'date' && v.deadline
        ? { deadline: v.deadline.format('YYYY-MM-DD') }
        : {};
  switch (action) {
    case 'return':
    case 'void':
    case 'refuse_extension':
      return { reason: v.reason };
    case 'propose':
      return { opinion: v.opinion, leaderIds: v.leaderIds ?? [], ...(v.leadDivisionId ? { leadDivisionId: v.leadDivisionId } : {}) };
    case 'instruct': {
      if (v.route === 'onward') return { instruction: v.instruction, nextLeaderIds: v.nextLeaderIds ?? [] };
      const circulation = { circulate: v.circulate ?? [], circulationMode: v.circulationMode ?? 'parallel' };
      if (v.route === 'circulate') return { instruction: v.instruction, ...circulation };
      return {
        instruction: v.instruction,
        leadDivisionId: v.leadDivisionId,
        ...(v.assistDivisionIds?.length ? { assistDivisionIds: v.assistDivisionIds } : {}),
        ...deadline(),
        ...(v.route === 'both' ? circulation : {}),
        ...(v.supervise ? { supervision: v.supervisionKind ? { kind: v.supervisionKind } : {} } : {}),
      };
    }
    case 'feedback':
      return { content: v.content };
    case 'request_extension':
      return { reason: v.reason, ...deadline() };
    case 'approve_extension':
    case 'read':
      return v.comment ? { comment: v.comment } : {};
    case 'complete':
      return { result: v.result, ...(v.handledBy?.trim() ? { handledBy: v.handledBy.trim() } : {}) };
    case 'archive':
      return { retention: v.retention };
    default:
      return {};
  }
}

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

function ActionFields({ action, doc }: { action: string; doc: IncomingView }) {
  const me = useCurrentUser();
  const options = useQuery({ queryKey: ['incoming', 'options'], queryFn: incomingApi.options, staleTime: 5 * 60_000 });
  const divisions = (options.data?.divisions ?? []).map((d) => ({ value: d.id, label: d.name }));
  const leaders = (options.data?.leaders ?? []).map((d) => ({ value: d.id, label: d.name }));
  const people = (options.data?.people ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.unitName}）` }));
  const route = Form.useWatch<ActionForm['route']>('route');
  const deadlineKind = Form.useWatch<ActionForm['deadlineKind']>('deadlineKind');
  const supervise = Form.useWatch<ActionForm['supervise']>('supervise');
  const deadlineFields = (
    <>
      <Form.Item name="deadlineKind" label="办理时限">
        <Radio.Group
          options={[
            { value: 'workdays', label: '按工作日' },
            { value: 'date', label: '指定日期' },
            ...(action === 'instruct' ? [{ value: 'none', label: doc.deadline ? `按来文时限（${doc.deadline}）` : '不设时限' }] : []),
          ]}
        />
      </Form.Item>
      {deadlineKind === 'workdays' && (
        <Form.Item
          name="deadlineWorkdays"
          label="工作日数"
          rules={[{ required: true, message: '请填写工作日数' }]}
          extra="自今日起算，节假日和调休按国务院办公厅通知"
        >
          <InputNumber min={1} max={250} precision={0} />
        </Form.Item>
      )}
      {deadlineKind === 'date' && (
        <Form.Item
          name="deadline"
          label="截止日期"
          rules={[{ required: true, message: '请选择日期' }]}
          extra="截止日为周末或法定节假日的，顺延至其后第一个工作日"
        >
          <DatePicker />
        </Form.Item>
      )}
    </>
  );
  switch (action) {
    case 'return':
      return (
        <Form.Item name="reason" label="退文理由" rules={required('退文理由')} extra="说明不符合收文要求之处（如不属本机关职责、不符合行文规则）">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      );
    case 'void':
    case 'refuse_extension':
      return (
        <Form.Item name="reason" label={action === 'void' ? '作废理由' : '不同意的理由'} rules={required('理由')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      );
    case 'propose':
      return (
        <>
          <Form.Item name="opinion" label="拟办意见" rules={required('拟办意见')}>
            <Input.TextArea rows={3} maxLength={2000} placeholder="如：拟请监管一处牵头办理，监管二处配合，报王局长阅示" />
          </Form.Item>
          <Form.Item name="leadDivisionId" label="拟主办处室">
            <Select allowClear options={divisions} placeholder="可不选（阅件）" />
          </Form.Item>
          <Form.Item name="leaderIds" label="呈批领导" rules={[{ required: true, message: '请选择呈批的局领导' }]}>
            <Select mode="multiple" options={leaders} />
          </Form.Item>
        </>
      );
    case 'instruct':
      return (
        <>
          <Form.Item name="instruction" label="批示意见" rules={required('批示意见')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="route" label="批办方式">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'assign', label: '交处室办理' },
                { value: 'circulate', label: '传阅' },
                { value: 'both', label: '办理并传阅' },
                { value: 'onward', label: '呈其他领导阅示' },
              ]}
            />
          </Form.Item>
          {route === 'onward' && (
            <Form.Item
              name="nextLeaderIds"
              label="依次呈送"
              rules={[{ required: true, message: '请选择下一位批示的局领导' }]}
              extra="按选择顺序逐位呈批；交办、传阅和办理时限由最后批示的领导确定"
            >
              <Select mode="multiple" options={leaders.filter((l) => l.value !== me.id)} />
            </Form.Item>
          )}
          {(route === 'circulate' || route === 'both') && (
            <>
              <Form.Item name="circulate" label="传阅人（依次传阅时按选择顺序）" rules={[{ required: true, message: '请选择传阅人' }]}>
                <Select mode="multiple" options={people} optionFilterProp="label" />
              </Form.Item>
              <Form.Item name="circulationMode" label="传阅方式" extra={route === 'both' ? '处室办结且传阅完毕后，本件方为办结' : undefined}>
                <Radio.Group options={(['parallel', 'sequential'] as const).map((m) => ({ value: m, label: CIRCULATION_MODE_LABELS[m] }))} />
              </Form.Item>
            </>
          )}
          {(route === 'assign' || route === 'both' || route === undefined) && (
            <>
              <Form.Item name="leadDivisionId" label="主办处室" rules={[{ required: true, message: '请选择主办处室' }]}>
                <Select options={divisions} />
              </Form.Item>
              <Form.Item name="assistDivisionIds" label="协办处室">
                <Select mode="multiple" allowClear options={divisions} />
              </Form.Item>
              {deadlineFields}
              <Form.Item
                name="supervise"
                label="列入督办"
                valuePropName="checked"
                extra={supervise ? '批示意见即为督办要求，由主办处室按督办事项办理、销号；须明确办理时限（日期或工作日数）' : undefined}
              >
                <Switch aria-label="列入督办" />
              </Form.Item>
              {supervise && (
                <Form.Item name="supervisionKind" label="督办类型">
                  <Radio.Group options={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
                </Form.Item>
              )}
            </>
          )}
        </>
      );
    case 'feedback':
      return (
        <Form.Item name="content" label="反馈内容" rules={required('反馈内容')}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      );
    case 'request_extension':
      return (
        <>
          <Form.Item name="reason" label="延期理由" rules={required('延期理由')}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          {deadlineFields}
        </>
      );
    case 'approve_extension':
    case 'read':
      return (
        <Form.Item name="comment" label={action === 'read' ? '阅知意见（可不填）' : '意见（可不填）'}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'complete':
      return (
        <>
          <Form.Item name="result" label="办理结果" rules={required('办理结果')} extra="办理结果将答复来文单位，必要时告知相关单位">
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="handledBy"
            label="承办人"
            extra={doc.circulation?.readers.some((r) => !r.readAt) ? '传阅尚未完毕：传阅完毕后本件自动办结' : '不填则为本人'}
          >
            <Input maxLength={50} />
          </Form.Item>
        </>
      );
    case 'archive':
      return (
        <Form.Item
          name="retention"
          label="保管期限"
          rules={[{ required: true, message: '请选择保管期限' }]}
          extra="归档后按 DA/T 22 编档号：全宗号-WS·年度-保管期限-机构代码-件号"
        >
          <Radio.Group optionType="button" options={RETENTIONS.map((r) => ({ value: r, label: RETENTION_LABELS[r] }))} />
        </Form.Item>
      );
    default:
      return null;
  }
}

function ActionPanel({ doc }: { doc: IncomingView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const label = (a: string) => INCOMING_ACTION_LABELS[a] ?? a;
  return (
    <WorkflowActions<ActionForm>
      actions={[...doc.actions].sort((a, b) => PRIMARY_ORDER.indexOf(a) - PRIMARY_ORDER.indexOf(b))}
      danger={DANGER}
      label={label}
      title={(a) => `${label(a)}：${doc.regNo}`}
      testId="incoming-actions"
      prepare={(action, form) =>
        form.setFieldsValue({
          route: doc.proposal?.leadDivision || doc.kind === 'handle' ? 'assign' : 'circulate',
          leadDivisionId: action === 'propose' || action === 'instruct' ? (doc.proposal?.leadDivision?.id ?? undefined) : undefined,
          leaderIds: action === 'propose' ? [] : undefined,
          deadlineKind: action === 'instruct' && doc.deadline ? 'none' : 'workdays',
          circulationMode: 'parallel',
          retention: undefined,
        })
      }
      fields={(action) => <ActionFields action={action} doc={doc} />}
      run={async (open, v, idempotencyKey) => {
        const updated = await incomingApi.transition(doc.id, { action: open, version: doc.version, ...payloadOf(open, v) }, me.csrfToken, idempotencyKey);
        qc.setQueryData(['incoming', 'doc', doc.id], updated);
        void qc.invalidateQueries({ queryKey: ['incoming', 'list'] });
        void qc.invalidateQueries({ queryKey: ['todos'] });
        return `已${label(open)}`;
      }}
    />
  );
}

type TimelineEntry = Pick<IncomingView['history'][number], 'action' | 'actor' | 'onBehalfOf' | 'at' | 'comment'> & { toState: string | null };

/** The document's history with the 督办 销号 written back into it, by time (they are notes, not transitions). */
function timelineOf(d: IncomingView): TimelineEntry[] {
  const closures: TimelineEntry[] = d.supervisionResults.map((r) => ({
    action: 'supervision_closed',
    // As in the history: the one who acted, and the leader in whose name a delegate did.
    actor: r.onBehalfOf ?? r.by,
    onBehalfOf: r.onBehalfOf ? { id: '', name: r.by } : null,
    at: r.at,
    toState: null,
    comment: `${r.number} 已销号。办理结果：${r.result}${r.comment ? `\n审核意见：${r.comment}` : ''}`,
  }));
  return [...d.history, ...closures].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export default function IncomingDocumentPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['incoming', 'doc', id], queryFn: () => incomingApi.get(id), meta: { silent: true }, retry: false });
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data) {
    return <Result status="404" title="收文不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/incoming">返回收文登记簿</Link>} />;
  }
  const d = q.data;
  const open = d.state === 'handling' || d.state === 'circulating';
  return (
    <PageContainer
      title={`${d.regNo}`}
      description={
        <Space wrap>
          <UrgencyTag urgency={d.urgency} />
          <StateTag state={d.state as IncomingState} overdue={d.overdue} />
          <span>{d.title}</span>
        </Space>
      }
      extra={
        <Space>
          <DownloadButton
            path={`/api/incoming/${d.id}/form.pdf`}
            fileName={`收文处理单-${d.regNo}.pdf`}
            icon={<PrinterOutlined />}
            testId="incoming-print-form"
          >
            打印处理单
          </DownloadButton>
          <DownloadLink path={`/api/incoming/${d.id}/form.docx`} fileName={`收文处理单-${d.regNo}.docx`} testId="incoming-form-docx">
            处理单 .docx
          </DownloadLink>
          <Link to="/incoming">返回登记簿</Link>
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理" size="small" data-testid="incoming-action-card">
              <ActionPanel doc={d} />
            </Card>
            <Card title="来文信息" size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="incoming-fields">
                <Descriptions.Item label="标题" span={2}>
                  {d.title}
                </Descriptions.Item>
                <Descriptions.Item label="来文单位">{d.sourceOrg}</Descriptions.Item>
                <Descriptions.Item label="来文字号">{d.sourceDocNumber || '—'}</Descriptions.Item>
                <Descriptions.Item label="文种">{d.docType}</Descriptions.Item>
                <Descriptions.Item label="密级">{CLASSIFICATION_LABELS[d.classification]}</Descriptions.Item>
                <Descriptions.Item label="类型">{INCOMING_KIND_LABELS[d.kind]}</Descriptions.Item>
                <Descriptions.Item label="份数 / 页数">
                  {d.copies} 份{d.pages ? ` / ${d.pages} 页` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="成文日期">{d.sourceDate ? formatDate(d.sourceDate) : '—'}</Descriptions.Item>
                <Descriptions.Item label="收文日期">{formatDate(d.receivedDate)}</Descriptions.Item>
                <Descriptions.Item label="来文时限">{d.deadline ? formatDate(d.deadline) : '—'}</Descriptions.Item>
                <Descriptions.Item label="登记人">
                  {d.registeredBy}（{formatDateTime(d.registeredAt)}）
                </Descriptions.Item>
                {d.duplicateOf && (
                  <Descriptions.Item label="重复登记" span={2}>
                    与 <Link to={`/incoming/${d.duplicateOf.id}`}>{d.duplicateOf.regNo}</Link> 重复；理由：{d.duplicateReason}
                  </Descriptions.Item>
                )}
                {d.remarks && (
                  <Descriptions.Item label="备注" span={2}>
                    {d.remarks}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card title="办理情况" size="small">
              <Descriptions column={1} size="small" data-testid="incoming-handling">
                {d.proposal && (
                  <Descriptions.Item label="拟办意见">
                    {d.proposal.opinion}
                    <Typography.Text type="secondary">
                      （呈 {d.proposal.leaders.map((l) => l.name).join('、')}
                      {d.proposal.leadDivision ? `；拟由${d.proposal.leadDivision.name}主办` : ''}）
                    </Typography.Text>
                  </Descriptions.Item>
                )}
                {d.instructions.length > 0 ? (
                  <Descriptions.Item label="领导批示">
                    <ol className="zs-instruction-chain" data-testid="incoming-instructions" style={{ margin: 0, paddingLeft: 20 }}>
                      {d.instructions.map((i) => (
                        <li key={`${i.leaderId}-${i.at}`}>
                          {i.text}
                          <Typography.Text type="secondary">
                            （{i.by}
                            {i.onBehalfOf ? `，由${i.onBehalfOf}代` : ''}，{formatDateTime(i.at)}
                            {i.nextLeaders.length > 0 ? `；呈${i.nextLeaders.map((l) => l.name).join('、')}` : ''}）
                          </Typography.Text>
                        </li>
                      ))}
                    </ol>
                  </Descriptions.Item>
                ) : (
                  d.instruction && (
                    <Descriptions.Item label="领导批示">
                      {d.instruction.text}
                      <Typography.Text type="secondary">
                        （{d.instruction.by}
                        {d.instruction.onBehalfOf ? `，由${d.instruction.onBehalfOf}代` : ''}，{formatDateTime(d.instruction.at)}）
                      </Typography.Text>
                    </Descriptions.Item>
                  )
                )}
                {d.state === 'proposed' && d.awaitingLeaders.length > 0 && (
                  <Descriptions.Item label="待批示">
                    <span data-testid="incoming-awaiting">
                      {d.awaitingLeaders.map((l) => l.name).join('、')}
                      {d.leaderQueue.length > 0 && `，其后依次呈 ${d.leaderQueue.map((l) => l.name).join('、')}`}
                    </span>
                  </Descriptions.Item>
                )}
                {d.leadDivision && (
                  <Descriptions.Item label="承办">
                    主办：{d.leadDivision.name}
                    {d.assistDivisions.length > 0 && `；协办：${d.assistDivisions.map((a) => a.name).join('、')}`}
                  </Descriptions.Item>
                )}
                {d.supervisionItem && (
                  <Descriptions.Item label="督办">
                    已列入督办：
                    <Link to={`/supervision/${d.supervisionItem.id}`} data-testid="incoming-supervision-link">
                      {d.supervisionItem.number}
                    </Link>
                  </Descriptions.Item>
                )}
                {d.handlingDeadline && (
                  <Descriptions.Item label="办理时限">
                    {open ? <DeadlineText deadline={d.handlingDeadline} /> : formatDate(d.handlingDeadline)}
                    {d.deadlineProvisional && <Tag style={{ marginLeft: 8 }}>跨年假期安排未公布，时限可能调整</Tag>}
                    {d.deadlineEntered && (
                      <Tag color="gold" style={{ marginLeft: 8 }} data-testid="incoming-deadline-moved">
                        所填 {formatDate(d.deadlineEntered)} 为休息日，顺延至下一个工作日
                      </Tag>
                    )}
                  </Descriptions.Item>
                )}
                {d.result && (
                  <Descriptions.Item label="办理结果">
                    {d.result}（{formatDateTime(d.completedAt ?? d.divisionDoneAt)}
                    {d.handledBy ? `，承办人 ${d.handledBy}` : ''}）
                    {d.state === 'handling' && d.divisionDoneAt && <Tag style={{ marginLeft: 8 }}>处室已办结，待传阅完毕</Tag>}
                  </Descriptions.Item>
                )}
                {d.returnReason && <Descriptions.Item label="退文理由">{d.returnReason}</Descriptions.Item>}
                {d.voidReason && <Descriptions.Item label="作废理由">{d.voidReason}</Descriptions.Item>}
                {d.archivalNo && (
                  <Descriptions.Item label="归档">
                    档号{' '}
                    <Typography.Text code data-testid="archival-no">
                      {d.archivalNo}
                    </Typography.Text>
                    ，保管期限 {d.retention ? RETENTION_LABELS[d.retention] : ''}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {!d.proposal && !d.instruction && !d.result && !d.returnReason && !d.voidReason && (
                <Empty description="尚未拟办" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
            {d.circulation && (
              <Card title={`传阅情况（${CIRCULATION_MODE_LABELS[d.circulation.mode]}）`} size="small" data-testid="incoming-circulation">
                <List
                  size="small"
                  dataSource={d.circulation.readers}
                  renderItem={(r) => (
                    <List.Item>
                      <Space>
                        {d.circulation?.mode === 'sequential' && <span>{r.order}.</span>}
                        <span>{r.name}</span>
                        {r.readAt ? <Tag color="green">已阅 {formatDateTime(r.readAt)}</Tag> : <Tag>未阅</Tag>}
                      </Space>
                      {r.comment && <Typography.Text type="secondary">{r.comment}</Typography.Text>}
                    </List.Item>
                  )}
                />
              </Card>
            )}
            {(d.reminders.length > 0 || open) && (
              <Card title="催办" size="small" data-testid="incoming-reminders">
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  催办人：{d.chaser.map((c) => c.name).join('、') || '办公室文秘'}
                  。特急件时限过半和到期当日催办，加急件到期前一个工作日和当日催办，平件到期前两个工作日催办。
                </Typography.Paragraph>
                {d.reminders.length > 0 ? (
                  <List
                    size="small"
                    dataSource={d.reminders}
                    renderItem={(r) => (
                      <List.Item>
                        <span>
                          {REMINDER_KIND_LABELS[r.kind]}（时限 {formatDate(r.deadline)}）
                        </span>
                        <Typography.Text type="secondary">{formatDateTime(r.sentAt)}</Typography.Text>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Typography.Text type="secondary">尚未催办</Typography.Text>
                )}
              </Card>
            )}
            {(d.feedback.length > 0 || d.extensions.length > 0) && (
              <Card title="反馈与延期" size="small">
                <List
                  size="small"
                  dataSource={[
                    ...d.feedback.map((f) => ({ at: f.at, text: `${f.unitName} ${f.userName}：${f.content}` })),
                    ...d.extensions.map((e) => ({
                      at: e.at,
                      text: `${e.requestedBy} 申请延期至 ${e.requestedDeadline}（${e.reason}）— ${e.state === 'pending' ? '待领导审批' : `${e.decidedBy ?? ''}${e.decidedOnBehalfOf ? `（由${e.decidedOnBehalfOf}代）` : ''}${e.state === 'approved' ? '同意' : `不同意：${e.comment ?? ''}`}`}`,
                    })),
                  ].sort((a, b) => (a.at < b.at ? -1 : 1))}
                  renderItem={(x) => (
                    <List.Item>
                      <span>{x.text}</span>
                      <Typography.Text type="secondary">{formatDateTime(x.at)}</Typography.Text>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="流转记录" size="small" data-testid="incoming-timeline">
              <Timeline
                items={timelineOf(d).map((h) => ({
                  color:
                    h.action === 'void' || h.action === 'return'
                      ? 'red'
                      : h.toState === 'completed' || h.toState === 'archived' || h.action === 'supervision_closed'
                        ? 'green'
                        : 'blue',
                  content: (
                    <div>
                      <strong>{INCOMING_ACTION_LABELS[h.action] ?? h.action}</strong> · {h.onBehalfOf ? `${h.actor}（代${h.onBehalfOf.name}）` : h.actor}
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(h.at)}
                        </Typography.Text>
                      </div>
                      {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
            <AttachmentsCard owner={{ kind: 'incoming', id: d.id }} title="附件（扫描件、办理材料）" mayAttach={d.rights.mayAttach} />
          </Space>
        </Col>
      </Row>
    </PageContainer>
  );
}
