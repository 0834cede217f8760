import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { INFO_STATE_LABELS, type InfoState } from '../../../shared/info.js';
import { REQUEST_ACTION_LABELS, REQUEST_STATE_LABELS, REQUEST_STATES, type RequestListItem, type RequestState } from '../../../shared/info.scoring.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { TODOS_KEY } from '../../app/todos/todosQuery.js';
import { ActionPanel } from '../../app/workflow/ActionPanel.js';
import { infoApi, type RequestView } from './infoApi.js';

const STATE_COLOR: Record<RequestState, string> = { open: 'processing', answered: 'green', cancelled: 'default' };

function RequestState({ state, overdue }: { state: RequestState; overdue: boolean }) {
  return (
    <Space size={4}>
      <Tag color={STATE_COLOR[state]}>{REQUEST_STATE_LABELS[state]}</Tag>
      {overdue && <Tag color="red">逾期</Tag>}
    </Space>
  );
}

/** 约稿: the office's requests to the divisions, with their deadlines on the work calendar. */
function RequestList() {
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const filter = { state: params.get('state') ?? undefined, overdue: params.get('overdue') ?? undefined };
  const list = useQuery({ queryKey: ['info', 'requests', filter], queryFn: () => infoApi.requests(filter) });
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  return (
    <PageContainer
      title="约稿"
      description="办公室向处室约稿：截止日期按工作日计算，到期前 2 个工作日提醒，逾期未报按考核表扣分。"
      extra={
        list.data?.rights.mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="request-new">
            发出约稿
          </Button>
        )
      }
    >
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={filter.state}
            onChange={(v?: string) => set('state', v)}
            options={REQUEST_STATES.map((s) => ({ value: s, label: REQUEST_STATE_LABELS[s] }))}
          />
          <Select
            allowClear
            placeholder="是否逾期"
            style={{ width: 120 }}
            value={filter.overdue}
            onChange={(v?: string) => set('overdue', v)}
            options={[
              { value: 'true', label: '逾期' },
              { value: 'false', label: '未逾期' },
            ]}
          />
        </Space>
        <Table<RequestListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 720 }}
          data-testid="request-table"
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 130 },
            { title: '主题', dataIndex: 'topic', render: (v: string, r) => <Link to={`/info_request/${r.id}`}>{v}</Link> },
            { title: '处室', dataIndex: ['division', 'name'], width: 100 },
            { title: '截止日期', dataIndex: 'deadline', width: 110 },
            { title: '状态', dataIndex: 'state', width: 140, render: (s: RequestState, r) => <RequestState state={s} overdue={r.overdue} /> },
          ]}
        />
      </Card>
      {creating && <CreateRequest onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}

interface CreateValues {
  topic: string;
  requirements: string;
  divisionId: string;
  mode: 'workdays' | 'date';
  deadlineWorkdays?: number;
  deadline?: Dayjs;
}

function CreateRequest({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const mode = Form.useWatch('mode', form);
  const divisions = useQuery({ queryKey: ['info', 'divisions'], queryFn: infoApi.divisions, staleTime: 300_000 });
  const { busy, error, write } = useIdempotentWrite();
  async function submit(v: CreateValues) {
    const body = {
      topic: v.topic,
      requirements: v.requirements,
      divisionId: v.divisionId,
      ...(v.mode === 'date' ? { deadline: v.deadline?.format('YYYY-MM-DD') } : { deadlineWorkdays: v.deadlineWorkdays }),
    };
    const created = await write((key) => infoApi.createRequest(body, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['info', 'requests'] });
    void message.success(`已发出 ${created.number}`);
    void navigate(`/info_request/${created.id}`);
  }
  return (
    <Modal open title="发出约稿" onCancel={onClose} onOk={() => form.submit()} okText="发出" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<CreateValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ mode: 'workdays', deadlineWorkdays: 5 }}>
        <Form.Item name="topic" label="约稿主题" rules={[{ required: true, whitespace: true, message: '请填写约稿主题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="requirements" label="约稿要求" rules={[{ required: true, whitespace: true, message: '请填写约稿要求' }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="divisionId" label="约稿处室" rules={[{ required: true, message: '请选择处室' }]}>
          <Select options={(divisions.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="mode" label="截止时间">
          <Radio.Group
            options={[
              { value: 'workdays', label: '若干工作日内' },
              { value: 'date', label: '指定日期' },
            ]}
          />
        </Form.Item>
        {mode === 'date' ? (
          <Form.Item name="deadline" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker />
          </Form.Item>
        ) : (
          <Form.Item name="deadlineWorkdays" label="工作日数" rules={[{ required: true, message: '请填写工作日数' }]}>
            <InputNumber min={1} max={60} addonAfter="个工作日" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RequestPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['info', 'request', id], queryFn: () => infoApi.request(id), retry: false, meta: { silent: true } });
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data)
    return <Result status="404" title="约稿不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/info_request">返回约稿</Link>} />;
  const r: RequestView = q.data;
  // `answer` is fired by the answering piece's approval, never by hand.
  const actions = r.actions.filter((a) => a !== 'answer');
  return (
    <PageContainer
      title={`${r.number} ${r.topic}`}
      description={<RequestState state={r.state as RequestState} overdue={r.overdue} />}
      extra={<Link to="/info_request">返回约稿</Link>}
    >
      <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
        {actions.length > 0 && (
          <Card size="small" title="办理">
            <ActionPanel<{ reason?: string }>
              actions={actions}
              danger={new Set(['cancel'])}
              label={(a) => REQUEST_ACTION_LABELS[a] ?? a}
              title={(a) => `${REQUEST_ACTION_LABELS[a] ?? a}：${r.topic}`}
              testId="request-actions"
              fields={() => (
                <Form.Item name="reason" label="取消理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
                  <Input.TextArea rows={3} maxLength={500} />
                </Form.Item>
              )}
              run={async (action, values, key) => {
                const updated = await infoApi.requestTransition(r.id, { action, version: r.version, ...values }, me.csrfToken, key);
                qc.setQueryData(['info', 'request', r.id], updated);
                void qc.invalidateQueries({ queryKey: ['info', 'requests'] });
                void qc.invalidateQueries({ queryKey: TODOS_KEY });
                return '已取消约稿';
              }}
            />
          </Card>
        )}
        <Card size="small" title="约稿内容">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="约稿处室">{r.division.name}</Descriptions.Item>
            <Descriptions.Item label="截止日期">
              {r.deadline}
              {r.deadlineProvisional && <Tag style={{ marginLeft: 8 }}>节假日安排未公布，日期为暂定</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="发出">
              {r.createdBy}（{formatDateTime(r.createdAt)}）
            </Descriptions.Item>
            <Descriptions.Item label="报送">{r.answeredAt ? formatDateTime(r.answeredAt) : '—'}</Descriptions.Item>
            <Descriptions.Item label="要求" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{r.requirements}</span>
            </Descriptions.Item>
            {r.penaltyId && (
              <Descriptions.Item label="考核" span={2}>
                <Typography.Text type="danger">逾期未报，已按考核表扣分</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card size="small" title="应约稿件">
          {r.answers.length ? (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {r.answers.map((a) => (
                <li key={a.id}>
                  <Link to={`/info/${a.id}`}>{a.title}</Link>（{INFO_STATE_LABELS[a.state as InfoState] ?? a.state}）
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Text type="secondary">尚无稿件。</Typography.Text>
          )}
        </Card>
        <Card size="small" title="流转记录">
          <Timeline
            items={r.history.map((h) => ({
              content: (
                <div>
                  <Typography.Text strong>{REQUEST_ACTION_LABELS[h.action] ?? h.action}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {h.actor} · {formatDateTime(h.at)}
                  </Typography.Text>
                  {h.comment && <div>{h.comment}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}

/** `/info_request` and `/info_request/<id>` (a 待办 or search hit of a 约稿 opens the latter). */
export default function RequestRoutes() {
  return (
    <Routes>
      <Route index element={<RequestList />} />
      <Route path=":id" element={<RequestPage />} />
    </Routes>
  );
}
