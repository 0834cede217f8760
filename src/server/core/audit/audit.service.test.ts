import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { ManualClock } from '../clock.js';
import { appendAudit, recordAudit, verifyAuditChain } from './audit.service.js';

describe.each(testDialects())('audit chain on %s', (dialect) => {
  let db: TestDb;
  const clock = new ManualClock();
  const actor = { id: 'u1', name: '钱文秘', ip: '10.0.0.8' };

  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('appends linked events and verifies them', async () => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(db.kysely, clock, { action: 'test.write', actor, targetType: 't', targetId: `x${i}`, details: { i, 中文: '收文' } });
    }
    await expect(verifyAuditChain(db.kysely)).resolves.toEqual({ ok: true, count: 5 });
  });

  it('keeps the chain intact under concurrent appenders', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.kysely.transaction().execute((trx) => appendAudit(trx, clock, { action: 'test.concurrent', actor, details: { i } })),
      ),
    );
    const r = await verifyAuditChain(db.kysely);
    expect(r).toEqual({ ok: true, count: 25 });
  });

  it('refuses UPDATE and DELETE through database triggers', async () => {
    await expect(sql`update audit_events set action = 'x' where seq = 1`.execute(db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 2`.execute(db.kysely)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`truncate audit_events`.execute(db.kysely)).rejects.toThrow(/append-only/);
  });

  it('names the first edited event when the triggers are bypassed', async () => {
    if (dialect === 'sqlite') {
      await sql`drop trigger audit_events_no_update`.execute(db.kysely);
      await sql`update audit_events set details = '{"i":99}' where seq = 3`.execute(db.kysely);
    } else {
      await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db.kysely);
      await sql`update audit_events set details = '{"i":99}' where seq = 3`.execute(db.kysely);
    }
    const r = await verifyAuditChain(db.kysely);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.brokenSeq).toBe(3);
    // Inside a transaction the rows come through Kysely, not the driver's array mode: the same answer, in small pages too.
    await expect(db.kysely.transaction().execute((trx) => verifyAuditChain(trx, 2))).resolves.toEqual(r);
    await expect(verifyAuditChain(db.kysely, 2)).resolves.toEqual(r);
  });
});
