import { AuditOutlined, FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { type ClientModule, EVERYONE_IN_BUSINESS } from '../../app/module.js';

/**
 * 保密管理 in the client, listed in src/web/registry.ts: the overview (涉密人员,
 * 培训考试, 拦截记录, 我的培训), the 涉密载体登记簿 and 保密自查. The register and
 * the campaigns open for everyone in business because a carrier's custodian
 * and borrower, and a unit's members, open theirs from the to-dos; the pages
 * show each list only to those the server lets read it.
 */
export const secrecyModule: ClientModule = {
  pages: [
    {
      key: 'secrecy',
      path: 'secrecy',
      title: '保密管理',
      group: 'secrecy',
      access: EVERYONE_IN_BUSINESS,
      icon: SafetyCertificateOutlined,
      nested: true,
      load: () => import('./SecrecyRoutes.js'),
    },
    {
      key: 'carrier',
      path: 'carrier',
      title: '涉密载体登记簿',
      group: 'secrecy',
      access: EVERYONE_IN_BUSINESS,
      icon: FileProtectOutlined,
      nested: true,
      load: () => import('./CarrierRoutes.js'),
    },
    {
      key: 'inspection',
      path: 'inspection',
      title: '保密自查',
      group: 'secrecy',
      access: EVERYONE_IN_BUSINESS,
      icon: AuditOutlined,
      nested: true,
      load: () => import('./InspectionRoutes.js'),
    },
  ],
  kinds: [
    {
      kind: 'carrier',
      label: '涉密载体',
      color: 'volcano',
      searchable: true,
      todoStates: {
        in_custody: '在管',
        lent: '借阅中',
        withdrawal_pending: '清退待批',
        withdrawal_approved: '清退已批',
        destruction_pending: '销毁待批',
        destruction_approved: '销毁已批',
      },
    },
    {
      kind: 'inspection',
      label: '保密自查',
      color: 'geekblue',
      searchable: true,
      todoStates: { pending: '待自查', submitted: '已提交', rectifying: '整改中' },
    },
  ],
};
