import { Alert, DatePicker, Input, Select, Space, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { KEYWORD_CAPPED_NOTICE } from '../../../shared/search.js';
import { errorMessage } from '../errors.js';
import type { FilterSchema, Ledger, LedgerList } from './useLedger.js';

/* The ledger scaffold every module's list page is built of: its filters above, then what the list could not do, then the rows and the pager. */

// What a filter control needs of a ledger: it reads and sets one filter by its name in the schema.
type Filters<S extends FilterSchema> = Pick<Ledger<S, LedgerList>, 'schema' | 'text' | 'set'>;
type FilterName<S extends FilterSchema> = Exclude<keyof S['shape'] & string, 'page' | 'pageSize'>;

export function LedgerTable<S extends FilterSchema, L extends LedgerList>(p: {
  ledger: Ledger<S, L>;
  /** The filter controls (`LedgerSearch`, `FilterSelect`, `DateRangeFilter` …). */
  filters: ReactNode;
  columns: TableColumnsType<L['items'][number]>;
  /** Said when no row matches. */
  emptyText: string;
  /** The table's width, wider than a phone: it scrolls sideways there. */
  scrollX: number;
  testId?: string;
  onRow?: TableProps<L['items'][number]>['onRow'];
}) {
  const { list } = p.ledger;
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {p.filters}
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
      {list.data?.keywordCapped && <Alert type="info" showIcon title={KEYWORD_CAPPED_NOTICE} style={{ marginBottom: 16 }} data-testid="keyword-capped" />}
      <Table<L['items'][number]>
        rowKey="id"
        size="middle"
        data-testid={p.testId}
        loading={list.isFetching}
        columns={p.columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: p.scrollX }}
        onRow={p.onRow}
        pagination={{
          current: p.ledger.page,
          pageSize: p.ledger.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 件`,
          onChange: p.ledger.setPage,
        }}
        locale={{ emptyText: <Typography.Text type="secondary">{p.emptyText}</Typography.Text> }}
      />
    </>
  );
}

/** The keyword box (`q`): it follows the address, so the back button and a shared link fill it in. */
export function LedgerSearch<S extends FilterSchema>(p: { ledger: Filters<S>; placeholder: string; label: string; width?: number }) {
  const q = p.ledger.text['q'] ?? '';
  const [value, setValue] = useState(q);
  useEffect(() => setValue(q), [q]);
  return (
    <Input.Search
      allowClear
      placeholder={p.placeholder}
      aria-label={p.label}
      style={{ width: p.width ?? 260 }}
      maxLength={100}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(v) => p.ledger.set({ q: v.trim() || undefined })}
    />
  );
}

/** A choice among fixed values (状态, 处室, 紧急程度 …); cleared, it stops filtering. */
export function FilterSelect<S extends FilterSchema>(p: {
  ledger: Filters<S>;
  name: FilterName<S>;
  label: string;
  options: readonly { value: string; label: string }[];
  width?: number;
  testId?: string;
}) {
  return (
    <Select<string>
      allowClear
      placeholder={p.label}
      aria-label={`按${p.label}筛选`}
      style={{ width: p.width ?? 120 }}
      value={p.ledger.text[p.name]}
      onChange={(v?: string) => p.ledger.set({ [p.name]: v })}
      options={[...p.options]}
      data-testid={p.testId}
    />
  );
}

/** A text filter applied on Enter (来文单位 …). */
export function FilterInput<S extends FilterSchema>(p: { ledger: Filters<S>; name: FilterName<S>; label: string; width?: number }) {
  const current = p.ledger.text[p.name] ?? '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  return (
    <Input
      allowClear
      placeholder={p.label}
      aria-label={`按${p.label}筛选`}
      style={{ width: p.width ?? 140 }}
      maxLength={100}
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        if (e.target.value === '') p.ledger.set({ [p.name]: undefined });
      }}
      onPressEnter={() => p.ledger.set({ [p.name]: value.trim() || undefined })}
    />
  );
}

/** A date range over `from` and `to` (YYYY-MM-DD), either end open. */
export function DateRangeFilter<S extends FilterSchema>(p: { ledger: Filters<S>; label: string }) {
  const { from, to } = p.ledger.text;
  return (
    <DatePicker.RangePicker
      aria-label={p.label}
      placeholder={[`${p.label}起`, `${p.label}止`]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      allowEmpty={[true, true]}
      style={{ width: 250 }}
      onChange={(range) => p.ledger.set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
    />
  );
}
