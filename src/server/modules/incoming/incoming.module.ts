import type { ServerModule } from '../../core/module.js';
import { incomingAuditEvents } from './incoming.audit.js';
import { incomingJobs } from './incoming.jobs.js';
import { incomingLinkHooks } from './incoming.links.js';
import { incomingMigrations } from './incoming.migrations.js';
import { incomingAttachments } from './incoming.policy.js';
import { registerIncomingImport, registerIncomingRoutes } from './incoming.routes.js';
import { seedDemoIncoming } from './incoming.seed.js';
import { incomingTodos } from './incoming.service.js';
import { incomingWorkflow } from './incoming.workflow.js';

/** 收文: registration to archive, the ledger, statistics, reminders and the daily check. */
export const incomingModule: ServerModule = {
  name: 'incoming',
  migrations: incomingMigrations,
  auditEvents: incomingAuditEvents,
  workflows: [incomingWorkflow],
  searchKinds: [{ kind: 'incoming', label: '收文' }],
  attachmentOwners: [incomingAttachments],
  jobs: incomingJobs,
  todos: incomingTodos,
  linkHooks: incomingLinkHooks,
  async register(app, deps) {
    registerIncomingRoutes(app, deps);
    await app.register(async (scope) => registerIncomingImport(scope, deps));
  },
  async seedDemo(deps) {
    await seedDemoIncoming(deps);
  },
};
