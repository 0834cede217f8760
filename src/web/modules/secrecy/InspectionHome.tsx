import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Progress, Radio, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CampaignCreate, CampaignList, SheetList } from '../../../shared/secrecy.inspection.js';
import { useCurrentUser } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { SheetStateTag } from './labels.js';
import { secrecyApi } from './secrecyApi.js';

const READERS = ['secrecy_officer', 'office_director', 'leader'];

export default function InspectionHome() {
  const me = useCurrentUser();
  const reader = me.roles.some((r) => READERS.includes(r));
  const [creating, setCreating] = useState(false);
  const campaigns = useQuery({ queryKey: ['inspection', 'campaigns'], queryFn: secrecyApi.campaigns, enabled: reader });
  const sheets = useQuery({ queryKey: ['inspection', 'sheets'], queryFn: () => secrecyApi.sheets({}) });
  return (
    <PageContainer
      title="保密自查"
      description="以监促管、以查促防：按处室或个人下发自查表，逐项填写，保密员确认，不符合项限期整改。"
      extra={
        <Space wrap>
          <DownloadButton path="/api/inspection/export.xlsx" fileName="保密自查整改台账.xlsx" icon={<DownloadOutlined />} testId="rect-export">
            整改台账
          </DownloadButton>
          {campaigns.data?.rights.mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
              发起自查
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {reader && (
          <Card title="自查活动" size="small">
            <Table<CampaignList['items'][number]>
              rowKey="id"
              size="middle"
              data-testid="campaign-table"
              loading={campaigns.isFetching}
              dataSource={campaigns.data?.items ?? []}
              pagination={false}
              scroll={{ x: 800 }}
              columns={[
                { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={`/inspection/campaign/${r.id}`}>{v}</Link> },
                { title: '自查表', dataIndex: 'templateName', width: 140 },
                { title: '截止日期', dataIndex: 'dueDate', width: 110 },
                { title: '提交率', key: 'sub', width: 160, render: (_: unknown, r) => <Progress percent={r.stats.submissionRate} size="small" /> },
                { title: '完成率', key: 'close', width: 160, render: (_: unknown, r) => <Progress percent={r.stats.closureRate} size="small" /> },
                { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => (s === 'completed' ? '已完成' : '进行中') },
              ]}
            />
          </Card>
        )}
        <Card title={reader ? '全部自查表' : '我的自查表'} size="small">
          <Table<SheetList['items'][number]>
            rowKey="id"
            size="middle"
            data-testid="sheet-table"
            loading={sheets.isFetching}
            dataSource={sheets.data?.items ?? []}
            pagination={{ pageSize: 10 }}
            scroll={{ x: 760 }}
            locale={{ emptyText: '暂无需要填写的自查表' }}
            columns={[
              { title: '自查表', dataIndex: 'title', render: (v: string, r) => <Link to={`/inspection/${r.id}`}>{v}</Link> },
              { title: '截止日期', dataIndex: 'dueDate', width: 110 },
              { title: '填写进度', key: 'p', width: 110, render: (_: unknown, r) => `${r.answered}/${r.total}` },
              { title: '未完成整改', dataIndex: 'openRectifications', width: 100 },
              { title: '状态', dataIndex: 'state', width: 90, render: (s: SheetList['items'][number]['state']) => <SheetStateTag state={s} /> },
            ]}
          />
        </Card>
      </Space>
      {creating && <CreateCampaign onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}

function CreateCampaign({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<CampaignCreate>();
  const options = useQuery({ queryKey: ['secrecy', 'options'], queryFn: secrecyApi.options });
  const { busy, error, write } = useIdempotentWrite();
  async function submit(v: CampaignCreate) {
    const body = { ...v, ...(v.unitIds && v.unitIds.length > 0 ? {} : { unitIds: undefined }) };
    const created = await write((key) => secrecyApi.createCampaign(body, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['inspection'] });
    void message.success(`已下发 ${created.sheets.length} 份自查表`);
    void navigate(`/inspection/campaign/${created.id}`);
  }
  return (
    <Modal open title="发起保密自查" onCancel={onClose} onOk={() => form.submit()} okText="下发" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="create-error" />}
      <Form<CampaignCreate> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ template: 'division', rectifyWorkdays: 20 }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={100} placeholder="如：年度处室保密自查" />
        </Form.Item>
        <Form.Item name="template" label="自查表">
          <Radio.Group
            options={[
              { value: 'division', label: '处室保密自查表（11方面34项）' },
              { value: 'personal', label: '个人保密自查表（7方面19项）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="unitIds" label="参加处室（不选为办公室和全部处室）">
          <Select
            mode="multiple"
            allowClear
            options={(options.data?.units ?? []).filter((u) => u.kind !== 'leadership').map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="dueDate" label="截止日期" rules={[{ required: true, message: '请填写截止日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="rectifyWorkdays" label="整改时限（工作日）">
            <InputNumber min={1} max={60} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
