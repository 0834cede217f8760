import type { ServerModule } from '../../core/module.js';
import { infoAuditEvents } from './info.audit.js';
import { infoDashboard } from './info.dashboard.js';
import { infoJobs } from './info.jobs.js';
import { infoMigrations } from './info.migrations.js';
import { infoAttachments } from './info.policy.js';
import { requestWorkflow } from './info.request.workflow.js';
import { registerInfoRoutes } from './info.routes.js';
import { seedDemoInfo } from './info.seed.js';
import { infoTodos } from './info.service.js';
import { infoWorkflow } from './info.workflow.js';

/** 信息报送 + 门户: pieces reviewed, secrecy-checked, reported, scored and ranked, and the public portal; listed in src/server/registry.ts. */
export const infoModule: ServerModule = {
  name: 'info',
  migrations: infoMigrations,
  auditEvents: infoAuditEvents,
  workflows: [infoWorkflow, requestWorkflow],
  searchKinds: [
    { kind: 'info', label: '政务信息' },
    { kind: 'info_request', label: '约稿' },
  ],
  attachmentOwners: [infoAttachments],
  jobs: infoJobs,
  todos: infoTodos,
  dashboard: infoDashboard,
  register(app, deps) {
    registerInfoRoutes(app, deps);
  },
  seedDemo: seedDemoInfo,
};
