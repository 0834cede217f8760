import { CheckSquareOutlined, DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { api } from '../api.js';
import { useCurrentUser, useLogout } from '../auth.js';
import type { AppPage } from '../module.js';
import { MENU_GROUPS, type PageHandle, pagesFor, usePageTable } from '../pageTable.js';
import { TODOS_KEY } from '../todos/todosQuery.js';
import { ActingBanner, ActingSelector } from './ActingFor.js';
import { GlobalSearch } from './GlobalSearch.js';
import { NotificationBell } from './NotificationBell.js';
import { unreadQuery, useUnreadStream } from './notifications.js';
import './layout.css';

const { Header, Sider, Content } = Layout;

function buildMenu(pages: AppPage[]): MenuProps['items'] {
  return MENU_GROUPS.map((g) => {
    const children = pages.filter((p) => p.group === g.key).map((p) => ({ key: p.key, icon: <p.icon />, label: <Link to={`/${p.path}`}>{p.title}</Link> }));
    return children.length ? { type: 'group' as const, key: `group-${g.key}`, label: g.label, children } : null;
  }).filter((x) => x !== null);
}

function useCurrentPage(): AppPage | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i]?.handle as PageHandle | undefined;
    if (handle?.page) return handle.page;
  }
  return undefined;
}

export default function AppLayout() {
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const page = useCurrentPage();
  const table = usePageTable();
  const pages = useMemo(() => pagesFor(table, me.roles), [table, me.roles]);
  const menuItems = useMemo(() => buildMenu(pages), [pages]);
  const isBusinessUser = pages.some((p) => p.key === 'todos');

  const todos = useQuery({
    queryKey: TODOS_KEY,
    queryFn: api.todos.list,
    enabled: isBusinessUser,
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  // The badge follows the server's stream; it polls only while the stream is not speaking.
  // (This layout renders only after sign-in and never while a password change is forced.)
  const streamLive = useUnreadStream(isBusinessUser && !me.mustChangePassword);
  const notifications = useQuery(unreadQuery(isBusinessUser, !streamLive));

  useEffect(() => setDrawerOpen(false), [location.pathname]);
  useEffect(() => {
    document.title = page ? `${page.title} - 中枢办公平台` : '中枢办公平台';
  }, [page]);

  const menu = <Menu theme="dark" mode="inline" items={menuItems} selectedKeys={page ? [page.key] : []} aria-label="主菜单" data-testid="main-menu" />;

  const brand = (
    <Link to="/" className="zs-brand" aria-label="中枢办公平台首页">
      <span className="zs-brand-logo" aria-hidden="true">
        枢
      </span>
      {(!collapsed || isMobile) && <span className="zs-brand-name">中枢办公平台</span>}
    </Link>
  );

  const todoCount = todos.data?.total ?? 0;
  const unread = notifications.data?.unread ?? 0;
  // An account not yet granted a role says so instead of ending in a bare separator.
  const roleText = me.roles.length ? me.roles.map((r) => ROLE_LABELS[r]).join('、') : '未授权';

  const userMenu: MenuProps = {
    items: [
      { key: 'me', icon: <UserOutlined />, label: '个人中心' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: async ({ key }) => {
      if (key === 'me') await navigate('/me');
      if (key === 'logout') await logout();
    },
  };

  return (
    <Layout className="zs-app" hasSider={!isMobile}>
      <a className="zs-skip-link" href="#zs-main">
        跳到正文
      </a>
      {!isMobile && (
        <Sider
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="zs-sider"
          trigger={<span aria-label={collapsed ? '展开菜单' : '收起菜单'}>{collapsed ? '»' : '« 收起'}</span>}
        >
          {brand}
          <nav className="zs-sider-menu" aria-label="功能导航">
            {menu}
          </nav>
        </Sider>
      )}
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={256}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
          title="功能导航"
          className="zs-drawer"
          data-testid="menu-drawer"
        >
          {brand}
          <nav aria-label="功能导航">{menu}</nav>
        </Drawer>
      )}
      <Layout className="zs-main-layout">
        <Header className="zs-header">
          <div className="zs-header-left">
            {isMobile && <Button type="text" icon={<MenuOutlined />} aria-label="打开功能菜单" onClick={() => setDrawerOpen(true)} data-testid="menu-toggle" />}
            {isMobile && <span className="zs-header-brand">中枢</span>}
            {!isMobile && (
              <Typography.Text className="zs-header-title" strong>
                {page?.title ?? ''}
              </Typography.Text>
            )}
          </div>
          <div className="zs-header-right">
            {isBusinessUser && <GlobalSearch compact={isMobile} />}
            {isBusinessUser && (
              <Tooltip title="待办中心">
                <Link to="/todos" className="zs-header-action" aria-label={`待办中心，${todoCount} 项待办`} data-testid="todo-badge">
                  <Badge count={todoCount} size="small" overflowCount={99}>
                    <CheckSquareOutlined style={{ fontSize: 18 }} />
                  </Badge>
                  {!isMobile && <span className="zs-header-action-text">待办</span>}
                </Link>
              </Tooltip>
            )}
            <ActingSelector enabled={isBusinessUser} compact={isMobile} />
            {isBusinessUser && <NotificationBell unread={unread} compact={isMobile} />}
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" className="zs-user" aria-label={`当前用户 ${me.name}，${me.unitName ?? ''}，打开用户菜单`} data-testid="user-menu">
                <Avatar size="small" style={{ background: '#1f5eff' }}>
                  {me.name.slice(0, 1)}
                </Avatar>
                {!isMobile && (
                  <span className="zs-user-text">
                    <span className="zs-user-name" data-testid="user-name">
                      {me.name}
                    </span>
                    <span className="zs-user-unit" data-testid="user-unit">
                      {me.unitName === roleText ? roleText : `${me.unitName ?? '未分配单位'} · ${roleText}`}
                    </span>
                  </span>
                )}
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </div>
        </Header>
        <ActingBanner />
        <Content className="zs-content" id="zs-main" tabIndex={-1}>
          {isMobile && (
            <div className="zs-mobile-user" data-testid="mobile-user">
              {me.name} · {me.unitName ?? '未分配单位'}
            </div>
          )}
          <Suspense
            fallback={
              <div className="zs-page-spin" role="status">
                <Spin description="正在加载…" />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
        <footer className="zs-footer">中枢办公平台 · 非涉密信息系统，严禁处理涉密信息</footer>
      </Layout>
    </Layout>
  );
}
