import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Progress, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CLASSIFICATION_LABELS,
  CLASSIFICATIONS,
  type Classification,
  type IncomingCreate,
  INCOMING_KIND_LABELS,
  STORABLE_CLASSIFICATIONS,
} from '../../../shared/incoming.js';
import { type Urgency, URGENCY_LABELS } from '../../../shared/todos.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { attachmentsApi } from '../../app/attachments/attachmentsApi.js';
import { URGENCY_OPTIONS } from '../../app/widgets.js';
import { isApiError } from '../../app/http.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { incomingApi } from './incomingApi.js';
import { newIdempotencyKey } from '../../app/idempotency.js';

const DOC_TYPES = ['通知', '意见', '函', '批复', '报告', '请示', '决定', '通报', '通告', '公告', '纪要', '令'];

interface FormValues {
  sourceOrg: string;
  sourceDocNumber?: string;
  title: string;
  docType: string;
  classification: Classification;
  urgency: Urgency;
  kind: 'handle' | 'read';
  copies: number;
  receivedDate: Dayjs;
  deadline?: Dayjs | null;
  sourceDate?: Dayjs | null;
  pages?: number | null;
  remarks?: string;
}

export default function IncomingRegisterPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const classification = Form.useWatch('classification', form);
  const urgency = Form.useWatch('urgency', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dup, setDup] = useState<{ message: string; id?: string; body: IncomingCreate } | null>(null);
  const [reason, setReason] = useState('');
  // Scans chosen with the form; they are uploaded to the document once it is registered.
  const [scans, setScans] = useState<File[]>([]);
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);
  // One key per intended registration: a double click or a retry registers once.
  const keyRef = useRef(newIdempotencyKey());
  const classified = classification !== undefined && !STORABLE_CLASSIFICATIONS.includes(classification);

  async function submit(body: IncomingCreate) {
    setBusy(true);
    setError(null);
    try {
      const created = await incomingApi.create(body, me.csrfToken, keyRef.current);
      message.success(`已登记：${created.regNo}`);
      const refused = await uploadScans(created.id);
      if (refused.length > 0) {
        // The registration stands; the clerk sees which scans did not go up and why, then the document page.
        Modal.error({
          title: `${created.regNo} 已登记，但有 ${refused.length} 个扫描件未能上传`,
          content: (
            <List size="small" dataSource={refused} renderItem={(r) => <List.Item>{`${r.name}：${r.message}`}</List.Item>} data-testid="register-scan-errors" />
          ),
        });
      }
      await navigate(`/incoming/${created.id}`);
    } catch (err) {
      if (isApiError(err) && err.code === 'duplicate' && !body.duplicateOverride) {
        const existing = (err.details as { existing?: { id: string } } | undefined)?.existing;
        keyRef.current = newIdempotencyKey();
        setDup({ message: err.message, ...(existing ? { id: existing.id } : {}), body });
      } else {
        keyRef.current = newIdempotencyKey();
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  /** Uploads the chosen scans one by one; returns those the server refused (e.g. a 密级 marking) with its reason. */
  async function uploadScans(id: string): Promise<{ name: string; message: string }[]> {
    const refused: { name: string; message: string }[] = [];
    for (const file of scans) {
      setUpload({ name: file.name, percent: 0 });
      try {
        await attachmentsApi.upload({ kind: 'incoming', id }, file, me.csrfToken, (percent) => setUpload({ name: file.name, percent }));
      } catch (err) {
        refused.push({ name: file.name, message: errorMessage(err) });
      }
    }
    setUpload(null);
    return refused;
  }

  function onFinish(v: FormValues) {
    void submit({
      sourceOrg: v.sourceOrg,
      sourceDocNumber: v.sourceDocNumber ?? '',
      title: v.title,
      docType: v.docType,
      classification: v.classification,
      urgency: v.urgency,
      kind: v.kind,
      copies: v.copies,
      receivedDate: v.receivedDate.format('YYYY-MM-DD'),
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
      ...(v.sourceDate ? { sourceDate: v.sourceDate.format('YYYY-MM-DD') } : {}),
      ...(v.pages ? { pages: v.pages } : {}),
      ...(v.remarks ? { remarks: v.remarks } : {}),
    });
  }

  return (
    <PageContainer title="登记收文" description="签收后逐件登记：来文单位、来文字号、标题、密级、紧急程度和份数。系统自动编收文号，并检查是否重复来文。">
      <Card style={{ maxWidth: 880 }}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ classification: 'none', urgency: 'normal', kind: 'handle', copies: 1, receivedDate: dayjs() }}
          disabled={busy}
          data-testid="incoming-register-form"
        >
          <Space wrap size="large" style={{ width: '100%' }} align="start">
            <Form.Item
              name="sourceOrg"
              label="来文单位"
              rules={[{ required: true, whitespace: true, message: '请填写来文单位' }, { max: 100 }]}
              style={{ width: 300 }}
            >
              <Input maxLength={100} placeholder="如：财政部办公厅" />
            </Form.Item>
            <Form.Item name="sourceDocNumber" label="来文字号" rules={[{ max: 60 }]} style={{ width: 260 }} extra="无文号的来文可不填">
              <Input maxLength={60} placeholder="如：财办〔2026〕12号" />
            </Form.Item>
            <Form.Item name="docType" label="文种" rules={[{ required: true, message: '请选择文种' }]} style={{ width: 160 }}>
              <Select showSearch options={DOC_TYPES.map((t) => ({ value: t, label: t }))} placeholder="文种" />
            </Form.Item>
          </Space>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 300 }]}>
            <Input maxLength={300} showCount />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="classification" label="密级" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))} />
            </Form.Item>
            <Form.Item name="urgency" label="紧急程度" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={URGENCY_OPTIONS} />
            </Form.Item>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={(['handle', 'read'] as const).map((k) => ({ value: k, label: INCOMING_KIND_LABELS[k] }))} />
            </Form.Item>
          </Space>
          {classified && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title="涉密来文不得在本系统登记"
              description="本系统为非涉密系统。请将纸质件登记在涉密载体登记簿中，交机要人员按机要渠道办理，不要扫描或录入本系统。"
              data-testid="classified-guidance"
            />
          )}
          {urgency && urgency !== 'normal' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${URGENCY_LABELS[urgency]}件：即收即办`}
              description="登记后请立即拟办呈批；紧急公文批办时须明确办理时限，特急件在时限过半和到期当日、加急件在到期前一个工作日和当日催办，超期向处室负责人和办公室督办。"
            />
          )}
          <Space wrap size="large" align="start">
            <Form.Item name="copies" label="份数" rules={[{ required: true, message: '请填写份数' }]}>
              <InputNumber min={1} max={999} precision={0} />
            </Form.Item>
            <Form.Item name="receivedDate" label="收文日期" rules={[{ required: true, message: '请选择收文日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="deadline" label="来文要求时限">
              <DatePicker />
            </Form.Item>
            <Form.Item name="sourceDate" label="成文日期">
              <DatePicker />
            </Form.Item>
            <Form.Item name="pages" label="页数">
              <InputNumber min={1} max={9999} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="remarks" label="备注" rules={[{ max: 500 }]}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
          <Form.Item label="扫描件" extra="可选多个文件（PDF、图片、Word 等）；登记后随即上传，系统会检查其中是否含有密级标志，含有的将被拒收。">
            <input
              ref={scanInput}
              type="file"
              multiple
              hidden
              aria-label="选择扫描件"
              data-testid="register-scan-input"
              onChange={(e) => {
                const chosen = [...(e.target.files ?? [])];
                setScans((prev) => [...prev, ...chosen.filter((f) => !prev.some((p) => p.name === f.name && p.size === f.size))]);
                e.target.value = '';
              }}
            />
            <Button icon={<UploadOutlined />} onClick={() => scanInput.current?.click()}>
              选择扫描件
            </Button>
            {scans.length > 0 && (
              <List
                size="small"
                style={{ marginTop: 8, maxWidth: 560 }}
                dataSource={scans}
                data-testid="register-scans"
                renderItem={(f) => (
                  <List.Item
                    actions={[
                      <Button key="remove" type="link" size="small" onClick={() => setScans((prev) => prev.filter((p) => p !== f))}>
                        移除
                      </Button>,
                    ]}
                  >
                    <Space>
                      <PaperClipOutlined />
                      {f.name}
                      <Typography.Text type="secondary">{Math.max(1, Math.round(f.size / 1024))} KB</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
            {upload && (
              <div style={{ maxWidth: 560 }}>
                <Typography.Text type="secondary">正在上传 {upload.name}</Typography.Text>
                <Progress percent={upload.percent} size="small" />
              </div>
            )}
          </Form.Item>
          {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="register-error" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} disabled={classified}>
              登记
            </Button>
            <Button onClick={() => void navigate('/incoming')}>返回登记簿</Button>
          </Space>
        </Form>
      </Card>
      <Modal
        open={dup !== null}
        title="重复来文"
        okText="仍然登记"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '', loading: busy }}
        onCancel={() => setDup(null)}
        onOk={() => {
          if (!dup) return;
          const body = { ...dup.body, duplicateOverride: { reason: reason.trim() } };
          setDup(null);
          void submit(body);
        }}
      >
        <Typography.Paragraph>{dup?.message}</Typography.Paragraph>
        {dup?.id && <Link to={`/incoming/${dup.id}`}>查看已登记的来文</Link>}
        <Input.TextArea
          style={{ marginTop: 12 }}
          rows={3}
          maxLength={500}
          placeholder="如确需再次登记，请说明理由（如：来文单位更正后重新印发）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </PageContainer>
  );
}
