import { __icon__ } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** __label__ in the client, listed in src/web/registry.ts: its pages load on first visit; its kind names its to-dos and search hits. */
export const __name__Module: ClientModule = {
  pages: [
    {
      key: '__name__',
      path: '__name__',
      title: '__label__',
      group: '__group__',
      access: DOCUMENT_HANDLERS,
      icon: __icon__,
      nested: true,
      load: () => import('./__Name__Routes.js'),
    },
  ],
  kinds: [{ kind: '__name__', label: '__label__', color: 'geekblue', searchable: true, todoStates: { draft: '办理中' } }],
};
