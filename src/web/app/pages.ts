import { CheckSquareOutlined, DesktopOutlined } from '@ant-design/icons';
import { type AppPage, type ClientModule, EVERYONE_IN_BUSINESS, type ObjectKind } from './module.js';
import { MENU_GROUPS, type PageTable } from './pageTable.js';
import { PLANNED_KINDS, PLANNED_PAGES } from './plannedPages.js';

/** The shell's own pages; everything else comes from a module. */
const SHELL_PAGES: readonly AppPage[] = [
  {
    key: 'workbench',
    path: 'workbench',
    title: '工作台',
    group: 'work',
    access: EVERYONE_IN_BUSINESS,
    icon: DesktopOutlined,
    load: () => import('./workbench/WorkbenchPage.js'),
  },
  {
    key: 'todos',
    path: 'todos',
    title: '待办中心',
    group: 'work',
    access: EVERYONE_IN_BUSINESS,
    icon: CheckSquareOutlined,
    load: () => import('./todos/TodoCenterPage.js'),
  },
];

/** Kinds the platform itself sends: an attachment of any object, the classification guard's notices. */
const PLATFORM_KINDS: readonly ObjectKind[] = [
  { kind: 'attachment', label: '附件', color: 'purple', searchable: true },
  { kind: 'guard', label: '保密' },
];

const groupRank = (p: AppPage) => MENU_GROUPS.findIndex((g) => g.key === p.group);

/**
 * The table of the installed modules: within a menu group the shell's pages
 * first, then the modules in the registry's order, then the planned modules
 * none of them provides yet.
 */
export function buildPageTable(modules: readonly ClientModule[]): PageTable {
  const installed = modules.flatMap((m) => m.pages);
  const keys = new Set(installed.map((p) => p.key));
  const pages = [...SHELL_PAGES, ...installed, ...PLANNED_PAGES.filter((p) => !keys.has(p.key))];
  const kinds = new Map<string, ObjectKind>();
  for (const k of [...modules.flatMap((m) => m.kinds ?? []), ...PLATFORM_KINDS, ...PLANNED_KINDS]) if (!kinds.has(k.kind)) kinds.set(k.kind, k);
  return { pages: pages.sort((a, b) => groupRank(a) - groupRank(b)), kinds };
}
