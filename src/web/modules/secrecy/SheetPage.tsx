import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Form, Input, Modal, Progress, Radio, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ANSWER_LABELS,
  ANSWER_RESULTS,
  type AnswerResult,
  type Rectification,
  SHEET_ACTION_LABELS,
  type SheetState,
} from '../../../shared/secrecy.inspection.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { TODOS_KEY } from '../../app/todos/todosQuery.js';
import { ActionPanel } from '../../app/workflow/ActionPanel.js';
import { RectificationTag, SheetStateTag } from './labels.js';
import { secrecyApi, type SheetView } from './secrecyApi.js';

const label = (a: string) => SHEET_ACTION_LABELS[a] ?? a;
type Draft = Record<string, { result?: AnswerResult; note?: string }>;

function useFire(sheet: SheetView) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  return async (action: string, values: Record<string, unknown>, key: string) => {
    const updated = await secrecyApi.sheetTransition(sheet.id, { action, version: sheet.version, ...values }, me.csrfToken, key);
    qc.setQueryData(['inspection', 'sheet', sheet.id], updated);
    void qc.invalidateQueries({ queryKey: ['inspection', 'sheets'] });
    void qc.invalidateQueries({ queryKey: TODOS_KEY });
    return updated;
  };
}

/** The checklist as a form: 符合/不符合/不适用 for each item, a note (required for 不符合), saved together. */
function Checklist({ sheet }: { sheet: SheetView }) {
  const editable = sheet.actions.includes('answer');
  const [draft, setDraft] = useState<Draft>({});
  const fire = useFire(sheet);
  const { message } = App.useApp();
  const { busy, error, write } = useIdempotentWrite();
  const changed = Object.entries(draft).filter(([, v]) => v.result);
  async function save() {
    const answers = changed.map(([itemCode, v]) => ({ itemCode, result: v.result, ...(v.note ? { note: v.note } : {}) }));
    const ok = await write((key) => fire('answer', { answers }, key));
    if (ok) {
      setDraft({});
      void message.success(`已保存 ${answers.length} 项`);
    }
  }
  return (
    <Card
      title="自查项目"
      size="small"
      extra={
        editable && (
          <Button type="primary" disabled={changed.length === 0} loading={busy} onClick={() => void save()} data-testid="answers-save">
            保存填写（{changed.length}）
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="answers-error" />}
      <Collapse
        defaultActiveKey={sheet.sections.map((s) => s.code)}
        items={sheet.sections.map((s) => ({
          key: s.code,
          label: `${s.code}. ${s.name}（${s.items.filter((i) => i.result).length}/${s.items.length}）`,
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              {s.items.map((i) => {
                const d = draft[i.code];
                const result = d?.result ?? i.result ?? undefined;
                const note = d?.note ?? i.note ?? '';
                return (
                  <div key={i.code} data-testid={`item-${i.code}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                    <Typography.Text>
                      {i.code} {i.text}
                    </Typography.Text>
                    <div style={{ marginTop: 4 }}>
                      <Radio.Group
                        disabled={!editable}
                        value={result}
                        onChange={(e) => setDraft({ ...draft, [i.code]: { ...d, result: e.target.value as AnswerResult, note } })}
                        options={ANSWER_RESULTS.map((r) => ({ value: r, label: ANSWER_LABELS[r] }))}
                      />
                    </div>
                    {(result === 'noncompliant' || note) && (
                      <Input
                        style={{ marginTop: 4 }}
                        disabled={!editable}
                        placeholder="存在的问题（不符合时必填）"
                        maxLength={500}
                        value={note}
                        onChange={(e) => setDraft({ ...draft, [i.code]: { ...d, result, note: e.target.value } })}
                      />
                    )}
                  </div>
                );
              })}
            </Space>
          ),
        }))}
      />
    </Card>
  );
}

function Rectifications({ sheet }: { sheet: SheetView }) {
  const fire = useFire(sheet);
  const { message } = App.useApp();
  const [open, setOpen] = useState<{ action: string; r: Rectification } | null>(null);
  const [form] = Form.useForm<{ measure?: string; comment?: string }>();
  const { busy, error, write } = useIdempotentWrite();
  if (sheet.rectifications.length === 0) return null;
  const can = (a: string) => sheet.actions.includes(a);
  async function run(values: { measure?: string; comment?: string }) {
    if (!open) return;
    const ok = await write((key) => fire(open.action, { rectificationId: open.r.id, ...values }, key));
    if (ok) {
      void message.success(`已${label(open.action)}`);
      setOpen(null);
    }
  }
  return (
    <Card title="整改" size="small">
      <Table<Rectification>
        rowKey="id"
        size="middle"
        pagination={false}
        data-testid="rect-table"
        dataSource={sheet.rectifications}
        scroll={{ x: 760 }}
        columns={[
          { title: '项目', dataIndex: 'itemCode', width: 64 },
          { title: '存在问题', dataIndex: 'problem' },
          {
            title: '整改期限',
            dataIndex: 'deadline',
            width: 150,
            render: (v: string, r) => (
              <Space size={4}>
                {v}
                {r.overdue && <Tag color="red">逾期</Tag>}
              </Space>
            ),
          },
          {
            title: '整改措施',
            dataIndex: 'measure',
            render: (v: string | null, r) => (
              <>
                {v ?? '—'}
                {r.comment && (
                  <div>
                    <Typography.Text type="secondary">验收意见：{r.comment}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          { title: '状态', dataIndex: 'state', width: 90, render: (v: Rectification['state']) => <RectificationTag state={v} /> },
          {
            title: '操作',
            key: 'op',
            width: 170,
            render: (_: unknown, r) => (
              <Space>
                {r.state === 'open' && can('report_rectification') && (
                  <Button size="small" type="primary" onClick={() => setOpen({ action: 'report_rectification', r })} data-testid={`report-${r.itemCode}`}>
                    报告整改
                  </Button>
                )}
                {r.state === 'reported' && can('verify_rectification') && (
                  <Button size="small" type="primary" onClick={() => setOpen({ action: 'verify_rectification', r })} data-testid={`verify-${r.itemCode}`}>
                    验收
                  </Button>
                )}
                {r.state === 'reported' && can('reject_rectification') && (
                  <Button size="small" danger onClick={() => setOpen({ action: 'reject_rectification', r })}>
                    退回
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open && (
        <Modal
          open
          title={`${label(open.action)}：${open.r.itemCode}`}
          onCancel={() => setOpen(null)}
          onOk={() => form.submit()}
          confirmLoading={busy}
          okText="确定"
          cancelText="取消"
          destroyOnHidden
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph>{open.r.problem}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => void run(v)} preserve={false}>
            {open.action === 'report_rectification' && (
              <Form.Item name="measure" label="整改措施" rules={[{ required: true, whitespace: true, message: '请填写整改措施' }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            )}
            {open.action === 'reject_rectification' && (
              <Form.Item name="comment" label="退回意见" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
    </Card>
  );
}

export default function SheetPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['inspection', 'sheet', id], queryFn: () => secrecyApi.sheet(id), meta: { silent: true }, retry: false });
  const fire = useFire(q.data as SheetView);
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data)
    return <Result status="404" title="自查表不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/inspection">返回保密自查</Link>} />;
  const d = q.data;
  const flow = d.actions.filter((a) => ['submit', 'return', 'confirm'].includes(a));
  return (
    <PageContainer
      title={d.title}
      description={
        <Space wrap>
          <SheetStateTag state={d.state as SheetState} />
          <span>截止 {d.dueDate}</span>
          <Progress
            percent={Math.round((100 * d.progress.answered) / Math.max(1, d.progress.total))}
            size="small"
            style={{ width: 160 }}
            format={() => `${d.progress.answered}/${d.progress.total}`}
          />
        </Space>
      }
      extra={<Link to="/inspection">返回保密自查</Link>}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="办理" size="small">
          <ActionPanel<Record<string, unknown>>
            actions={flow}
            danger={new Set(['return'])}
            label={label}
            title={(a) => `${label(a)}：${d.title}`}
            testId="sheet-actions"
            empty={
              <Typography.Text type="secondary">
                {d.actions.includes('answer') ? '逐项填写后保存，全部填写后由负责人提交。' : '当前没有需要您办理的操作。'}
              </Typography.Text>
            }
            fields={(a) => (
              <Form.Item name="comment" label="意见" rules={a === 'return' ? [{ required: true, whitespace: true, message: '请填写退回意见' }] : []}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
            run={async (action, values, key) => {
              await fire(action, Object.fromEntries(Object.entries(values).filter(([, v]) => v)), key);
              return `已${label(action)}`;
            }}
          />
        </Card>
        <Rectifications sheet={d} />
        <Checklist sheet={d} />
      </Space>
    </PageContainer>
  );
}
