import { DeleteOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Input, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { CalendarSource, CalendarYearView } from '../../../shared/calendar.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { isApiError } from '../../app/http.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import './calendar.css';

const SOURCE_TEXT: Record<CalendarSource, string> = { shipped: '国务院通知内置', override: '人工录入', none: '无数据（暂按周末）' };
const SOURCE_COLOR: Record<CalendarSource, string> = { shipped: 'green', override: 'blue', none: 'default' };
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const yearKey = (year: number) => ['calendar', year] as const;

interface Draft {
  offDays: string[];
  makeupWorkdays: string[];
  provisional: boolean;
  note: string;
}

const draftOf = (v: CalendarYearView): Draft => ({ offDays: v.offDays, makeupWorkdays: v.makeupWorkdays, provisional: v.provisional, note: v.note ?? '' });

/** The server's 400 lists every problem (`details.fields`), so the sysadmin fixes the table in one pass. */
function problemsOf(err: unknown): string[] {
  if (!isApiError(err) || err.code !== 'validation') return [];
  const fields = (err.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f: unknown) =>
    typeof f === 'object' && f !== null && typeof (f as { message?: unknown }).message === 'string' ? [(f as { message: string }).message] : [],
  );
}

type DayKind = 'off' | 'makeup' | 'weekend' | 'work';
const DAY_TEXT: Record<DayKind, string> = { off: '法定节假日', makeup: '调休上班', weekend: '周末', work: '工作日' };

function MonthGrid({ year, month, off, makeup }: { year: number; month: number; off: ReadonlySet<string>; makeup: ReadonlySet<string> }) {
  const first = dayjs(new Date(year, month, 1));
  // Monday-first weeks, as Chinese calendars print them.
  const lead = (first.day() + 6) % 7;
  const cells: (Dayjs | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= first.daysInMonth(); d++) cells.push(first.date(d));
  return (
    <div className="zs-cal-month" data-testid={`cal-month-${month + 1}`}>
      <div className="zs-cal-month-title">{month + 1}月</div>
      <div className="zs-cal-grid" role="grid" aria-label={`${year}年${month + 1}月`}>
        {WEEK_HEAD.map((w) => (
          <div key={w} className="zs-cal-head" role="columnheader">
            {w}
          </div>
        ))}
        {cells.map((c, i) => {
          if (!c) return <div key={`pad-${i}`} className="zs-cal-cell zs-cal-pad" />;
          const date = c.format('YYYY-MM-DD');
          const weekend = c.day() === 0 || c.day() === 6;
          const kind: DayKind = off.has(date) ? 'off' : makeup.has(date) ? 'makeup' : weekend ? 'weekend' : 'work';
          return (
            <div key={date} role="gridcell" className={`zs-cal-cell zs-cal-${kind}`} data-date={date} data-kind={kind} title={`${date} ${DAY_TEXT[kind]}`}>
              {c.date()}
              {kind === 'off' && <span className="zs-cal-mark">休</span>}
              {kind === 'makeup' && <span className="zs-cal-mark">班</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function DateList({
  label,
  dates,
  onChange,
  allow,
  year,
  testId,
}: {
  label: string;
  dates: string[];
  onChange: (next: string[]) => void;
  allow: (d: Dayjs) => boolean;
  year: number;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{label}</Typography.Text>
      <div className="zs-cal-add">
        <DatePicker
          aria-label={`添加${label}`}
          placeholder={`添加${label}`}
          value={null}
          defaultPickerValue={dayjs(new Date(year, 0, 1))}
          disabledDate={(d) => d.year() !== year || !allow(d) || dates.includes(d.format('YYYY-MM-DD'))}
          onChange={(d: Dayjs | null) => {
            if (d) onChange([...dates, d.format('YYYY-MM-DD')].sort());
          }}
        />
      </div>
      <div className="zs-cal-tags">
        {dates.length === 0 && <Typography.Text type="secondary">（无）</Typography.Text>}
        {dates.map((d) => (
          <Tag key={d} closable onClose={() => onChange(dates.filter((x) => x !== d))} closeIcon={<DeleteOutlined aria-label={`删除 ${d}`} />}>
            {d}（周{WEEK_HEAD[(dayjs(d).day() + 6) % 7]}）
          </Tag>
        ))}
      </div>
    </div>
  );
}

/** 工作日历 (sysadmin): the year's off days and 调休上班 days that every deadline is counted on. */
export default function CalendarPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(() => dayjs().year());
  const view = useQuery({ queryKey: yearKey(year), queryFn: () => api.calendar.year(year) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  // A freshly loaded year (or the server's answer to a save) replaces the draft.
  useEffect(() => {
    setDraft(view.data ? draftOf(view.data) : null);
    setProblems([]);
  }, [view.data]);

  const after = (v: CalendarYearView) => {
    qc.setQueryData(yearKey(year), v);
  };
  const save = useMutation({
    mutationFn: (d: Draft) =>
      api.calendar.save(year, {
        offDays: d.offDays,
        makeupWorkdays: d.makeupWorkdays,
        provisional: d.provisional,
        note: d.note,
        version: view.data?.version ?? 0,
      }),
    meta: { silent: true },
    onSuccess: (v) => {
      after(v);
      message.success(`${year}年工作日历已保存`);
    },
    onError: async (err) => {
      setProblems(problemsOf(err));
      if (isApiError(err) && err.status === 409) {
        message.error('该年度日历已被他人修改，已重新读取最新数据，请核对后再保存');
        await qc.invalidateQueries({ queryKey: yearKey(year) });
      } else if (!problemsOf(err).length) message.error(errorMessage(err));
    },
  });
  const reset = useMutation({
    mutationFn: () => api.calendar.resetOverride(year, view.data?.version || undefined),
    onSuccess: (v) => {
      after(v);
      message.success(`已恢复${year}年的内置数据`);
    },
    onError: () => qc.invalidateQueries({ queryKey: yearKey(year) }),
  });

  const off = useMemo(() => new Set(draft?.offDays ?? []), [draft]);
  const makeup = useMemo(() => new Set(draft?.makeupWorkdays ?? []), [draft]);
  const data = view.data;
  const dirty = !!data && !!draft && JSON.stringify(draftOf(data)) !== JSON.stringify(draft);

  return (
    <PageContainer
      title="工作日历"
      description="维护每年的法定节假日和调休上班日。收文、督办等期限按此计算；国务院放假通知发布后请及时核对录入。"
      extra={
        <DatePicker
          picker="year"
          allowClear={false}
          aria-label="选择年份"
          data-testid="calendar-year"
          value={dayjs(new Date(year, 0, 1))}
          disabledDate={(d) => d.year() < 2000 || d.year() > 2099}
          onChange={(d: Dayjs | null) => d && setYear(d.year())}
        />
      }
    >
      {view.isPending || !draft || !data ? (
        view.isError ? (
          <Alert type="error" showIcon title={errorMessage(view.error)} />
        ) : (
          <div className="zs-page-spin" role="status">
            <Spin description="正在加载…" />
          </div>
        )
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card
              className="zs-cal-card"
              title={
                <Space wrap>
                  <span>{year}年</span>
                  <Tag color={SOURCE_COLOR[data.source]} data-testid="calendar-source">
                    {SOURCE_TEXT[data.source]}
                  </Tag>
                  {data.provisional && (
                    <Tag color="orange" data-testid="calendar-provisional">
                      暂定
                    </Tag>
                  )}
                </Space>
              }
              extra={
                <Space className="zs-cal-legend" wrap>
                  <span className="zs-cal-swatch zs-cal-off">休</span>法定节假日
                  <span className="zs-cal-swatch zs-cal-makeup">班</span>调休上班
                  <span className="zs-cal-swatch zs-cal-weekend" />
                  周末
                </Space>
              }
            >
              {data.provisional && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={data.source === 'none' ? '尚无该年度的放假安排，期限暂按周末休息计算并标注“暂定”。' : '该年度安排标为暂定，期限计算会提示“暂定”。'}
                />
              )}
              <div className="zs-cal-year" data-testid="calendar-grid">
                {Array.from({ length: 12 }, (_, m) => (
                  <MonthGrid key={m} year={year} month={m} off={off} makeup={makeup} />
                ))}
              </div>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title="编辑放假安排" data-testid="calendar-editor">
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                {problems.length > 0 && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    title="日历数据有误，请修改后再保存"
                    description={
                      <ul className="zs-cal-problems">
                        {problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    }
                  />
                )}
                <DateList
                  label="放假日期（星期一至星期五）"
                  testId="calendar-off-days"
                  year={year}
                  dates={draft.offDays}
                  allow={(d) => d.day() !== 0 && d.day() !== 6}
                  onChange={(offDays) => setDraft({ ...draft, offDays })}
                />
                <DateList
                  label="调休上班日（星期六、星期日）"
                  testId="calendar-makeup-days"
                  year={year}
                  dates={draft.makeupWorkdays}
                  allow={(d) => d.day() === 0 || d.day() === 6}
                  onChange={(makeupWorkdays) => setDraft({ ...draft, makeupWorkdays })}
                />
                <Checkbox checked={draft.provisional} onChange={(e) => setDraft({ ...draft, provisional: e.target.checked })}>
                  暂定（放假通知尚未正式发布）
                </Checkbox>
                <div>
                  <Typography.Text strong>说明</Typography.Text>
                  <Input.TextArea
                    aria-label="说明"
                    placeholder="如：依据国办发明电〔2026〕X号"
                    maxLength={200}
                    showCount
                    autoSize={{ minRows: 2, maxRows: 4 }}
                    value={draft.note}
                    onChange={(e) => setDraft({ ...draft, note: e.target.value })}
                  />
                </div>
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={save.isPending}
                    disabled={!dirty}
                    onClick={() => save.mutate(draft)}
                    data-testid="calendar-save"
                  >
                    保存
                  </Button>
                  <Button disabled={!dirty} onClick={() => setDraft(draftOf(data))}>
                    放弃修改
                  </Button>
                  {data.source === 'override' && (
                    <Popconfirm
                      title="恢复内置数据？"
                      description="将删除人工录入的本年度安排，改用程序内置的国务院通知数据（没有内置数据的年份按周末计算）。"
                      okText="恢复"
                      cancelText="取消"
                      onConfirm={() => reset.mutateAsync()}
                    >
                      <Button icon={<ReloadOutlined />} danger>
                        恢复内置数据
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  {data.updatedAt ? `最近修改：${formatDateTime(data.updatedAt)}（第 ${data.version} 版）` : '本年度尚无人工录入的数据。'}
                </Typography.Text>
              </Space>
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
