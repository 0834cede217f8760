import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { Personnel, RefusalList, SecrecyDashboard, SecrecySettings, Training } from '../../../shared/secrecy.people.js';
import { addMonthsClamped } from '../../../shared/secrecy.dates.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { secrecyDashboard } from './secrecy.dashboard.js';
import { dailyNotices } from './secrecy.jobs.js';

const USERS = ['secrecy_officer', 'office_director', 'leader1', 'div1_staff', 'div2_staff', 'secadmin', 'auditor'] as const;
type U = (typeof USERS)[number];

describe('保密期限 and 脱密期 arithmetic', () => {
  it('ends on the same day, else the month end', () => {
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-15', 36)).toBe('2029-03-15');
  });
});

describe.each(testDialects())('涉密人员, training, refusals on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  const id = {} as Record<U, string>;
  let unit = '';
  const get = (who: U, url: string) => injectAs(t.app, s[who], { method: 'GET', url });
  const send = (who: U, method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) => injectAs(t.app, s[who], { method, url, payload });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) {
      s[u] = await login(t.app, u);
      id[u] = (await t.deps.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    }
    unit = (await t.deps.db.selectFrom('units').select('id').where('name', '=', '监管一处').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records 涉密人员 once per account and computes the 脱密期 on leaving (36/24/12 months, month end)', async () => {
    const body = { name: '周科员', userId: id.div1_staff, unitId: unit, category: 'core', post: '监管岗', since: '2020-05-01' };
    expect((await send('office_director', 'POST', '/api/secrecy/personnel', body)).statusCode).toBe(403);
    expect((await send('secadmin', 'POST', '/api/secrecy/personnel', body)).statusCode).toBe(403);
    expect((await send('secrecy_officer', 'POST', '/api/secrecy/personnel', { ...body, category: 'top' })).statusCode).toBe(400);
    expect((await send('secrecy_officer', 'POST', '/api/secrecy/personnel', { ...body, since: '2026-11-27' })).statusCode).toBe(400);
    const res = await send('secrecy_officer', 'POST', '/api/secrecy/personnel', body);
    expect(res.statusCode).toBe(201);
    const p = json<Personnel>(res);
    expect(p).toMatchObject({ status: 'active', unitName: '监管一处', separationEnd: null, version: 1 });
    const dup = await send('secrecy_officer', 'POST', '/api/secrecy/personnel', body);
    expect(dup.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(dup).error.code).toBe('duplicate');

    expect(
      (await send('secrecy_officer', 'POST', `/api/secrecy/personnel/${p.id}/leave`, { leftDate: '2024-02-29', reason: 'transferred', version: 2 })).statusCode,
    ).toBe(409);
    const left = json<Personnel>(
      await send('secrecy_officer', 'POST', `/api/secrecy/personnel/${p.id}/leave`, { leftDate: '2024-02-29', reason: 'transferred', version: 1 }),
    );
    expect(left).toMatchObject({ status: 'separation', leftDate: '2024-02-29', separationEnd: '2027-02-28', version: 2 });
    const twice = await send('secrecy_officer', 'POST', `/api/secrecy/personnel/${p.id}/leave`, { leftDate: '2024-03-01', reason: 'transferred', version: 2 });
    expect(twice.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(twice).error.code).toBe('invalid_transition');

    const g = json<Personnel>(await send('secrecy_officer', 'POST', '/api/secrecy/personnel', { ...body, category: 'general' }));
    const released = json<Personnel>(
      await send('secrecy_officer', 'POST', `/api/secrecy/personnel/${g.id}/leave`, { leftDate: '2025-01-31', reason: 'retired', version: 1 }),
    );
    expect(released).toMatchObject({ status: 'released', separationEnd: '2026-01-31' });
    const i = json<Personnel>(
      await send('secrecy_officer', 'POST', '/api/secrecy/personnel', { ...body, userId: undefined, name: '外聘人员', category: 'important' }),
    );
    const edited = await send('secrecy_officer', 'PUT', `/api/secrecy/personnel/${i.id}`, {
      name: '外聘人员',
      unitId: unit,
      category: 'general',
      post: '文秘',
      since: '2020-05-01',
      version: 1,
    });
    expect(json<Personnel>(edited)).toMatchObject({ category: 'general', post: '文秘', version: 2 });
    expect(
      (
        await send('secrecy_officer', 'PUT', `/api/secrecy/personnel/${i.id}`, {
          name: '外聘人员',
          unitId: unit,
          category: 'general',
          post: '文秘',
          since: '2020-05-01',
          version: 1,
        })
      ).statusCode,
    ).toBe(409);

    const all = json<{ items: Personnel[] }>(await get('leader1', '/api/secrecy/personnel'));
    expect(all.items.map((x) => x.status).sort()).toEqual(['active', 'released', 'separation']);
    expect(json<{ items: Personnel[] }>(await get('leader1', '/api/secrecy/personnel?status=separation')).items.map((x) => x.id)).toEqual([p.id]);
    expect((await get('div1_staff', '/api/secrecy/personnel')).statusCode).toBe(403);
  });

  it('records training and exams with pass marks; everyone reads their own', async () => {
    const body = {
      title: '保密知识考试',
      kind: 'exam',
      date: '2026-11-20',
      hours: 1.5,
      passScore: 60,
      attendees: [{ userId: id.div1_staff, score: 58 }, { userId: id.div2_staff, score: 90 }, { userId: id.leader1 }],
    };
    expect((await send('secrecy_officer', 'POST', '/api/secrecy/trainings', { ...body, hours: 0.75 })).statusCode).toBe(400);
    expect((await send('secrecy_officer', 'POST', '/api/secrecy/trainings', { ...body, date: '2026-11-27' })).statusCode).toBe(400);
    expect((await send('secrecy_officer', 'POST', '/api/secrecy/trainings', { ...body, attendees: [{ userId: id.div1_staff, score: 101 }] })).statusCode).toBe(
      400,
    );
    const res = await send('secrecy_officer', 'POST', '/api/secrecy/trainings', body);
    expect(res.statusCode).toBe(201);
    expect(json<Training>(res).attendees.map((a) => [a.name, a.score, a.passed])).toEqual([
      ['周科员', 58, false],
      ['郑科员', 90, true],
      ['王局长', null, null],
    ]);
    await send('secrecy_officer', 'POST', '/api/secrecy/trainings', {
      title: '保密专家讲座',
      kind: 'lecture',
      date: '2026-10-10',
      hours: 2,
      attendees: [{ userId: id.div1_staff }],
    });
    const people = json<{ items: { name: string; sessions: number; hours: number; exams: number; passedExams: number }[] }>(
      await get('office_director', '/api/secrecy/trainings/people?year=2026'),
    );
    expect(people.items.find((x) => x.name === '周科员')).toMatchObject({ sessions: 2, hours: 3.5, exams: 1, passedExams: 0 });
    const mine = json<{ items: { title: string; passed: boolean | null }[] }>(await get('div1_staff', '/api/secrecy/trainings/mine'));
    expect(mine.items.map((x) => x.title)).toEqual(['保密知识考试', '保密专家讲座']);
    expect((await get('div1_staff', '/api/secrecy/trainings')).statusCode).toBe(403);
    const xlsx = await get('office_director', '/api/secrecy/trainings/export.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get('div1_staff', '/api/secrecy/trainings/export.xlsx')).statusCode).toBe(403);
    expect((await get('secadmin', '/api/secrecy/trainings/mine')).statusCode).toBe(403);
  });

  it('shows the guard refusals to the 保密员 alone: who, where, which marking, never the text around it', async () => {
    const marked = await send('div1_staff', 'POST', '/api/secrecy/trainings', {
      title: '机密★10年 有关材料',
      kind: 'lecture',
      date: '2026-11-20',
      hours: 1,
      attendees: [{ userId: id.div1_staff }],
    });
    expect(marked.statusCode).toBe(403);
    const carrier = await send('secrecy_officer', 'POST', '/api/carrier', {
      title: '秘密★5年 年度报告',
      classification: 'secret',
      copyNo: '1',
      sourceOrg: '省保密局',
      issuedDate: '2026-11-01',
      receivedDate: '2026-11-02',
    });
    expect(carrier.statusCode).toBe(422);
    const refusals = json<RefusalList>(await get('secrecy_officer', '/api/secrecy/refusals'));
    expect(refusals.total).toBe(1);
    expect(refusals.items[0]).toMatchObject({
      actor: { id: id.secrecy_officer, name: '冯保密员' },
      unit: { name: '办公室' },
      module: 'carrier',
      what: '涉密载体登记',
    });
    expect(refusals.items[0]?.markings).toEqual([{ marking: '秘密★5年', level: 'secret', field: 'title', line: 1 }]);
    expect(JSON.stringify(refusals)).not.toContain('年度报告');
    expect(json<RefusalList>(await get('secrecy_officer', '/api/secrecy/refusals?from=2026-11-27')).total).toBe(0);
    expect(json<RefusalList>(await get('secrecy_officer', `/api/secrecy/refusals?actorId=${id.leader1}`)).total).toBe(0);
    for (const u of ['office_director', 'leader1', 'secadmin', 'auditor'] as const) expect((await get(u, '/api/secrecy/refusals')).statusCode).toBe(403);
    const dash = json<SecrecyDashboard>(await get('leader1', '/api/secrecy/dashboard?year=2026'));
    expect(dash.refusals).toMatchObject({
      total: 1,
      byLevel: [{ key: 'secret', count: 1 }],
      byModule: [{ key: 'carrier', count: 1 }],
      byMonth: [{ key: '2026-11', count: 1 }],
    });
    expect(dash.trainings).toMatchObject({ sessions: 2, exams: 2, failed: 1 });
    expect(dash.refusals.last30Days).toBe(1);
    // The 驾驶舱 section gives the module's own figures, and nothing to a division's view.
    const leader = { id: id.leader1, username: 'leader1', name: '王局长', unitId: null, roles: ['leader' as const], sessionId: 't', ip: '127.0.0.1' };
    expect(await secrecyDashboard.build(t.deps, leader, { year: 2026, scope: 'bureau', unitId: null })).toMatchObject({
      guardRefusals30d: 1,
      carriersOverdueReturn: dash.carriers.overdue,
      openRectifications: dash.inspections.openRectifications,
    });
    expect(await secrecyDashboard.build(t.deps, leader, { year: 2026, scope: 'division', unitId: null })).toMatchObject({ guardRefusals30d: null });
    expect((await get('div1_staff', '/api/secrecy/dashboard')).statusCode).toBe(403);
  });

  it('keeps its settings versioned for the 保密员, and sends the daily notices', async () => {
    const cur = json<SecrecySettings>(await get('secrecy_officer', '/api/secrecy/settings'));
    expect(cur).toMatchObject({ loanDays: 30, reviewLeadDays: 30, separationCore: 36, rectifyWorkdays: 20, version: 0 });
    const { version: _v, ...values } = cur;
    const saved = json<SecrecySettings>(await send('secrecy_officer', 'PUT', '/api/secrecy/settings', { ...values, loanDays: 15, version: 0 }));
    expect(saved).toMatchObject({ loanDays: 15, version: 1 });
    expect((await send('secrecy_officer', 'PUT', '/api/secrecy/settings', { ...values, version: 0 })).statusCode).toBe(409);
    expect((await get('office_director', '/api/secrecy/settings')).statusCode).toBe(403);
    const out = await t.deps.db.transaction().execute((trx) => dailyNotices(t.deps, trx));
    expect(out.sent).toBeGreaterThanOrEqual(0);
  });
});
