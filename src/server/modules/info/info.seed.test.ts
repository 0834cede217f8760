import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { seedDemoInfo } from './info.seed.js';

/** The demo year the contract's Demo section asks for, made quickly through the real workflow. */
describe.each(testDialects())('信息报送 demo data on %s', (dialect) => {
  let t: TestApp;
  let ms = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    const start = Date.now();
    await seedDemoInfo(t.deps);
    ms = Date.now() - start;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lives through a year: every state, reported every past month, adoptions on all channels, 批示, publications, 约稿 and penalties', async () => {
    const db = t.deps.db;
    const items = await db.selectFrom('info_items').selectAll().execute();
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items.length).toBeLessThanOrEqual(80);
    expect(new Set(items.map((i) => i.state))).toEqual(
      new Set(['draft', 'division_review', 'office_review', 'director_review', 'leader_review', 'approved', 'submitted', 'adopted', 'voided']),
    );
    const months = new Set(items.flatMap((i) => (i.reported_date ? [i.reported_date.slice(0, 7)] : [])));
    expect(months.size).toBeGreaterThanOrEqual(11);
    // The test clock stands in late November 2026: October and November both have reports.
    expect(months).toContain('2026-10');
    expect(months).toContain('2026-11');
    expect(new Set(items.map((i) => i.title)).size).toBe(items.length);
    const adoptions = await db.selectFrom('info_adoptions').selectAll().execute();
    expect(adoptions.length).toBeGreaterThanOrEqual(20);
    expect(new Set(adoptions.map((a) => a.channel)).size).toBe(7);
    const instr = await db.selectFrom('info_instructions').selectAll().execute();
    expect(instr.filter((i) => i.level === 'ministry').length).toBeGreaterThanOrEqual(4);
    expect(instr.filter((i) => i.level === 'provincial').length).toBeGreaterThanOrEqual(2);
    expect(items.filter((i) => i.pub_state === 'published').length).toBeGreaterThanOrEqual(24);
    expect(items.filter((i) => i.pub_state === 'withdrawn').length).toBe(1);
    const requests = await db.selectFrom('info_requests').selectAll().execute();
    expect(requests.length).toBeGreaterThanOrEqual(8);
    expect(requests.filter((r) => r.state === 'open').length).toBe(2);
    expect(requests.filter((r) => r.state === 'answered').length).toBeGreaterThanOrEqual(5);
    expect(requests.filter((r) => r.penalty_id !== null).length).toBe(1);
    expect((await db.selectFrom('info_penalties').selectAll().execute()).length).toBeGreaterThanOrEqual(3);
    expect((await db.selectFrom('info_targets').selectAll().execute()).length).toBe(2);
    // seed-demo stays quick (a loose bound: the shared machine's load varies; unloaded it takes well under 2 s on SQLite).
    expect(ms).toBeLessThan(dialect === 'sqlite' ? 10_000 : 30_000);
  });
});
