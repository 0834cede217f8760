import { AccountBookOutlined, BookOutlined, CalendarOutlined, DashboardOutlined, ShopOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { type AppPage, DOCUMENT_HANDLERS, EVERYONE_IN_BUSINESS, type ObjectKind } from './module.js';

const underConstruction = () => import('./UnderConstruction.js');

/**
 * The business modules still to come (PRODUCT.md), in the menu already so
 * users know what is coming: each opens the 建设中 page with what it will do.
 * An installed module of the same key takes its place.
 */
export const PLANNED_PAGES: readonly AppPage[] = [
  {
    key: 'dashboard',
    path: 'dashboard',
    title: '领导驾驶舱',
    group: 'work',
    access: ['leader', 'office_director'],
    icon: DashboardOutlined,
    plan: ['收文办结率、督办红黄绿灯', '信息报送积分、信访期限预警', '预算执行进度'],
    load: underConstruction,
  },
  {
    key: 'liaison',
    path: 'liaison',
    title: '代表委员联络',
    group: 'info',
    access: DOCUMENT_HANDLERS,
    icon: TeamOutlined,
    plan: ['人大代表、政协委员名录', '联系记录', '建议提案的交办与答复'],
    load: underConstruction,
  },
  {
    key: 'meetings',
    path: 'meetings',
    title: '会务管理',
    group: 'support',
    access: EVERYONE_IN_BUSINESS,
    icon: CalendarOutlined,
    plan: ['会议申请与审批、会议室预订与冲突检查', '议题、通知、签到、纪要', '会议决定事项转督办'],
    load: underConstruction,
  },
  {
    key: 'budget',
    path: 'budget',
    title: '经费预算与绩效',
    group: 'support',
    access: ['leader', 'office_director', 'office_clerk', 'division_head'],
    icon: AccountBookOutlined,
    plan: ['预算指标与支出审批', '按月执行进度与标准核对', '绩效目标与偏差预警、三公经费汇总'],
    load: underConstruction,
  },
  {
    key: 'assets',
    path: 'assets',
    title: '物资与后勤',
    group: 'support',
    access: EVERYONE_IN_BUSINESS,
    icon: ShopOutlined,
    plan: ['固定资产登记', '办公用品库存、领用与审批', '报修'],
    load: underConstruction,
  },
  {
    key: 'rules',
    path: 'rules',
    title: '制度库',
    group: 'rules',
    access: EVERYONE_IN_BUSINESS,
    icon: BookOutlined,
    plan: ['制度分类、文号、状态与版本对比', '学习确认', '执行情况定期评估'],
    load: underConstruction,
  },
  {
    key: 'people',
    path: 'people',
    title: '队伍建设',
    group: 'rules',
    access: EVERYONE_IN_BUSINESS,
    icon: SolutionOutlined,
    plan: ['培训、讲坛与学习会的出勤与学时', '新入职人员结对帮带计划与评价'],
    load: underConstruction,
  },
];

/** What the coming modules' kinds are called, should one of them already send a to-do or a notification. */
export const PLANNED_KINDS: readonly ObjectKind[] = [
  { kind: 'report', label: '信息报送' },
  { kind: 'reports', label: '信息报送' },
  { kind: 'petition', label: '信访' },
  { kind: 'petitions', label: '信访' },
  { kind: 'meeting', label: '会务' },
  { kind: 'meetings', label: '会务' },
  { kind: 'liaison', label: '代表委员联络' },
  { kind: 'secrecy', label: '保密' },
  { kind: 'budget', label: '经费' },
  { kind: 'assets', label: '物资' },
];
