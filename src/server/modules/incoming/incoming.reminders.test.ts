import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { CheckReport, IncomingFields, IncomingOptions, IncomingSettings } from '../../../shared/incoming.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/*
 * Issue 13: urgent work is chased earlier and more often, by a designated 催办
 * person; a 来文时限 nearing before 批办 is reported to the office director;
 * the "stuck" threshold of the daily check depends on urgency. All of it
 * across the 2026 国庆 holiday (10-01 to 10-07, 10-10 a make-up Saturday).
 */

type View = WorkflowView<IncomingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const USERS = ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div2_staff', 'sysadmin'] as const;
type U = (typeof USERS)[number];

let counter = 0;
const doc = (over: Record<string, unknown> = {}) => ({
  sourceOrg: '国家金融监督管理总局',
  sourceDocNumber: `金办〔2026〕${700 + ++counter}号`,
  title: `关于报送风险排查情况的通知（${counter}）`,
  docType: '通知',
  classification: 'none',
  urgency: 'normal',
  kind: 'handle',
  copies: 1,
  receivedDate: '2026-09-29',
  ...over,
});

describe.each(testDialects())('收文 催办 and checks on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  const id = (u: U) => s[u].user.id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Tuesday 2026-09-29, 10:00 in Beijing.
    t.clock.set('2026-09-29T02:00:00.000Z');
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const fire = async (as: U, v: View, payload: Record<string, unknown>): Promise<View> => {
    const r = await injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${v.id}/transitions`, payload: { ...payload, version: v.version } });
    expect(r.statusCode, r.body).toBe(200);
    return body<View>(r);
  };
  const register = async (over: Record<string, unknown> = {}): Promise<View> => {
    const r = await injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/incoming', payload: doc(over) });
    expect(r.statusCode, r.body).toBe(201);
    return body<View>(r);
  };
  const assigned = async (urgency: string, deadlineWorkdays: number): Promise<View> => {
    const d = await register({ urgency });
    const p = await fire('office_clerk', d, { action: 'propose', opinion: '拟请监管一处办理', leaderIds: [id('leader1')] });
    return fire('leader1', p, { action: 'instruct', instruction: '请监管一处办理', leadDivisionId: div1, deadlineWorkdays });
  };
  const notes = async (docId: string, kind: string) =>
    (await t.db.kysely.selectFrom('notifications').select(['user_id']).where('link', '=', `/incoming/${docId}`).where('kind', '=', kind).execute()).map(
      (n) => n.user_id,
    );
  const sent = async (docId: string) =>
    (await t.db.kysely.selectFrom('incoming_reminders').select(['kind', 'sent_at']).where('doc_id', '=', docId).orderBy('sent_at').execute()).map(
      (r) => `${r.kind}@${r.sent_at.slice(0, 10)}`,
    );
  /** 08:30 Beijing on `day`: both daily jobs (07:30 check, 08:00 reminders) are due. */
  const morning = async (day: string) => {
    const prev = new Date(Date.parse(`${day}T00:30:00.000Z`)).toISOString();
    t.clock.set(prev);
    await t.scheduler.tick();
  };
  const findings = async (): Promise<CheckReport['findings']> => {
    const row = await t.db.kysely.selectFrom('incoming_checks').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return JSON.parse(row.findings) as CheckReport['findings'];
  };

  it('the 催办 person is the office clerk until the office director names another; 三员 and others may not', async () => {
    const get = (as: U) => injectAs(t.app, s[as], { method: 'GET', url: '/api/incoming/settings' });
    const put = (as: U, payload: Record<string, unknown>) => injectAs(t.app, s[as], { method: 'PUT', url: '/api/incoming/settings', payload });
    expect(body<IncomingSettings>(await get('office_clerk'))).toEqual({ version: 0, chaserUserId: null, chaser: [{ id: id('office_clerk'), name: '钱文秘' }] });
    expect((await get('sysadmin')).statusCode).toBe(403);
    expect((await get('div1_head')).statusCode).toBe(403);
    expect((await put('office_clerk', { version: 0, chaserUserId: id('office_director') })).statusCode).toBe(403);
    expect((await put('office_director', { version: 0, chaserUserId: id('sysadmin') })).statusCode).toBe(400);
    expect((await put('office_director', { version: 0 })).statusCode).toBe(400);
    const saved = await put('office_director', { version: 0, chaserUserId: id('office_director') });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(body<IncomingSettings>(saved)).toMatchObject({ version: 1, chaser: [{ id: id('office_director') }] });
    expect((await put('office_director', { version: 0, chaserUserId: null })).statusCode).toBe(409);
  });

  it('特急 at half the time and on the day, 加急 a working day ahead and on the day, 平件 two working days ahead — across 国庆', async () => {
    // Deadlines counted on 2026-09-29: 4 working days → Saturday 10-10 (make-up day), 3 → Friday 10-09.
    const extra = await assigned('extra_urgent', 4);
    const urgent = await assigned('urgent', 3);
    const normal = await assigned('normal', 4);
    expect([extra.handlingDeadline, urgent.handlingDeadline, normal.handlingDeadline]).toEqual(['2026-10-10', '2026-10-09', '2026-10-10']);
    // Not yet ready for 批办: waiting at the office's desk.
    const waitingExtra = await register({ urgency: 'extra_urgent' });
    const waitingUrgent = await register({ urgency: 'urgent' });
    const waitingNormal = await register({ urgency: 'normal', deadline: '2026-10-09' });

    await morning('2026-09-30');
    expect(await sent(extra.id)).toEqual([]);
    expect(await sent(urgent.id)).toEqual([]);
    expect(await sent(normal.id)).toEqual([]);
    // 特急 is to be instructed the day it arrives; 加急 within a working day; 平件 three.
    let f = await findings();
    expect(f.filter((x) => x.kind === 'overdue').map((x) => x.docId)).toEqual([waitingExtra.id]);

    await morning('2026-10-02'); // in the holiday: holidays do not count
    expect(await sent(extra.id)).toEqual([]);
    f = await findings();
    expect(f.filter((x) => x.kind === 'overdue').map((x) => x.docId)).toEqual([waitingExtra.id]);
    expect(f.some((x) => x.kind === 'source_deadline')).toBe(false);

    await morning('2026-10-08');
    expect(await sent(extra.id)).toEqual(['half@2026-10-08']);
    expect(await sent(urgent.id)).toEqual(['before@2026-10-08']);
    expect(await sent(normal.id)).toEqual(['before@2026-10-08']);
    // The division head is reminded; the 催办 person (the director, named above) gets the chase.
    expect(await notes(extra.id, 'incoming.reminder')).toEqual([id('div1_head')]);
    expect(await notes(extra.id, 'incoming.chase')).toEqual([id('office_director')]);
    f = await findings();
    expect(
      f
        .filter((x) => x.kind === 'overdue')
        .map((x) => x.docId)
        .sort(),
    ).toEqual([waitingExtra.id, waitingUrgent.id].sort());
    // The 来文时限 of 10-09 is a working day away and nobody has 拟办 it: a finding, and the director is told once.
    expect(f.filter((x) => x.kind === 'source_deadline').map((x) => x.docId)).toEqual([waitingNormal.id]);
    expect(await notes(waitingNormal.id, 'incoming.source_deadline')).toEqual([id('office_director')]);

    await morning('2026-10-09');
    expect(await sent(extra.id)).toEqual(['half@2026-10-08']);
    expect(await sent(urgent.id)).toEqual(['before@2026-10-08', 'due@2026-10-09']);
    expect(await sent(normal.id)).toEqual(['before@2026-10-08']);
    expect(await notes(waitingNormal.id, 'incoming.source_deadline')).toHaveLength(1);

    await morning('2026-10-10'); // the make-up Saturday is a working day
    expect(await sent(extra.id)).toEqual(['half@2026-10-08', 'due@2026-10-10']);
    expect(await sent(normal.id)).toEqual(['before@2026-10-08']);
    f = await findings();
    expect(
      f
        .filter((x) => x.kind === 'overdue')
        .map((x) => x.docId)
        .sort(),
    ).toEqual([waitingExtra.id, waitingUrgent.id, waitingNormal.id].sort());

    await morning('2026-10-12');
    expect(await sent(extra.id)).toEqual(['half@2026-10-08', 'due@2026-10-10', 'overdue@2026-10-12']);
    expect((await notes(extra.id, 'incoming.overdue')).sort()).toEqual([id('div1_head'), id('office_clerk'), id('office_director')].sort());

    // The page shows what went out and who chases it.
    t.clock.set('2026-10-12T02:00:00.000Z');
    s.office_clerk = await login(t.app, 'office_clerk');
    const v = body<View>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming/${extra.id}` }));
    expect(v.reminders.map((r) => r.kind)).toEqual(['half', 'due', 'overdue']);
    expect(v.chaser).toEqual([{ id: id('office_director'), name: '赵主任' }]);
  });
});
