import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  PETITION_STATE_LABELS,
  PETITION_STATES,
  type PetitionCreate,
  petitionFilterSchema,
  type PetitionListItem,
  type PetitionState,
} from '../../../shared/petition.js';
import type { Urgency } from '../../../shared/urgency.js';
import { useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { URGENCY_OPTIONS, UrgencyTag } from '../../app/widgets.js';
import { petitionApi } from './petitionApi.js';
import { StateTag } from './labels.js';

export default function PetitionLedgerPage() {
  const [creating, setCreating] = useState(false);
  const ledger = useLedger({ filters: petitionFilterSchema, queryKey: ['petition', 'list'], fetch: petitionApi.list });
  const columns: TableColumnsType<PetitionListItem> = [
    { title: '紧急程度', dataIndex: 'urgency', width: 88, render: (u: Urgency) => <UrgencyTag urgency={u} /> },
    { title: '标题', dataIndex: 'title', width: 320, render: (v: string, r) => <Link to={`/petition/${r.id}`}>{v}</Link> },
    { title: '状态', dataIndex: 'state', width: 100, render: (s: PetitionState) => <StateTag state={s} /> },
    { title: '处室', dataIndex: 'unitName', width: 110 },
    { title: '创建人', dataIndex: 'createdBy', width: 100 },
    { title: '创建时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <PageContainer
      title="信访件"
      description="信访件台账：新建的在前，可按状态、紧急程度筛选，或按标题和内容搜索。"
      extra={
        ledger.list.data?.rights.mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="petition-new">
            新建
          </Button>
        )
      }
    >
      <Card>
        <LedgerTable
          ledger={ledger}
          testId="petition-table"
          columns={columns}
          scrollX={900}
          emptyText="没有符合条件的信访件"
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="标题、内容" label="搜索信访件" />
              <FilterSelect ledger={ledger} name="state" label="状态" options={PETITION_STATES.map((s) => ({ value: s, label: PETITION_STATE_LABELS[s] }))} />
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
  const [form] = Form.useForm<PetitionCreate>();
  const { busy, error, write } = useIdempotentWrite();

  async function submit(v: PetitionCreate) {
    const created = await write((key) => petitionApi.create(v, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['petition'] });
    void message.success('已新建');
    void navigate(`/petition/${created.id}`);
  }

  return (
    <Modal open title="新建信访件" onCancel={onClose} onOk={() => form.submit()} okText="新建" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="create-error" />}
      <Form<PetitionCreate> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ urgency: 'normal' }}>
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
