import type { ServerModule } from '../../core/module.js';
import { __name__Migrations } from './__name__.migrations.js';
import { __name__Attachments } from './__name__.policy.js';
import { register__Name__Routes } from './__name__.routes.js';
import { seedDemo__Name__ } from './__name__.seed.js';
import { __name__Todos } from './__name__.service.js';
import { __name__Workflow } from './__name__.workflow.js';

/** __label__: the module's plug, listed in src/server/registry.ts. */
export const __name__Module: ServerModule = {
  name: '__name__',
  migrations: __name__Migrations,
  workflows: [__name__Workflow],
  searchKinds: [{ kind: '__name__', label: '__label__' }],
  attachmentOwners: [__name__Attachments],
  todos: __name__Todos,
  register(app, deps) {
    register__Name__Routes(app, deps);
  },
  seedDemo: seedDemo__Name__,
};
