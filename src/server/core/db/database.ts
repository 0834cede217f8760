import type { AuditTables } from '../audit/audit.tables.js';
import type { CalendarTables } from '../calendar/calendar.tables.js';
import type { AuthTables } from '../auth/auth.tables.js';
import type { OrgTables } from '../org/org.tables.js';
import type { NotifyTables } from '../notify/notify.tables.js';
import type { SearchTables } from '../search/search.tables.js';
import type { IdempotencyTables } from '../idempotency/idempotency.tables.js';
import type { WorkflowTables } from '../workflow/workflow.tables.js';
import type { CounterTables } from './counters.tables.js';
import type { FilesTables } from '../files/files.tables.js';
import type { SchedulerTables } from '../scheduler/scheduler.tables.js';
import type { LinksTables } from '../links/links.tables.js';

/**
 * The whole schema as Kysely sees it. The platform's tables are listed here;
 * each business module adds its own from its `<m>.tables.ts` by declaration
 * merging (`declare module '../../core/db/database.js'`), so core never
 * imports a module. Nobody queries another module's tables.
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
    LinksTables {}
