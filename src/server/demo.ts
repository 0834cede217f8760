import type { Deps } from './core/deps.js';
import { seedModules } from './core/modules.install.js';
import { type DemoSeedResult, seedDemoOrg } from './core/org/org.seed.js';
import { installedModules } from './registry.js';

/**
 * The demo bureau of API.md plus realistic sample data from each installed
 * module, in registry order. Idempotent: a database that already has the demo
 * accounts is left alone, and so is one whose administrators were created by
 * `zhongshu init`.
 */
export async function seedDemo(deps: Deps): Promise<DemoSeedResult> {
  const org = await seedDemoOrg(deps);
  if (!org.created && org.reason === 'administrators_exist') return org;
  await seedModules(deps, installedModules);
  return org;
}
