import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Descriptions, Form, Input, Result, Row, Space, Spin, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { PETITION_ACTION_LABELS, PETITION_STATE_LABELS, type PetitionState } from '../../../shared/petition.js';
import { AttachmentsCard } from '../../app/attachments/AttachmentsCard.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { TODOS_KEY } from '../../app/todos/todosQuery.js';
import { UrgencyTag } from '../../app/widgets.js';
import { ActionPanel } from '../../app/workflow/ActionPanel.js';
import { petitionApi, type PetitionView } from './petitionApi.js';
import { StateTag } from './labels.js';

const actionLabel = (a: string) => PETITION_ACTION_LABELS[a] ?? a;
const stateLabel = (s: string) => PETITION_STATE_LABELS[s as PetitionState] ?? s;

interface ActionForm {
  result?: string;
}

/** The dialog's fields of each action the server may offer. */
function ActionFields({ action }: { action: string }) {
  if (action === 'finish') {
    return (
      <Form.Item name="result" label="办理结果" rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    );
  }
  return null;
}

function Actions({ item }: { item: PetitionView }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  return (
    <ActionPanel<ActionForm>
      actions={item.actions}
      danger={new Set()}
      label={actionLabel}
      title={(a) => `${actionLabel(a)}：${item.title}`}
      testId="petition-actions"
      fields={(a) => <ActionFields action={a} />}
      run={async (action, values, key) => {
        const updated = await petitionApi.transition(item.id, { action, version: item.version, ...values }, me.csrfToken, key);
        qc.setQueryData(['petition', 'item', item.id], updated);
        void qc.invalidateQueries({ queryKey: ['petition', 'list'] });
        void qc.invalidateQueries({ queryKey: TODOS_KEY });
        return `已${actionLabel(action)}`;
      }}
    />
  );
}

export default function PetitionItemPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['petition', 'item', id], queryFn: () => petitionApi.get(id), meta: { silent: true }, retry: false });
  if (q.isPending) return <Spin className="zs-page-spin" />;
  if (q.isError || !q.data) {
    return <Result status="404" title="信访件不存在或您无权查看" subTitle={errorMessage(q.error)} extra={<Link to="/petition">返回台账</Link>} />;
  }
  const d = q.data;
  return (
    <PageContainer
      title={d.title}
      description={
        <Space wrap>
          <UrgencyTag urgency={d.urgency} />
          <StateTag state={d.state as PetitionState} />
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
            <Card title="基本信息" size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="petition-fields">
                <Descriptions.Item label="处室">{d.unitName}</Descriptions.Item>
                <Descriptions.Item label="创建人">
                  {d.createdBy}（{formatDateTime(d.createdAt)}）
                </Descriptions.Item>
                <Descriptions.Item label="内容" span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{d.content || '—'}</span>
                </Descriptions.Item>
                {d.result && (
                  <Descriptions.Item label="办理结果" span={2}>
                    {d.result}（{formatDateTime(d.doneAt)}）
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <AttachmentsCard owner={{ kind: 'petition', id: d.id }} title="附件" mayAttach={d.rights.mayAttach} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="流转记录" size="small" data-testid="timeline">
            <Timeline
              items={d.history.map((h) => ({
                content: (
                  <div>
                    <Typography.Text strong>{actionLabel(h.action)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {h.actor}
                      {h.onBehalfOf ? `（代 ${h.onBehalfOf.name}）` : ''} · {formatDateTime(h.at)}
                    </Typography.Text>
                    <div>
                      <Typography.Text type="secondary">
                        {h.fromState ? `${stateLabel(h.fromState)} → ` : ''}
                        {stateLabel(h.toState)}
                      </Typography.Text>
                    </div>
                    {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
