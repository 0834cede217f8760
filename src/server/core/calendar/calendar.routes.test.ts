import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarYearView } from '../../../shared/calendar.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { getCalendar } from './calendar.service.js';

interface Envelope {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } };
}

describe.each(testDialects())('calendar API on %s', (dialect) => {
  let t: TestApp;
  let sysadmin: Session;
  let clerk: Session;
  let secadmin: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    sysadmin = await login(t.app, 'sysadmin');
    clerk = await login(t.app, 'office_clerk');
    secadmin = await login(t.app, 'secadmin');
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const put = (s: Session, year: number | string, payload: unknown) =>
    injectAs(t.app, s, { method: 'PUT', url: `/api/calendar/${year}`, payload: payload as Record<string, unknown> });

  it('401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/2025' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/deadline?from=2025-01-24&workdays=3' })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'PUT', url: '/api/calendar/2027', payload: { offDays: [], makeupWorkdays: [] } });
    expect([401, 403]).toContain(res.statusCode);
  });

  it('400 for a bad year, date or body', async () => {
    for (const url of ['/api/calendar/abc', '/api/calendar/1999', '/api/calendar/2100', '/api/calendar/2025.5']) {
      const res = await injectAs(t.app, clerk, { method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(json<Envelope>(res).error.code).toBe('validation');
    }
    const cases: unknown[] = [
      {},
      { offDays: '2027-01-01', makeupWorkdays: [] },
      { offDays: ['2027-02-30'], makeupWorkdays: [] },
      { offDays: ['2027-1-1'], makeupWorkdays: [] },
      { offDays: [], makeupWorkdays: [], extra: 1 },
      { offDays: [], makeupWorkdays: [], version: -1 },
      { offDays: [], makeupWorkdays: [], note: 'x'.repeat(201) },
    ];
    for (const body of cases) {
      const res = await put(sysadmin, 2027, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(json<Envelope>(res).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('400 naming every rule broken: weekday-only off days, weekend-only make-up days, within the year, no overlap', async () => {
    const res = await put(sysadmin, 2027, {
      // Sat 2027-01-02 as an off day; Mon 2027-01-04 as a make-up day; a 2026 date; a date in both lists; a duplicate.
      offDays: ['2027-01-02', '2026-12-31', '2027-02-08', '2027-02-08'],
      makeupWorkdays: ['2027-01-04', '2027-02-06', '2027-02-08'],
    });
    expect(res.statusCode).toBe(400);
    const body = json<Envelope>(res);
    expect(body.error.code).toBe('validation');
    const fields = body.error.details?.fields ?? [];
    expect(fields.map((f) => f.field)).toEqual(['offDays.0', 'offDays.1', 'offDays.3', 'makeupWorkdays.0', 'makeupWorkdays.2', 'makeupWorkdays.2']);
    expect(fields[0]?.message).toMatch(/星期六/);
    expect(fields[1]?.message).toMatch(/不在 2027 年内/);
    expect(fields[2]?.message).toMatch(/重复/);
    expect(fields[3]?.message).toMatch(/星期一/);
    expect(fields.some((f) => /同时列为/.test(f.message))).toBe(true);
    // Nothing was stored.
    expect(json<CalendarYearView>(await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/2027' })).source).toBe('none');
  });

  it('403 for anyone but the sysadmin', async () => {
    for (const s of [clerk, secadmin]) {
      expect((await put(s, 2027, { offDays: [], makeupWorkdays: [] })).statusCode).toBe(403);
      expect((await injectAs(t.app, s, { method: 'DELETE', url: '/api/calendar/2026/override' })).statusCode).toBe(403);
    }
    // Refused attempts are on the record, with who tried.
    const denied = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id'])
      .where('outcome', '=', 'denied')
      .where('action', 'in', ['calendar.update', 'calendar.reset'])
      .orderBy('seq')
      .execute();
    expect(denied.map((e) => [e.action, e.actor_id, e.target_id])).toEqual([
      ['calendar.update', clerk.user.id, '2027'],
      ['calendar.reset', clerk.user.id, '2026'],
      ['calendar.update', secadmin.user.id, '2027'],
      ['calendar.reset', secadmin.user.id, '2026'],
    ]);
  });

  it('any signed-in user reads a shipped year exactly as API.md describes', async () => {
    const res = await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/2025' });
    expect(res.statusCode).toBe(200);
    expect(json<CalendarYearView>(res)).toMatchObject({
      year: 2025,
      provisional: false,
      offDays: [
        '2025-01-01',
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-02-03',
        '2025-02-04',
        '2025-04-04',
        '2025-05-01',
        '2025-05-02',
        '2025-05-05',
        '2025-06-02',
        '2025-10-01',
        '2025-10-02',
        '2025-10-03',
        '2025-10-06',
        '2025-10-07',
        '2025-10-08',
      ],
      makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
      source: 'shipped',
      version: 0,
    });
    const y2027 = json<CalendarYearView>(await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/2027' }));
    expect(y2027).toMatchObject({ year: 2027, provisional: true, offDays: [], makeupWorkdays: [], source: 'none', version: 0 });
  });

  it('answers day checks and deadline previews', async () => {
    const day = await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/2024/check?date=2024-10-01' });
    expect(json(day)).toEqual({ date: '2024-10-01', workday: false, kind: 'off_day', provisional: false });
    const makeup = await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/2024/check?date=2024-10-12' });
    expect(json(makeup)).toMatchObject({ workday: true, kind: 'makeup_workday' });
    expect((await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/2024/check?date=2025-01-01' })).statusCode).toBe(400);
    const d = await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/deadline?from=2024-09-16&days=15' });
    expect(json(d)).toEqual({ date: '2024-10-08', nominal: '2024-10-01', moved: true, provisional: false, provisionalYears: [] });
    for (const q of ['from=2024-09-16', 'from=2024-09-16&days=1&workdays=1', 'from=2024-09-16&days=-1', 'from=x&days=1', 'from=2024-09-16&days=abc']) {
      expect((await injectAs(t.app, clerk, { method: 'GET', url: `/api/calendar/deadline?${q}` })).statusCode, q).toBe(400);
    }
  });

  it('sysadmin enters 2027; deadlines stop being provisional at once; the change is audited', async () => {
    const preview = () => injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/deadline?from=2026-12-30&workdays=3' });
    expect(json(await preview())).toMatchObject({ date: '2027-01-04', provisional: true, provisionalYears: [2027] });

    const res = await put(sysadmin, 2027, {
      offDays: ['2027-01-01'],
      makeupWorkdays: [],
      note: '测试：假设的 2027 年安排',
    });
    expect(res.statusCode).toBe(200);
    expect(json<CalendarYearView>(res)).toMatchObject({
      year: 2027,
      provisional: false,
      offDays: ['2027-01-01'],
      makeupWorkdays: [],
      source: 'override',
      version: 1,
      note: '测试：假设的 2027 年安排',
    });
    // The cached calendar was dropped: the same preview now uses the entry.
    expect(json(await preview())).toMatchObject({ date: '2027-01-05', provisional: false, provisionalYears: [] });
    expect((await getCalendar(t.deps)).isWorkday('2027-01-01')).toBe(false);

    const events = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'calendar.update').where('outcome', '=', 'success').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ target_type: 'calendar_year', target_id: '2027', outcome: 'success' });
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ year: 2027, version: 1, offDays: ['2027-01-01'], previous: { source: 'none' } });
  });

  it('409 on a stale or missing version; the current version wins', async () => {
    const stale = await put(sysadmin, 2027, { offDays: [], makeupWorkdays: [], version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(json<Envelope>(stale).error.code).toBe('version_conflict');
    expect((await put(sysadmin, 2027, { offDays: [], makeupWorkdays: [] })).statusCode).toBe(409);
    const ok = await put(sysadmin, 2027, { offDays: ['2027-01-01', '2027-02-08'], makeupWorkdays: ['2027-02-06'], version: 1, provisional: true });
    expect(ok.statusCode).toBe(200);
    expect(json<CalendarYearView>(ok)).toMatchObject({ version: 2, provisional: true, offDays: ['2027-01-01', '2027-02-08'], makeupWorkdays: ['2027-02-06'] });
    // A provisional entry keeps deadlines flagged.
    const d = await injectAs(t.app, clerk, { method: 'GET', url: '/api/calendar/deadline?from=2026-12-30&workdays=3' });
    expect(json(d)).toMatchObject({ date: '2027-01-05', provisional: true });
  });

  it('two first entries at once: one wins, the other gets 409, never 500', async () => {
    const body = { offDays: ['2028-01-03'], makeupWorkdays: [] };
    const results = await Promise.all([put(sysadmin, 2028, body), put(sysadmin, 2028, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('corrects a shipped year and falls back to the shipped data on DELETE', async () => {
    const fix = await put(sysadmin, 2026, { offDays: ['2026-01-01', '2026-01-02'], makeupWorkdays: [], note: '更正' });
    expect(fix.statusCode).toBe(200);
    expect(json<CalendarYearView>(fix)).toMatchObject({ source: 'override', version: 1 });
    expect((await getCalendar(t.deps)).isWorkday('2026-02-16')).toBe(true);

    const staleDelete = await injectAs(t.app, sysadmin, { method: 'DELETE', url: '/api/calendar/2026/override?version=7' });
    expect(staleDelete.statusCode).toBe(409);
    const del = await injectAs(t.app, sysadmin, { method: 'DELETE', url: '/api/calendar/2026/override?version=1' });
    expect(del.statusCode).toBe(200);
    expect(json<CalendarYearView>(del)).toMatchObject({ year: 2026, source: 'shipped', version: 0, provisional: false });
    expect((await getCalendar(t.deps)).isWorkday('2026-02-16')).toBe(false);
    expect((await injectAs(t.app, sysadmin, { method: 'DELETE', url: '/api/calendar/2026/override' })).statusCode).toBe(404);

    const resets = await t.deps.db
      .selectFrom('audit_events')
      .select(['target_id'])
      .where('action', '=', 'calendar.reset')
      .where('outcome', '=', 'success')
      .execute();
    expect(resets).toEqual([{ target_id: '2026' }]);
  });

  it('never answers hostile input with a 500', async () => {
    const odd = ['0', '-1', '1e309', '2025.0', '%00', '20250', "2025' or 1=1", 'x'.repeat(300), '２０２５', ''];
    const bodies: unknown[] = [
      null,
      [],
      'text',
      42,
      { offDays: null, makeupWorkdays: [] },
      { offDays: [1], makeupWorkdays: [] },
      { offDays: [], makeupWorkdays: [], version: 1e20 },
    ];
    for (const v of odd) {
      const e = encodeURIComponent(v);
      for (const url of [
        `/api/calendar/${e}`,
        `/api/calendar/2025/check?date=${e}`,
        `/api/calendar/deadline?from=2025-01-01&days=${e}`,
        `/api/calendar/deadline?from=${e}&workdays=1`,
      ]) {
        const res = await injectAs(t.app, clerk, { method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
      }
      expect((await injectAs(t.app, sysadmin, { method: 'DELETE', url: `/api/calendar/2025/override?version=${e}` })).statusCode).toBeLessThan(500);
    }
    for (const body of bodies) {
      const res = await injectAs(t.app, sysadmin, {
        method: 'PUT',
        url: '/api/calendar/2029',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(res.statusCode, JSON.stringify(body)).toBeLessThan(500);
    }
    // The far edges of what the schemas admit still compute.
    for (const q of ['from=2199-12-31&days=36500', 'from=1900-01-01&workdays=3660', 'from=2199-12-31&months=1200']) {
      expect((await injectAs(t.app, clerk, { method: 'GET', url: `/api/calendar/deadline?${q}` })).statusCode, q).toBe(200);
    }
  });

  it('lists its routes in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, unknown> }>(await t.app.inject({ method: 'GET', url: '/api/docs' }));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/calendar/{year}', '/api/calendar/{year}/override', '/api/calendar/deadline', '/api/calendar/{year}/check']),
    );
  });
});
