import { EditOutlined } from '@ant-design/icons';
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
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CHANNEL_LEVEL_LABELS,
  INFO_ACTION_LABELS,
  INFO_RECIPIENT_LABELS,
  INFO_RECIPIENTS,
  INFO_STATE_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  INSTRUCTION_LEVELS,
  PUBLICATION_STATE_LABELS,
  type InfoState,
} from '../../../shared/info.js';
import { AttachmentsCard } from '../../app/attachments/AttachmentsCard.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { TODOS_KEY } from '../../app/todos/todosQuery.js';
import { ActionPanel } from '../../app/workflow/ActionPanel.js';
import { infoApi, type InfoView } from './infoApi.js';
import { StateTag, TypeTag } from './labels.js';
import { HistoryTimeline } from '../../app/workflow/HistoryTimeline.js';

const actionLabel = (a: string) => INFO_ACTION_LABELS[a] ?? a;
const stateLabel = (s: string) => INFO_STATE_LABELS[s as InfoState] ?? s;
const DANGER = new Set(['return', 'void', 'unpublish']);

interface ActionForm {
  comment?: string;
  reason?: string;
  conclusion?: 'cleared' | 'not_cleared';
  publishable?: boolean;
  opinion?: string;
  recipients?: string[];
  channel?: string;
  publication?: string;
  adoptedDate?: Dayjs;
  level?: string;
  leaderTitle?: string;
  content?: string;
  instructedDate?: Dayjs;
}

const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');

/** The payload of each action from the dialog's fields. */
function payloadOf(action: string, v: ActionForm): Record<string, unknown> {
  switch (action) {
    case 'secrecy_review':
      return { conclusion: v.conclusion, publishable: v.publishable ?? false, opinion: v.opinion };
    case 'report':
      return { recipients: v.recipients ?? [] };
    case 'record_adoption':
      return { channel: v.channel, ...(v.publication ? { publication: v.publication } : {}), adoptedDate: day(v.adoptedDate) };
    case 'record_instruction':
      return { level: v.level, leaderTitle: v.leaderTitle, content: v.content, instructedDate: day(v.instructedDate) };
    case 'unpublish':
    case 'void':
      return { reason: v.reason };
    default:
      return v.comment ? { comment: v.comment } : {};
  }
}

function ActionFields({ action, item }: { action: string; item: InfoView }) {
  const year = Number((item.report?.reportedDate ?? '').slice(0, 4)) || new Date().getFullYear();
  const scoring = useQuery({ queryKey: ['info', 'scoring', year], queryFn: () => infoApi.scoring(year), enabled: action === 'record_adoption' });
  const taken = new Set(item.adoptions.map((a) => a.channel));
  switch (action) {
    case 'return':
      return (
        <Form.Item name="comment" label="退回意见" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'secrecy_review':
      return (
        <>
          <Form.Item name="conclusion" label="审查结论" rules={[{ required: true, message: '请选择审查结论' }]}>
            <Radio.Group
              options={[
                { value: 'cleared', label: '审查通过（不涉密）' },
                { value: 'not_cleared', label: '审查未通过' },
              ]}
            />
          </Form.Item>
          <Form.Item name="publishable" label="可以在门户公开" valuePropName="checked" extra="涉密信息不上网，上网信息不涉密：仅审查通过的才可公开">
            <Switch checkedChildren="可以公开" unCheckedChildren="不公开" />
          </Form.Item>
          <Form.Item name="opinion" label="审查意见" rules={[{ required: true, whitespace: true, message: '请填写审查意见' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'report':
      return (
        <Form.Item name="recipients" label="报送对象" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个报送对象' }]}>
          <Checkbox.Group options={INFO_RECIPIENTS.map((r) => ({ value: r, label: INFO_RECIPIENT_LABELS[r] }))} />
        </Form.Item>
      );
    case 'record_adoption':
      return (
        <>
          <Form.Item name="channel" label="采用渠道" rules={[{ required: true, message: '请选择采用渠道' }]}>
            <Select
              loading={scoring.isPending}
              options={(scoring.data?.channels ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.code, label: `${c.name}（${CHANNEL_LEVEL_LABELS[c.level]}，${c.points} 分）`, disabled: taken.has(c.code) }))}
            />
          </Form.Item>
          <Form.Item name="publication" label="刊物期号">
            <Input maxLength={100} placeholder="如：《财政信息》第 45 期" />
          </Form.Item>
          <Form.Item name="adoptedDate" label="采用日期" rules={[{ required: true, message: '请选择采用日期' }]}>
            <DatePicker />
          </Form.Item>
        </>
      );
    case 'record_instruction':
      return (
        <>
          <Form.Item name="level" label="批示层级" rules={[{ required: true, message: '请选择批示层级' }]}>
            <Radio.Group options={INSTRUCTION_LEVELS.map((l) => ({ value: l, label: INSTRUCTION_LEVEL_LABELS[l] }))} />
          </Form.Item>
          <Form.Item name="leaderTitle" label="批示领导" rules={[{ required: true, whitespace: true, message: '请填写批示领导的职务' }]}>
            <Input maxLength={50} placeholder="如：财政部副部长" />
          </Form.Item>
          <Form.Item name="content" label="批示内容" rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="instructedDate" label="批示日期" rules={[{ required: true, message: '请选择批示日期' }]}>
            <DatePicker />
          </Form.Item>
        </>
      );
    case 'unpublish':
    case 'void':
      return (
        <Form.Item name="reason" label={action === 'void' ? '作废理由' : '撤稿理由'} rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name="comment" label="意见">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
  }
}

function Actions({ item }: { item: InfoView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  // 门户发布 and 撤稿 are offered only when they would pass now (the server's rights).
  const actions = item.actions.filter((a) => (a === 'publish' ? item.rights.mayPublish : a === 'unpublish' ? item.rights.mayUnpublish : true));
  return (
    <ActionPanel<ActionForm>
      actions={actions}
      danger={DANGER}
      label={actionLabel}
      title={(a) => `${actionLabel(a)}：${item.title}`}
      testId="info-actions"
      fields={(a) => <ActionFields action={a} item={item} />}
      notice={(a) =>
        a === 'approve' && item.state === 'office_review' && !(item.secrecyReview?.current && item.secrecyReview.conclusion === 'cleared') ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="当前稿尚无通过的保密审查（或审查后又作了修改），请先完成保密审查，否则审核通过会被拒绝。"
          />
        ) : null
      }
      prepare={(a, form) => {
        if (a === 'secrecy_review') form.setFieldsValue({ conclusion: 'cleared', publishable: false });
        if (a === 'report') form.setFieldsValue({ recipients: ['mof_office'] });
      }}
      run={async (action, values, key) => {
        const updated = await infoApi.transition(item.id, { action, version: item.version, ...payloadOf(action, values) }, me.csrfToken, key);
        qc.setQueryData(['info', 'item', item.id], updated);
        void qc.invalidateQueries({ queryKey: ['info', 'list'] });
        void qc.invalidateQueries({ queryKey: TODOS_KEY });
        return `已${actionLabel(action)}`;
      }}
    />
  );
}

/** Two revisions of the text side by side (on a phone, one above the other). */
function Revisions({ item }: { item: InfoView }) {
  const last = item.revisions.length;
  const [left, setLeft] = useState(Math.max(1, last - 1));
  const [right, setRight] = useState(last);
  if (last < 2) return <Typography.Text type="secondary">只有一稿。</Typography.Text>;
  const options = item.revisions.map((r) => ({ value: r.revision, label: `第 ${r.revision} 稿 · ${r.author} · ${formatDateTime(r.at)}` }));
  const col = (n: number, set: (n: number) => void) => {
    const r = item.revisions.find((x) => x.revision === n);
    return (
      <Col xs={24} md={12}>
        <Select value={n} onChange={set} options={options} style={{ width: '100%', marginBottom: 8 }} aria-label="选择稿次" />
        {r && (
          <Card size="small" title={r.title}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{r.body}</div>
          </Card>
        )}
      </Col>
    );
  };
  return (
    <Row gutter={[12, 12]} data-testid="info-revisions">
      {col(left, setLeft)}
      {col(right, setRight)}
    </Row>
  );
}

export default function InfoItemPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['info', 'item', id], queryFn: () => infoApi.get(id), meta: { silent: true }, retry: false });
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data) {
    return <Result status="404" title="政务信息不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/info">返回列表</Link>} />;
  }
  const d = q.data;
  const review = d.secrecyReview;
  return (
    <PageContainer
      title={d.title}
      description={
        <Space wrap>
          <TypeTag type={d.infoType} />
          <StateTag state={d.state as InfoState} />
          {d.urgent && <Tag color="red">紧急信息</Tag>}
          {d.serialNo && <Tag>{d.serialNo}</Tag>}
          {d.publication.state !== 'unpublished' && (
            <Tag color={d.publication.state === 'published' ? 'green' : 'default'}>门户{PUBLICATION_STATE_LABELS[d.publication.state]}</Tag>
          )}
        </Space>
      }
      extra={
        <Space>
          {d.rights.canEdit && (
            <Button icon={<EditOutlined />} onClick={() => void navigate(`/info/${d.id}/edit`)} data-testid="info-edit">
              编辑
            </Button>
          )}
          <Link to="/info">返回列表</Link>
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理" size="small">
              <Actions item={d} />
            </Card>
            <Card title={`正文（第 ${d.revision} 稿）`} size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="info-fields" style={{ marginBottom: 12 }}>
                <Descriptions.Item label="处室">{d.division.name}</Descriptions.Item>
                <Descriptions.Item label="拟稿">
                  {d.drafter.name}（{formatDateTime(d.createdAt)}）
                </Descriptions.Item>
                <Descriptions.Item label="执笔人">{d.writers.join('、') || '—'}</Descriptions.Item>
                {d.requestNumber && (
                  <Descriptions.Item label="所答约稿">
                    <Link to={`/info_request/${d.requestId ?? ''}`}>{d.requestNumber}</Link>
                  </Descriptions.Item>
                )}
                {d.summary && (
                  <Descriptions.Item label="摘要" span={2}>
                    {d.summary}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }} data-testid="info-body-text">
                {d.body}
              </div>
            </Card>
            <Card title="历次稿件对照" size="small">
              <Revisions item={d} />
            </Card>
            <Card title="报送、采用和批示" size="small" data-testid="info-report">
              {d.report ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text>
                    {formatDate(d.report.reportedDate)} 报送{d.report.recipients.map((r) => INFO_RECIPIENT_LABELS[r]).join('、')}
                  </Typography.Text>
                  <Table
                    size="small"
                    rowKey="channel"
                    pagination={false}
                    scroll={{ x: 480 }}
                    locale={{ emptyText: '尚无采用' }}
                    dataSource={d.adoptions}
                    columns={[
                      { title: '采用渠道', dataIndex: 'channelName' },
                      { title: '层级', dataIndex: 'level', width: 72, render: (l: keyof typeof CHANNEL_LEVEL_LABELS) => CHANNEL_LEVEL_LABELS[l] },
                      { title: '刊物期号', dataIndex: 'publication', render: (v: string | null) => v ?? '—' },
                      { title: '采用日期', dataIndex: 'adoptedDate', width: 104 },
                      { title: '得分', dataIndex: 'points', width: 56, align: 'right' },
                    ]}
                  />
                  {d.instructions.length > 0 && (
                    <Table
                      size="small"
                      rowKey={(r) => `${r.instructedDate}-${r.leaderTitle}-${r.content.slice(0, 10)}`}
                      pagination={false}
                      scroll={{ x: 480 }}
                      dataSource={d.instructions}
                      columns={[
                        { title: '批示领导', dataIndex: 'leaderTitle', width: 120 },
                        { title: '层级', dataIndex: 'level', width: 80, render: (l: keyof typeof INSTRUCTION_LEVEL_LABELS) => INSTRUCTION_LEVEL_LABELS[l] },
                        { title: '批示内容', dataIndex: 'content' },
                        { title: '日期', dataIndex: 'instructedDate', width: 104 },
                        { title: '得分', dataIndex: 'points', width: 56, align: 'right' },
                      ]}
                    />
                  )}
                </Space>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未报送" />
              )}
            </Card>
            <AttachmentsCard owner={{ kind: 'info', id: d.id }} title="附件" mayAttach={d.rights.mayAttach} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="保密审查" size="small" data-testid="info-review">
              {review ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="结论">
                    <Space wrap>
                      <Tag color={review.conclusion === 'cleared' ? 'green' : 'red'}>{review.conclusion === 'cleared' ? '审查通过' : '审查未通过'}</Tag>
                      <Tag color={review.publishable ? 'blue' : 'default'}>{review.publishable ? '可以公开' : '不公开'}</Tag>
                      {!review.current && <Tag color="orange">审查后已修改，需重新审查</Tag>}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label="意见">{review.opinion}</Descriptions.Item>
                  <Descriptions.Item label="审查人">
                    {review.reviewer}（第 {review.revision} 稿，{formatDateTime(review.at)}）
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">尚未审查。到办公室编审环节，由信息编辑或保密员审查。</Typography.Text>
              )}
            </Card>
            <Card title="得分" size="small" data-testid="info-points">
              <Descriptions column={2} size="small">
                <Descriptions.Item label="报送">{d.points.submission}</Descriptions.Item>
                <Descriptions.Item label="采用">{d.points.adoption}</Descriptions.Item>
                <Descriptions.Item label="批示">{d.points.instruction}</Descriptions.Item>
                <Descriptions.Item label="合计">
                  <Typography.Text strong>{d.points.total}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title="门户发布" size="small">
              <Typography.Text>
                {PUBLICATION_STATE_LABELS[d.publication.state]}
                {d.publication.publishedAt && `，${formatDateTime(d.publication.publishedAt)} 发布`}
                {d.publication.withdrawnAt && `，${formatDateTime(d.publication.withdrawnAt)} 撤稿：${d.publication.reason ?? ''}`}
              </Typography.Text>
              {d.publication.state === 'published' && (
                <div>
                  <a href={`/portal/items/${d.id}`} target="_blank" rel="noreferrer">
                    在门户查看
                  </a>
                </div>
              )}
            </Card>
            <Card title="流转记录" size="small" data-testid="timeline">
              <HistoryTimeline history={d.history} actionLabel={actionLabel} stateLabel={stateLabel} />
            </Card>
          </Space>
        </Col>
      </Row>
    </PageContainer>
  );
}
