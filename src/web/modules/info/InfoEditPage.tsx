import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio, Result, Select, Space, Spin, Switch } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { INFO_TYPE_LABELS, INFO_TYPES, type InfoCreate, type InfoType } from '../../../shared/info.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { useIdempotentWrite } from '../../app/idempotency.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { infoApi, type InfoView } from './infoApi.js';

interface Values {
  infoType: InfoType;
  title: string;
  body: string;
  summary?: string;
  writers?: string[];
  urgent?: boolean;
  requestId?: string;
}

const TYPE_HINTS: Record<InfoType, string> = {
  news: '本单位工作动态，简明扼要',
  practice: '可复制、可推广的经验做法',
  proposal: '发现的问题及对策建议',
  special: '报局领导签发后专报上级',
};

/** 拟稿 (`/info/new`) and 编辑 (`/info/<id>/edit`): the piece's text, type and 执笔人, and the 约稿 it answers. */
export default function InfoEditPage() {
  const { id } = useParams();
  const item = useQuery({ queryKey: ['info', 'item', id], queryFn: () => infoApi.get(id ?? ''), enabled: !!id, retry: false });
  if (id && item.isPending) return <Spin className="zs-page-spin" />;
  if (id && (item.isError || !item.data))
    return <Result status="404" title="政务信息不存在或您无权查看" subTitle={errorMessage(item.error)} extra={<Link to="/info">返回列表</Link>} />;
  return <EditForm item={item.data} />;
}

function EditForm({ item }: { item?: InfoView | undefined }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { busy, error, write } = useIdempotentWrite();
  const requests = useQuery({ queryKey: ['info', 'requests', 'open'], queryFn: () => infoApi.requests({ state: 'open' }), enabled: !item });
  const type = Form.useWatch('infoType', form);

  async function submit(v: Values) {
    const text = {
      infoType: v.infoType,
      title: v.title,
      body: v.body,
      ...(v.summary ? { summary: v.summary } : {}),
      writers: v.writers ?? [],
      urgent: v.urgent ?? false,
    };
    const saved = item
      ? await write((key) => infoApi.update(item.id, { ...text, version: item.version }, me.csrfToken, key))
      : await write((key) => infoApi.create({ ...text, ...(v.requestId ? { requestId: v.requestId } : {}) } satisfies InfoCreate, me.csrfToken, key));
    if (!saved) return;
    qc.setQueryData(['info', 'item', saved.id], saved);
    await qc.invalidateQueries({ queryKey: ['info', 'list'] });
    void message.success(item ? `已保存为第 ${saved.revision} 稿` : '已保存草稿');
    void navigate(`/info/${saved.id}`);
  }

  return (
    <PageContainer
      title={item ? `编辑：${item.title}` : '拟写政务信息'}
      description={item ? `当前为第 ${item.revision} 稿；保存后形成新的一稿，旧稿保留可对照。` : '保存为草稿后，可继续修改，再提交处室负责人审核。'}
      extra={<Link to={item ? `/info/${item.id}` : '/info'}>返回</Link>}
    >
      <Card style={{ maxWidth: 880 }}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} data-testid="edit-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={
            item
              ? { infoType: item.infoType, title: item.title, body: item.body, summary: item.summary ?? '', writers: item.writers, urgent: item.urgent }
              : { infoType: 'news', writers: [me.name], urgent: false }
          }
        >
          <Form.Item name="infoType" label="信息类型" extra={type ? TYPE_HINTS[type] : undefined} rules={[{ required: true, message: '请选择信息类型' }]}>
            <Radio.Group optionType="button" options={INFO_TYPES.map((t) => ({ value: t, label: INFO_TYPE_LABELS[t] }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={100} showCount data-testid="info-title" />
          </Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
            <Input.TextArea rows={12} maxLength={20000} showCount data-testid="info-body" />
          </Form.Item>
          <Form.Item name="summary" label="摘要" extra="门户列表和订阅中显示，可不填">
            <Input.TextArea rows={2} maxLength={300} showCount />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="writers" label="执笔人" rules={[{ type: 'array', max: 5, message: '执笔人最多 5 人' }]}>
              <Select mode="tags" style={{ minWidth: 260 }} placeholder="输入姓名后回车" maxCount={5} />
            </Form.Item>
            <Form.Item name="urgent" label="紧急信息" valuePropName="checked">
              <Switch checkedChildren="紧急" unCheckedChildren="否" />
            </Form.Item>
            {!item && (
              <Form.Item name="requestId" label="所答约稿" extra="答复办公室约稿的，请选择">
                <Select
                  allowClear
                  style={{ minWidth: 260 }}
                  placeholder="不是约稿"
                  options={(requests.data?.items ?? [])
                    .filter((r) => r.division.id === me.unitId)
                    .map((r) => ({ value: r.id, label: `${r.number} ${r.topic}（${r.deadline} 截止）` }))}
                />
              </Form.Item>
            )}
          </Space>
          <Form.Item style={{ marginBottom: 0 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="info-save">
                {item ? '保存' : '保存草稿'}
              </Button>
              <Button onClick={() => void navigate(item ? `/info/${item.id}` : '/info')}>取消</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </PageContainer>
  );
}
