import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Space } from 'antd';
import { useState } from 'react';
import type { SecrecySettings } from '../../../shared/secrecy.people.js';
import { errorMessage } from '../../app/errors.js';
import { request } from '../../app/http.js';

type Values = Omit<SecrecySettings, 'version'>;
const FIELDS: [keyof Values, string, number, number, string][] = [
  ['loanDays', '借阅期限', 1, 90, '天'],
  ['reviewLeadDays', '解密审核提前', 1, 180, '天'],
  ['separationCore', '核心涉密人员脱密期', 1, 60, '个月'],
  ['separationImportant', '重要涉密人员脱密期', 1, 60, '个月'],
  ['separationGeneral', '一般涉密人员脱密期', 1, 60, '个月'],
  ['rectifyWorkdays', '默认整改时限', 1, 60, '个工作日'],
];

/** 保密设置 (保密员): saved over the version read; a stale save says so. */
export function SettingsTab() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['secrecy', 'settings'], queryFn: () => request<SecrecySettings>('GET', '/api/secrecy/settings') });
  if (!q.data) return null;
  const current = q.data;
  async function save(v: Values) {
    try {
      const saved = await request<SecrecySettings>('PUT', '/api/secrecy/settings', { body: { ...v, version: current.version } });
      qc.setQueryData(['secrecy', 'settings'], saved);
      setError(null);
      void message.success('已保存');
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <Form<Values>
      layout="horizontal"
      labelCol={{ flex: '160px' }}
      initialValues={current}
      onFinish={(v) => void save(v)}
      style={{ maxWidth: 480 }}
      data-testid="secrecy-settings"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {FIELDS.map(([name, label, min, max, unit]) => (
        <Form.Item key={name} label={label}>
          <Space>
            <Form.Item name={name} noStyle rules={[{ required: true, message: `请填写${label}` }]}>
              <InputNumber min={min} max={max} />
            </Form.Item>
            <span>{unit}</span>
          </Space>
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit">
        保存
      </Button>
    </Form>
  );
}
