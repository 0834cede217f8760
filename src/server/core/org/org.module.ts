import { type Recipient, registerRecipientLookup } from '../notify/notify.email.js';
import type { ServerModule } from '../module.js';
import { registerOrgRoutes } from './org.routes.js';
import { getUsersByIds } from './org.service.js';

/** Units, users and roles; the /api/org and /api/admin account routes. */
export const orgModule: ServerModule = {
  name: 'org',
  register(app, deps) {
    registerOrgRoutes(app, deps);
    // notify may not read org's tables, so org tells it where to mail. A disabled
    // account gets no mail (null address: the row is skipped, not retried).
    registerRecipientLookup(
      async (lookupDeps, ids) =>
        new Map((await getUsersByIds(lookupDeps, ids)).map((u): [string, Recipient] => [u.id, { email: u.disabled ? null : u.email, name: u.name }])),
    );
  },
};
