import { FlagOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** 督查督办 in the client: its pages load on first visit; the labels are here so the shell names its to-dos and search hits. */
export const supervisionModule: ClientModule = {
  pages: [
    {
      key: 'supervision',
      path: 'supervision',
      title: '督查督办',
      group: 'documents',
      access: DOCUMENT_HANDLERS,
      icon: FlagOutlined,
      nested: true,
      load: () => import('./SupervisionRoutes.js'),
    },
  ],
  kinds: [
    {
      kind: 'supervision',
      label: '督办',
      color: 'orange',
      searchable: true,
      todoStates: { open: '待接收', in_progress: '办理中', closure_requested: '申请办结', suspended: '暂缓' },
    },
  ],
};
