import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Statistic, Table } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { IncomingStats } from '../../../shared/incoming.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { incomingApi } from './incomingApi.js';
import { followSize } from '../../app/charts/followSize.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const days = (x: number | null) => (x === null ? '—' : `${x} 个工作日`);

function MonthChart({ stats }: { stats: IncomingStats }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['收文', '办结', '超期', '办结率'] },
      grid: { left: 48, right: 56, top: 64, bottom: 32 },
      xAxis: { type: 'category', data: stats.byMonth.map((m) => `${Number(m.month.slice(5))}月`) },
      yAxis: [
        { type: 'value', name: '件', minInterval: 1 },
        { type: 'value', name: '办结率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: '收文', type: 'bar', data: stats.byMonth.map((m) => m.total), itemStyle: { color: '#1f5eff' } },
        { name: '办结', type: 'bar', data: stats.byMonth.map((m) => m.completed), itemStyle: { color: '#52c41a' } },
        { name: '超期', type: 'bar', data: stats.byMonth.map((m) => m.overdue), itemStyle: { color: '#f5222d' } },
        { name: '办结率', type: 'line', yAxisIndex: 1, data: stats.byMonth.map((m) => (m.total > 0 ? Math.round(m.completionRate * 1000) / 10 : null)) },
      ],
    });
    const stopFollowing = followSize(el.current, chart);
    return () => {
      stopFollowing();
      chart.dispose();
    };
  }, [stats]);
  return <div ref={el} style={{ width: '100%', height: 340 }} role="img" aria-label="按月收文、办结、超期与办结率图表" data-testid="incoming-chart" />;
}

export default function IncomingStatsPage() {
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const q = useQuery({ queryKey: ['incoming', 'stats', year], queryFn: () => incomingApi.stats(year) });
  const s = q.data;
  return (
    <PageContainer
      title="收文统计"
      description="办结率、超期件数、办理用时中位数（收文至办结的工作日），按处室和月份；作废和退文不计入。"
      extra={
        <Select
          aria-label="统计年度"
          value={year}
          onChange={setYear}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y} 年` }))}
        />
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card loading={q.isPending}>
            <Statistic title="收文总数" value={s?.total ?? 0} suffix="件" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={q.isPending}>
            <Statistic title="办结率" value={s ? pct(s.completionRate) : '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={q.isPending}>
            <Statistic title="超期" value={s?.overdue ?? 0} suffix="件" styles={{ content: { color: s && s.overdue > 0 ? '#f5222d' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={q.isPending}>
            <Statistic title="办理用时中位数" value={days(s?.medianHandlingDays ?? null)} />
          </Card>
        </Col>
        <Col span={24}>
          <Card title="按月" size="small">
            {s && <MonthChart stats={s} />}
          </Card>
        </Col>
        <Col span={24}>
          <Card title="按处室" size="small">
            <Table
              rowKey={(r) => r.divisionId ?? 'none'}
              size="small"
              pagination={false}
              loading={q.isPending}
              dataSource={s?.byDivision ?? []}
              data-testid="incoming-stats-table"
              onRow={(r) => ({ onClick: () => r.divisionId && void navigate('/incoming') })}
              columns={[
                { title: '处室', dataIndex: 'name' },
                { title: '收文', dataIndex: 'total', width: 90 },
                { title: '办结', dataIndex: 'completed', width: 90 },
                { title: '办结率', dataIndex: 'completionRate', width: 100, render: (v: number) => pct(v) },
                { title: '超期', dataIndex: 'overdue', width: 90 },
                { title: '用时中位数', dataIndex: 'medianHandlingDays', width: 140, render: (v: number | null) => days(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
