import type { ServerModule } from '../../core/module.js';
import { infoMigrations } from './info.migrations.js';
import { infoAttachments } from './info.policy.js';
import { registerInfoRoutes } from './info.routes.js';
import { seedDemoInfo } from './info.seed.js';
import { infoTodos } from './info.service.js';
import { infoWorkflow } from './info.workflow.js';

/** 政务信息: the module's plug, listed in src/server/registry.ts. */
export const infoModule: ServerModule = {
  name: 'info',
  migrations: infoMigrations,
  workflows: [infoWorkflow],
  searchKinds: [{ kind: 'info', label: '政务信息' }],
  attachmentOwners: [infoAttachments],
  todos: infoTodos,
  register(app, deps) {
    registerInfoRoutes(app, deps);
  },
  seedDemo: seedDemoInfo,
};
