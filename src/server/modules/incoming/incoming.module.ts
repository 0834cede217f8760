import type { ServerModule } from '../index.js';
import { registerIncomingJobs } from './incoming.jobs.js';
import { registerIncomingImport, registerIncomingRoutes } from './incoming.routes.js';
import { incomingTodos } from './incoming.service.js';

/** 收文: registration to archive, the ledger, statistics, reminders and the daily check. */
export const incomingModule: ServerModule = {
  name: 'incoming',
  async register(app, deps) {
    registerIncomingRoutes(app, deps);
    await app.register(async (scope) => registerIncomingImport(scope, deps));
    registerIncomingJobs();
  },
  todos: incomingTodos,
};
