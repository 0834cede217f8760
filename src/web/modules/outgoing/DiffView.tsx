import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DiffLine } from '../../../shared/outgoing.js';
import { formatDateTime } from '../../app/format.js';
import { outgoingApi } from './outgoingApi.js';

const DEL: React.CSSProperties = { background: '#fff1f0', color: '#cf1322', textDecoration: 'line-through' };
const INS: React.CSSProperties = { background: '#f6ffed', color: '#389e0d', textDecoration: 'underline' };

function Line({ line }: { line: DiffLine }) {
  const mark = line.op === 'insert' ? '+' : line.op === 'delete' ? '−' : line.op === 'change' ? '~' : ' ';
  return (
    <div style={{ display: 'flex', gap: 8, fontFamily: 'inherit', lineHeight: 1.8 }} data-testid={`diff-${line.op}`}>
      <span style={{ width: 12, color: '#999' }}>{mark}</span>
      <span style={{ flex: 1, whiteSpace: 'pre-wrap', ...(line.op === 'insert' ? INS : line.op === 'delete' ? DEL : {}) }}>
        {line.op === 'change'
          ? (line.pieces ?? []).map((p, i) => (
              <span key={i} style={p.op === 'insert' ? INS : p.op === 'delete' ? DEL : undefined}>
                {p.text}
              </span>
            ))
          : line.text}
      </span>
    </div>
  );
}

/** 修改痕迹: every saved 稿 of the document, and the differences between any two (by default the last two). */
export function DiffView({ id, round }: { id: string; round: number }) {
  const versions = useQuery({ queryKey: ['outgoing', 'versions', id, round], queryFn: () => outgoingApi.versions(id) });
  const [pair, setPair] = useState<{ from: number; to: number }>({ from: Math.max(1, round - 1), to: round });
  useEffect(() => setPair({ from: Math.max(1, round - 1), to: round }), [round]);
  const diff = useQuery({
    queryKey: ['outgoing', 'diff', id, pair.from, pair.to],
    queryFn: () => outgoingApi.diff(id, pair.from, pair.to),
    enabled: round > 1,
  });
  const opts = (versions.data?.items ?? []).map((v) => ({
    value: v.round,
    label: `第${v.round}稿 · ${v.author} · ${formatDateTime(v.at)}${v.note ? ` · ${v.note}` : ''}`,
  }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="diff-view">
      <List
        size="small"
        header={<Typography.Text strong>历次稿件</Typography.Text>}
        loading={versions.isPending}
        dataSource={versions.data?.items ?? []}
        renderItem={(v) => (
          <List.Item>
            第{v.round}稿 · {v.author} · {formatDateTime(v.at)}
            {v.note ? ` · ${v.note}` : ''}
          </List.Item>
        )}
      />
      {round <= 1 ? (
        <Empty description="只有第 1 稿，还没有修改痕迹" />
      ) : (
        <Card
          size="small"
          title="修改痕迹"
          extra={
            <Space>
              <Select size="small" style={{ width: 240 }} value={pair.from} options={opts} onChange={(from: number) => setPair((p) => ({ ...p, from }))} />
              →
              <Select size="small" style={{ width: 240 }} value={pair.to} options={opts} onChange={(to: number) => setPair((p) => ({ ...p, to }))} />
            </Space>
          }
        >
          {diff.isPending ? (
            <Spin />
          ) : (diff.data?.fields.length ?? 0) === 0 ? (
            <Empty description="两稿内容相同" />
          ) : (
            (diff.data?.fields ?? []).map((f) => (
              <div key={f.field} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{f.label}</Typography.Text>
                <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, fontFamily: '"FangSong", "仿宋", serif', fontSize: 15 }}>
                  {f.lines.map((l, i) => (
                    <Line key={i} line={l} />
                  ))}
                </div>
              </div>
            ))
          )}
        </Card>
      )}
    </Space>
  );
}
