import { SafetyCertificateOutlined } from '@ant-design/icons';
import { type ClientModule, DOCUMENT_HANDLERS } from '../../app/module.js';

/** 涉密载体 in the client, listed in src/web/registry.ts: its pages load on first visit; its kind names its to-dos and search hits. */
export const secrecyModule: ClientModule = {
  pages: [
    {
      key: 'secrecy',
      path: 'secrecy',
      title: '涉密载体',
      group: 'secrecy',
      access: DOCUMENT_HANDLERS,
      icon: SafetyCertificateOutlined,
      nested: true,
      load: () => import('./SecrecyRoutes.js'),
    },
  ],
  kinds: [{ kind: 'secrecy', label: '涉密载体', color: 'geekblue', searchable: true, todoStates: { draft: '办理中' } }],
};
