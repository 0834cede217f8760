import type { ServerModule } from '../../core/module.js';
import { supervisionAuditEvents } from './supervision.audit.js';
import { supervisionJobs } from './supervision.jobs.js';
import { supervisionMigrations } from './supervision.migrations.js';
import { supervisionAttachments } from './supervision.policy.js';
import { registerSupervisionImport, registerSupervisionRoutes } from './supervision.routes.js';
import { seedDemoSupervision } from './supervision.seed.js';
import { supervisionTodos } from './supervision.service.js';
import { supervisionWorkflow } from './supervision.workflow.js';

/** 督办: items tracked to 销号, 一周一督, lights, the weekly report and the ledger. */
export const supervisionModule: ServerModule = {
  name: 'supervision',
  migrations: supervisionMigrations,
  auditEvents: supervisionAuditEvents,
  workflows: [supervisionWorkflow],
  searchKinds: [{ kind: 'supervision', label: '督办' }],
  attachmentOwners: [supervisionAttachments],
  jobs: supervisionJobs,
  todos: supervisionTodos,
  async register(app, deps) {
    registerSupervisionRoutes(app, deps);
    await app.register(async (scope) => registerSupervisionImport(scope, deps));
  },
  async seedDemo(deps) {
    await seedDemoSupervision(deps);
  },
};
