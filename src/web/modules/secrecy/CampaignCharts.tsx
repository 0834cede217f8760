import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { CampaignStats } from '../../../shared/secrecy.inspection.js';
import { followSize } from '../../app/charts/followSize.js';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts chart drawn from `option`, redrawn when `key` changes. */
function useChart(option: echarts.EChartsCoreOption, key: unknown) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const stop = followSize(el.current, chart);
    return () => {
      stop();
      chart.dispose();
    };
  }, [key]);
  return el;
}

/** 提交率 and 完成率 as a pie of the sheets' states. */
export function SubmissionChart({ stats }: { stats: CampaignStats }) {
  const pending = stats.sheets - stats.submitted;
  const el = useChart(
    {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '65%'],
          label: { formatter: '{b}\n{c} 份' },
          data: [
            { name: '已完成', value: stats.closed, itemStyle: { color: '#389e0d' } },
            { name: '已提交未完成', value: stats.submitted - stats.closed, itemStyle: { color: '#1677ff' } },
            { name: '待自查', value: pending, itemStyle: { color: '#bfbfbf' } },
          ],
        },
      ],
    },
    stats,
  );
  return (
    <div
      ref={el}
      style={{ width: '100%', height: 260 }}
      role="img"
      aria-label={`提交率${stats.submissionRate}%，完成率${stats.closureRate}%`}
      data-testid="submission-chart"
    />
  );
}

/** 不符合 by 方面. */
export function SectionChart({ stats }: { stats: CampaignStats }) {
  const el = useChart(
    {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: stats.bySection.map((s) => `${s.code}. ${s.name}`) },
      series: [{ name: '不符合', type: 'bar', itemStyle: { color: '#d4380d' }, data: stats.bySection.map((s) => s.noncompliant) }],
    },
    stats,
  );
  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.max(200, stats.bySection.length * 26 + 40) }}
      role="img"
      aria-label={`各方面不符合项：${stats.bySection.map((s) => `${s.name}${s.noncompliant}项`).join('；')}`}
      data-testid="section-chart"
    />
  );
}
