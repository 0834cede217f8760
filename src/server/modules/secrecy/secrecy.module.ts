import type { ServerModule } from '../../core/module.js';
import { secrecyMigrations } from './secrecy.migrations.js';
import { secrecyAttachments } from './secrecy.policy.js';
import { registerSecrecyRoutes } from './secrecy.routes.js';
import { seedDemoSecrecy } from './secrecy.seed.js';
import { secrecyTodos } from './secrecy.service.js';
import { secrecyWorkflow } from './secrecy.workflow.js';

/** 涉密载体: the module's plug, listed in src/server/registry.ts. */
export const secrecyModule: ServerModule = {
  name: 'secrecy',
  migrations: secrecyMigrations,
  workflows: [secrecyWorkflow],
  searchKinds: [{ kind: 'secrecy', label: '涉密载体' }],
  attachmentOwners: [secrecyAttachments],
  todos: secrecyTodos,
  register(app, deps) {
    registerSecrecyRoutes(app, deps);
  },
  seedDemo: seedDemoSecrecy,
};
