import type { ComponentType } from 'react';
import type { Role } from '../../shared/roles.js';

/**
 * The route table: every page of the signed-in client, its menu group and
 * who may open it. The menu, the router and the access guard all read this
 * one list (ant-design-pro's `config/routes.ts` + `access.ts` in one place).
 * Pages load lazily, so each module is its own chunk.
 */

export type GroupKey = 'work' | 'documents' | 'info' | 'support' | 'rules' | 'secrecy' | 'system' | 'security' | 'audit' | 'personal';

export const MENU_GROUPS: readonly { key: GroupKey; label: string }[] = [
  { key: 'work', label: '工作台' },
  { key: 'documents', label: '公文与督办' },
  { key: 'info', label: '信息与联络' },
  { key: 'support', label: '会务与保障' },
  { key: 'rules', label: '制度与队伍' },
  { key: 'secrecy', label: '保密管理' },
  { key: 'system', label: '系统管理' },
  { key: 'security', label: '安全管理' },
  { key: 'audit', label: '安全审计' },
  { key: 'personal', label: '个人' },
];

type Access = readonly Role[] | 'all';

export interface AppPage {
  /** Also the icon key of the menu and, for business modules, the server's module name. */
  key: string;
  /** Path without the leading slash; business modules also match `<path>/*`. */
  path: string;
  title: string;
  group: GroupKey;
  access: Access;
  /** A business module whose screens are not built yet: it opens the 建设中 page. */
  planned?: boolean;
  /** A built module with pages of its own below its path (`/incoming/new`, `/incoming/<id>`). */
  nested?: boolean;
  load: () => Promise<{ default: ComponentType }>;
}

/** Business roles (the bureau's work). The three administrators never see these modules (三员分立). */
const EVERYONE_IN_BUSINESS: Access = ['leader', 'office_director', 'office_clerk', 'division_head', 'staff', 'secrecy_officer'];
/** Those who handle documents, 督办 and petitions: leaders, the office and the divisions. */
const DOCUMENT_HANDLERS: Access = ['leader', 'office_director', 'office_clerk', 'division_head', 'staff'];

const planned = () => import('./UnderConstruction.js');

export const PAGES: readonly AppPage[] = [
  { key: 'workbench', path: 'workbench', title: '工作台', group: 'work', access: EVERYONE_IN_BUSINESS, load: () => import('./workbench/WorkbenchPage.js') },
  { key: 'todos', path: 'todos', title: '待办中心', group: 'work', access: EVERYONE_IN_BUSINESS, load: () => import('./todos/TodoCenterPage.js') },
  { key: 'search', path: 'search', title: '全文搜索', group: 'work', access: EVERYONE_IN_BUSINESS, load: () => import('../modules/search/SearchPage.js') },
  { key: 'dashboard', path: 'dashboard', title: '领导驾驶舱', group: 'work', access: ['leader', 'office_director'], planned: true, load: planned },

  {
    key: 'incoming',
    path: 'incoming',
    title: '收文管理',
    group: 'documents',
    access: DOCUMENT_HANDLERS,
    nested: true,
    load: () => import('../modules/incoming/IncomingModule.js'),
  },
  {
    key: 'outgoing',
    path: 'outgoing',
    title: '发文管理',
    group: 'documents',
    access: DOCUMENT_HANDLERS,
    nested: true,
    load: () => import('../modules/outgoing/OutgoingModule.js'),
  },
  {
    key: 'supervision',
    path: 'supervision',
    title: '督查督办',
    group: 'documents',
    access: DOCUMENT_HANDLERS,
    nested: true,
    load: () => import('../modules/supervision/SupervisionModule.js'),
  },

  { key: 'reports', path: 'reports', title: '信息报送', group: 'info', access: EVERYONE_IN_BUSINESS, planned: true, load: planned },
  { key: 'liaison', path: 'liaison', title: '代表委员联络', group: 'info', access: DOCUMENT_HANDLERS, planned: true, load: planned },
  { key: 'petitions', path: 'petitions', title: '信访工作', group: 'info', access: DOCUMENT_HANDLERS, planned: true, load: planned },

  { key: 'meetings', path: 'meetings', title: '会务管理', group: 'support', access: EVERYONE_IN_BUSINESS, planned: true, load: planned },
  {
    key: 'budget',
    path: 'budget',
    title: '经费预算与绩效',
    group: 'support',
    access: ['leader', 'office_director', 'office_clerk', 'division_head'],
    planned: true,
    load: planned,
  },
  { key: 'assets', path: 'assets', title: '物资与后勤', group: 'support', access: EVERYONE_IN_BUSINESS, planned: true, load: planned },

  { key: 'rules', path: 'rules', title: '制度库', group: 'rules', access: EVERYONE_IN_BUSINESS, planned: true, load: planned },
  { key: 'people', path: 'people', title: '队伍建设', group: 'rules', access: EVERYONE_IN_BUSINESS, planned: true, load: planned },

  {
    key: 'secrecy',
    path: 'secrecy',
    title: '保密管理',
    group: 'secrecy',
    access: ['secrecy_officer', 'leader', 'office_director', 'division_head'],
    planned: true,
    load: planned,
  },

  { key: 'units', path: 'system/units', title: '组织机构', group: 'system', access: ['sysadmin'], load: () => import('../modules/org/UnitsPage.js') },
  { key: 'accounts', path: 'system/accounts', title: '用户账号', group: 'system', access: ['sysadmin'], load: () => import('../modules/org/AccountsPage.js') },
  {
    key: 'calendar',
    path: 'system/calendar',
    title: '工作日历',
    group: 'system',
    access: ['sysadmin'],
    load: () => import('../modules/calendar/CalendarPage.js'),
  },

  {
    key: 'grants',
    path: 'security/grants',
    title: '角色授权',
    group: 'security',
    access: ['secadmin'],
    load: () => import('../modules/security/RoleGrantsPage.js'),
  },
  {
    key: 'policy',
    path: 'security/policy',
    title: '安全策略',
    group: 'security',
    access: ['secadmin'],
    load: () => import('../modules/security/PolicyPage.js'),
  },

  { key: 'audit', path: 'audit/log', title: '审计日志', group: 'audit', access: ['auditor'], load: () => import('../modules/audit/AuditLogPage.js') },

  { key: 'me', path: 'me', title: '个人中心', group: 'personal', access: 'all', load: () => import('../modules/me/MePage.js') },
];

export function canOpen(page: AppPage, roles: readonly Role[]): boolean {
  return page.access === 'all' || roles.some((r) => (page.access as readonly Role[]).includes(r));
}

export function pagesFor(roles: readonly Role[]): AppPage[] {
  return PAGES.filter((p) => canOpen(p, roles));
}

/** Where `/` leads: the first page of the user's menu that is not 个人中心. */
export function homePathFor(roles: readonly Role[]): string {
  const first = pagesFor(roles).find((p) => p.key !== 'me');
  return `/${first?.path ?? 'me'}`;
}

export function pageByKey(key: string): AppPage | undefined {
  return PAGES.find((p) => p.key === key);
}
