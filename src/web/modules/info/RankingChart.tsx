import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Bulletin } from '../../../shared/info.scoring.js';
import { followSize } from '../../app/charts/followSize.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The 通报's ranking: the period's points and the year's so far, per division, best first. */
export function RankingChart({ rows }: { rows: Bulletin['ranking'] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const ordered = [...rows].reverse();
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: ['本期得分', '年度累计'], top: 0 },
      grid: { left: 72, right: 24, top: 32, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((r) => `${r.rank}. ${r.divisionName}`) },
      series: [
        { name: '本期得分', type: 'bar', itemStyle: { color: '#b71c1c' }, label: { show: true, position: 'right' }, data: ordered.map((r) => r.points) },
        { name: '年度累计', type: 'bar', itemStyle: { color: '#fa8c16' }, data: ordered.map((r) => r.yearPoints) },
      ],
    });
    const stop = followSize(el.current, chart);
    return () => {
      stop();
      chart.dispose();
    };
  }, [rows]);
  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.max(200, 60 * rows.length + 60) }}
      data-testid="ranking-chart"
      role="img"
      aria-label={`各处室得分排名：${rows.map((r) => `第${r.rank}名${r.divisionName}${r.points}分`).join('；')}`}
    />
  );
}
