import { useQuery } from '@tanstack/react-query';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Col, Row, Space, Table, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { CLASSIFICATION_LABELS } from '../../../shared/secrecy.js';
import type { RefusalList, SecrecyDashboard } from '../../../shared/secrecy.people.js';
import { followSize } from '../../app/charts/followSize.js';
import { formatDateTime } from '../../app/format.js';
import { useKindLabel } from '../../app/pageTable.js';
import { secrecyApi } from './secrecyApi.js';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Counts = SecrecyDashboard['refusals']['byMonth'];

function Bars({ rows, title, testId }: { rows: Counts; title: string; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', itemStyle: { color: '#cf1322' }, data: rows.map((r) => r.count) }],
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
      style={{ width: '100%', height: 200 }}
      role="img"
      aria-label={`${title}：${rows.map((r) => `${r.label}${r.count}次`).join('；')}`}
      data-testid={testId}
    />
  );
}

/** 拦截记录 (保密员 only): who, when, where, which marking — never the text around it; charts by month, level, module, unit. */
export function RefusalsTab() {
  const [page, setPage] = useState(1);
  const kindLabel = useKindLabel();
  const list = useQuery({ queryKey: ['secrecy', 'refusals', page], queryFn: () => secrecyApi.refusals({ page, pageSize: 20 }) });
  const dash = useQuery({ queryKey: ['secrecy', 'dashboard'], queryFn: () => secrecyApi.dashboard(new Date().getFullYear()) });
  const r = dash.data?.refusals;
  const named = (rows: Counts) => rows.map((x) => ({ ...x, label: kindLabel(x.key) ?? (x.key === 'attachment' ? '附件' : x.label) }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {r && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Card size="small" title="按月">
              <Bars rows={r.byMonth} title="按月" testId="refusals-month" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="按模块">
              <Bars rows={named(r.byModule)} title="按模块" testId="refusals-module" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="按密级">
              <Bars rows={r.byLevel} title="按密级" testId="refusals-level" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="按处室">
              <Bars rows={r.byUnit} title="按处室" testId="refusals-unit" />
            </Card>
          </Col>
        </Row>
      )}
      <Table<RefusalList['items'][number]>
        rowKey="id"
        size="middle"
        data-testid="refusal-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 次` }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
          { title: '人员', key: 'who', width: 110, render: (_: unknown, x) => x.actor.name },
          { title: '处室', key: 'unit', width: 100, render: (_: unknown, x) => x.unit?.name ?? '—' },
          { title: '模块', dataIndex: 'module', width: 90, render: (m: string | null) => (m ? (kindLabel(m) ?? (m === 'attachment' ? '附件' : m)) : '—') },
          { title: '环节', dataIndex: 'what', width: 160 },
          {
            title: '标志',
            key: 'm',
            render: (_: unknown, x) => (
              <Space wrap size={4}>
                {x.markings.map((m, i) => (
                  <Tag key={i} color="red">
                    {m.marking}（{CLASSIFICATION_LABELS[m.level]}，第{m.line}行）
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
