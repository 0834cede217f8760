import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { CalendarYearView } from '../../../shared/calendar.js';
import type { DivisionView, SupervisionFields, SupervisionList, SupervisionOptions } from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/*
 * Every read and list of an item says when its deadline rests on a year whose
 * 放假安排 is not published (or is entered as 暂定), and stops saying so
 * once the sysadmin enters the official schedule.
 */
type View = WorkflowView<SupervisionFields>;
const USERS = ['office_clerk', 'div1_head', 'sysadmin'] as const;
type U = (typeof USERS)[number];
const json = <T>(r: LightMyRequestResponse): T => JSON.parse(r.body) as T;

describe.each(testDialects())('督办 deadlines on a provisional calendar on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect); // the clock stands at 2026-11-26; the shipped calendar ends with 2026
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const o = json<SupervisionOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' }));
    div1 = o.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = async <T>(as: U, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>, status = 200): Promise<T> => {
    const r = await injectAs(t.app, s[as], { method, url, ...(payload ? { payload } : {}) });
    expect(r.statusCode, r.body).toBe(status);
    return json<T>(r);
  };
  const make = (title: string, deadline: string) =>
    call<View>(
      'office_clerk',
      'POST',
      '/api/supervision',
      { title, content: `${title}，按要求办理。`, source: 'leader_instruction', leadDivisionId: div1, deadline, kind: 'active' },
      201,
    );
  /** id → deadlineProvisional as the item page, the ledger and the division view each say it. */
  const flags = async (ids: readonly string[]) => {
    const list = await call<SupervisionList>('office_clerk', 'GET', '/api/supervision?pageSize=100');
    const division = await call<DivisionView>('div1_head', 'GET', '/api/supervision/division');
    const out: Record<string, [boolean | undefined, boolean | undefined, boolean | undefined]> = {};
    for (const id of ids) {
      const item = await call<View>('office_clerk', 'GET', `/api/supervision/${id}`);
      out[id] = [
        item.deadlineProvisional,
        list.items.find((i) => i.id === id)?.deadlineProvisional,
        division.items.find((i) => i.id === id)?.deadlineProvisional,
      ];
    }
    return out;
  };

  it('a deadline in 2027 is provisional until 2027 is entered; 2026 entered as 暂定 makes its deadlines provisional; the reset restores them', async () => {
    const dec = await make('年底前完成专项监管', '2026-12-31');
    const jan = await make('次年一月完成整改验收', '2027-01-29');
    expect(dec.deadlineProvisional).toBe(false);
    expect(jan.deadlineProvisional).toBe(true);
    expect(await flags([dec.id, jan.id])).toEqual({ [dec.id]: [false, false, false], [jan.id]: [true, true, true] });

    // The 2027 notice is entered: 元旦 01-01 and 春节 02-06 … 02-14 (illustrative), not 暂定.
    await call<CalendarYearView>('sysadmin', 'PUT', '/api/calendar/2027', {
      offDays: ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      makeupWorkdays: [],
    });
    expect(await flags([dec.id, jan.id])).toEqual({ [dec.id]: [false, false, false], [jan.id]: [false, false, false] });

    // 2026 re-entered as a draft (its own data, marked 暂定): the December deadline is provisional again.
    const y2026 = await call<CalendarYearView>('sysadmin', 'GET', '/api/calendar/2026');
    const draft = await call<CalendarYearView>('sysadmin', 'PUT', '/api/calendar/2026', {
      offDays: y2026.offDays,
      makeupWorkdays: y2026.makeupWorkdays,
      provisional: true,
    });
    expect(draft.provisional).toBe(true);
    expect(await flags([dec.id, jan.id])).toEqual({ [dec.id]: [true, true, true], [jan.id]: [true, true, true] });

    await call<CalendarYearView>('sysadmin', 'DELETE', `/api/calendar/2026/override?version=${draft.version}`);
    expect(await flags([dec.id, jan.id])).toEqual({ [dec.id]: [false, false, false], [jan.id]: [false, false, false] });
  });
});
