import type { DashboardProvider } from './dashboard/dashboard.provider.js';
import type { NamedMigration } from './db/migrations.js';
import type { Deps } from './deps.js';
import type { AttachmentOwner } from './files/files.owners.js';
import type { ZApp } from './http/zod-app.js';
import type { LinkHook } from './links/links.events.js';
import type { JobDefinition } from './scheduler/scheduler.registry.js';
import type { TodoProvider } from './todos/todos.service.js';

/** What the platform reads of a workflow definition: each move is audited as `<kind>.<action>`, a create as `<kind>.create`. */
export interface ModuleWorkflow {
  readonly kind: string;
  readonly actions: Readonly<Record<string, unknown>>;
}

/** A kind of object the search index holds, with the word the search page shows for it. */
export interface SearchKind {
  kind: string;
  label: string;
}

/**
 * The one plug of a module, platform or business: everything it contributes.
 * The installed modules are listed once, in `src/server/registry.ts`; the
 * platform reads migrations, audit events, jobs, to-dos, attachment owners,
 * links, dashboard sections and demo data from that list and from nowhere
 * else, so adding a module touches no file in core.
 */
export interface ServerModule {
  /** The folder name, and the first part of its audit actions and job names. */
  name: string;
  /** Routes, and any start-up work needing the app. */
  register?(app: ZApp, deps: Deps): void | Promise<void>;
  /** The module's own tables, created and changed only here. */
  migrations?: readonly NamedMigration[];
  /** Audit actions this module records outside its workflow moves (`<name>.<event>`). */
  auditEvents?: readonly string[];
  /** The workflows this module defines: their moves are its audit actions too, and each kind is business data the 三员 never reach. */
  workflows?: readonly ModuleWorkflow[];
  /** Who may see and add attachments to this module's objects. */
  attachmentOwners?: readonly AttachmentOwner[];
  /** Kinds of object this module puts in the search index. */
  searchKinds?: readonly SearchKind[];
  /** The module's items in the to-do centre (`GET /api/todos`). */
  todos?: TodoProvider;
  /** The module's section of the 领导驾驶舱. */
  dashboard?: DashboardProvider;
  /** Reactions to events of objects linked with this module's own (`core/links`), e.g. 收文 writing a 督办 销号 on its timeline. */
  linkHooks?: readonly LinkHook[];
  /** Recurring jobs, each run exactly once per period across instances. */
  jobs?: readonly JobDefinition[];
  /** Demo data for `zhongshu seed-demo`, run in registry order after the demo bureau exists. */
  seedDemo?(deps: Deps): Promise<void>;
}
