import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type ImportResult, LEDGER_COLUMNS } from '../../../shared/incoming.js';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { isApiError } from '../../app/http.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { incomingApi } from './incomingApi.js';

type RowError = ImportResult['errors'][number];

export default function IncomingImportPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'checking'>('idle');
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);

  async function run(dryRun: boolean) {
    if (!file) return;
    setFailure(null);
    setErrors([]);
    setProgress(0);
    setPhase('uploading');
    try {
      const r = await incomingApi.importLedger(file, dryRun, me.csrfToken, (p) => {
        setProgress(p);
        // Once the bytes are up, the server checks every row: say so instead of a bar stuck at 100 %.
        if (p >= 100) setPhase('checking');
      });
      if (dryRun) {
        setChecked(r);
        setErrors(r.errors);
      } else {
        setDone(r);
        void qc.invalidateQueries({ queryKey: ['incoming'] });
      }
    } catch (err) {
      const details = isApiError(err) ? (err.details as { errors?: RowError[] } | undefined) : undefined;
      setErrors(details?.errors ?? []);
      setFailure(errorMessage(err));
    } finally {
      setProgress(null);
      setPhase('idle');
    }
  }

  const step = done ? 2 : checked && checked.errors.length === 0 ? 1 : 0;
  return (
    <PageContainer
      title="导入收文登记簿"
      description="导入已有的 Excel 登记簿：先逐行校验，任何一行有误都不会导入；校验通过后一次性全部导入，并重新编收文号（原编号保留在备注中）。"
    >
      <Card style={{ maxWidth: 1000 }}>
        <Steps current={step} items={[{ title: '选择并校验文件' }, { title: '导入' }, { title: '完成' }]} style={{ marginBottom: 24 }} />
        <Typography.Paragraph type="secondary">
          表头须与导出的登记簿一致（可直接用“导出 Excel”得到的文件作模板）：{LEDGER_COLUMNS.join('、')}
          。必填：收文日期、来文单位、标题、文种；状态只能为“已登记”或“已办结”。涉密来文不得导入。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setChecked(null);
            setDone(null);
            setErrors([]);
            setFailure(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .xlsx 文件</p>
        </Upload.Dragger>
        {progress !== null && (
          <div style={{ marginTop: 16 }}>
            <Progress percent={progress} status="active" />
            <Typography.Text type="secondary">{phase === 'checking' ? '文件已上传，正在逐行校验…' : '正在上传…'}</Typography.Text>
          </div>
        )}
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => void run(true)} disabled={!file || progress !== null}>
            校验
          </Button>
          <Button
            type="primary"
            onClick={() => void run(false)}
            disabled={!file || progress !== null || !checked || checked.errors.length > 0 || done !== null}
          >
            导入
          </Button>
          <Button onClick={() => void navigate('/incoming')}>返回登记簿</Button>
        </Space>
        {checked && checked.errors.length === 0 && !done && (
          <Alert style={{ marginTop: 16 }} type="success" showIcon title={`校验通过：共 ${checked.rows} 行，可以导入`} />
        )}
        {done && (
          <Alert style={{ marginTop: 16 }} type="success" showIcon title={`已导入 ${done.imported} 件`} description={<Link to="/incoming">查看登记簿</Link>} />
        )}
        {failure && <Alert style={{ marginTop: 16 }} type="error" showIcon title={failure} data-testid="import-error" />}
        {errors.length > 0 && (
          <>
            <Alert style={{ marginTop: 16 }} type="error" showIcon title={`共 ${errors.length} 处错误，未导入任何记录。请修改表格后重新校验。`} />
            <Table<RowError>
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.message}`}
              dataSource={errors}
              pagination={{ pageSize: 20 }}
              data-testid="import-errors"
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '列', dataIndex: 'column', width: 120, render: (c: string | null) => c ?? '—' },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Card>
    </PageContainer>
  );
}
