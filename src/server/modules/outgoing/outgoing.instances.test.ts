import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, secondInstance, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { OutgoingFields } from '../../../shared/outgoing.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type View = WorkflowView<OutgoingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

/**
 * 发文字号 across instances: two app instances, each with its own connection
 * (pool) to one database — the same PostgreSQL database, or the same SQLite
 * file opened twice — sign documents at the same time. Every number is held
 * by exactly one document and the run from 1 has no gap.
 */
describe.each(testDialects())('发文字号 with two app instances on one %s database', (dialect) => {
  let a: TestApp;
  let second: Awaited<ReturnType<typeof secondInstance>>;
  let b: FastifyInstance;
  const USERS = ['div1_staff', 'div1_head', 'office_director', 'leader1', 'leader2'] as const;
  const s = {} as Record<(typeof USERS)[number], Session>;

  beforeAll(async () => {
    a = await createTestApp(dialect);
    await seedDemoOrg(a.deps);
    second = await secondInstance(a);
    b = second.app;
    for (const u of USERS) s[u] = await login(a.app, u);
  });
  afterAll(async () => {
    await second?.close();
    await a?.close();
  });

  let n = 0;
  async function atSignoff(app: FastifyInstance): Promise<View> {
    n++;
    const draft = {
      docType: '通知',
      title: `财政部某某监管局关于开展第${n}批转移支付资金核查的通知`,
      mainRecipients: ['局内各处室'],
      copyTo: [],
      body: '根据工作安排，现将有关事项通知如下：\n一、核查范围\n2026年度转移支付资金。\n二、工作要求\n请于12月10日前报送核查报告。',
      attachments: [],
      classification: 'none',
      urgency: 'normal',
      disclosure: 'not_public',
      cosignDivisionIds: [],
    };
    const step = async (as: keyof typeof s, payload: Record<string, unknown>, url: string) => {
      const res = await injectAs(app, s[as], { method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return body<View>(res);
    };
    let d = await step('div1_staff', draft, '/api/outgoing');
    d = await step('div1_staff', { action: 'submit', version: d.version }, `/api/outgoing/${d.id}/transitions`);
    d = await step('div1_head', { action: 'approve', version: d.version }, `/api/outgoing/${d.id}/transitions`);
    return step('office_director', { action: 'approve', version: d.version }, `/api/outgoing/${d.id}/transitions`);
  }

  it('signs twelve documents at once through both instances: distinct numbers, no gap', { timeout: 60_000 }, async () => {
    const apps = [a.app, b];
    const docs: { app: FastifyInstance; d: View }[] = [];
    for (let i = 0; i < 12; i++) {
      const app = apps[i % 2] ?? a.app;
      docs.push({ app, d: await atSignoff(app) });
    }
    const fire = (app: FastifyInstance, as: keyof typeof s, d: View) =>
      injectAs(app, s[as], { method: 'POST', url: `/api/outgoing/${d.id}/transitions`, payload: { action: 'sign', version: d.version } });
    const results = await Promise.all(docs.map(({ app, d }, i) => fire(app, i % 3 ? 'leader1' : 'leader2', d)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const numbers = results.map((r) => body<View>(r).docNumber ?? '');
    const seqs = numbers.map((x) => Number(/^财监办〔2026〕(\d+)号$/.exec(x)?.[1])).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));

    // Both instances read the same numbers back, and the database holds each once.
    for (const [i, { d }] of docs.entries()) {
      for (const app of apps) expect(body<View>(await injectAs(app, s.div1_staff, { method: 'GET', url: `/api/outgoing/${d.id}` })).docNumber).toBe(numbers[i]);
    }
    const rows = await a.deps.db.selectFrom('outgoing_docs').select('doc_number').where('doc_number', 'is not', null).execute();
    expect(new Set(rows.map((r) => r.doc_number)).size).toBe(rows.length);
    expect(rows).toHaveLength(12);
  });
});
