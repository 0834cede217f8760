import { MessageOutlined } from '@ant-design/icons';
import type { ClientModule } from '../../app/module.js';

/**
 * 信访工作 in the client, listed in src/web/registry.ts. Its readers: the
 * 信访工作人员, the leaders, the office director and the divisions (what is
 * assigned to them).
 */
export const petitionModule: ClientModule = {
  pages: [
    {
      key: 'petition',
      path: 'petition',
      title: '信访工作',
      group: 'info',
      access: ['leader', 'office_director', 'division_head', 'staff', 'petition_officer'],
      icon: MessageOutlined,
      nested: true,
      load: () => import('./PetitionRoutes.js'),
    },
  ],
  kinds: [
    {
      kind: 'petition',
      label: '信访',
      color: 'geekblue',
      searchable: true,
      todoStates: {
        registered: '待告知',
        objected: '异议待核实',
        accepted: '待交办',
        handling: '办理中',
        reply_review: '答复待审定',
        replied: '待送达办结',
      },
    },
  ],
};
