import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import {
  LEAVE_REASON_LABELS,
  PERSONNEL_CATEGORY_LABELS,
  PERSONNEL_STATUS_LABELS,
  type Personnel,
  type PersonnelCategory,
  type PersonnelCreate,
} from '../../../shared/secrecy.people.js';
import { errorMessage } from '../../app/errors.js';
import { secrecyApi } from './secrecyApi.js';

const CATEGORY_COLOR: Record<PersonnelCategory, string> = { core: 'red', important: 'orange', general: 'blue' };

export function PersonnelTab({ officer }: { officer: boolean }) {
  const [status, setStatus] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<Personnel | null>(null);
  const [editing, setEditing] = useState<Personnel | null>(null);
  const q = useQuery({ queryKey: ['secrecy', 'personnel', status], queryFn: () => secrecyApi.personnel({ status }) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(PERSONNEL_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          aria-label="状态"
        />
        {officer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="personnel-new">
            登记涉密人员
          </Button>
        )}
      </Space>
      <Table<Personnel>
        rowKey="id"
        size="middle"
        data-testid="personnel-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 人` }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '处室', dataIndex: 'unitName', width: 100 },
          { title: '岗位', dataIndex: 'post', width: 130 },
          {
            title: '涉密等级',
            dataIndex: 'category',
            width: 90,
            render: (c: PersonnelCategory) => <Tag color={CATEGORY_COLOR[c]}>{PERSONNEL_CATEGORY_LABELS[c]}</Tag>,
          },
          { title: '上岗日期', dataIndex: 'since', width: 110 },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: Personnel['status']) => PERSONNEL_STATUS_LABELS[s] },
          {
            title: '离岗',
            key: 'left',
            width: 150,
            render: (_: unknown, r) => (r.leftDate ? `${r.leftDate}（${r.leaveReason ? LEAVE_REASON_LABELS[r.leaveReason] : ''}）` : '—'),
          },
          { title: '脱密期至', dataIndex: 'separationEnd', width: 110, render: (v: string | null) => v ?? '—' },
          ...(officer
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 130,
                  render: (_: unknown, r: Personnel) =>
                    r.status === 'active' && (
                      <Space size={4}>
                        <Button size="small" onClick={() => setEditing(r)}>
                          修改
                        </Button>
                        <Button size="small" onClick={() => setLeaving(r)}>
                          离岗
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding && <AddPerson onClose={() => setAdding(false)} />}
      {leaving && <Leave person={leaving} onClose={() => setLeaving(null)} />}
      {editing && <Edit person={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function AddPerson({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonnelCreate>();
  const [error, setError] = useState<string | null>(null);
  const options = useQuery({ queryKey: ['secrecy', 'options'], queryFn: secrecyApi.options });
  async function submit(v: PersonnelCreate) {
    try {
      await secrecyApi.createPersonnel(v);
      await qc.invalidateQueries({ queryKey: ['secrecy'] });
      void message.success('已登记');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <Modal open title="登记涉密人员" onCancel={onClose} onOk={() => form.submit()} okText="登记" cancelText="取消" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<PersonnelCreate> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ category: 'general' }}>
        <Form.Item name="userId" label="账号（可不选）">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(options.data?.users ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))}
            onChange={(id?: string) => {
              const u = options.data?.users.find((x) => x.id === id);
              if (u) form.setFieldsValue({ name: u.name, ...(u.unitId ? { unitId: u.unitId } : {}) });
            }}
          />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unitId" label="处室" rules={[{ required: true, message: '请选择处室' }]}>
          <Select options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="category" label="涉密等级">
          <Radio.Group options={Object.entries(PERSONNEL_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="post" label="岗位" rules={[{ required: true, whitespace: true, message: '请填写岗位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="since" label="上岗日期" rules={[{ required: true, message: '请填写上岗日期' }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Leave({ person, onClose }: { person: Personnel; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ leftDate: string; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { leftDate: string; reason: string }) {
    try {
      const p = await secrecyApi.leave(person.id, { ...v, version: person.version });
      await qc.invalidateQueries({ queryKey: ['secrecy'] });
      void message.success(`已办理离岗，脱密期至 ${p.separationEnd ?? ''}`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <Modal open title={`离岗：${person.name}`} onCancel={onClose} onOk={() => form.submit()} okText="确定" cancelText="取消" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ reason: 'transferred' }}>
        <Form.Item name="leftDate" label="离岗日期" rules={[{ required: true, message: '请填写离岗日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label="原因">
          <Radio.Group options={Object.entries(LEAVE_REASON_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Edit({ person, onClose }: { person: Personnel; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<PersonnelCreate, 'userId'>>();
  const [error, setError] = useState<string | null>(null);
  const options = useQuery({ queryKey: ['secrecy', 'options'], queryFn: secrecyApi.options });
  async function submit(v: Omit<PersonnelCreate, 'userId'>) {
    try {
      await secrecyApi.editPersonnel(person.id, { ...v, version: person.version });
      await qc.invalidateQueries({ queryKey: ['secrecy'] });
      void message.success('已保存');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <Modal open title={`修改：${person.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ name: person.name, unitId: person.unitId, category: person.category, post: person.post, since: person.since }}
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unitId" label="处室" rules={[{ required: true, message: '请选择处室' }]}>
          <Select options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="category" label="涉密等级">
          <Radio.Group options={Object.entries(PERSONNEL_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="post" label="岗位" rules={[{ required: true, whitespace: true, message: '请填写岗位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="since" label="上岗日期" rules={[{ required: true, message: '请填写上岗日期' }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
