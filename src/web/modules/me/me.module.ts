import { AuditOutlined } from '@ant-design/icons';
import type { ClientModule } from '../../app/module.js';

/** 个人中心: password, sessions and delegations, for every account. */
export const meModule: ClientModule = {
  pages: [{ key: 'me', path: 'me', title: '个人中心', group: 'personal', access: 'all', icon: AuditOutlined, load: () => import('./MePage.js') }],
};
