import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  SECRECY_STATE_LABELS,
  SECRECY_STATES,
  type SecrecyCreate,
  secrecyFilterSchema,
  type SecrecyListItem,
  type SecrecyState,
} from '../../../shared/secrecy.js';
import type { Urgency } from '../../../shared/urgency.js';
import { useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { URGENCY_OPTIONS, UrgencyTag } from '../../app/widgets.js';
import { secrecyApi } from './secrecyApi.js';
import { StateTag } from './labels.js';

export default function SecrecyLedgerPage() {
  const [creating, setCreating] = useState(false);
  const ledger = useLedger({ filters: secrecyFilterSchema, queryKey: ['secrecy', 'list'], fetch: secrecyApi.list });
  const columns: TableColumnsType<SecrecyListItem> = [
    { title: '紧急程度', dataIndex: 'urgency', width: 88, render: (u: Urgency) => <UrgencyTag urgency={u} /> },
    { title: '标题', dataIndex: 'title', width: 320, render: (v: string, r) => <Link to={`/secrecy/${r.id}`}>{v}</Link> },
    { title: '状态', dataIndex: 'state', width: 100, render: (s: SecrecyState) => <StateTag state={s} /> },
    { title: '处室', dataIndex: 'unitName', width: 110 },
    { title: '创建人', dataIndex: 'createdBy', width: 100 },
    { title: '创建时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <PageContainer
      title="涉密载体"
      description="涉密载体台账：新建的在前，可按状态、紧急程度筛选，或按标题和内容搜索。"
      extra={
        ledger.list.data?.rights.mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="secrecy-new">
            新建
          </Button>
        )
      }
    >
      <Card>
        <LedgerTable
          ledger={ledger}
          testId="secrecy-table"
          columns={columns}
          scrollX={900}
          emptyText="没有符合条件的涉密载体"
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="标题、内容" label="搜索涉密载体" />
              <FilterSelect ledger={ledger} name="state" label="状态" options={SECRECY_STATES.map((s) => ({ value: s, label: SECRECY_STATE_LABELS[s] }))} />
              <FilterSelect ledger={ledger} name="urgency" label="紧急程度" options={URGENCY_OPTIONS} />
            </>
          }
        />
      </Card>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecrecyCreate>();
  const { busy, error, write } = useIdempotentWrite();

  async function submit(v: SecrecyCreate) {
    const created = await write((key) => secrecyApi.create(v, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['secrecy'] });
    void message.success('已新建');
    void navigate(`/secrecy/${created.id}`);
  }

  return (
    <Modal open title="新建涉密载体" onCancel={onClose} onOk={() => form.submit()} okText="新建" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="create-error" />}
      <Form<SecrecyCreate> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ urgency: 'normal' }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="内容">
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="urgency" label="紧急程度" rules={[{ required: true, message: '请选择紧急程度' }]}>
          <Select options={URGENCY_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
