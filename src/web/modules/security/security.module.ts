import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import type { ClientModule } from '../../app/module.js';

/** The security administrator's console: role grants and the security policy. */
export const securityModule: ClientModule = {
  pages: [
    {
      key: 'grants',
      path: 'security/grants',
      title: '角色授权',
      group: 'security',
      access: ['secadmin'],
      icon: KeyOutlined,
      load: () => import('./RoleGrantsPage.js'),
    },
    {
      key: 'policy',
      path: 'security/policy',
      title: '安全策略',
      group: 'security',
      access: ['secadmin'],
      icon: SafetyOutlined,
      load: () => import('./PolicyPage.js'),
    },
  ],
};
