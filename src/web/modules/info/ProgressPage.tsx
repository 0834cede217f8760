import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { LedgerRow, Penalty } from '../../../shared/info.scoring.js';
import { useMe } from '../../app/auth.js';
import { DownloadButton } from '../../app/Download.js';
import { errorMessage } from '../../app/errors.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { InfoNav } from './InfoNav.js';
import { infoApi } from './infoApi.js';

const thisYear = new Date().getFullYear();
const YEARS = [thisYear, thisYear - 1, thisYear - 2];

function RateBar({ actual, target, rate }: { actual: number; target: number; rate: number | null }) {
  return (
    <div style={{ minWidth: 120 }}>
      <Typography.Text>
        {actual} / {target || '—'}
      </Typography.Text>
      {rate !== null && <Progress percent={Math.min(rate, 100)} size="small" format={() => `${rate}%`} status={rate >= 100 ? 'success' : 'normal'} />}
    </div>
  );
}

/** 进度台账: each division against its year's targets, points by kind and penalties; the year's export. */
export default function ProgressPage() {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear;
  const roles = useMe().data?.roles ?? [];
  const office = roles.some((r) => r === 'office_clerk' || r === 'office_director');
  const mayExport = office || roles.includes('leader');
  const ledger = useQuery({ queryKey: ['info', 'ledger', year], queryFn: () => infoApi.ledger(year) });
  const penalties = useQuery({ queryKey: ['info', 'penalties', year], queryFn: () => infoApi.penalties(year) });
  const [adding, setAdding] = useState(false);
  return (
    <PageContainer
      title="信息工作进度台账"
      description="各处室当年报送、采用、批示和扣分情况，对照年度目标；排名按总分、采用、报送。"
      extra={
        <Space wrap>
          <Select value={year} onChange={(y) => setParams({ year: String(y) })} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} aria-label="年度" />
          {mayExport && (
            <DownloadButton path={infoApi.exportUrl(year)} fileName={`信息报送台账（${year}年）.xlsx`} icon={<DownloadOutlined />} testId="info-export">
              导出台账
            </DownloadButton>
          )}
        </Space>
      }
    >
      <InfoNav />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={`${year}年各处室进度`}>
          {ledger.isError && <Alert type="error" title={errorMessage(ledger.error)} />}
          <Table<LedgerRow>
            rowKey="divisionId"
            size="small"
            loading={ledger.isPending}
            dataSource={ledger.data?.items ?? []}
            pagination={false}
            scroll={{ x: 960 }}
            data-testid="progress-table"
            columns={[
              { title: '排名', dataIndex: 'rank', width: 56, align: 'center' },
              { title: '处室', dataIndex: 'divisionName', width: 100 },
              {
                title: '报送',
                width: 150,
                render: (_: unknown, r) => <RateBar actual={r.submitted} target={r.target.submissions} rate={r.rates.submissions} />,
              },
              { title: '采用', width: 150, render: (_: unknown, r) => <RateBar actual={r.adoptions} target={r.target.adoptions} rate={r.rates.adoptions} /> },
              { title: '批示', dataIndex: 'instructions', width: 56, align: 'right' },
              { title: '报送分', dataIndex: ['points', 'submission'], width: 70, align: 'right' },
              { title: '采用分', dataIndex: ['points', 'adoption'], width: 70, align: 'right' },
              { title: '批示分', dataIndex: ['points', 'instruction'], width: 70, align: 'right' },
              {
                title: '扣分',
                dataIndex: ['points', 'penalty'],
                width: 64,
                align: 'right',
                render: (v: number) => (v < 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
              },
              { title: '总分', width: 150, render: (_: unknown, r) => <RateBar actual={r.points.total} target={r.target.points} rate={r.rates.points} /> },
            ]}
          />
        </Card>
        <Card
          size="small"
          title="扣分记录"
          extra={
            office && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                登记扣分
              </Button>
            )
          }
        >
          <PenaltyTable items={penalties.data?.items ?? []} loading={penalties.isPending} mayRevoke={roles.includes('office_director')} />
        </Card>
      </Space>
      {adding && <PenaltyModal year={year} onClose={() => setAdding(false)} />}
    </PageContainer>
  );
}

function PenaltyTable({ items, loading, mayRevoke }: { items: Penalty[]; loading: boolean; mayRevoke: boolean }) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const revoke = (p: Penalty) => {
    let reason = '';
    modal.confirm({
      title: `撤销扣分：${p.divisionName} ${p.name}`,
      content: <Input.TextArea rows={3} maxLength={500} placeholder="撤销理由" onChange={(e) => (reason = e.target.value)} />,
      okText: '撤销',
      cancelText: '取消',
      onOk: async () => {
        try {
          await infoApi.revokePenalty(p.id, reason.trim());
          void qc.invalidateQueries({ queryKey: ['info'] });
          void message.success('已撤销');
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };
  return (
    <Table<Penalty>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 760 }}
      locale={{ emptyText: '本年度无扣分' }}
      columns={[
        { title: '日期', dataIndex: 'date', width: 104 },
        { title: '处室', dataIndex: 'divisionName', width: 100 },
        { title: '扣分项', dataIndex: 'name', width: 120 },
        { title: '分值', dataIndex: 'points', width: 60, align: 'right' },
        { title: '事由', dataIndex: 'reason', width: 280 },
        {
          title: '',
          width: 96,
          render: (_: unknown, p) =>
            p.revoked ? (
              <Tag>已撤销</Tag>
            ) : mayRevoke ? (
              <Button size="small" type="link" danger onClick={() => revoke(p)}>
                撤销
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

function PenaltyModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ divisionId: string; code: string; date: Dayjs; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const divisions = useQuery({ queryKey: ['info', 'divisions'], queryFn: infoApi.divisions, staleTime: 300_000 });
  const scoring = useQuery({ queryKey: ['info', 'scoring', year], queryFn: () => infoApi.scoring(year) });
  async function submit(v: { divisionId: string; code: string; date: Dayjs; reason: string }) {
    setError(null);
    try {
      await infoApi.createPenalty({ divisionId: v.divisionId, code: v.code, date: v.date.format('YYYY-MM-DD'), reason: v.reason });
      void qc.invalidateQueries({ queryKey: ['info'] });
      void message.success('已登记扣分');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <Modal open title="登记扣分" onCancel={onClose} onOk={() => form.submit()} okText="登记" cancelText="取消" destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="divisionId" label="处室" rules={[{ required: true, message: '请选择处室' }]}>
          <Select options={(divisions.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="code" label="扣分项" rules={[{ required: true, message: '请选择扣分项' }]}>
          <Select options={(scoring.data?.penalties ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.points} 分）` }))} />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
