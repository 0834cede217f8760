import type { ServerModule } from '../../core/module.js';
import { onIncomingItemClosed } from '../supervision/supervision.hooks.js';
import { incomingAuditEvents } from './incoming.audit.js';
import { incomingJobs } from './incoming.jobs.js';
import { incomingMigrations } from './incoming.migrations.js';
import { registerIncomingImport, registerIncomingRoutes } from './incoming.routes.js';
import { seedDemoIncoming } from './incoming.seed.js';
import { incomingTodos, recordSupervisionClosure } from './incoming.service.js';

/** 收文: registration to archive, the ledger, statistics, reminders and the daily check. */
export const incomingModule: ServerModule = {
  name: 'incoming',
  migrations: incomingMigrations,
  auditEvents: incomingAuditEvents,
  workflowKinds: ['incoming'],
  searchKinds: [{ kind: 'incoming', label: '收文' }],
  jobs: incomingJobs,
  todos: incomingTodos,
  async register(app, deps) {
    registerIncomingRoutes(app, deps);
    await app.register(async (scope) => registerIncomingImport(scope, deps));
    // 督办 items made at 批办 report their 销号 back onto the document's timeline.
    onIncomingItemClosed(recordSupervisionClosure);
  },
  async seedDemo(deps) {
    await seedDemoIncoming(deps);
  },
};
