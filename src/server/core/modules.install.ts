import type { NamedMigration } from './db/migrations.js';
import type { Deps } from './deps.js';
import { registerAttachmentOwner } from './files/files.owners.js';
import type { ZApp } from './http/zod-app.js';
import { registerLinkHook } from './links/links.events.js';
import type { ServerModule } from './module.js';
import { registerJob } from './scheduler/scheduler.registry.js';
import { registerTodoRoutes } from './todos/todos.routes.js';

/** Every installed module's migrations; their global order comes from the names. */
export function migrationsOf(modules: readonly ServerModule[]): NamedMigration[] {
  return modules.flatMap((m) => m.migrations ?? []);
}

/**
 * Wires each module's contributions into the platform, then lets it add its
 * routes. Attachment owners and jobs are registered before any route exists,
 * so the first request already finds them.
 */
export async function installModules(app: ZApp, deps: Deps, modules: readonly ServerModule[]): Promise<void> {
  for (const m of modules) {
    for (const owner of m.attachmentOwners ?? []) registerAttachmentOwner(owner);
    for (const hook of m.linkHooks ?? []) registerLinkHook(hook);
    for (const job of m.jobs ?? []) {
      if (!job.name.startsWith(`${m.name}.`)) throw new Error(`job ${job.name} must be named ${m.name}.<job>`);
      registerJob(job);
    }
  }
  registerTodoRoutes(app, deps, () => modules);
  for (const m of modules) await m.register?.(app, deps);
}

/** Demo data of every installed module, in registry order (the demo bureau itself comes first, from org). */
export async function seedModules(deps: Deps, modules: readonly ServerModule[]): Promise<void> {
  for (const m of modules) await m.seedDemo?.(deps);
}
