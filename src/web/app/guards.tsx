import { Button, Result, Spin } from 'antd';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from './auth.js';
import { errorMessage, loginPath } from './errors.js';
import { type AppPage, canOpen, homePathFor, PAGES } from './pages.js';

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
  return <Navigate to={homePathFor(me?.roles ?? [])} replace />;
}

const components = new Map<string, LazyExoticComponent<ComponentType>>(PAGES.map((p) => [p.key, lazy(p.load)]));

/** Opens a page of the route table, or says plainly that this account may not. */
export function PageGuard({ page }: { page: AppPage }) {
  const { data: me } = useMe();
  if (!me || !canOpen(page, me.roles)) return <Forbidden />;
  const Component = components.get(page.key);
  return Component ? <Component /> : <NotFound />;
}

export function Forbidden() {
  const { data: me } = useMe();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有使用此功能的权限。如确因工作需要，请联系安全保密管理员授权。"
      extra={
        <Link to={homePathFor(me?.roles ?? [])}>
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
