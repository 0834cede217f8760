import { Button, Result, Spin } from 'antd';
import type { ComponentType } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from './auth.js';
import { errorMessage, loginPath } from './errors.js';
import type { AppPage } from './module.js';
import { canOpen, homePathFor, usePageTable } from './pageTable.js';

export function FullPageSpin({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div
      className="zs-fullpage-spin"
      style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}
      role="status"
      aria-live="polite"
    >
      <Spin size="large" description={tip} />
    </div>
  );
}

/**
 * Signed-in routes: no user → the login page with a return path; a user who
 * must change the password → the forced change page, and nowhere else.
 */
export function RequireAuth({ passwordChangePage = false }: { passwordChangePage?: boolean }) {
  const { data: me, isPending, isError, error, refetch } = useMe();
  const location = useLocation();
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (isPending) return <FullPageSpin />;
  if (isError) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me) return <Navigate to={loginPath(here)} replace />;
  if (me.mustChangePassword && !passwordChangePage) {
    const from = new URLSearchParams({ from: here }).toString();
    return <Navigate to={`/change-password?${from}`} replace />;
  }
  return <Outlet />;
}

export function HomeRedirect() {
  const { data: me } = useMe();
  const table = usePageTable();
  return <Navigate to={homePathFor(table, me?.roles ?? [])} replace />;
}

/** Opens a page of the page table, or says plainly that this account may not. */
export function PageGuard({ page, component: Component }: { page: AppPage; component: ComponentType }) {
  const { data: me } = useMe();
  if (!me || !canOpen(page, me.roles)) return <Forbidden />;
  return <Component />;
}

export function Forbidden() {
  const { data: me } = useMe();
  const table = usePageTable();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有使用此功能的权限。如确因工作需要，请联系安全保密管理员授权。"
      extra={
        <Link to={homePathFor(table, me?.roles ?? [])}>
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，可能链接有误或已被移除。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

export function PageOutlet() {
  return <Outlet />;
}
