import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { CheckReport, IncomingFields, IncomingOptions } from '../../../shared/incoming.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { allocateNumber } from '../../core/db/counters.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { dailyCheck, sendReminders } from './incoming.jobs.js';

type View = WorkflowView<IncomingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const USERS = ['office_clerk', 'office_director', 'leader1', 'div1_head'] as const;
type U = (typeof USERS)[number];

/**
 * The daily check (不积压、不遗失、不漏办), driven by the test's clock: each
 * kind of finding appears when its condition holds and not before, and goes
 * away once the document moves on.
 */
describe.each(testDialects())('收文 daily check on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let n = 0;

  const signIn = async () => {
    for (const u of USERS) s[u] = await login(t.app, u);
  };
  const fire = async (as: U, id: string, payload: Record<string, unknown>): Promise<View> => {
    const res = await injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${id}/transitions`, payload });
    expect(res.statusCode, res.body).toBe(200);
    return body<View>(res);
  };
  const register = async (): Promise<View> => {
    n++;
    const res = await injectAs(t.app, s.office_clerk, {
      method: 'POST',
      url: '/api/incoming',
      payload: {
        sourceOrg: '财政部',
        sourceDocNumber: `财办〔2026〕${n}号`,
        title: `财政部办公厅关于检查事项的通知（${n}）`,
        docType: '通知',
        classification: 'none',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-26',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return body<View>(res);
  };
  const handling = async (instruct: Record<string, unknown>): Promise<View> => {
    const d = await register();
    const p = await fire('office_clerk', d.id, { action: 'propose', version: d.version, opinion: '拟请监管一处办理', leaderIds: [s.leader1.user.id] });
    return fire('leader1', d.id, { action: 'instruct', version: p.version, instruction: '请监管一处办理', leadDivisionId: div1, ...instruct });
  };
  const check = async (): Promise<CheckReport['findings']> => (await t.db.kysely.transaction().execute((trx) => dailyCheck(t.deps, trx))).findings;
  const kindsOf = (f: CheckReport['findings'], docId: string | null) => f.filter((x) => x.docId === docId).map((x) => x.kind);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    await signIn();
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports each kind of finding when it is due, and nothing while things are fine', async () => {
    // Thu 2026-11-26: one document in each situation, all of them in order today.
    const waiting = await register();
    const noDeadline = await handling({});
    const dueSoon = await handling({ deadlineWorkdays: 1 });
    const done = await handling({ deadlineWorkdays: 10 });
    const completed = await fire('div1_head', done.id, { action: 'complete', version: done.version, result: '已办理' });
    const filed = await handling({ deadlineWorkdays: 10 });
    const filedDone = await fire('div1_head', filed.id, { action: 'complete', version: filed.version, result: '已办理' });
    await fire('office_clerk', filed.id, { action: 'archive', version: filedDone.version, retention: '10y' });
    expect(await check()).toEqual([]);

    // A number taken and never used (a registration that lost its row) is a gap.
    const lost = await t.db.kysely.transaction().execute((trx) => allocateNumber(trx, 'incoming:2026'));
    const gap = (await check()).filter((f) => f.kind === 'number_gap');
    expect(gap).toEqual([{ kind: 'number_gap', docId: null, message: `2026 年收文编号缺号：收〔2026〕${lost}号` }]);

    // Thu 12-03, five workdays on: the registered document has waited too long,
    // and the 11-27 deadline passed with no escalation (the reminder job did not run).
    t.clock.set('2026-12-03T00:00:00.000Z');
    let f = await check();
    expect(kindsOf(f, waiting.id)).toEqual(['overdue']);
    expect(kindsOf(f, dueSoon.id)).toEqual(['stuck_without_reminder']);
    expect(kindsOf(f, noDeadline.id)).toEqual([]);
    expect(kindsOf(f, completed.id)).toEqual([]);
    // Once the escalation has gone out, the overdue document is being chased: no longer a finding.
    await t.db.kysely.transaction().execute((trx) => sendReminders(t.deps, trx));
    expect(kindsOf(await check(), dueSoon.id)).toEqual([]);

    // Fri 12-11, eleven workdays after 办结: not yet 归档 is reported; the open
    // document without a deadline (11 workdays) is still within its 15.
    t.clock.set('2026-12-11T00:00:00.000Z');
    f = await check();
    expect(kindsOf(f, completed.id)).toEqual(['not_archived']);
    expect(kindsOf(f, noDeadline.id)).toEqual([]);
    expect(kindsOf(f, filed.id)).toEqual([]);

    // Fri 12-18, sixteen workdays: the document without a deadline is reported too.
    t.clock.set('2026-12-18T00:00:00.000Z');
    f = await check();
    expect(kindsOf(f, noDeadline.id)).toEqual(['no_deadline']);
    expect(f.map((x) => x.kind).sort()).toEqual(['no_deadline', 'not_archived', 'number_gap', 'overdue']);

    // Moving the documents on clears their findings; the lost number stays a gap for good.
    await signIn();
    await fire('office_clerk', completed.id, { action: 'archive', version: completed.version, retention: '30y' });
    const closed = await fire('div1_head', noDeadline.id, { action: 'complete', version: noDeadline.version, result: '已办理' });
    await fire('office_clerk', noDeadline.id, { action: 'archive', version: closed.version, retention: '10y' });
    await fire('office_clerk', waiting.id, { action: 'return', version: waiting.version, reason: '不属本机关职责' });
    expect((await check()).map((x) => x.kind)).toEqual(['number_gap']);

    // The stored report is what the dashboard reads; the office director heard of it.
    const latest = body<CheckReport>(await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/incoming/checks/latest' }));
    expect(latest.findings.map((x) => x.kind)).toEqual(['number_gap']);
    const notes = await t.db.kysely.selectFrom('notifications').select('user_id').where('kind', '=', 'incoming.daily_check').execute();
    expect(new Set(notes.map((x) => x.user_id))).toEqual(new Set([s.office_director.user.id]));
  });
});
