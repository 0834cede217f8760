import { auditMigrations } from './audit/audit.migrations.js';
import { auditModule } from './audit/audit.routes.js';
import { authMigrations } from './auth/auth.migrations.js';
import { calendarMigrations } from './calendar/calendar.migrations.js';
import { calendarModule } from './calendar/calendar.routes.js';
import { counterMigrations } from './db/counters.migrations.js';
import { filesMigrations } from './files/files.migrations.js';
import { filesModule } from './files/files.module.js';
import { idempotencyMigrations } from './idempotency/idempotency.migrations.js';
import { idempotencyModule } from './idempotency/idempotency.module.js';
import { linksMigrations } from './links/links.migrations.js';
import type { ServerModule } from './module.js';
import { notifyMigrations } from './notify/notify.migrations.js';
import { notifyModule } from './notify/notify.routes.js';
import { orgMigrations } from './org/org.migrations.js';
import { orgModule } from './org/org.module.js';
import { schedulerMigrations } from './scheduler/scheduler.migrations.js';
import { schedulerModule } from './scheduler/scheduler.module.js';
import { searchMigrations } from './search/search.migrations.js';
import { searchModule } from './search/search.routes.js';
import { workflowMigrations } from './workflow/workflow.migrations.js';

/** The platform's own tables, whichever business modules are installed. */
const platformTables: ServerModule = {
  name: 'platform',
  migrations: [
    ...auditMigrations,
    ...notifyMigrations,
    ...orgMigrations,
    ...authMigrations,
    ...calendarMigrations,
    ...schedulerMigrations,
    ...workflowMigrations,
    ...idempotencyMigrations,
    ...counterMigrations,
    ...searchMigrations,
    ...filesMigrations,
    ...linksMigrations,
  ],
};

/** Accounts and units, audit, search, calendar, jobs, idempotency, notifications, attachments: present in every installation. */
export const platformModules: readonly ServerModule[] = [
  platformTables,
  orgModule,
  auditModule,
  searchModule,
  calendarModule,
  schedulerModule,
  idempotencyModule,
  notifyModule,
  filesModule,
];
