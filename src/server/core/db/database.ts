import type { AuditTables } from '../audit/audit.tables.js';
import type { CalendarTables } from '../calendar/calendar.tables.js';
import type { AuthTables } from '../auth/auth.tables.js';
import type { OrgTables } from '../../modules/org/org.tables.js';
import type { NotifyTables } from '../notify/notify.tables.js';
import type { SearchTables } from '../search/search.tables.js';
import type { IdempotencyTables } from '../idempotency/idempotency.tables.js';
import type { WorkflowTables } from '../workflow/workflow.tables.js';
import type { CounterTables } from './counters.js';
import type { FilesTables } from '../files/files.tables.js';
import type { IncomingTables } from '../../modules/incoming/incoming.tables.js';
import type { SupervisionTables } from '../../modules/supervision/supervision.tables.js';
import type { OutgoingTables } from '../../modules/outgoing/outgoing.tables.js';
import type { SchedulerTables } from '../scheduler/scheduler.tables.js';

/**
 * The whole schema as Kysely sees it: each module declares its own tables
 * beside its code and adds them here. Nobody queries another module's tables.
 */
export interface Database
  extends
    AuditTables,
    NotifyTables,
    OrgTables,
    AuthTables,
    CalendarTables,
    SchedulerTables,
    WorkflowTables,
    IdempotencyTables,
    CounterTables,
    SearchTables,
    FilesTables,
    IncomingTables,
    SupervisionTables,
    OutgoingTables {}
