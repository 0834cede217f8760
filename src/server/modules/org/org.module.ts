import type { ServerModule } from '../index.js';
import { registerOrgRoutes } from './org.routes.js';

/** Units, users and roles; the /api/org and /api/admin account routes. */
export const orgModule: ServerModule = {
  name: 'org',
  register(app, deps) {
    registerOrgRoutes(app, deps);
  },
};
