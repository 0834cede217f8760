import type { ServerModule } from './core/module.js';
import { migrationsOf } from './core/modules.install.js';
import { platformModules } from './core/platform.js';
import { incomingModule } from './modules/incoming/incoming.module.js';
import { outgoingModule } from './modules/outgoing/outgoing.module.js';
import { supervisionModule } from './modules/supervision/supervision.module.js';
import { petitionModule } from './modules/petition/petition.module.js';
import { infoModule } from './modules/info/info.module.js';
import { secrecyModule } from './modules/secrecy/secrecy.module.js';

/**
 * The installed modules: the platform's, then the business modules. This is
 * the one list the server reads routes, migrations, audit events, jobs,
 * to-dos, dashboard sections and demo data from; adding a module adds its
 * plug here (and its pages to src/web/registry.ts), nothing else central.
 */
export const installedModules: readonly ServerModule[] = [
  ...platformModules,
  incomingModule,
  supervisionModule,
  outgoingModule,
  petitionModule,
  infoModule,
  secrecyModule,
];

/** Every installed module's migrations. */
export const installedMigrations = () => migrationsOf(installedModules);
