import { FileTextOutlined, NotificationOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS, EVERYONE_IN_BUSINESS } from '../../app/module.js';

/** 信息报送 in the client, listed in src/web/registry.ts: its pages load on first visit; its kinds name its to-dos and search hits. */
export const infoModule: ClientModule = {
  pages: [
    {
      key: 'info',
      path: 'info',
      title: '信息报送',
      group: 'info',
      access: EVERYONE_IN_BUSINESS,
      icon: NotificationOutlined,
      nested: true,
      load: () => import('./InfoRoutes.js'),
    },
    {
      key: 'info_request',
      path: 'info_request',
      title: '约稿',
      group: 'info',
      access: DOCUMENT_HANDLERS,
      icon: FileTextOutlined,
      nested: true,
      load: () => import('./RequestPages.js'),
    },
  ],
  kinds: [
    {
      kind: 'info',
      label: '政务信息',
      color: 'geekblue',
      searchable: true,
      todoStates: {
        draft: '退回修改',
        division_review: '处室审核',
        office_review: '办公室编审',
        director_review: '主任审核',
        leader_review: '局领导签发',
        approved: '待报送',
      },
    },
    { kind: 'info_request', label: '约稿', color: 'volcano', searchable: true, todoStates: { open: '待报送' } },
  ],
};
