import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Spin, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CHANNEL_LABELS, CHANNELS, type PetitionStats } from '../../../shared/petition.js';
import { followSize } from '../../app/charts/followSize.js';
import { errorMessage } from '../../app/errors.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { petitionApi } from './petitionApi.js';

// Only the parts of ECharts the charts use, so the page's chunk stays small.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts canvas drawn from `option`, redrawn when `data` changes and resized with its box. */
function useChart(option: () => echarts.EChartsCoreOption, data: unknown) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption(option());
    const stop = followSize(el.current, chart);
    return () => {
      stop();
      chart.dispose();
    };
  }, [data]);
  return el;
}

function MonthChart({ s }: { s: PetitionStats }) {
  const el = useChart(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: s.byMonth.map((_, i) => `${i + 1}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '收到', type: 'bar', itemStyle: { color: '#1677ff' }, data: s.byMonth }],
    }),
    s,
  );
  return <div ref={el} style={{ height: 260 }} data-testid="chart-month" />;
}

function ChannelChart({ s }: { s: PetitionStats }) {
  const el = useChart(
    () => ({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: CHANNELS.map((c) => ({ name: CHANNEL_LABELS[c], value: s.byChannel[c] })) }],
    }),
    s,
  );
  return <div ref={el} style={{ height: 260 }} data-testid="chart-channel" />;
}

function DivisionChart({ s }: { s: PetitionStats }) {
  const el = useChart(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: ['交办', '已答复', '按期答复'], top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: s.byDivision.map((d) => d.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '交办', type: 'bar', itemStyle: { color: '#8c8c8c' }, data: s.byDivision.map((d) => d.assigned) },
        { name: '已答复', type: 'bar', itemStyle: { color: '#1677ff' }, data: s.byDivision.map((d) => d.replied) },
        { name: '按期答复', type: 'bar', itemStyle: { color: '#389e0d' }, data: s.byDivision.map((d) => d.repliedOnTime) },
      ],
    }),
    s,
  );
  return <div ref={el} style={{ height: 260 }} data-testid="chart-division" />;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);

/** 信访统计: a year's petitions by channel, month and division, the 告知 and 办理 on-time rates, and today's open, due and overdue. */
export default function PetitionStatsPage() {
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const q = useQuery({ queryKey: ['petition', 'stats', year], queryFn: () => petitionApi.stats(year), meta: { silent: true } });
  const s = q.data;
  return (
    <PageContainer
      title="信访统计"
      description="按收到年份统计各类信访件；在办、5 日内到期和逾期为今日全部在办件。"
      extra={
        <>
          <Select
            aria-label="年份"
            value={year}
            style={{ width: 110 }}
            onChange={(y: number) => setParams({ year: String(y) })}
            options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
            data-testid="stats-year"
          />
          <Link to="/petition" style={{ marginLeft: 12 }}>
            返回台账
          </Link>
        </>
      }
    >
      {q.isPending && <Spin />}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {s && (
        <Row gutter={[16, 16]}>
          {[
            ['收到信访件', s.total, ''],
            ['告知按期率', pct(s.noticedOnTime, s.noticed), `${s.noticedOnTime}/${s.noticed}`],
            ['办理按期率', s.onTimeRate === null ? '—' : `${(s.onTimeRate * 100).toFixed(1)}%`, `${s.repliedOnTime}/${s.replied}`],
            ['在办', s.open, ''],
            ['5 日内到期', s.dueIn5Days, ''],
            ['逾期', s.overdue, ''],
          ].map(([title, value, suffix]) => (
            <Col xs={12} md={8} xl={4} key={String(title)}>
              <Card size="small">
                <Statistic title={title} value={value} suffix={suffix ? <span style={{ fontSize: 12, color: '#999' }}>{suffix}</span> : undefined} />
              </Card>
            </Col>
          ))}
          <Col xs={24} lg={14}>
            <Card title="按月收到" size="small">
              <MonthChart s={s} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title="按信访形式" size="small">
              <ChannelChart s={s} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card title="按承办处室" size="small">
              <DivisionChart s={s} />
              <Table
                size="small"
                rowKey="divisionId"
                pagination={false}
                dataSource={s.byDivision}
                columns={[
                  { title: '处室', dataIndex: 'name' },
                  { title: '交办', dataIndex: 'assigned' },
                  { title: '已答复', dataIndex: 'replied' },
                  { title: '按期答复', dataIndex: 'repliedOnTime' },
                  { title: '按期率', key: 'rate', render: (_: unknown, r) => pct(r.repliedOnTime, r.replied) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
