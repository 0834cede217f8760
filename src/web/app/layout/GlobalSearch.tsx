import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

/**
 * The header's search box for business users: Enter opens the results page
 * (`/search?q=…`). On that page the box shows the current query, so the two
 * fields never disagree.
 */
export function GlobalSearch({ compact = false }: { compact?: boolean }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onSearchPage = location.pathname === '/search';
  const current = onSearchPage ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);

  const submit = (value: string) => {
    const q = value.trim();
    if (!q) return;
    // Keep the kind filter when searching again from the results page.
    const next = new URLSearchParams({ q });
    const kind = onSearchPage ? params.get('kind') : null;
    if (kind) next.set('kind', kind);
    void navigate(`/search?${next.toString()}`);
  };

  return (
    <Input
      className="zs-global-search"
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />}
      placeholder={compact ? '搜索' : '搜索公文、督办、附件'}
      allowClear
      maxLength={100}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={() => submit(text)}
      style={{ width: compact ? 120 : 240, marginRight: 8 }}
      aria-label="全文搜索"
      data-testid="global-search"
    />
  );
}
