import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ImportResult, Light, SupervisionCreate, SupervisionListItem, SupervisionSource } from '../../../shared/supervision.js';
import { KIND_LABELS, LIGHTS, SOURCE_LABELS, SUPERVISION_STATE_LABELS, supervisionFilterSchema } from '../../../shared/supervision.js';
import { useMe } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { errorMessage } from '../../app/errors.js';
import { formatDate } from '../../app/format.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DateRangeFilter, FilterSelect, LedgerSearch, LedgerTable } from '../../app/ledger/LedgerTable.js';
import { useLedger } from '../../app/ledger/useLedger.js';
import { LIGHT_COLORS, LightBadge, ProvisionalTag, StateTag } from './labels.js';
import { supervisionApi } from './supervisionApi.js';

const LIGHT_TITLES: Record<Light, string> = { red: '红灯（逾期）', yellow: '黄灯（临期或未报进展）', green: '绿灯（按期推进）', blue: '蓝灯（暂缓）' };
const choicesOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export default function LedgerPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const roles = me?.roles ?? [];
  const office = roles.some((r) => r === 'office_clerk' || r === 'office_director');
  const inDivision = roles.some((r) => r === 'division_head' || r === 'staff');
  const ledger = useLedger({ filters: supervisionFilterSchema, queryKey: ['supervision', 'list'], fetch: supervisionApi.list });
  const mayCreate = ledger.list.data?.rights.mayCreate ?? false;
  const light = ledger.filter.light;
  const options = useQuery({ queryKey: ['supervision', 'options'], queryFn: supervisionApi.options, staleTime: 300_000 });
  const divisions = (options.data?.divisions ?? []).map((d) => ({ value: d.id, label: d.name }));
  const counts = useQuery({
    queryKey: ['supervision', 'light-counts'],
    queryFn: async () =>
      Object.fromEntries(await Promise.all(LIGHTS.map(async (l) => [l, (await supervisionApi.list({ light: l, pageSize: 1 })).total] as const))) as Record<
        Light,
        number
      >,
  });

  const columns: TableColumnsType<SupervisionListItem> = [
    {
      title: '灯色',
      key: 'light',
      width: 90,
      render: (_, r) => <LightBadge light={r.light} reasons={r.lightReasons} provisional={r.deadlineProvisional} />,
    },
    { title: '编号', dataIndex: 'number', width: 130 },
    {
      title: '督办事项',
      key: 'title',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/supervision/${r.id}`}>{r.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {SOURCE_LABELS[r.source]}
            {r.sourceRef ? ` · ${r.sourceRef}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '牵头处室', key: 'lead', width: 110, render: (_, r) => r.leadDivision.name },
    {
      title: '办结时限',
      key: 'deadline',
      width: 150,
      render: (_, r) => (
        <span>
          {formatDate(r.deadline)}
          {r.deadline !== r.originalDeadline && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              （延期）
            </Typography.Text>
          )}
          {r.deadlineProvisional && <ProvisionalTag />}
        </span>
      ),
    },
    { title: '进度', key: 'percent', width: 70, render: (_, r) => `${r.percent}%` },
    { title: '状态', key: 'state', width: 100, render: (_, r) => <StateTag state={r.state} /> },
    { title: '最新进展', key: 'latest', ellipsis: true, render: (_, r) => r.latestUpdate ?? <Typography.Text type="secondary">—</Typography.Text> },
  ];

  return (
    <PageContainer
      title="督查督办"
      description="督办台账：一个一个跟踪问效、一项一项进行反馈、一件一件落地落实。灯色按工作日历实时计算。"
      extra={
        <Space wrap>
          {mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-item">
              督办立项
            </Button>
          )}
          {(office || roles.includes('leader')) && (
            <Link to="/supervision/report">
              <Button data-testid="open-report">督办周报</Button>
            </Link>
          )}
          {(inDivision || office || roles.includes('leader')) && (
            <Link to="/supervision/division">
              <Button>处室本周应办</Button>
            </Link>
          )}
          <DownloadButton icon={<DownloadOutlined />} path={supervisionApi.exportUrl(ledger.filter)} fileName="督办台账.xlsx">
            导出台账
          </DownloadButton>
          {office && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入台账
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {LIGHTS.map((l) => (
          <Col xs={12} md={6} key={l}>
            <Card
              size="small"
              hoverable
              onClick={() => ledger.set({ light: light === l ? undefined : l })}
              style={{ borderTop: `4px solid ${LIGHT_COLORS[l]}`, background: light === l ? '#f0f5ff' : undefined }}
              data-testid={`light-count-${l}`}
            >
              <Statistic title={LIGHT_TITLES[l]} value={counts.data?.[l] ?? '—'} suffix="件" />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <LedgerTable
          ledger={ledger}
          testId="ledger"
          columns={columns}
          scrollX={1100}
          emptyText="没有符合条件的督办事项"
          onRow={(r) => ({ onDoubleClick: () => void navigate(`/supervision/${r.id}`) })}
          filters={
            <>
              <LedgerSearch ledger={ledger} placeholder="编号、事项名称、来源依据" label="搜索督办事项" />
              <FilterSelect ledger={ledger} name="state" label="状态" options={choicesOf(SUPERVISION_STATE_LABELS)} />
              <FilterSelect ledger={ledger} name="light" label="灯色" options={LIGHTS.map((value) => ({ value, label: LIGHT_TITLES[value].slice(0, 2) }))} />
              <FilterSelect ledger={ledger} name="source" label="来源" width={130} options={choicesOf(SOURCE_LABELS)} />
              <FilterSelect ledger={ledger} name="divisionId" label="处室" width={130} options={divisions} />
              <FilterSelect ledger={ledger} name="kind" label="督办类型" options={choicesOf(KIND_LABELS)} testId="filter-kind" />
              <DateRangeFilter ledger={ledger} label="交办日期" />
              <FilterSelect
                ledger={ledger}
                name="overdue"
                label="是否逾期"
                options={[
                  { value: 'true', label: '逾期' },
                  { value: 'false', label: '未逾期' },
                ]}
                testId="filter-overdue"
              />
            </>
          }
        />
      </Card>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </PageContainer>
  );
}

interface CreateForm {
  title: string;
  content: string;
  source: SupervisionSource;
  sourceRef?: string;
  instruction?: string;
  leadDivisionId: string;
  assistDivisionIds?: string[];
  ownerId?: string;
  deadline: Dayjs;
  kind: SupervisionCreate['kind'];
  milestones?: { title: string; dueDate: Dayjs }[];
  remarks?: string;
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const { data: me } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const { busy, error, write } = useIdempotentWrite();
  const options = useQuery({ queryKey: ['supervision', 'options'], queryFn: supervisionApi.options, staleTime: 300_000 });
  const lead = Form.useWatch('leadDivisionId', form);
  const people = useMemo(() => (options.data?.people ?? []).filter((p) => p.unitId === lead), [options.data, lead]);
  const submit = async (v: CreateForm) => {
    if (!me) return;
    const body: SupervisionCreate = {
      title: v.title,
      content: v.content,
      source: v.source,
      leadDivisionId: v.leadDivisionId,
      deadline: v.deadline.format('YYYY-MM-DD'),
      kind: v.kind,
      ...(v.sourceRef ? { sourceRef: v.sourceRef } : {}),
      ...(v.instruction ? { instruction: v.instruction } : {}),
      ...(v.assistDivisionIds?.length ? { assistDivisionIds: v.assistDivisionIds } : {}),
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      ...(v.milestones?.length ? { milestones: v.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate.format('YYYY-MM-DD') })) } : {}),
      ...(v.remarks ? { remarks: v.remarks } : {}),
    };
    const created = await write((key) => supervisionApi.create(body, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['supervision'] });
    void message.success(`已立项：${created.number}`);
    void navigate(`/supervision/${created.id}`);
  };
  return (
    <Modal open title="督办立项" onCancel={onClose} onOk={() => form.submit()} okText="立项" confirmLoading={busy} width={760} destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="create-error" />}
      <Form<CreateForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ source: 'director_meeting', kind: 'key' }}>
        <Form.Item name="title" label="事项名称" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="事项内容与办理要求" rules={[{ required: true, whitespace: true, message: '请填写事项内容' }, { max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="source" label="来源类别" rules={[{ required: true }]}>
              <Select
                options={Object.entries(SOURCE_LABELS)
                  .filter(([k]) => k !== 'incoming')
                  .map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="sourceRef" label="来源依据" rules={[{ max: 200 }]}>
              <Input placeholder="如：2026年第12次局长办公会" maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="kind" label="督办类型" rules={[{ required: true }]}>
              <Select options={choicesOf(KIND_LABELS)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="instruction" label="领导批示要求" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="leadDivisionId" label="牵头处室" rules={[{ required: true, message: '请选择牵头处室' }]}>
              <Select options={(options.data?.divisions ?? []).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assistDivisionIds" label="协办处室">
              <Select mode="multiple" options={(options.data?.divisions ?? []).filter((d) => d.id !== lead).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ownerId" label="责任人">
              <Select allowClear options={people.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="deadline"
          label="办结时限"
          rules={[{ required: true, message: '请选择办结时限' }]}
          extra="办结时限为周末或法定节假日的，顺延至其后第一个工作日"
        >
          <DatePicker />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请填写节点名称' }, { max: 100 }]}>
                    <Input placeholder="节点名称" maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '请选择日期' }]}>
                    <DatePicker placeholder="节点日期" />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} style={{ marginBottom: 12 }}>
                添加节点
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="remarks" label="备注" rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<{ row: number; column: string | null; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file || !me) return;
    setBusy(true);
    setError(null);
    try {
      const r = await supervisionApi.importLedger(file, me.csrfToken, dryRun);
      setResult(r);
      setRows(r.errors);
      if (!dryRun) await qc.invalidateQueries({ queryKey: ['supervision'] });
    } catch (err) {
      setError(errorMessage(err));
      const details = (err as { details?: { errors?: { row: number; column: string | null; message: string }[] } }).details;
      setRows(details?.errors ?? []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="导入督办台账"
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={() => void run(true)} disabled={!file} loading={busy}>
            仅校验
          </Button>
          <Button type="primary" onClick={() => void run(false)} disabled={!file} loading={busy}>
            导入
          </Button>
        </Space>
      }
      width={720}
    >
      <Typography.Paragraph type="secondary">请以导出的督办台账为模板。逐行校验，任一行有误则全部不导入。</Typography.Paragraph>
      <Upload
        beforeUpload={(f) => {
          setFile(f);
          setResult(null);
          setRows([]);
          return false;
        }}
        maxCount={1}
        accept=".xlsx"
        onRemove={() => setFile(null)}
      >
        <Button icon={<UploadOutlined />}>选择 .xlsx 文件</Button>
      </Upload>
      {error && <Alert type="error" title={error} showIcon style={{ marginTop: 12 }} />}
      {result && !error && (
        <Alert
          type={result.errors.length ? 'warning' : 'success'}
          showIcon
          style={{ marginTop: 12 }}
          title={result.dryRun ? `校验完成：共 ${result.rows} 行，${result.errors.length} 处错误` : `已导入 ${result.imported} 件`}
        />
      )}
      {rows.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.message}`}
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 100 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
