import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import type { ClientModule } from '../../app/module.js';

/** The system administrator's console of units and accounts. */
export const orgModule: ClientModule = {
  pages: [
    {
      key: 'units',
      path: 'system/units',
      title: '组织机构',
      group: 'system',
      access: ['sysadmin'],
      icon: ApartmentOutlined,
      load: () => import('./UnitsPage.js'),
    },
    {
      key: 'accounts',
      path: 'system/accounts',
      title: '用户账号',
      group: 'system',
      access: ['sysadmin'],
      icon: UserOutlined,
      load: () => import('./AccountsPage.js'),
    },
  ],
};
