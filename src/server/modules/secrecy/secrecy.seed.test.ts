import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login } from '../../../../test/support/session.js';
import type { CarrierList } from '../../../shared/secrecy.js';
import type { CampaignList } from '../../../shared/secrecy.inspection.js';
import type { RefusalList, SecrecyDashboard } from '../../../shared/secrecy.people.js';
import { seedDemo } from '../../demo.js';

/* The demo 保密 of the contract: quick, and what the 保密员 sees matches the numbers the contract lists. */
describe.each(testDialects())('保密 demo seed on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('holds the register, the campaigns, training and refusals the contract lists', async () => {
    const so = await login(t.app, 'secrecy_officer');
    const get = async <T>(url: string) => json<T>(await injectAs(t.app, so, { method: 'GET', url }));
    expect((await get<CarrierList>('/api/carrier?pageSize=1')).total).toBe(60);
    expect((await get<CarrierList>('/api/carrier?state=lent')).total).toBe(6);
    expect((await get<CarrierList>('/api/carrier?overdue=true')).total).toBe(2);
    expect((await get<CarrierList>('/api/carrier?state=withdrawn')).total).toBe(10);
    expect((await get<CarrierList>('/api/carrier?state=destroyed')).total).toBe(8);
    expect((await get<CarrierList>('/api/carrier?state=destruction_pending')).total).toBe(2);
    expect((await get<CarrierList>('/api/carrier?state=declassified')).total).toBe(2);
    expect((await get<CarrierList>('/api/carrier?reviewDue=true')).total).toBe(3);
    const campaigns = await get<CampaignList>('/api/secrecy/campaigns');
    expect(campaigns.items.map((c) => [c.title, c.status])).toEqual([
      ['年度处室保密自查', 'open'],
      ['上半年处室保密自查', 'completed'],
    ]);
    const annual = campaigns.items[0];
    expect(annual?.stats.byUnit.map((u) => [u.unitName, u.state]).sort()).toEqual(
      [
        ['办公室', 'closed'],
        ['综合处', 'rectifying'],
        ['监管一处', 'submitted'],
        ['监管二处', 'pending'],
      ].sort(),
    );
    expect(annual?.stats.rectifications.overdue).toBe(1);
    const refusals = await get<RefusalList>('/api/secrecy/refusals?pageSize=100');
    expect(refusals.total).toBe(24);
    expect(new Set(refusals.items.map((r) => r.actor.id)).size).toBe(8);
    const dash = await get<SecrecyDashboard>('/api/secrecy/dashboard');
    expect(dash.personnel).toMatchObject({ separation: 3 });
  });
});
