import { createContext, useContext } from 'react';
import type { Role } from '../../shared/roles.js';
import type { AppPage, GroupKey, ObjectKind } from './module.js';

/**
 * Every page of the signed-in client in menu order, and every kind of object
 * with its label: built once from the installed modules (`pages.ts`), then
 * read by the router, the menu, the access guard and the pages that name
 * kinds (ant-design-pro's `config/routes.ts` + `access.ts` in one place).
 */
export interface PageTable {
  pages: readonly AppPage[];
  kinds: ReadonlyMap<string, ObjectKind>;
}

/** What each page's route carries for the layout (title, menu selection) and the 建设中 page. */
export interface PageHandle {
  page: AppPage;
}

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

export function canOpen(page: AppPage, roles: readonly Role[]): boolean {
  return page.access === 'all' || roles.some((r) => (page.access as readonly Role[]).includes(r));
}

export function pagesFor(table: PageTable, roles: readonly Role[]): AppPage[] {
  return table.pages.filter((p) => canOpen(p, roles));
}

/** Where `/` leads: the first page of the user's menu that is not 个人中心. */
export function homePathFor(table: PageTable, roles: readonly Role[]): string {
  const first = pagesFor(table, roles).find((p) => p.key !== 'me');
  return `/${first?.path ?? 'me'}`;
}

export const PageTableContext = createContext<PageTable>({ pages: [], kinds: new Map() });

export function usePageTable(): PageTable {
  return useContext(PageTableContext);
}

/** A kind as users call it, or undefined for a kind no installed module names. */
export function useKindLabel(): (kind: string) => string | undefined {
  const { kinds } = usePageTable();
  return (kind) => kinds.get(kind)?.label;
}
