import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Spin, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { CHANNEL_LEVEL_LABELS, CHANNEL_LEVELS, INFO_TYPE_LABELS, INFO_TYPES, INSTRUCTION_LEVEL_LABELS, INSTRUCTION_LEVELS } from '../../../shared/info.js';
import type { Scoring, ScoringBody, Targets } from '../../../shared/info.scoring.js';
import { useMe } from '../../app/auth.js';
import { errorMessage } from '../../app/errors.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { InfoNav } from './InfoNav.js';
import { infoApi } from './infoApi.js';

const thisYear = new Date().getFullYear();
const YEARS = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];

/** 考核设置: the year's scoring table and the divisions' targets; the office director edits, the others read. */
export default function ScoringPage() {
  const [year, setYear] = useState(thisYear);
  const roles = useMe().data?.roles ?? [];
  const editable = roles.includes('office_director');
  return (
    <PageContainer
      title="考核设置"
      description="年度信息考核计分表和各处室目标。计分按每条采用、批示、扣分所在年度的表计算；未设置的年度沿用上一年度。"
      extra={
        <Select value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} aria-label="年度" data-testid="scoring-year" />
      }
    >
      <InfoNav />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ScoringCard key={`s${year}`} year={year} editable={editable} />
        <TargetsCard key={`t${year}`} year={year} editable={editable} />
      </Space>
    </PageContainer>
  );
}

function ScoringCard({ year, editable }: { year: number; editable: boolean }) {
  const q = useQuery({ queryKey: ['info', 'scoring', year], queryFn: () => infoApi.scoring(year) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" title={errorMessage(q.error)} />;
  return <ScoringForm scoring={q.data} editable={editable} />;
}

function ScoringForm({ scoring, editable }: { scoring: Scoring; editable: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ScoringBody>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { year: _y, version, ...initial } = scoring;
  async function save(v: ScoringBody) {
    setBusy(true);
    setError(null);
    try {
      const saved = await infoApi.saveScoring(scoring.year, { ...v, version });
      qc.setQueryData(['info', 'scoring', scoring.year], saved);
      void message.success('计分表已保存');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card
      size="small"
      title={`${scoring.year}年计分表${version === 0 ? '（未单独设置，沿用上一年度或默认表）' : `（第 ${version} 版）`}`}
      data-testid="scoring-card"
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form<ScoringBody> form={form} initialValues={initial} onFinish={(v) => void save(v)} disabled={!editable} layout="vertical">
        <Form.Item name="submissionPoints" label="每报送一条（分）">
          <InputNumber min={0} max={1000} precision={0} />
        </Form.Item>
        <Typography.Title level={5}>采用渠道（多刊采用累加）</Typography.Title>
        <Form.List name="channels">
          {(fields, { add }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                scroll={{ x: 640 }}
                dataSource={fields}
                columns={[
                  {
                    title: '代码',
                    width: 140,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'code']} noStyle>
                        <Input maxLength={32} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '名称',
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'name']} noStyle>
                        <Input maxLength={50} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '层级',
                    width: 110,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'level']} noStyle>
                        <Select options={CHANNEL_LEVELS.map((l) => ({ value: l, label: CHANNEL_LEVEL_LABELS[l] }))} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '分值',
                    width: 90,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'points']} noStyle>
                        <InputNumber min={0} max={1000} precision={0} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '启用',
                    width: 70,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'active']} noStyle valuePropName="checked">
                        <Switch size="small" />
                      </Form.Item>
                    ),
                  },
                ]}
              />
              {editable && (
                <Button size="small" style={{ marginTop: 8 }} onClick={() => add({ code: '', name: '', level: 'ministry', points: 0, active: true })}>
                  增加渠道
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          领导批示加分
        </Typography.Title>
        <Space wrap>
          {INSTRUCTION_LEVELS.map((l) => (
            <Form.Item key={l} name={['instructionBonus', l]} label={INSTRUCTION_LEVEL_LABELS[l]}>
              <InputNumber min={0} max={1000} precision={0} />
            </Form.Item>
          ))}
          <Form.Item name="instructionRule" label="同一信息多次批示">
            <Radio.Group
              options={[
                { value: 'highest', label: '按最高层级计' },
                { value: 'sum', label: '逐次累加' },
              ]}
            />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>类型倍数（采用得分 × 倍数）</Typography.Title>
        <Space wrap>
          {INFO_TYPES.map((t) => (
            <Form.Item key={t} name={['typeMultiplier', t]} label={INFO_TYPE_LABELS[t]}>
              <InputNumber min={1} max={5} precision={0} />
            </Form.Item>
          ))}
        </Space>
        <Typography.Title level={5}>扣分项</Typography.Title>
        <Form.List name="penalties">
          {(fields, { add }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                scroll={{ x: 480 }}
                dataSource={fields}
                columns={[
                  {
                    title: '代码',
                    width: 160,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'code']} noStyle>
                        <Input maxLength={32} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '名称',
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'name']} noStyle>
                        <Input maxLength={50} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '分值',
                    width: 100,
                    render: (_: unknown, f) => (
                      <Form.Item name={[f.name, 'points']} noStyle>
                        <InputNumber min={-1000} max={0} precision={0} />
                      </Form.Item>
                    ),
                  },
                ]}
              />
              {editable && (
                <Button size="small" style={{ marginTop: 8 }} onClick={() => add({ code: '', name: '', points: -5 })}>
                  增加扣分项
                </Button>
              )}
            </>
          )}
        </Form.List>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }} data-testid="scoring-save">
            保存计分表
          </Button>
        )}
      </Form>
    </Card>
  );
}

function TargetsCard({ year, editable }: { year: number; editable: boolean }) {
  const q = useQuery({ queryKey: ['info', 'targets', year], queryFn: () => infoApi.targets(year) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" title={errorMessage(q.error)} />;
  return <TargetsForm targets={q.data} editable={editable} />;
}

function TargetsForm({ targets, editable }: { targets: Targets; editable: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ items: Targets['items'] }>();
  const [error, setError] = useState<string | null>(null);
  async function save(v: { items: Targets['items'] }) {
    setError(null);
    try {
      const saved = await infoApi.saveTargets(targets.year, { version: targets.version, items: v.items.map(({ divisionName: _n, ...i }) => i) });
      qc.setQueryData(['info', 'targets', targets.year], saved);
      void qc.invalidateQueries({ queryKey: ['info', 'ledger'] });
      void message.success('目标已保存');
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const num = (name: (string | number)[]) => (
    <Form.Item name={name} noStyle>
      <InputNumber min={0} max={10000} precision={0} />
    </Form.Item>
  );
  return (
    <Card size="small" title={`${targets.year}年各处室目标`} data-testid="targets-card">
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      <Form form={form} initialValues={{ items: targets.items }} onFinish={(v) => void save(v)} disabled={!editable}>
        <Form.List name="items">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              scroll={{ x: 480 }}
              dataSource={fields}
              columns={[
                { title: '处室', render: (_: unknown, f) => targets.items[f.name]?.divisionName },
                { title: '报送（条）', width: 120, render: (_: unknown, f) => num([f.name, 'submissions']) },
                { title: '采用（篇次）', width: 120, render: (_: unknown, f) => num([f.name, 'adoptions']) },
                { title: '得分', width: 120, render: (_: unknown, f) => num([f.name, 'points']) },
              ]}
            />
          )}
        </Form.List>
        {editable && (
          <Button type="primary" htmlType="submit" style={{ marginTop: 12 }} data-testid="targets-save">
            保存目标
          </Button>
        )}
      </Form>
    </Card>
  );
}
