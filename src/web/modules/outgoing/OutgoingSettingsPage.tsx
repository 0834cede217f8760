import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { outgoingApi } from './outgoingApi.js';

interface SettingsForm {
  agencyCode: string;
  orgName: string;
  principalLeaderId: string | null;
}

/** 发文设置: 机关代字 of the 发文字号, the 发文机关 printed in red, and the 主要负责人 who signs 上行文 (办公室主任 edits). */
export default function OutgoingSettingsPage() {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const settings = useQuery({ queryKey: ['outgoing', 'settings'], queryFn: outgoingApi.settings });
  const options = useQuery({ queryKey: ['outgoing', 'options'], queryFn: outgoingApi.options, staleTime: 5 * 60_000 });
  const [error, setError] = useState<string | null>(null);
  const editable = me.roles.includes('office_director');

  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        agencyCode: settings.data.agencyCode,
        orgName: settings.data.orgName,
        principalLeaderId: settings.data.principalLeader?.id ?? null,
      });
  }, [settings.data, form]);

  async function save(v: SettingsForm) {
    if (!settings.data) return;
    setError(null);
    try {
      const saved = await outgoingApi.saveSettings({ ...v, principalLeaderId: v.principalLeaderId ?? null, version: settings.data.version });
      qc.setQueryData(['outgoing', 'settings'], saved);
      message.success('发文设置已保存');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <PageContainer title="发文设置" description="发文字号按“机关代字〔年份〕序号号”在签发时自动编号，每个机关代字每年从 1 起连续编号，不留空号、不重号。">
      <Card size="small" style={{ maxWidth: 640 }}>
        {!editable && <Typography.Paragraph type="secondary">只有办公室主任可以修改发文设置。</Typography.Paragraph>}
        <Form<SettingsForm> form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)}>
          <Form.Item name="agencyCode" label="机关代字" rules={[{ required: true, message: '请填写机关代字' }]} extra="如：财监办 → 财监办〔2026〕12号">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="orgName" label="发文机关（版头与署名）" rules={[{ required: true, message: '请填写发文机关名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="principalLeaderId" label="主要负责人（签发上行文）" extra="上行文只能由主要负责人签发，并在版头标注签发人；未指定时任一局领导可签发">
            <Select allowClear options={(options.data?.leaders ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {editable && (
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          )}
        </Form>
      </Card>
    </PageContainer>
  );
}
