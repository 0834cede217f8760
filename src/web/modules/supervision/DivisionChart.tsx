import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { WeeklyReport } from '../../../shared/supervision.js';
import { followSize } from '../../app/charts/followSize.js';

// Only the parts of ECharts the chart uses, so the page's chunk stays small.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Counts per division (stacked bars) and the completion rate (line, right axis). */
export function DivisionChart({ rows }: { rows: WeeklyReport['byDivision'] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const names = rows.map((r) => r.name);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: ['已办结', '在办（按期）', '逾期', '办结率'], top: 0 },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: names },
      yAxis: [
        { type: 'value', name: '件数', minInterval: 1 },
        { type: 'value', name: '办结率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: '已办结', type: 'bar', stack: 'n', itemStyle: { color: '#389e0d' }, data: rows.map((r) => r.closed) },
        { name: '在办（按期）', type: 'bar', stack: 'n', itemStyle: { color: '#1677ff' }, data: rows.map((r) => r.inProgress - r.overdue) },
        { name: '逾期', type: 'bar', stack: 'n', itemStyle: { color: '#d4380d' }, data: rows.map((r) => r.overdue) },
        {
          name: '办结率',
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: '#faad14' },
          label: { show: true, formatter: '{c}%' },
          data: rows.map((r) => r.completionRate),
        },
      ],
    });
    const stopFollowing = followSize(el.current, chart);
    return () => {
      stopFollowing();
      chart.dispose();
    };
  }, [rows]);
  return (
    <div
      ref={el}
      style={{ width: '100%', height: 320 }}
      data-testid="division-chart"
      role="img"
      aria-label={`各处室办理情况：${rows.map((r) => `${r.name}事项${r.total}件、已办结${r.closed}件、逾期${r.overdue}件、办结率${r.completionRate}%`).join('；')}`}
    />
  );
}
