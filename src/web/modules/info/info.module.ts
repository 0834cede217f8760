import { NotificationOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** 政务信息 in the client, listed in src/web/registry.ts: its pages load on first visit; its kind names its to-dos and search hits. */
export const infoModule: ClientModule = {
  pages: [
    {
      key: 'info',
      path: 'info',
      title: '政务信息',
      group: 'info',
      access: DOCUMENT_HANDLERS,
      icon: NotificationOutlined,
      nested: true,
      load: () => import('./InfoRoutes.js'),
    },
  ],
  kinds: [{ kind: 'info', label: '政务信息', color: 'geekblue', searchable: true, todoStates: { draft: '办理中' } }],
};
