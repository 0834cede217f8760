import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, secondInstance, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingFields } from '../../../shared/incoming.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type View = WorkflowView<IncomingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const seqOf = (regNo: string) => Number(/^收〔2026〕(\d+)号$/.exec(regNo)?.[1]);

/**
 * 收文编号 across instances: two app instances, each with its own connection
 * pool to one database (the same PostgreSQL database, or the same SQLite file
 * opened twice), register at the same time. Every number goes to exactly one
 * document, the run from 1 has no gap, and the same sender's number sent to
 * both at once is registered once.
 */
describe.each(testDialects())('收文编号 with two app instances on one %s database', (dialect) => {
  let a: TestApp;
  let second: Awaited<ReturnType<typeof secondInstance>>;
  let b: FastifyInstance;
  let clerk: Session;
  let n = 0;
  const doc = (sourceDocNumber = `财办〔2026〕${++n}号`) => ({
    sourceOrg: '财政部',
    sourceDocNumber,
    title: `财政部办公厅关于做好年终决算工作的通知（${n}）`,
    docType: '通知',
    classification: 'none',
    urgency: 'normal',
    kind: 'handle',
    copies: 1,
    receivedDate: '2026-11-26',
  });

  beforeAll(async () => {
    a = await createTestApp(dialect);
    await seedDemoOrg(a.deps);
    second = await secondInstance(a);
    b = second.app;
    clerk = await login(a.app, 'office_clerk');
  });
  afterAll(async () => {
    await second?.close();
    await a?.close();
  });

  it('registers 24 documents at once through both instances: distinct numbers from 1, no gap', { timeout: 60_000 }, async () => {
    const res = await Promise.all(
      Array.from({ length: 24 }, (_, i) => injectAs(i % 2 === 0 ? a.app : b, clerk, { method: 'POST', url: '/api/incoming', payload: doc() })),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const seqs = res.map((r) => seqOf(body<View>(r).regNo)).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const rows = await a.db.kysely.selectFrom('incoming_docs').select(['reg_no', 'reg_seq']).orderBy('reg_seq').execute();
    expect(rows.map((r) => Number(r.reg_seq))).toEqual(seqs);
    expect(new Set(rows.map((r) => r.reg_no)).size).toBe(24);
  });

  it('the same sender\u2019s number sent to both instances at once: one 201, one 409 duplicate, and still no gap', { timeout: 60_000 }, async () => {
    const same = doc('财办〔2026〕999号');
    const pair = await Promise.all([a.app, b].map((app) => injectAs(app, clerk, { method: 'POST', url: '/api/incoming', payload: same })));
    expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const dup = pair.find((r) => r.statusCode === 409);
    expect(dup && body<{ error: { code: string } }>(dup).error.code).toBe('duplicate');
    const next = await injectAs(b, clerk, { method: 'POST', url: '/api/incoming', payload: doc() });
    expect(body<View>(next).regNo).toBe('收〔2026〕26号');
  });
});
