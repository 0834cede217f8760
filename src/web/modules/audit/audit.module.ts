import { FileSearchOutlined } from '@ant-design/icons';
import type { ClientModule } from '../../app/module.js';

/** The auditor's console: the audit log and its chain check. */
export const auditModule: ClientModule = {
  pages: [
    {
      key: 'audit',
      path: 'audit/log',
      title: '审计日志',
      group: 'audit',
      access: ['auditor'],
      icon: FileSearchOutlined,
      load: () => import('./AuditLogPage.js'),
    },
  ],
};
