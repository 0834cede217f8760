import { SearchOutlined } from '@ant-design/icons';
import { type ClientModule, EVERYONE_IN_BUSINESS } from '../../app/module.js';

/** 全文搜索 over every searchable kind the installed modules name. */
export const searchModule: ClientModule = {
  pages: [
    {
      key: 'search',
      path: 'search',
      title: '全文搜索',
      group: 'work',
      access: EVERYONE_IN_BUSINESS,
      icon: SearchOutlined,
      load: () => import('./SearchPage.js'),
    },
  ],
};
