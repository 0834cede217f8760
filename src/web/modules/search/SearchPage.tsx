import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Pagination, Segmented, Space, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Highlight, type SearchHit, splitHighlights } from '../../../shared/search.js';
import { formatDateTime } from '../../app/format.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import type { ObjectKind } from '../../app/module.js';
import { usePageTable } from '../../app/pageTable.js';
import { searchApi } from './searchApi.js';
import './search.css';

const PAGE_SIZE = 20;

type Kinds = ReadonlyMap<string, ObjectKind>;

/** The page a hit opens: the object's own page, or for an attachment its owner's. */
function hitPath(hit: SearchHit, kinds: Kinds): string | null {
  const target = hit.kind === 'attachment' ? hit.owner : { kind: hit.kind, id: hit.id };
  if (!target || target.kind === 'attachment' || !kinds.get(target.kind)?.searchable) return null;
  return `/${target.kind}/${encodeURIComponent(target.id)}`;
}

/** Renders server-given ranges as <mark>: the text stays plain text, never HTML. */
function Highlighted({ text, ranges }: { text: string; ranges: readonly Highlight[] }) {
  return <>{splitHighlights(text, ranges).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

function KindTag({ kind, kinds }: { kind: string; kinds: Kinds }) {
  const k = kinds.get(kind);
  return <Tag color={k?.color}>{k?.label ?? kind}</Tag>;
}

function HitItem({ hit, kinds }: { hit: SearchHit; kinds: Kinds }) {
  const path = hitPath(hit, kinds);
  const title = <Highlighted text={hit.title} ranges={hit.titleHighlights} />;
  return (
    <div className="zs-search-item" data-testid="search-hit">
      <Space size={4} wrap>
        <KindTag kind={hit.kind} kinds={kinds} />
        {path ? (
          <Link to={path} className="zs-search-title" data-testid="search-hit-link">
            {title}
          </Link>
        ) : (
          <span className="zs-search-title">{title}</span>
        )}
      </Space>
      {hit.snippet && (
        <p className="zs-search-snippet">
          <Highlighted text={hit.snippet} ranges={hit.snippetHighlights} />
        </p>
      )}
      <div className="zs-search-meta">
        {hit.kind === 'attachment' && hit.owner && <span>所属：{kinds.get(hit.owner.kind)?.label ?? hit.owner.kind} · </span>}
        更新于 {formatDateTime(hit.updatedAt)}
      </div>
    </div>
  );
}

export default function SearchPage() {
  const { kinds } = usePageTable();
  // The kinds users can filter by; hits of other kinds still show, with their raw name.
  const kindFilter = [{ value: '', label: '全部' }, ...[...kinds.values()].filter((k) => k.searchable).map((k) => ({ value: k.kind, label: k.label }))];
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const kind = params.get('kind') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  // The header box and the back button change the URL: the field follows it.
  useEffect(() => setText(q), [q]);

  const result = useQuery({
    queryKey: ['search', q, kind, page],
    queryFn: () => searchApi.search({ q, kind: kind || undefined, page, pageSize: PAGE_SIZE }),
    enabled: q !== '',
    placeholderData: (prev) => prev,
    meta: { silent: true },
  });

  const go = (patch: { q?: string; kind?: string; page?: number }) => {
    const next = new URLSearchParams();
    const nq = patch.q ?? q;
    const nk = patch.kind ?? kind;
    if (nq) next.set('q', nq);
    if (nk) next.set('kind', nk);
    const np = patch.page ?? 1;
    if (np > 1) next.set('page', String(np));
    setParams(next);
  };

  return (
    <PageContainer
      title="全文搜索"
      description="搜索您有权查看的收文、发文、督办事项及其附件的标题、文号和正文。两个以上汉字按原文精确匹配，空格分隔的多个词须同时出现。"
    >
      <Card size="small">
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Input.Search
            placeholder="输入标题、文号或正文中的词语"
            enterButton="搜索"
            allowClear
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => go({ q: v.trim() })}
            style={{ maxWidth: 560 }}
            aria-label="搜索内容"
            data-testid="search-page-input"
          />
          <Segmented value={kind} options={kindFilter} onChange={(v) => go({ kind: String(v) })} data-testid="search-kind" />
          {q === '' && <Empty description="请输入要搜索的内容" />}
          {q !== '' && result.isError && <Alert type="error" showIcon title={result.error.message} data-testid="search-error" />}
          {q !== '' && result.isPending && !result.isError && <Spin />}
          {q !== '' && result.data && (
            <Spin spinning={result.isFetching}>
              <div className="zs-search-meta" role="status" data-testid="search-total">
                {result.data.capped ? `找到 ${result.data.total} 条以上结果` : `找到 ${result.data.total} 条结果`}
              </div>
              {result.data.capped && (
                <Alert
                  type="info"
                  showIcon
                  title={`结果较多，按更新时间从新到旧分段列出（每段内标题命中的在前），目前已列出最近更新的 ${result.data.total} 条。翻到后面的页或点“继续查找更早的结果”会接着列出更早的文件；也可再加一个词（用空格分隔）或按类型筛选，缩小范围。`}
                  style={{ marginTop: 8 }}
                  data-testid="search-capped"
                />
              )}
              {result.data.items.length === 0 ? (
                <Empty description="没有找到相关内容" />
              ) : (
                <div data-testid="search-results">
                  {result.data.items.map((hit) => (
                    <HitItem key={`${hit.kind}:${hit.id}`} hit={hit} kinds={kinds} />
                  ))}
                </div>
              )}
              {(result.data.total > PAGE_SIZE || result.data.capped) && (
                <Space wrap style={{ marginTop: 12 }}>
                  <Pagination
                    current={page}
                    pageSize={PAGE_SIZE}
                    // While more match, one page past those counted so far stays open: opening it reads the next block.
                    total={result.data.capped ? result.data.total + 1 : result.data.total}
                    showSizeChanger={false}
                    showTotal={() => (result.data.capped ? `已列出 ${result.data.total} 条，还有更多` : `共 ${result.data.total} 条`)}
                    onChange={(p) => go({ page: p })}
                  />
                  {result.data.capped && (
                    <Button onClick={() => go({ page: Math.floor(result.data.total / PAGE_SIZE) + 1 })} data-testid="search-more">
                      继续查找更早的结果
                    </Button>
                  )}
                </Space>
              )}
            </Spin>
          )}
        </Space>
      </Card>
    </PageContainer>
  );
}
