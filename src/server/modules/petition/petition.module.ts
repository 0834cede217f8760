import type { ServerModule } from '../../core/module.js';
import { petitionAuditEvents } from './petition.audit.js';
import { petitionDashboard } from './petition.dashboard.js';
import { petitionJobs } from './petition.jobs.js';
import { petitionMigrations } from './petition.migrations.js';
import { petitionAttachments } from './petition.policy.js';
import { registerPetitionRoutes } from './petition.routes.js';
import { seedDemoPetition } from './petition.seed.js';
import { checkVaultAtStart, petitionTodos } from './petition.service.js';
import { petitionWorkflow } from './petition.workflow.js';

/** 信访: petitions answered within the 信访工作条例 deadlines, the petitioners' personal data sealed and masked. */
export const petitionModule: ServerModule = {
  name: 'petition',
  migrations: petitionMigrations,
  auditEvents: petitionAuditEvents,
  workflows: [petitionWorkflow],
  searchKinds: [{ kind: 'petition', label: '信访' }],
  attachmentOwners: [petitionAttachments],
  jobs: petitionJobs,
  todos: petitionTodos,
  dashboard: petitionDashboard,
  async register(app, deps) {
    // A key that does not match the sealed data stops the server here, with the reason.
    await checkVaultAtStart(deps);
    registerPetitionRoutes(app, deps);
  },
  seedDemo: seedDemoPetition,
};
