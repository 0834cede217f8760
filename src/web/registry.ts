import type { ClientModule } from './app/module.js';
import { auditModule } from './modules/audit/audit.module.js';
import { calendarModule } from './modules/calendar/calendar.module.js';
import { incomingModule } from './modules/incoming/incoming.module.js';
import { meModule } from './modules/me/me.module.js';
import { orgModule } from './modules/org/org.module.js';
import { outgoingModule } from './modules/outgoing/outgoing.module.js';
import { searchModule } from './modules/search/search.module.js';
import { securityModule } from './modules/security/security.module.js';
import { supervisionModule } from './modules/supervision/supervision.module.js';
import { petitionModule } from './modules/petition/petition.module.js';
import { infoModule } from './modules/info/info.module.js';
import { secrecyModule } from './modules/secrecy/secrecy.module.js';

/**
 * The client's page table: the installed modules, in menu order within each
 * menu group. Adding a module adds its `<m>.module.ts` here (as
 * src/server/registry.ts adds its server plug), nothing else in the shell.
 */
export const installedModules: readonly ClientModule[] = [
  searchModule,
  incomingModule,
  outgoingModule,
  supervisionModule,
  orgModule,
  calendarModule,
  securityModule,
  auditModule,
  meModule,
  petitionModule,
  infoModule,
  secrecyModule,
];
