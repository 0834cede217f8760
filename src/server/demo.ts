import type { Deps } from './core/deps.js';
import { type DemoSeedResult, seedDemoOrg } from './modules/org/org.seed.js';
import { seedDemoOutgoing } from './modules/outgoing/outgoing.seed.js';
import { seedDemoIncoming } from './modules/incoming/incoming.seed.js';
import { seedDemoSupervision } from './modules/supervision/supervision.seed.js';

/**
 * The demo bureau of API.md plus realistic sample data from each module.
 * Idempotent: a database that already has the demo accounts is left alone,
 * and so is one whose administrators were created by `zhongshu init`.
 */
export async function seedDemo(deps: Deps): Promise<DemoSeedResult> {
  const org = await seedDemoOrg(deps);
  if (!org.created && org.reason === 'administrators_exist') return org;
  await seedDemoIncoming(deps);
  await seedDemoSupervision(deps);
  await seedDemoOutgoing(deps);
  return org;
}
