import { InboxOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** 收文管理 in the client: its pages load on first visit; the labels are here so the shell names its to-dos and search hits. */
export const incomingModule: ClientModule = {
  pages: [
    {
      key: 'incoming',
      path: 'incoming',
      title: '收文管理',
      group: 'documents',
      access: DOCUMENT_HANDLERS,
      icon: InboxOutlined,
      nested: true,
      load: () => import('./IncomingRoutes.js'),
    },
  ],
  kinds: [
    {
      kind: 'incoming',
      label: '收文',
      color: 'blue',
      searchable: true,
      todoStates: { registered: '待初审', proposed: '待批办', handling: '办理中', circulating: '传阅中', completed: '已办结' },
    },
  ],
};
