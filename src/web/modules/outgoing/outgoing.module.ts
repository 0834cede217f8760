import { SendOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** 发文管理 in the client: its pages load on first visit; the labels are here so the shell names its to-dos and search hits. */
export const outgoingModule: ClientModule = {
  pages: [
    {
      key: 'outgoing',
      path: 'outgoing',
      title: '发文管理',
      group: 'documents',
      access: DOCUMENT_HANDLERS,
      icon: SendOutlined,
      nested: true,
      load: () => import('./OutgoingRoutes.js'),
    },
  ],
  kinds: [
    {
      kind: 'outgoing',
      label: '发文',
      color: 'green',
      searchable: true,
      todoStates: {
        draft: '拟稿',
        division_review: '处室核稿',
        cosign: '会签',
        office_review: '办公室核稿',
        signoff: '待签发',
        numbered: '待印发',
        issued: '已印发',
      },
    },
  ],
};
