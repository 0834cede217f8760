import type { ServerModule } from '../index.js';
import { registerSupervisionJobs } from './supervision.jobs.js';
import { registerSupervisionImport, registerSupervisionRoutes } from './supervision.routes.js';
import { supervisionTodos } from './supervision.service.js';

/** 督办: items tracked to 销号, 一周一督, lights, the weekly report and the ledger. */
export const supervisionModule: ServerModule = {
  name: 'supervision',
  async register(app, deps) {
    registerSupervisionRoutes(app, deps);
    await app.register(async (scope) => registerSupervisionImport(scope, deps));
    registerSupervisionJobs();
  },
  todos: supervisionTodos,
};
