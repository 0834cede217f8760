import { MessageOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** 信访件 in the client, listed in src/web/registry.ts: its pages load on first visit; its kind names its to-dos and search hits. */
export const petitionModule: ClientModule = {
  pages: [
    {
      key: 'petition',
      path: 'petition',
      title: '信访件',
      group: 'info',
      access: DOCUMENT_HANDLERS,
      icon: MessageOutlined,
      nested: true,
      load: () => import('./PetitionRoutes.js'),
    },
  ],
  kinds: [{ kind: 'petition', label: '信访件', color: 'geekblue', searchable: true, todoStates: { draft: '办理中' } }],
};
