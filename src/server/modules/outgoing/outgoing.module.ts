import type { ServerModule } from '../../core/module.js';
import { outgoingAuditEvents } from './outgoing.audit.js';
import { registerOutgoingCheckRoute } from './outgoing.check.routes.js';
import { outgoingMigrations } from './outgoing.migrations.js';
import { outgoingAttachments } from './outgoing.policy.js';
import { registerOutgoingRoutes } from './outgoing.routes.js';
import { seedDemoOutgoing } from './outgoing.seed.js';
import { outgoingTodos } from './outgoing.service.js';
import { outgoingWorkflow } from './outgoing.workflow.js';

/** 发文: drafting, reviews, co-sign, sign-off with the 发文字号, 核发, 归档, and the GB/T 9704 .docx and .pdf. */
export const outgoingModule: ServerModule = {
  name: 'outgoing',
  migrations: outgoingMigrations,
  auditEvents: outgoingAuditEvents,
  workflows: [outgoingWorkflow],
  searchKinds: [{ kind: 'outgoing', label: '发文' }],
  attachmentOwners: [outgoingAttachments],
  todos: outgoingTodos,
  register(app, deps) {
    registerOutgoingCheckRoute(app);
    registerOutgoingRoutes(app, deps);
  },
  async seedDemo(deps) {
    await seedDemoOutgoing(deps);
  },
};
