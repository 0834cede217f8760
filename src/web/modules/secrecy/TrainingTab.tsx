import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { TRAINING_KIND_LABELS, type Training } from '../../../shared/secrecy.people.js';
import { DownloadButton } from '../../app/Download.js';
import { secrecyApi } from './secrecyApi.js';

const years = () => {
  const y = new Date().getFullYear();
  return [y, y - 1, y - 2].map((v) => ({ value: v, label: `${v}年` }));
};
const kindLabel = (k: string) => TRAINING_KIND_LABELS[k as keyof typeof TRAINING_KIND_LABELS] ?? k;
const passTag = (p: boolean | null) => (p === null ? '—' : p ? <Tag color="green">及格</Tag> : <Tag color="red">不及格</Tag>);

/** 培训场次 with attendees and scores, and the per-person ledger. */
export function TrainingTab({ officer: _officer }: { officer: boolean }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const sessions = useQuery({ queryKey: ['secrecy', 'trainings', year], queryFn: () => secrecyApi.trainings(year) });
  const people = useQuery({ queryKey: ['secrecy', 'training-people', year], queryFn: () => secrecyApi.trainingPeople(year) });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Select value={year} onChange={setYear} options={years()} style={{ width: 120 }} aria-label="年度" />
        <DownloadButton
          path={`/api/secrecy/trainings/export.xlsx?year=${year}`}
          fileName={`保密培训台账-${year}.xlsx`}
          icon={<DownloadOutlined />}
          testId="training-export"
        >
          导出培训台账
        </DownloadButton>
      </Space>
      <Card title="培训场次" size="small">
        <Table<Training>
          rowKey="id"
          size="middle"
          data-testid="training-table"
          loading={sessions.isFetching}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          scroll={{ x: 700 }}
          expandable={{
            expandedRowRender: (t) => (
              <Space wrap>
                {t.attendees.map((a) => (
                  <Tag key={a.userId} color={a.passed === false ? 'red' : undefined}>
                    {a.name}
                    {a.score !== null ? ` ${a.score}分` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '名称', dataIndex: 'title' },
            { title: '形式', dataIndex: 'kind', width: 120, render: kindLabel },
            { title: '学时', dataIndex: 'hours', width: 70 },
            { title: '人数', key: 'n', width: 70, render: (_: unknown, t) => t.attendees.length },
            { title: '不及格', key: 'f', width: 80, render: (_: unknown, t) => t.attendees.filter((a) => a.passed === false).length || '—' },
          ]}
        />
      </Card>
      <Card title="个人培训台账" size="small">
        <Table
          rowKey="userId"
          size="middle"
          data-testid="training-people"
          loading={people.isFetching}
          dataSource={people.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '场次', dataIndex: 'sessions', width: 80 },
            { title: '学时', dataIndex: 'hours', width: 80 },
            { title: '考试', dataIndex: 'exams', width: 80 },
            { title: '及格', dataIndex: 'passedExams', width: 80 },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 我的培训: anyone's own record. */
export function MyTrainingTab() {
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useQuery({ queryKey: ['secrecy', 'my-trainings', year], queryFn: () => secrecyApi.myTrainings(year) });
  const items = q.data?.items ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select value={year} onChange={setYear} options={years()} style={{ width: 120 }} aria-label="年度" />
        <span>
          {year}年共参加 {items.length} 次，{items.reduce((n, i) => n + i.hours, 0)} 学时
        </span>
      </Space>
      <Table
        rowKey="trainingId"
        size="middle"
        data-testid="my-training"
        loading={q.isFetching}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '本年度暂无培训记录' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '名称', dataIndex: 'title' },
          { title: '形式', dataIndex: 'kind', width: 120, render: kindLabel },
          { title: '学时', dataIndex: 'hours', width: 70 },
          { title: '成绩', dataIndex: 'score', width: 70, render: (v: number | null) => v ?? '—' },
          { title: '结果', dataIndex: 'passed', width: 80, render: passTag },
        ]}
      />
    </Space>
  );
}
