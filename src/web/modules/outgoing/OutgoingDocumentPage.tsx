import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Result, Select, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { RETENTION_LABELS, RETENTIONS } from '../../../shared/incoming.js';
import {
  CLASSIFICATION_LABELS,
  DIRECTION_LABELS,
  DISCLOSURE_LABELS,
  OUTGOING_ACTION_LABELS,
  OUTGOING_STATE_LABELS,
  type OutgoingCheckInput,
  type OutgoingDraft,
  type OutgoingState,
  URGENCY_NAMES,
} from '../../../shared/outgoing.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { ActionPanel as WorkflowActions } from '../../app/workflow/ActionPanel.js';
import { AttachmentsCard } from '../../app/attachments/AttachmentsCard.js';
import { DiffView } from './DiffView.js';
import { DraftEditor } from './DraftEditor.js';
import { PrintButtons } from './PrintButtons.js';
import { StateTag } from './labels.js';
import { outgoingApi, type OutgoingView } from './outgoingApi.js';
import { useIdempotentWrite } from '../../app/idempotency.js';

const DANGER = new Set(['return', 'reopen']);
const ORDER = ['submit', 'approve', 'cosign', 'sign', 'issue', 'archive', 'return', 'reopen'];
const label = (a: string) => OUTGOING_ACTION_LABELS[a as keyof typeof OUTGOING_ACTION_LABELS] ?? a;
const STATE_LABEL = (s: string | null) => (s ? (OUTGOING_STATE_LABELS[s as OutgoingState] ?? s) : '');

interface ActionForm {
  comment?: string;
  copies?: number;
  recipients?: string[];
  note?: string;
  retention?: string;
}

function payloadOf(action: string, v: ActionForm): Record<string, unknown> {
  switch (action) {
    case 'issue':
      return { distribution: { copies: v.copies ?? 1, recipients: v.recipients ?? [], ...(v.note ? { note: v.note } : {}) } };
    case 'archive':
      return { retention: v.retention };
    default:
      return v.comment ? { comment: v.comment } : {};
  }
}

function ActionPanel({ doc }: { doc: OutgoingView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const commentLabel = (open: string) =>
    open === 'return' ? '退回意见' : open === 'reopen' ? '复审理由' : open === 'sign' ? '签发意见（可不填，默认“同意”）' : '意见（可不填）';
  return (
    <WorkflowActions<ActionForm>
      actions={[...doc.actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))}
      danger={DANGER}
      label={label}
      title={(a) => `${label(a)}：${doc.draft.title}`}
      testId="outgoing-actions"
      prepare={(action, form) => {
        if (action === 'issue')
          form.setFieldsValue({
            copies: Math.max(1, doc.draft.mainRecipients.length + doc.draft.copyTo.length),
            recipients: [...doc.draft.mainRecipients, ...doc.draft.copyTo],
          });
      }}
      notice={(open) =>
        open === 'sign' && doc.blockingFindings > 0 ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`检查器仍报告 ${doc.blockingFindings} 处错误，签发将被拒绝，请退回修改。`} />
        ) : null
      }
      fields={(open) =>
        open === 'issue' ? (
          <>
            <Form.Item name="copies" label="印制份数" rules={[{ required: true, message: '请填写印制份数' }]}>
              <InputNumber min={1} max={10000} precision={0} data-testid="issue-copies" />
            </Form.Item>
            <Form.Item name="recipients" label="分送范围">
              <Select mode="tags" open={false} tokenSeparators={['、', '，']} data-testid="issue-recipients" />
            </Form.Item>
            <Form.Item name="note" label="分发说明（可不填）">
              <Input maxLength={500} data-testid="issue-note" />
            </Form.Item>
          </>
        ) : open === 'archive' ? (
          <Form.Item name="retention" label="保管期限" rules={[{ required: true, message: '请选择保管期限' }]} extra="归档后按 DA/T 22 编档号">
            <Radio.Group optionType="button" options={RETENTIONS.map((r) => ({ value: r, label: RETENTION_LABELS[r] }))} data-testid="archive-retention" />
          </Form.Item>
        ) : (
          <Form.Item
            name="comment"
            label={commentLabel(open)}
            rules={open === 'return' || open === 'reopen' ? [{ required: true, whitespace: true, message: '请填写意见' }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-comment" />
          </Form.Item>
        )
      }
      run={async (open, v, idempotencyKey) => {
        const updated = await outgoingApi.transition(doc.id, { action: open, version: doc.version, ...payloadOf(open, v) }, me.csrfToken, idempotencyKey);
        qc.setQueryData(['outgoing', 'doc', doc.id], updated);
        void qc.invalidateQueries({ queryKey: ['outgoing', 'list'] });
        void qc.invalidateQueries({ queryKey: ['todos'] });
        return `已${label(open)}${updated.docNumber && open === 'sign' ? `，发文字号 ${updated.docNumber}` : ''}`;
      }}
    />
  );
}

function Editor({ doc }: { doc: OutgoingView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const options = useQuery({ queryKey: ['outgoing', 'options'], queryFn: outgoingApi.options, staleTime: 5 * 60_000 });
  const [draft, setDraft] = useState<OutgoingDraft>(doc.draft);
  const [note, setNote] = useState('');
  const { busy, error, write } = useIdempotentWrite();
  // A new version from the server (after a save or a transition) replaces the local copy.
  useEffect(() => setDraft(doc.draft), [doc.version, doc.draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(doc.draft);
  const extra = useMemo<Partial<OutgoingCheckInput>>(
    () => ({
      direction: doc.direction,
      ...(doc.docNumber ? { docNumber: doc.docNumber } : {}),
      ...(doc.signDate ? { signDate: doc.signDate } : {}),
      ...(doc.docNumber && doc.direction === 'up' && doc.signer ? { issuer: doc.signer } : {}),
    }),
    [doc.direction, doc.docNumber, doc.signDate, doc.signer],
  );

  async function save() {
    const updated = await write((key) =>
      outgoingApi.update(doc.id, { ...draft, version: doc.version, ...(note.trim() ? { note: note.trim() } : {}) }, me.csrfToken, key),
    );
    if (!updated) return;
    qc.setQueryData(['outgoing', 'doc', doc.id], updated);
    void qc.invalidateQueries({ queryKey: ['outgoing', 'list'] });
    setNote('');
    message.success(updated.state !== doc.state ? `已保存第 ${updated.round} 稿；签发后的实质性修改已退回签发人复审` : `已保存第 ${updated.round} 稿`);
  }

  return (
    <>
      <DraftEditor
        value={draft}
        onChange={setDraft}
        divisions={(options.data?.divisions ?? []).filter((d) => d.id !== doc.draftingUnit.id)}
        readOnly={!doc.rights.canEdit}
        cosignLocked={doc.state !== 'draft'}
        extraCheck={extra}
      />
      {doc.rights.canEdit && (
        <Space style={{ marginTop: 12 }} wrap>
          <Input placeholder="修改说明（可不填）" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} style={{ width: 320 }} />
          <Button type="primary" disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="save-version">
            保存为第 {doc.round + 1} 稿
          </Button>
          {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
          {doc.state === 'numbered' && <Typography.Text type="secondary">已签发：修改标题、正文、主送、附件将退回签发人复审</Typography.Text>}
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="save-error" />}
    </>
  );
}

export default function OutgoingDocumentPage() {
  const { id = '' } = useParams();
  // A 404 is an answer, not a hiccup: no retries and no error toast (the page says it).
  const doc = useQuery({ queryKey: ['outgoing', 'doc', id], queryFn: () => outgoingApi.get(id), meta: { silent: true }, retry: false });
  if (doc.isPending) return <Spin className="zs-page-spin" />;
  if (doc.isError || !doc.data)
    return <Result status="404" title="发文不存在或您无权查看" subTitle={errorMessage(doc.error)} extra={<Link to="/outgoing">返回发文列表</Link>} />;
  const d = doc.data;

  return (
    <PageContainer
      title={d.draft.title}
      description={
        <Space wrap>
          <StateTag state={d.state as OutgoingState} />
          <Tag>{d.draft.docType}</Tag>
          <Tag>{DIRECTION_LABELS[d.direction]}</Tag>
          {d.docNumber && (
            <Tag color="red" data-testid="doc-number">
              {d.docNumber}
            </Tag>
          )}
          <span>第{d.round}稿</span>
        </Space>
      }
      extra={<PrintButtons doc={d} />}
    >
      {d.returnComment && d.state === 'draft' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`退回意见：${d.returnComment}`} data-testid="return-comment" />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <ActionPanel doc={d} />
      </Card>
      <Tabs
        items={[
          { key: 'text', label: '正文与检查', children: <Editor doc={d} /> },
          {
            key: 'info',
            label: '办理信息',
            children: (
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="拟稿">{`${d.draftingUnit.name} ${d.drafter.name}（${formatDateTime(d.createdAt)}）`}</Descriptions.Item>
                <Descriptions.Item label="密级 / 紧急程度 / 公开属性">{`${CLASSIFICATION_LABELS[d.draft.classification]} / ${URGENCY_NAMES[d.draft.urgency]} / ${DISCLOSURE_LABELS[d.draft.disclosure]}`}</Descriptions.Item>
                <Descriptions.Item label="处室核稿">{d.divisionReviewed ? '已核' : '未核'}</Descriptions.Item>
                <Descriptions.Item label="办公室核稿">{d.officeReviewed ? '已核' : '未核'}</Descriptions.Item>
                <Descriptions.Item label="会签" span={2}>
                  <span data-testid="info-cosigns">
                    {d.cosigns.length === 0
                      ? '无'
                      : d.cosigns.map((c) => (
                          <Tag key={c.unitId} color={c.signedAt ? 'green' : 'default'}>
                            {c.unitName}
                            {c.signedAt ? `：${c.signedBy ?? ''} ${c.comment ?? ''}` : '（待会签）'}
                          </Tag>
                        ))}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label="签发">
                  {d.signer ? `${d.signer}（${d.signDate ?? ''}）` : d.requiredSigner ? `须由 ${d.requiredSigner.name} 签发` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="发文字号">{d.docNumber ?? '签发时自动编号'}</Descriptions.Item>
                <Descriptions.Item label="核发">
                  <span data-testid="info-distribution">
                    {d.distribution
                      ? `印制 ${d.distribution.copies} 份，分送：${d.distribution.recipients.join('、') || '—'}${d.distribution.note ? `（${d.distribution.note}）` : ''}`
                      : '—'}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label="归档">
                  <span data-testid="info-archive">
                    {d.archivalNo
                      ? `${d.archivalNo}（${d.retention ? (RETENTION_LABELS[d.retention as keyof typeof RETENTION_LABELS] ?? d.retention) : ''}）`
                      : '—'}
                  </span>
                </Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'files',
            label: '附件文件',
            children: <AttachmentsCard owner={{ kind: 'outgoing', id: d.id }} title="附件文件" emptyText="暂无附件文件" mayAttach={d.rights.mayAttach} />,
          },
          { key: 'diff', label: `修改痕迹（${d.round} 稿）`, children: <DiffView id={d.id} round={d.round} /> },
          {
            key: 'history',
            label: '流转记录',
            children: (
              <Timeline
                items={d.history.map((h) => ({
                  children: (
                    <>
                      <Typography.Text strong>{h.action === 'create' ? '拟稿' : label(h.action)}</Typography.Text> {h.actor}
                      {h.onBehalfOf ? `（代 ${h.onBehalfOf.name}）` : ''} · {formatDateTime(h.at)} · {STATE_LABEL(h.fromState)}
                      {h.fromState ? ' → ' : ''}
                      {STATE_LABEL(h.toState)}
                      {h.comment && <div style={{ color: '#666' }}>{h.comment}</div>}
                    </>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
    </PageContainer>
  );
}
