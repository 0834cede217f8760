import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { SupervisionFields, SupervisionOptions } from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { AUTO_REMINDER, autoRemind } from './supervision.autoremind.js';

/*
 * Deadlines on days off and the automatic 催办, on the published 2026
 * calendar: 国庆 2026-10-01…07 off, 2026-10-08 the first working day after.
 */
type View = WorkflowView<SupervisionFields>;
const USERS = ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div1_staff'] as const;
type U = (typeof USERS)[number];
const json = <T>(r: LightMyRequestResponse): T => JSON.parse(r.body) as T;

describe.each(testDialects())('督办 deadlines on days off and 自动催办 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    await setClock('2026-09-28T00:30:00.000Z'); // Mon 08:30 Beijing, before the 09:00 job
    const o = json<SupervisionOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' }));
    div1 = o.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });
  /** Moving the clock days ahead ends the sessions (idle timeout): sign in again at the new time. */
  async function setClock(at: string) {
    t.clock.set(at);
    for (const u of USERS) s[u] = await login(t.app, u);
  }
  const post = (as: U, url: string, payload: Record<string, unknown>) => injectAs(t.app, s[as], { method: 'POST', url, payload });
  const make = (title: string, deadline: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    post('office_clerk', '/api/supervision', {
      title,
      content: `${title}，按要求办理。`,
      source: 'leader_instruction',
      leadDivisionId: div1,
      kind: 'active',
      ...deadline,
      ...extra,
    });
  const made = async (title: string, deadline: Record<string, unknown>) => {
    const r = await make(title, deadline);
    expect(r.statusCode, r.body).toBe(201);
    return json<View>(r);
  };
  const fire = async (as: U, v: View, payload: Record<string, unknown>, status = 200) => {
    const r = await post(as, `/api/supervision/${v.id}/transitions`, { version: v.version, ...payload });
    expect(r.statusCode, r.body).toBe(status);
    return json<View>(r);
  };
  const view = async (v: View) => json<View>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/supervision/${v.id}` }));
  const autoRows = async () =>
    (
      await t.deps.db
        .selectFrom('supervision_reminders')
        .innerJoin('supervision_items', 'supervision_items.id', 'supervision_reminders.item_id')
        .select(['supervision_items.title', 'supervision_reminders.at'])
        .where('sent_by_name', '=', AUTO_REMINDER)
        .orderBy('supervision_reminders.at')
        .orderBy('supervision_items.title')
        .execute()
    ).map((r) => `${r.at.slice(0, 10)} ${r.title}`);
  const notesOf = async (u: U) =>
    json<{ items: { title: string; link: string }[] }>(await injectAs(t.app, s[u], { method: 'GET', url: '/api/notifications' })).items.map((x) => x.title);

  it('a deadline entered on a day off moves to the next working day and says so; deadlineWorkdays counts from today', async () => {
    const a = await made('A 国庆期间的时限', { deadline: '2026-10-03' });
    expect(a).toMatchObject({ deadline: '2026-10-08', originalDeadline: '2026-10-08', deadlineEntered: '2026-10-03' });
    const b = await made('B 三个工作日', { deadlineWorkdays: 3 });
    expect(b).toMatchObject({ deadline: '2026-10-08', deadlineEntered: null });
    const c = await made('C 工作日的时限', { deadline: '2026-10-09' });
    expect(c).toMatchObject({ deadline: '2026-10-09', deadlineEntered: null });
    for (const bad of [{}, { deadline: '2026-10-09', deadlineWorkdays: 2 }, { deadlineWorkdays: 0 }, { deadlineWorkdays: 1.5 }, { deadline: '2026-09-27' }]) {
      const r = await make('坏的时限', bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.body).toMatch(/[\u4e00-\u9fff]/);
    }
    // A milestone after a deadline counted in workdays is refused once the count is known.
    const late = await make('节点晚于时限', { deadlineWorkdays: 3 }, { milestones: [{ title: '节点', dueDate: '2026-10-09' }] });
    expect(late.statusCode, late.body).toBe(400);
    expect(late.body).toContain('节点日期不能晚于办结时限');
  });

  it('延期: a date on a day off moves on, workdays count from the deadline in force; approval carries the entered date', async () => {
    const v = await made('D 需延期的事项', { deadline: '2026-11-30' });
    await fire('div1_head', v, { action: 'request_extension', reason: '需补充材料', deadline: '2026-11-30' }, 400);
    await fire('div1_head', v, { action: 'request_extension', reason: '需补充材料' }, 400);
    const asked = await fire('div1_head', v, { action: 'request_extension', reason: '需补充材料', deadline: '2026-12-05' });
    expect(asked.extensions[0]).toMatchObject({ requestedDeadline: '2026-12-07', requestedEntered: '2026-12-05', state: 'pending' });
    const ok = await fire('leader1', asked, { action: 'approve_extension' });
    expect(ok).toMatchObject({ deadline: '2026-12-07', deadlineEntered: '2026-12-05', originalDeadline: '2026-11-30', deadlineExtended: true });
    const again = await fire('div1_head', ok, { action: 'request_extension', reason: '再延一周', deadlineWorkdays: 5 });
    expect(again.extensions[1]).toMatchObject({ requestedDeadline: '2026-12-14', requestedEntered: null });
    const twice = await fire('leader1', again, { action: 'approve_extension' });
    expect(twice).toMatchObject({ deadline: '2026-12-14', deadlineEntered: null });
  });

  it('自动催办: due-soon and overdue items, once per working day, none on a day off; a manual 催办 that day counts', async () => {
    const e = await made('E 明日到期', { deadline: '2026-09-29' });
    await fire('office_clerk', e, { action: 'remind', message: '请明日前办结。' });
    await made('F 今日到期', { deadline: '2026-09-28' });
    await made('G 远期事项', { deadline: '2026-12-31' });
    expect(await autoRows()).toEqual([]);

    await setClock('2026-09-28T01:30:00.000Z'); // Mon 09:30 Beijing
    await t.scheduler.tick();
    // A (10-08) and B (10-08) are 3 workdays away, F is due today; E was reminded by hand this morning; C (10-09) and G are not yet due.
    expect(await autoRows()).toEqual(['2026-09-28 A 国庆期间的时限', '2026-09-28 B 三个工作日', '2026-09-28 F 今日到期']);
    await t.scheduler.tick();
    expect(await t.deps.db.transaction().execute((trx) => autoRemind(t.deps, trx))).toEqual({ reminded: 0 });
    expect(await autoRows()).toHaveLength(3);
    const head = await notesOf('div1_head');
    expect(head.some((x) => x.includes('F 今日到期：今日到期（时限 2026-09-28），请按时申请办结'))).toBe(true);
    expect(head.some((x) => x.includes('A 国庆期间的时限：距办结时限 2026-10-08 还有 3 个工作日'))).toBe(true);
    expect(await notesOf('office_director')).toContain('自动催办：今日催办 3 件（逾期 0 件，临近时限 3 件）');
    // On the record like a manual 催办: one audit event per run, signed by the system, naming the items.
    const audited = await t.deps.db.selectFrom('audit_events').select(['actor_name', 'details']).where('action', '=', 'supervision.auto_remind').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor_name).toBe(AUTO_REMINDER);
    expect(JSON.parse(audited[0]?.details ?? '{}')).toMatchObject({ day: '2026-09-28', overdue: 0, dueSoon: 3 });

    await setClock('2026-09-29T01:30:00.000Z'); // Tue: F is overdue now, E due today, C (10-09) three workdays away
    await t.scheduler.tick();
    expect((await autoRows()).filter((x) => x.startsWith('2026-09-29'))).toEqual([
      '2026-09-29 A 国庆期间的时限',
      '2026-09-29 B 三个工作日',
      '2026-09-29 C 工作日的时限',
      '2026-09-29 E 明日到期',
      '2026-09-29 F 今日到期',
    ]);
    expect((await notesOf('div1_head')).some((x) => x.includes('F 今日到期：已超过办结时限 2026-09-28'))).toBe(true);

    await setClock('2026-10-03T01:30:00.000Z'); // Sat, 国庆: nothing is sent
    await t.scheduler.tick();
    expect(await t.deps.db.transaction().execute((trx) => autoRemind(t.deps, trx))).toEqual({ reminded: 0 });
    expect((await autoRows()).filter((x) => x.startsWith('2026-10-03'))).toEqual([]);

    await setClock('2026-10-08T01:30:00.000Z'); // the first working day after the holiday
    await t.scheduler.tick();
    expect((await autoRows()).filter((x) => x.startsWith('2026-10-08'))).toEqual([
      '2026-10-08 A 国庆期间的时限',
      '2026-10-08 B 三个工作日',
      '2026-10-08 C 工作日的时限',
      '2026-10-08 E 明日到期',
      '2026-10-08 F 今日到期',
    ]);

    // Each automatic notice has its 催办单, as a manual one does.
    const f = (await view(e)).reminders;
    // By hand on Monday, automatically on Tuesday and on 10-08.
    expect(f.map((r) => r.sentBy === AUTO_REMINDER)).toEqual([false, true, true]);
    const auto = f.find((r) => r.sentBy === AUTO_REMINDER);
    const doc = await injectAs(t.app, s.div1_head, { method: 'GET', url: auto?.noticeUrl ?? '' });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
  });
});
