import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { PETITION_STATES } from '../../../shared/petition.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { beijingToday, runningView } from './petition.deadlines.js';
import { seedDemoPetition } from './petition.seed.js';

describe.each(testDialects())('信访 demo bureau on %s', (dialect) => {
  let t: TestApp;
  let ms = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-11-26T02:00:00.000Z');
    await seedDemoOrg(t.deps);
    const start = performance.now();
    await seedDemoPetition(t.deps);
    ms = performance.now() - start;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('builds the contract’s year through the workflow, quickly and once', async () => {
    const rows = await t.deps.db.selectFrom('petition_items').selectAll().execute();
    const today = beijingToday(t.deps);
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const s of PETITION_STATES)
      expect(
        count((r) => r.state === s),
        s,
      ).toBeGreaterThan(0);
    expect(count((r) => r.state === 'closed')).toBeGreaterThanOrEqual(25);
    expect(count((r) => r.reply_date !== null && r.handling_deadline !== null && r.reply_date > r.handling_deadline)).toBeGreaterThan(0);
    expect(count((r) => r.ext_state === 'approved' && r.ext_notice_date !== null)).toBeGreaterThan(0);
    expect(count((r) => r.ext_state === 'pending')).toBe(1);
    expect(count((r) => r.repeat_of_id !== null)).toBeGreaterThanOrEqual(5);
    expect(count((r) => r.type === 'review')).toBe(2);
    expect(count((r) => r.type === 'recheck' && r.hearing_days > 0)).toBe(1);
    expect(new Set(rows.map((r) => r.division_id).filter(Boolean)).size).toBe(3);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(4);
    expect(count((r) => r.channel === 'letter')).toBeGreaterThan(rows.length / 2);
    const transferred = count((r) => r.source === 'transferred_in');
    expect(transferred / rows.length).toBeGreaterThan(0.15);
    expect(transferred / rows.length).toBeLessThan(0.3);
    const registered = rows.filter((r) => r.state === 'registered').map((r) => runningView(r, today));
    expect(registered.filter((v) => v.overdue).length).toBe(1);
    expect(registered.filter((v) => v.daysLeft !== null && v.daysLeft >= 0 && v.daysLeft <= 5).length).toBeGreaterThanOrEqual(2);
    // At least three a month over the last twelve months.
    const months = new Map<string, number>();
    for (const r of rows) months.set(r.received_date.slice(0, 7), (months.get(r.received_date.slice(0, 7)) ?? 0) + 1);
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2026, 10 - m, 1)).toISOString().slice(0, 7);
      expect(months.get(d) ?? 0, d).toBeGreaterThanOrEqual(3);
    }
    const warned = await t.deps.db.selectFrom('petition_warnings').select('petition_id').execute();
    expect(warned.length).toBeGreaterThan(0);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    await seedDemoPetition(t.deps);
    expect((await t.deps.db.selectFrom('petition_items').select('id').execute()).length).toBe(rows.length);
    console.log(`petition demo seed on ${dialect}: ${rows.length} petitions in ${Math.round(ms)} ms`);
  });
});
