import type { ServerModule } from '../../modules/index.js';
import { registerFilesRoutes } from './files.routes.js';

/**
 * Attachments for every module's objects (`/api/<kind>/<id>/attachments`,
 * `/api/attachments/<id>`). Routes live in their own scope so that only they
 * accept multipart bodies.
 */
export const filesModule: ServerModule = {
  name: 'files',
  async register(app, deps) {
    await app.register(async (scope) => registerFilesRoutes(scope, deps));
  },
};
