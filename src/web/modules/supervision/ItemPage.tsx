import { FileWordOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { KIND_LABELS, SOURCE_LABELS, SUPERVISION_ACTION_LABELS, SUPERVISION_STATE_LABELS, type SupervisionState } from '../../../shared/supervision.js';
import { useMe } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { ActionPanel as WorkflowActions } from '../../app/workflow/ActionPanel.js';
import { LightBadge, ProvisionalTag, StateTag, weekLabel } from './labels.js';
import { type ItemView, supervisionApi } from './supervisionApi.js';
import { AttachmentsCard } from '../../app/attachments/AttachmentsCard.js';
import { DownloadLink } from '../../app/Download.js';

/** The order of the buttons: the division's and the leader's next step first; the first that is not a refusal is the primary button. */
const ORDER = [
  'accept',
  'progress',
  'request_closure',
  'approve_closure',
  'approve_extension',
  'resume',
  'request_extension',
  'remind',
  'suspend',
  'reject_closure',
  'refuse_extension',
];
const rank = (a: string) => (ORDER.includes(a) ? ORDER.indexOf(a) : ORDER.length);
/** Refusals get a red button. */
const DANGER = new Set(['reject_closure', 'refuse_extension']);
const label = (a: string) => SUPERVISION_ACTION_LABELS[a] ?? a;

interface ActionForm {
  comment?: string;
  content?: string;
  percent?: number;
  coordination?: string;
  milestonesDone?: string[];
  reason?: string;
  deadline?: Dayjs;
  result?: string;
  message?: string;
}

function payloadOf(action: string, v: ActionForm): Record<string, unknown> {
  const opt = (k: keyof ActionForm) => (v[k] === undefined || v[k] === '' || v[k] === null ? {} : { [k]: v[k] });
  switch (action) {
    case 'progress':
      return { content: v.content, ...opt('percent'), ...opt('coordination'), ...(v.milestonesDone?.length ? { milestonesDone: v.milestonesDone } : {}) };
    case 'request_extension':
      return { reason: v.reason, deadline: v.deadline?.format('YYYY-MM-DD') };
    case 'refuse_extension':
    case 'suspend':
      return { reason: v.reason };
    case 'request_closure':
      return { result: v.result };
    case 'reject_closure':
      return { comment: v.comment };
    case 'remind':
      return { message: v.message };
    default:
      return opt('comment');
  }
}

function ActionFields({ action, item }: { action: string; item: ItemView }) {
  const req = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  switch (action) {
    case 'progress':
      return (
        <>
          <Form.Item name="content" label="本周进展" rules={[...req('进展情况'), { max: 2000 }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
          <Form.Item name="percent" label="完成进度（%）">
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="coordination" label="需协调事项（如有）" rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          {item.milestones.some((m) => !m.doneAt) && (
            <Form.Item name="milestonesDone" label="本周完成的节点">
              <Checkbox.Group options={item.milestones.filter((m) => !m.doneAt).map((m) => ({ value: m.id, label: `${m.title}（${m.dueDate}）` }))} />
            </Form.Item>
          )}
        </>
      );
    case 'request_extension':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="延期须在办结时限届满前申请，经局领导同意后生效；逾期未获批准的按原时限考核。" />
          <Form.Item
            name="deadline"
            label="申请延至"
            rules={[{ required: true, message: '请选择日期' }]}
            extra="所选日期为周末或法定节假日的，顺延至其后第一个工作日"
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="reason" label="延期理由（原因、进展和预计完成时间）" rules={[...req('延期理由'), { max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'refuse_extension':
    case 'suspend':
      return (
        <Form.Item name="reason" label={action === 'suspend' ? '暂缓理由' : '不同意的理由'} rules={[...req('理由'), { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      );
    case 'request_closure':
      return (
        <>
          <Form.Item name="result" label="办理结果" rules={[...req('办理结果'), { max: 4000 }]}>
            <Input.TextArea rows={5} maxLength={4000} />
          </Form.Item>
          <Typography.Text type="secondary">办结材料请在“办结材料与附件”中上传，销号后附件留存、不可再改。</Typography.Text>
        </>
      );
    case 'reject_closure':
      return (
        <Form.Item name="comment" label="退回意见" rules={[...req('退回意见'), { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'remind':
      return (
        <Form.Item name="message" label="催办事由" rules={[...req('催办事由'), { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name="comment" label="意见（可不填）" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
  }
}

export default function ItemPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['supervision', 'item', id], queryFn: () => supervisionApi.get(id), meta: { silent: true } });

  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data)
    return <Result status="404" title="督办事项不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/supervision">返回督办台账</Link>} />;
  const it = q.data;

  return (
    <PageContainer
      title={`${it.number} ${it.title}`}
      description={
        <Space wrap>
          <LightBadge light={it.light} reasons={it.lightReasons} provisional={it.deadlineProvisional} />
          <StateTag state={it.state as SupervisionState} />
          <Tag>{KIND_LABELS[it.kind]}</Tag>
          <Typography.Text type="secondary">{it.lightReasons.join('；')}</Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <WorkflowActions<ActionForm>
            actions={[...it.actions].sort((a, b) => rank(a) - rank(b))}
            danger={DANGER}
            label={label}
            title={(a) => `${label(a)}：${it.number}`}
            testId="actions"
            empty={null}
            fields={(a) => <ActionFields action={a} item={it} />}
            run={async (a, v, idempotencyKey) => {
              if (!me) throw new Error('登录状态已失效，请刷新页面后重试');
              const updated = await supervisionApi.transition(it.id, { action: a, version: it.version, ...payloadOf(a, v) }, me.csrfToken, idempotencyKey);
              qc.setQueryData(['supervision', 'item', id], updated);
              void qc.invalidateQueries({ queryKey: ['supervision', 'list'] });
              void qc.invalidateQueries({ queryKey: ['todos'] });
              return `已${label(a)}`;
            }}
          />
          <Link to="/supervision">
            <Button>返回台账</Button>
          </Link>
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="事项信息">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label="来源">
                  {SOURCE_LABELS[it.source]}
                  {it.sourceRef ? `（${it.sourceRef}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="交办日期">{formatDate(it.assignedDate)}</Descriptions.Item>
                <Descriptions.Item label="牵头处室">{it.leadDivision.name}</Descriptions.Item>
                <Descriptions.Item label="协办处室">{it.assistDivisions.map((d) => d.name).join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label="责任人">{it.owner?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="办结时限">
                  <span style={{ whiteSpace: 'nowrap' }}>{formatDate(it.deadline)}</span>
                  {it.deadlineExtended && <Typography.Text type="secondary">（原定 {formatDate(it.originalDeadline)}，已批准延期）</Typography.Text>}
                  {it.deadlineProvisional && <ProvisionalTag />}
                  {it.deadlineEntered && (
                    <Tag color="gold" style={{ marginLeft: 8 }} data-testid="supervision-deadline-moved">
                      所填 {formatDate(it.deadlineEntered)} 为休息日，顺延至下一个工作日
                    </Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="完成进度">
                  <Progress percent={it.percent} size="small" style={{ width: 160 }} />
                </Descriptions.Item>
                <Descriptions.Item label="本周进展">
                  {it.updateDueDate ? (
                    it.updateMissingThisWeek ? (
                      <Typography.Text type="danger">未报送（应于 {it.updateDueDate} 报送）</Typography.Text>
                    ) : (
                      `应于 ${it.updateDueDate} 前报送`
                    )
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="立项">
                  {it.createdBy} {formatDateTime(it.createdAt)}
                </Descriptions.Item>
                {it.incoming && (
                  <Descriptions.Item label="来文">
                    <Link to={`/incoming/${it.incoming.id}`}>查看收文</Link>
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Typography.Title level={5}>事项内容</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{it.content}</Typography.Paragraph>
              {it.instruction && (
                <>
                  <Typography.Title level={5}>领导批示要求</Typography.Title>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{it.instruction}</Typography.Paragraph>
                </>
              )}
              {it.closureResult && (
                <Alert
                  type={it.state === 'closed' ? 'success' : 'info'}
                  showIcon
                  title={it.state === 'closed' ? `已销号（${it.closedBy ?? ''} ${formatDateTime(it.closedAt)}）` : '办理结果（待局领导审核销号）'}
                  description={
                    <div style={{ whiteSpace: 'pre-wrap' }}>
                      {it.closureResult}
                      {it.reviewComment ? `\n审核意见：${it.reviewComment}` : ''}
                    </div>
                  }
                />
              )}
              {it.suspendReason && <Alert type="warning" showIcon title={`暂缓：${it.suspendReason}`} />}
            </Card>
            <Card title="一周一督 · 进展报送" data-testid="updates">
              {it.updates.length === 0 ? (
                <Empty description="尚无进展报送" />
              ) : (
                <Timeline
                  items={it.updates.map((u) => ({
                    color: 'blue',
                    content: (
                      <div>
                        <Typography.Text strong>{weekLabel(u.week)}</Typography.Text>{' '}
                        <Typography.Text type="secondary">
                          {u.unitName} {u.userName} · {formatDateTime(u.at)}
                          {u.percent !== null ? ` · 进度 ${u.percent}%` : ''}
                        </Typography.Text>
                        <div style={{ whiteSpace: 'pre-wrap' }}>{u.content}</div>
                        {u.coordination && (
                          <Tag color="orange" style={{ marginTop: 4, whiteSpace: 'normal' }}>
                            需协调：{u.coordination}
                          </Tag>
                        )}
                      </div>
                    ),
                  }))}
                />
              )}
              {it.missedWeeks.length > 0 && (
                <Alert type="warning" showIcon title={`未按时报送进展：${it.missedWeeks.map((m) => `${weekLabel(m.week)}（${m.unitName}）`).join('、')}`} />
              )}
            </Card>
            {it.extensions.length > 0 && (
              <Card title="延期申请">
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={it.extensions}
                  columns={[
                    { title: '申请时间', render: (_, e) => formatDateTime(e.at) },
                    { title: '申请人', dataIndex: 'requestedBy' },
                    {
                      title: '原时限 → 申请延至',
                      render: (_, e) =>
                        `${e.previousDeadline} → ${e.requestedDeadline}${e.requestedEntered ? `（所填 ${e.requestedEntered} 为休息日，已顺延）` : ''}`,
                    },
                    { title: '理由', dataIndex: 'reason' },
                    {
                      title: '审批',
                      render: (_, e) =>
                        e.state === 'pending' ? (
                          <Tag color="gold">待审批</Tag>
                        ) : (
                          <span>
                            <Tag color={e.state === 'approved' ? 'green' : 'red'}>{e.state === 'approved' ? '已同意' : '未同意'}</Tag>
                            {e.decidedBy} {e.comment ?? ''}
                          </span>
                        ),
                    },
                  ]}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="节点计划">
              {it.milestones.length === 0 ? (
                <Typography.Text type="secondary">未设节点</Typography.Text>
              ) : (
                <Timeline
                  items={it.milestones.map((m) => ({
                    color: m.doneAt ? 'green' : m.overdue ? 'red' : 'gray',
                    content: (
                      <span>
                        {m.dueDate} {m.title} {m.doneAt ? <Tag color="green">已完成</Tag> : m.overdue ? <Tag color="red">逾期</Tag> : null}
                      </span>
                    ),
                  }))}
                />
              )}
            </Card>
            <AttachmentsCard owner={{ kind: 'supervision', id: it.id }} title="办结材料与附件" size="default" mayAttach={it.rights.mayAttach} />
            {it.reminders.length > 0 && (
              <Card title="催办记录">
                <List
                  size="small"
                  dataSource={it.reminders}
                  renderItem={(r, i) => (
                    <List.Item
                      actions={[
                        <DownloadLink key="doc" path={r.noticeUrl} fileName={`催办单-${it.number}-${i + 1}.docx`}>
                          <FileWordOutlined /> 催办单
                        </DownloadLink>,
                      ]}
                    >
                      第 {i + 1} 次 · {formatDateTime(r.at)} · {r.sentBy}：{r.message}
                    </List.Item>
                  )}
                />
              </Card>
            )}
            <Card title="流转记录" data-testid="timeline">
              <Timeline
                items={it.history.map((h) => ({
                  content: (
                    <div>
                      <Typography.Text strong>{SUPERVISION_ACTION_LABELS[h.action] ?? h.action}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {h.actor}
                        {h.onBehalfOf ? `（代 ${h.onBehalfOf.name}）` : ''} · {formatDateTime(h.at)}
                      </Typography.Text>
                      <div>
                        <Typography.Text type="secondary">
                          {h.fromState ? `${SUPERVISION_STATE_LABELS[h.fromState as SupervisionState] ?? h.fromState} → ` : ''}
                          {SUPERVISION_STATE_LABELS[h.toState as SupervisionState] ?? h.toState}
                        </Typography.Text>
                      </div>
                      {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </PageContainer>
  );
}
