import { auditMigrations } from '../audit/audit.migrations.js';
import { calendarMigrations } from '../calendar/calendar.migrations.js';
import { authMigrations } from '../auth/auth.migrations.js';
import { orgMigrations } from '../../modules/org/org.migrations.js';
import { notifyMigrations } from '../notify/notify.migrations.js';
import { searchMigrations } from '../search/search.migrations.js';
import { schedulerMigrations } from '../scheduler/scheduler.migrations.js';
import { idempotencyMigrations } from '../idempotency/idempotency.migrations.js';
import { workflowMigrations } from '../workflow/workflow.migrations.js';
import { counterMigrations } from './counters.js';
import { filesMigrations } from '../files/files.migrations.js';
import { incomingMigrations } from '../../modules/incoming/incoming.migrations.js';
import { supervisionMigrations } from '../../modules/supervision/supervision.migrations.js';
import { outgoingMigrations } from '../../modules/outgoing/outgoing.migrations.js';
import type { NamedMigration } from './migrations.js';

/** Every module lists its migrations here; order comes from the names. */
export function migrationRegistry(): NamedMigration[] {
  return [
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
    ...incomingMigrations,
    ...supervisionMigrations,
    ...outgoingMigrations,
  ];
}
