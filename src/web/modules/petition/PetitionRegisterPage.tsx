import { SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  CHANNELS,
  type Category,
  type Channel,
  idNumberProblem,
  type PetitionCreateInput,
  type PetitionListItem,
  type PetitionType,
  phoneProblem,
  type Source,
  TOPIC_LABELS,
  TOPICS,
  type Topic,
} from '../../../shared/petition.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { Badges, StateTag } from './labels.js';
import { petitionApi } from './petitionApi.js';

interface FormValues {
  type: PetitionType;
  channel: Channel;
  source: Source;
  transferredFrom?: string;
  receivedDate: Dayjs;
  category: Category;
  topic: Topic;
  subject: string;
  content: string;
  visitors?: number;
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/**
 * 信访登记: one form whatever the channel (来访 asks how many came, a
 * transferred petition from whom). Typing the petitioner's ID number or phone
 * lets the officer look up this person's earlier petitions (an audited read):
 * a later one on the same matter is linked as 重复信访, and a 复查/复核 names
 * the petition it asks about.
 */
export default function PetitionRegisterPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const { busy, error, write } = useIdempotentWrite();
  const [earlier, setEarlier] = useState<PetitionListItem[] | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [linkTo, setLinkTo] = useState<string | undefined>();
  const channel = Form.useWatch('channel', form);
  const source = Form.useWatch('source', form);
  const type = Form.useWatch('type', form) ?? 'initial';

  async function lookup() {
    const idNumber = blank(form.getFieldValue('idNumber') as string | undefined);
    const phone = blank(form.getFieldValue('phone') as string | undefined);
    setLookupError(null);
    if (!idNumber && !phone) return setLookupError('请先填写身份证号或联系电话');
    if (idNumber && idNumberProblem(idNumber)) return setLookupError(idNumberProblem(idNumber));
    if (phone && phoneProblem(phone)) return setLookupError(phoneProblem(phone));
    try {
      const r = await petitionApi.lookup({ ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}) }, me.csrfToken);
      setEarlier(r.items);
      setLinkTo(undefined);
    } catch (e) {
      setLookupError(errorMessage(e));
    }
  }

  async function submit(v: FormValues) {
    const petitioner =
      type !== 'initial' && !blank(v.name)
        ? undefined
        : { name: v.name?.trim() ?? '', idNumber: blank(v.idNumber), phone: blank(v.phone), address: blank(v.address) };
    const body: PetitionCreateInput = {
      type: v.type,
      channel: v.channel,
      source: v.source,
      receivedDate: v.receivedDate.format('YYYY-MM-DD'),
      category: v.category,
      topic: v.topic,
      subject: v.subject,
      content: v.content,
      ...(v.source === 'transferred_in' ? { transferredFrom: v.transferredFrom } : {}),
      ...(v.channel === 'visit' ? { visitors: v.visitors ?? 1 } : {}),
      ...(v.type !== 'initial' ? { parentId: linkTo } : linkTo ? { repeatOfId: linkTo } : {}),
      ...(petitioner ? { petitioner } : {}),
    };
    const created = await write((key) => petitionApi.create(body, me.csrfToken, key));
    if (!created) return;
    await qc.invalidateQueries({ queryKey: ['petition'] });
    void message.success(`已登记 ${created.number}${created.repeat ? '（重复信访）' : ''}`);
    void navigate(`/petition/${created.id}`);
  }

  const candidates = (earlier ?? []).filter((p) =>
    type === 'review' ? p.type === 'initial' : type === 'recheck' ? p.type === 'review' : p.type === 'initial',
  );

  return (
    <PageContainer title="信访登记" description="按信访形式登记；信访人信息加密保存，台账中脱敏显示。" extra={<Link to="/petition">返回台账</Link>}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ type: 'initial', channel: 'letter', source: 'direct', receivedDate: dayjs(), category: 'appeal', topic: 'fiscal_funds' }}
        data-testid="register-form"
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card title="信访事项" size="small">
              <Form.Item name="type" label="类型">
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'initial', label: '初次信访' },
                    { value: 'review', label: '复查请求' },
                    { value: 'recheck', label: '复核请求' },
                  ]}
                  onChange={() => setLinkTo(undefined)}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="channel" label="信访形式" rules={[{ required: true }]}>
                    <Select options={opts(CHANNELS, CHANNEL_LABELS)} data-testid="field-channel" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="receivedDate" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
                {channel === 'visit' && (
                  <Col xs={24} sm={12}>
                    <Form.Item name="visitors" label="来访人数" extra="多人共同事项应推选代表，不超过 5 人" initialValue={1}>
                      <InputNumber min={1} max={5} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} sm={12}>
                  <Form.Item name="source" label="来源">
                    <Radio.Group
                      options={[
                        { value: 'direct', label: '直接收到' },
                        { value: 'transferred_in', label: '上级转送交办' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                {source === 'transferred_in' && (
                  <Col xs={24} sm={12}>
                    <Form.Item name="transferredFrom" label="转送交办机关" rules={[{ required: true, whitespace: true, message: '请填写转送交办机关' }]}>
                      <Input maxLength={100} placeholder="如：国家信访局" />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} sm={12}>
                  <Form.Item name="category" label="类别">
                    <Select options={opts(CATEGORIES, CATEGORY_LABELS)} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="topic" label="事项类别">
                    <Select options={opts(TOPICS, TOPIC_LABELS)} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="subject" label="事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
                <Input maxLength={100} showCount data-testid="field-subject" />
              </Form.Item>
              <Form.Item name="content" label="信访内容" rules={[{ required: true, whitespace: true, message: '请填写信访内容' }]}>
                <Input.TextArea rows={6} maxLength={5000} showCount data-testid="field-content" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card title="信访人" size="small">
                {type !== 'initial' && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title="复查、复核请求可不填信访人：沿用原信访件的信访人。先按身份证号或电话查询，选出原信访件。"
                  />
                )}
                <Form.Item name="name" label="姓名" rules={type === 'initial' ? [{ required: true, whitespace: true, message: '请填写信访人姓名' }] : []}>
                  <Input maxLength={30} data-testid="field-name" />
                </Form.Item>
                <Form.Item
                  name="idNumber"
                  label="身份证号"
                  rules={[
                    { validator: (_, v?: string) => (v && idNumberProblem(v) ? Promise.reject(new Error(idNumberProblem(v) ?? '')) : Promise.resolve()) },
                  ]}
                >
                  <Input maxLength={18} data-testid="field-id" />
                </Form.Item>
                <Form.Item
                  name="phone"
                  label="联系电话"
                  rules={[{ validator: (_, v?: string) => (v && phoneProblem(v) ? Promise.reject(new Error(phoneProblem(v) ?? '')) : Promise.resolve()) }]}
                >
                  <Input maxLength={20} data-testid="field-phone" />
                </Form.Item>
                <Form.Item name="address" label="通信地址" extra="联系电话和通信地址至少填写一项">
                  <Input maxLength={200} />
                </Form.Item>
                <Button icon={<SearchOutlined />} onClick={() => void lookup()} data-testid="lookup">
                  查询此人的信访记录
                </Button>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                  按身份证号或电话查询会记入审计日志。
                </Typography.Paragraph>
                {lookupError && <Alert type="warning" showIcon title={lookupError} style={{ marginTop: 8 }} />}
              </Card>
              {earlier && (
                <Card title={`此人此前的信访件（${earlier.length} 件）`} size="small" data-testid="earlier">
                  {earlier.length === 0 ? (
                    <Typography.Text type="secondary">没有查到此人此前的信访件。</Typography.Text>
                  ) : (
                    <>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                        {type === 'initial'
                          ? '同一事项再次信访的，选出原件登记为重复信访；不选则按同一人、同一事项类别自动关联最近一件。'
                          : `请选出要${type === 'review' ? '复查' : '复核'}的原信访件。`}
                      </Typography.Paragraph>
                      <Table<PetitionListItem>
                        size="small"
                        rowKey="id"
                        pagination={false}
                        dataSource={candidates}
                        rowSelection={{ type: 'radio', selectedRowKeys: linkTo ? [linkTo] : [], onChange: (keys) => setLinkTo(keys[0] as string | undefined) }}
                        columns={[
                          {
                            title: '编号',
                            dataIndex: 'number',
                            render: (v: string, r) => (
                              <Space size={2}>
                                <Link to={`/petition/${r.id}`} target="_blank">
                                  {v}
                                </Link>
                                <Badges repeat={r.repeat} type={r.type} />
                              </Space>
                            ),
                          },
                          { title: '事由', dataIndex: 'subject' },
                          { title: '状态', dataIndex: 'state', render: (s: PetitionListItem['state']) => <StateTag state={s} /> },
                        ]}
                      />
                    </>
                  )}
                </Card>
              )}
            </Space>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ margin: '16px 0' }} data-testid="create-error" />}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">
            登记
          </Button>
          <Button onClick={() => void navigate('/petition')}>取消</Button>
        </Space>
      </Form>
    </PageContainer>
  );
}
