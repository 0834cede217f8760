import type { ServerModule } from '../../core/module.js';
import { petitionMigrations } from './petition.migrations.js';
import { petitionAttachments } from './petition.policy.js';
import { registerPetitionRoutes } from './petition.routes.js';
import { seedDemoPetition } from './petition.seed.js';
import { petitionTodos } from './petition.service.js';
import { petitionWorkflow } from './petition.workflow.js';

/** 信访件: the module's plug, listed in src/server/registry.ts. */
export const petitionModule: ServerModule = {
  name: 'petition',
  migrations: petitionMigrations,
  workflows: [petitionWorkflow],
  searchKinds: [{ kind: 'petition', label: '信访件' }],
  attachmentOwners: [petitionAttachments],
  todos: petitionTodos,
  register(app, deps) {
    registerPetitionRoutes(app, deps);
  },
  seedDemo: seedDemoPetition,
};
