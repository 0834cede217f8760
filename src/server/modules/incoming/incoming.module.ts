import type { ServerModule } from '../index.js';
import { registerIncomingJobs } from './incoming.jobs.js';
import { registerIncomingImport, registerIncomingRoutes } from './incoming.routes.js';
import { onIncomingItemClosed } from '../supervision/supervision.hooks.js';
import { incomingTodos, recordSupervisionClosure } from './incoming.service.js';

/** 收文: registration to archive, the ledger, statistics, reminders and the daily check. */
export const incomingModule: ServerModule = {
  name: 'incoming',
  async register(app, deps) {
    registerIncomingRoutes(app, deps);
    await app.register(async (scope) => registerIncomingImport(scope, deps));
    registerIncomingJobs();
    // 督办 items made at 批办 report their 销号 back onto the document's timeline.
    onIncomingItemClosed(recordSupervisionClosure);
  },
  todos: incomingTodos,
};
