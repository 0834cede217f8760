import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Result, Select, Space, Tag, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CARRIER_STATE_LABELS,
  CARRIER_STATES,
  CARRIER_TYPE_LABELS,
  CARRIER_TYPES,
  type CarrierCreate,
  carrierFilterSchema,
  type CarrierListItem,
  CLASSIFICATION_LABELS,
  CLASSIFICATIONS,
  type Classification,
  MAX_PERIOD_YEARS,
} from '../../../shared/secrecy.js';
import { addMonthsClamped, addYearsClamped } from '../../../shared/secrecy.dates.js';
import { useCurrentUser } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { isApiError } from '../../app/http.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DateRangeFilter, FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { CarrierStateTag, LevelTag } from './labels.js';
import { secrecyApi } from './secrecyApi.js';

const YES_NO = [{ value: 'true', label: '是' }];

export default function CarrierLedgerPage() {
  const [creating, setCreating] = useState(false);
  const ledger = useLedger({ filters: carrierFilterSchema, queryKey: ['carrier', 'list'], fetch: secrecyApi.carriers });
  if (ledger.list.isError && isApiError(ledger.list.error) && ledger.list.error.status === 403) {
    return (
      <PageContainer title="涉密载体登记簿">
        <Result status="403" title="登记簿由保密员管理" subTitle="您保管或借阅的涉密载体，请从“待办”中打开。" />
      </PageContainer>
    );
  }
  const columns: TableColumnsType<CarrierListItem> = [
    { title: '编号', dataIndex: 'number', width: 130, render: (v: string, r) => <Link to={`/carrier/${r.id}`}>{v}</Link> },
    { title: '标题/代号', dataIndex: 'title', width: 280 },
    { title: '密级', dataIndex: 'classification', width: 72, render: (v: Classification) => <LevelTag level={v} /> },
    { title: '份号', dataIndex: 'copyNo', width: 80 },
    { title: '接收日期', dataIndex: 'receivedDate', width: 108 },
    {
      title: '届满日期',
      dataIndex: 'periodEnd',
      width: 120,
      render: (v: string | null, r) => (
        <Space size={4}>
          {v ?? '按解密条件'}
          {r.reviewDue && <Tag color="purple">待解密审核</Tag>}
        </Space>
      ),
    },
    { title: '保管人', dataIndex: ['custodian', 'name'], width: 90 },
    {
      title: '借阅',
      key: 'loan',
      width: 170,
      render: (_: unknown, r) =>
        r.borrower ? (
          <Space size={4}>
            {r.borrower.name}（{r.dueDate}前还）{r.overdue && <Tag color="red">逾期</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '状态', dataIndex: 'state', width: 96, render: (s: CarrierListItem['state']) => <CarrierStateTag state={s} /> },
  ];
  return (
    <PageContainer
      title="涉密载体登记簿"
      description="只登记纸质涉密载体的元数据（编号、标题或代号、密级、份号、保密期限、保管与流转），不录入、不上传任何涉密内容。"
      extra={
        <Space wrap>
          <DownloadButton path={secrecyApi.registerExport(ledger.filter)} fileName="涉密载体登记簿.xlsx" icon={<DownloadOutlined />} testId="carrier-export">
            导出
          </DownloadButton>
          {ledger.list.data?.rights.mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="carrier-new">
              接收登记
            </Button>
          )}
        </Space>
      }
    >
      <Card>
        <LedgerTable
          ledger={ledger}
          testId="carrier-table"
          columns={columns}
          scrollX={1200}
          emptyText="没有符合条件的涉密载体"
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="标题、编号" label="搜索涉密载体" />
              <FilterSelect
                ledger={ledger}
                name="classification"
                label="密级"
                options={CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))}
              />
              <FilterSelect ledger={ledger} name="state" label="状态" options={CARRIER_STATES.map((s) => ({ value: s, label: CARRIER_STATE_LABELS[s] }))} />
              <FilterSelect ledger={ledger} name="overdue" label="借阅逾期" options={YES_NO} />
              <FilterSelect ledger={ledger} name="reviewDue" label="待解密审核" options={YES_NO} />
              <DateRangeFilter ledger={ledger} label="接收日期" />
            </>
          }
        />
      </Card>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}

type PeriodKind = 'default' | 'years' | 'months' | 'date' | 'condition';
interface CreateForm {
  title: string;
  classification: Classification;
  copyNo: string;
  sourceOrg: string;
  sourceDocNumber?: string;
  issuedDate: string;
  receivedDate: string;
  custodianId?: string;
  periodKind: PeriodKind;
  periodYears?: number;
  periodMonths?: number;
  declassifyDate?: string;
  declassifyCondition?: string;
  carrierType?: CarrierCreate['carrierType'];
  pages?: number;
  remarks?: string;
}

/** The 届满日 the server will store, shown while the form is filled in. */
function periodEndPreview(v: Partial<CreateForm>): string {
  if (!v.issuedDate || !v.classification) return '填写制发日期和密级后显示';
  const max = MAX_PERIOD_YEARS[v.classification];
  switch (v.periodKind) {
    case 'years':
      return v.periodYears ? addYearsClamped(v.issuedDate, v.periodYears) : '—';
    case 'months':
      return v.periodMonths ? addMonthsClamped(v.issuedDate, v.periodMonths) : '—';
    case 'date':
      return v.declassifyDate ?? '—';
    case 'condition':
      return '满足解密条件时解密';
    case 'default':
    case undefined:
      return `${addYearsClamped(v.issuedDate, max)}（未标明期限，按${CLASSIFICATION_LABELS[v.classification]}最长 ${max} 年）`;
  }
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const values = Form.useWatch([], form) as Partial<CreateForm> | undefined;
  const options = useQuery({ queryKey: ['secrecy', 'options'], queryFn: secrecyApi.options });
  const { busy, error, write } = useIdempotentWrite();

  async function submit(v: CreateForm) {
    const body: CarrierCreate = {
      title: v.title,
      classification: v.classification,
      copyNo: v.copyNo,
      sourceOrg: v.sourceOrg,
      issuedDate: v.issuedDate,
      receivedDate: v.receivedDate,
      ...(v.sourceDocNumber ? { sourceDocNumber: v.sourceDocNumber } : {}),
      ...(v.custodianId ? { custodianId: v.custodianId } : {}),
      ...(v.periodKind === 'years' && v.periodYears ? { periodYears: v.periodYears } : {}),
      ...(v.periodKind === 'months' && v.periodMonths ? { periodMonths: v.periodMonths } : {}),
      ...(v.periodKind === 'date' && v.declassifyDate ? { declassifyDate: v.declassifyDate } : {}),
      ...(v.periodKind === 'condition' && v.declassifyCondition ? { declassifyCondition: v.declassifyCondition } : {}),
      ...(v.carrierType ? { carrierType: v.carrierType } : {}),
      ...(v.pages ? { pages: v.pages } : {}),
      ...(v.remarks ? { remarks: v.remarks } : {}),
    };
    const created = await write((key) => secrecyApi.createCarrier(body, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['carrier'] });
    void message.success(`已登记 ${created.number}`);
    void navigate(`/carrier/${created.id}`);
  }

  const kind = values?.periodKind ?? 'default';
  return (
    <Modal
      open
      title="涉密载体接收登记"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本系统为非涉密系统：只填写非涉密的标题或代号，不得录入涉密内容。" />
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="create-error" />}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ classification: 'secret', periodKind: 'default', carrierType: 'document' }}
      >
        <Form.Item name="title" label="标题或代号（非涉密）" rules={[{ required: true, whitespace: true, message: '请填写标题或代号' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="classification" label="密级" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))} />
          </Form.Item>
          <Form.Item name="copyNo" label="份号" rules={[{ required: true, pattern: /^\d{1,6}$/, message: '份号为 1 至 6 位数字' }]}>
            <Input maxLength={6} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="carrierType" label="载体类型">
            <Select style={{ width: 110 }} options={CARRIER_TYPES.map((t) => ({ value: t, label: CARRIER_TYPE_LABELS[t] }))} />
          </Form.Item>
          <Form.Item name="pages" label="页数">
            <InputNumber min={1} max={100000} style={{ width: 90 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="sourceOrg" label="来文单位" rules={[{ required: true, whitespace: true, message: '请填写来文单位' }]}>
            <Input maxLength={100} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="sourceDocNumber" label="文号">
            <Input maxLength={50} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="issuedDate" label="制发日期" rules={[{ required: true, message: '请填写制发日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="receivedDate" label="接收日期" rules={[{ required: true, message: '请填写接收日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="custodianId" label="保管人（默认本人）">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              options={(options.data?.users ?? []).filter((u) => u.category).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="periodKind" label="保密期限">
          <Radio.Group
            options={[
              { value: 'default', label: '未标明' },
              { value: 'years', label: '年' },
              { value: 'months', label: '月' },
              { value: 'date', label: '解密日期' },
              { value: 'condition', label: '解密条件' },
            ]}
          />
        </Form.Item>
        {kind === 'years' && (
          <Form.Item name="periodYears" label="年数" rules={[{ required: true, message: '请填写年数' }]}>
            <InputNumber min={1} max={values?.classification ? MAX_PERIOD_YEARS[values.classification] : 30} />
          </Form.Item>
        )}
        {kind === 'months' && (
          <Form.Item name="periodMonths" label="月数" rules={[{ required: true, message: '请填写月数' }]}>
            <InputNumber min={1} max={11} />
          </Form.Item>
        )}
        {kind === 'date' && (
          <Form.Item name="declassifyDate" label="解密日期" rules={[{ required: true, message: '请填写解密日期' }]}>
            <Input type="date" />
          </Form.Item>
        )}
        {kind === 'condition' && (
          <Form.Item name="declassifyCondition" label="解密条件" rules={[{ required: true, whitespace: true, message: '请填写解密条件' }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Typography.Paragraph data-testid="period-preview">
          届满日期：<Typography.Text strong>{periodEndPreview(values ?? {})}</Typography.Text>
        </Typography.Paragraph>
        <Form.Item name="remarks" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
