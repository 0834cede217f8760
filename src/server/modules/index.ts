import type { Deps } from '../core/deps.js';
import type { ZApp } from '../core/http/zod-app.js';
import type { TodoProvider } from '../core/todos/todos.service.js';
import { todosModule } from '../core/todos/todos.routes.js';
import { idempotencyModule } from '../core/idempotency/idempotency.module.js';
import { orgModule } from './org/org.module.js';
import { auditModule } from '../core/audit/audit.routes.js';
import { searchModule } from '../core/search/search.routes.js';
import { calendarModule } from '../core/calendar/calendar.routes.js';
import { notifyModule } from '../core/notify/notify.routes.js';
import { schedulerModule } from '../core/scheduler/scheduler.module.js';
import { filesModule } from '../core/files/files.module.js';
import { outgoingCheckModule } from './outgoing/outgoing.check.routes.js';
import { incomingModule } from './incoming/incoming.module.js';
import { supervisionModule } from './supervision/supervision.module.js';
import { outgoingModule } from './outgoing/outgoing.module.js';

/**
 * A business or platform module: its routes, and what it contributes to the
 * shared services. Adding a module is adding it to `serverModules`.
 */
export interface ServerModule {
  name: string;
  register(app: ZApp, deps: Deps): void | Promise<void>;
  /** The module's items in the to-do centre (`GET /api/todos`). */
  todos?: TodoProvider;
}

export const serverModules: ServerModule[] = [
  orgModule,
  auditModule,
  searchModule,
  calendarModule,
  schedulerModule,
  todosModule(() => serverModules),
  idempotencyModule,
  notifyModule,
  filesModule,
  outgoingCheckModule,
  incomingModule,
  supervisionModule,
  outgoingModule,
];
