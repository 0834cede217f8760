import type { ServerModule } from '../module.js';
import { registerFilesRoutes } from './files.routes.js';
import { sweepTemp } from './files.store.js';

/**
 * Attachments for every module's objects (`/api/<kind>/<id>/attachments`,
 * `/api/attachments/<id>`). Routes live in their own scope so that only they
 * accept multipart bodies.
 */
export const filesModule: ServerModule = {
  name: 'files',
  async register(app, deps) {
    const swept = await sweepTemp(deps.config.dataDir);
    if (swept > 0) deps.log.info({ swept }, 'removed temp files of interrupted uploads');
    await app.register(async (scope) => registerFilesRoutes(scope, deps));
  },
};
