import type { ServerModule } from '../../core/module.js';
import { secrecyAuditEvents } from './secrecy.audit.js';
import { carrierWorkflow } from './secrecy.carrier.workflow.js';
import { inspectionWorkflow } from './secrecy.inspection.workflow.js';
import { secrecyDashboard } from './secrecy.dashboard.js';
import { secrecyJobs } from './secrecy.jobs.js';
import { secrecyMigrations } from './secrecy.migrations.js';
import { registerSecrecyRoutes } from './secrecy.routes.js';
import { seedDemoSecrecy } from './secrecy.seed.js';
import { secrecyTodos } from './secrecy.todos.js';

/** 保密: the 涉密载体登记簿, 保密自查, 涉密人员, training and the guard's 拦截记录. Listed in src/server/registry.ts. */
export const secrecyModule: ServerModule = {
  name: 'secrecy',
  migrations: secrecyMigrations,
  auditEvents: secrecyAuditEvents,
  workflows: [carrierWorkflow, inspectionWorkflow],
  searchKinds: [
    { kind: 'carrier', label: '涉密载体' },
    { kind: 'inspection', label: '保密自查' },
  ],
  todos: secrecyTodos,
  dashboard: secrecyDashboard,
  jobs: secrecyJobs,
  register(app, deps) {
    registerSecrecyRoutes(app, deps);
  },
  seedDemo: seedDemoSecrecy,
};
