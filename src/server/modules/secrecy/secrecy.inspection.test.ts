import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { Campaign, CampaignList, SheetFields, SheetList } from '../../../shared/secrecy.inspection.js';
import type { SearchResponse } from '../../../shared/search.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type Sheet = WorkflowView<SheetFields>;
type Err = { error: { code: string; message: string; details?: { missing?: string[] } } };

const USERS = ['secrecy_officer', 'office_director', 'leader1', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff', 'secadmin'] as const;
type U = (typeof USERS)[number];

describe.each(testDialects())('保密自查 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  const id = {} as Record<U, string>;
  const get = (who: U, url: string) => injectAs(t.app, s[who], { method: 'GET', url });
  const post = (who: U, url: string, payload: Record<string, unknown>) => injectAs(t.app, s[who], { method: 'POST', url, payload });
  const fire = (who: U, sid: string, payload: Record<string, unknown>) => post(who, `/api/inspection/${sid}/transitions`, payload);
  const relogin = async () => {
    for (const u of USERS) s[u] = await login(t.app, u);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Tuesday 2026-09-29, 10:00 Beijing: the 国庆 holiday (10-01…07) and the make-up Saturday 10-10 lie ahead.
    t.clock.set('2026-09-29T02:00:00.000Z');
    await seedDemoOrg(t.deps);
    await relogin();
    for (const u of USERS) id[u] = (await t.deps.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the two checklists: 处室 11方面34项, 个人 7方面19项', async () => {
    const res = json<{ items: { key: string; itemCount: number; sections: { code: string; items: { code: string }[] }[] }[] }>(
      await get('div2_staff', '/api/secrecy/templates'),
    );
    expect(res.items.map((x) => [x.key, x.sections.length, x.itemCount])).toEqual([
      ['division', 11, 34],
      ['personal', 7, 19],
    ]);
    expect(res.items[0]?.sections[4]?.items.map((i) => i.code)).toEqual(['5.1', '5.2', '5.3', '5.4', '5.5']);
    expect((await get('secadmin', '/api/secrecy/templates')).statusCode).toBe(403);
  });

  it('runs a 处室 campaign: answer, submit (unanswered → 400), return, confirm, rectify in 工作日 across 国庆, close', async () => {
    const body = { title: '年度处室保密自查', template: 'division', dueDate: '2026-10-20', rectifyWorkdays: 5 };
    expect((await post('office_director', '/api/secrecy/campaigns', body)).statusCode).toBe(403);
    expect((await post('secrecy_officer', '/api/secrecy/campaigns', { ...body, dueDate: '2026-09-28' })).statusCode).toBe(400);
    expect((await post('secrecy_officer', '/api/secrecy/campaigns', { ...body, rectifyWorkdays: 61 })).statusCode).toBe(400);
    expect((await post('secrecy_officer', '/api/secrecy/campaigns', { ...body, template: 'unit' })).statusCode).toBe(400);
    expect((await post('secrecy_officer', '/api/secrecy/campaigns', { ...body, title: '秘密★1年 自查' })).statusCode).toBe(422);
    const res = await post('secrecy_officer', '/api/secrecy/campaigns', body);
    expect(res.statusCode).toBe(201);
    const c = json<Campaign>(res);
    expect(c).toMatchObject({ status: 'open', stats: { sheets: 4, submitted: 0, submissionRate: 0, rectificationRate: null, answers: { unanswered: 136 } } });
    expect(c.sheets.map((x) => x.unitName).sort()).toEqual(['办公室', '监管一处', '监管二处', '综合处'].sort());
    const sid = c.sheets.find((x) => x.unitName === '监管一处')?.id ?? '';

    // The division sees its own sheet; another does not; its head has it as a to-do.
    expect((await get('div2_staff', `/api/inspection/${sid}`)).statusCode).toBe(404);
    const mine = json<SheetList>(await get('div2_staff', '/api/inspection'));
    expect(mine.items.map((x) => x.unitName)).toEqual(['监管二处']);
    const todos = json<TodoList>(await get('div1_head', '/api/todos'));
    expect(todos.items).toContainEqual(expect.objectContaining({ kind: 'inspection', id: sid, deadline: '2026-10-20' }));

    const sheet = json<Sheet>(await get('div1_staff', `/api/inspection/${sid}`));
    expect(sheet).toMatchObject({ title: '年度处室保密自查（监管一处）', state: 'pending', progress: { answered: 0, total: 34 } });
    expect(sheet.actions).toEqual(['answer']);
    const codes = sheet.sections.flatMap((x) => x.items.map((i) => i.code));
    expect((await fire('div1_staff', sid, { action: 'answer', version: 1, answers: [{ itemCode: '5.2', result: 'noncompliant' }] })).statusCode).toBe(400);
    expect((await fire('div1_staff', sid, { action: 'answer', version: 1, answers: [{ itemCode: '12.1', result: 'compliant' }] })).statusCode).toBe(400);
    let v = json<Sheet>(
      await fire('div1_staff', sid, {
        action: 'answer',
        version: 1,
        answers: codes
          .slice(0, 30)
          .map((code) =>
            code === '5.2' || code === '6.4' ? { itemCode: code, result: 'noncompliant', note: `${code} 有问题` } : { itemCode: code, result: 'compliant' },
          ),
      }),
    );
    expect(v.progress).toEqual({ answered: 30, total: 34 });
    // Found by its notes, by those who may open it.
    const search = async (who: U) =>
      json<SearchResponse>(await get(who, `/api/search?q=${encodeURIComponent('6.4 有问题')}&kind=inspection`)).items.map((h) => h.id);
    expect(await search('div1_head')).toContain(sid);
    expect(await search('div2_staff')).not.toContain(sid);
    expect((await fire('div1_staff', sid, { action: 'submit', version: 2 })).statusCode).toBe(403);
    const missing = await fire('div1_head', sid, { action: 'submit', version: 2 });
    expect(missing.statusCode).toBe(400);
    expect(json<Err>(missing).error.details?.missing).toEqual(codes.slice(30));
    v = json<Sheet>(
      await fire('div1_head', sid, { action: 'answer', version: 2, answers: codes.slice(30).map((code) => ({ itemCode: code, result: 'not_applicable' })) }),
    );
    v = json<Sheet>(await fire('div1_head', sid, { action: 'submit', version: 3, comment: '已组织自查' }));
    expect(v.state).toBe('submitted');
    v = json<Sheet>(await fire('secrecy_officer', sid, { action: 'return', version: 4, comment: '请核实第6.4项' }));
    expect(v.state).toBe('pending');
    v = json<Sheet>(await fire('div1_head', sid, { action: 'submit', version: 5 }));

    // Confirmed on 09-30: the 5th 工作日 after is 10-13 (国庆 off 10-01…07, the Saturday 10-10 worked).
    t.clock.set('2026-09-30T02:00:00.000Z');
    await relogin();
    v = json<Sheet>(await fire('secrecy_officer', sid, { action: 'confirm', version: 6 }));
    expect(v.state).toBe('rectifying');
    expect(v.rectifications.map((r) => [r.itemCode, r.deadline, r.state])).toEqual([
      ['5.2', '2026-10-13', 'open'],
      ['6.4', '2026-10-13', 'open'],
    ]);
    const [r1, r2] = v.rectifications;
    expect((await fire('secrecy_officer', sid, { action: 'verify_rectification', version: 7, rectificationId: r1?.id })).statusCode).toBe(409);
    v = json<Sheet>(await fire('div1_head', sid, { action: 'report_rectification', version: 7, rectificationId: r1?.id, measure: '保密柜均已上锁并专人检查' }));
    expect((await fire('div1_head', sid, { action: 'report_rectification', version: 8, rectificationId: r1?.id, measure: '再报' })).statusCode).toBe(409);
    v = json<Sheet>(await fire('secrecy_officer', sid, { action: 'reject_rectification', version: 8, rectificationId: r1?.id, comment: '请附检查记录' }));
    expect(v.rectifications[0]).toMatchObject({ state: 'open', deadline: '2026-10-13', comment: '请附检查记录' });
    v = json<Sheet>(await fire('div1_head', sid, { action: 'report_rectification', version: 9, rectificationId: r1?.id, measure: '已附检查记录' }));
    v = json<Sheet>(await fire('secrecy_officer', sid, { action: 'verify_rectification', version: 10, rectificationId: r1?.id }));
    expect(v.state).toBe('rectifying');

    // 10-14: the other one is overdue.
    t.clock.set('2026-10-14T02:00:00.000Z');
    await relogin();
    v = json<Sheet>(await get('div1_head', `/api/inspection/${sid}`));
    expect(v.rectifications[1]).toMatchObject({ itemCode: '6.4', overdue: true });
    let stats = json<Campaign>(await get('leader1', `/api/secrecy/campaigns/${c.id}`)).stats;
    expect(stats).toMatchObject({
      sheets: 4,
      submitted: 1,
      closed: 0,
      submissionRate: 25,
      closureRate: 0,
      rectifications: { total: 2, open: 1, verified: 1, overdue: 1 },
      rectificationRate: 50,
    });
    expect(stats.answers).toEqual({ compliant: 28, noncompliant: 2, notApplicable: 4, unanswered: 102 });
    expect(stats.bySection.find((x) => x.code === '6')).toMatchObject({ name: '信息设备', noncompliant: 1 });
    v = json<Sheet>(await fire('div1_head', sid, { action: 'report_rectification', version: 11, rectificationId: r2?.id, measure: '介质已登记' }));
    v = json<Sheet>(await fire('secrecy_officer', sid, { action: 'verify_rectification', version: 12, rectificationId: r2?.id }));
    expect(v.state).toBe('closed');
    stats = json<Campaign>(await get('secrecy_officer', `/api/secrecy/campaigns/${c.id}`)).stats;
    expect(stats).toMatchObject({ closed: 1, closureRate: 25, rectificationRate: 100 });

    // A sheet without 不符合 closes on confirm; once all four are closed the campaign is completed.
    for (const x of c.sheets.filter((y) => y.id !== sid)) {
      const head: U = x.unitName === '监管二处' ? 'div2_head' : 'office_director';
      if (x.unitName === '综合处') continue;
      await fire(head, x.id, { action: 'answer', version: 1, answers: codes.map((code) => ({ itemCode: code, result: 'compliant' })) });
      await fire(head, x.id, { action: 'submit', version: 2 });
      expect(json<Sheet>(await fire('secrecy_officer', x.id, { action: 'confirm', version: 3 })).state).toBe('closed');
    }
    const listed = json<CampaignList>(await get('office_director', '/api/secrecy/campaigns?status=open'));
    expect(listed.items.map((x) => x.id)).toContain(c.id);
    expect(listed.rights.mayCreate).toBe(false);
    const docx = await get('leader1', `/api/secrecy/campaigns/${c.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get('div1_head', `/api/secrecy/campaigns/${c.id}`)).statusCode).toBe(403);
    const xlsx = await get('div1_head', '/api/inspection/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('sends a personal campaign to each active 涉密人员 with an account, and only they and their head see it', async () => {
    const unit = async (name: string) => (await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const none = await post('secrecy_officer', '/api/secrecy/campaigns', { title: '个人保密自查', template: 'personal', dueDate: '2026-11-30' });
    expect(none.statusCode).toBe(400);
    for (const [u, c] of [
      ['div1_staff', 'general'],
      ['div2_staff', 'general'],
    ] as const) {
      const r = await post('secrecy_officer', '/api/secrecy/personnel', {
        name: u,
        userId: id[u],
        unitId: await unit(u === 'div1_staff' ? '监管一处' : '监管二处'),
        category: c,
        post: '监管岗',
        since: '2024-01-01',
      });
      expect(r.statusCode).toBe(201);
    }
    const c = json<Campaign>(await post('secrecy_officer', '/api/secrecy/campaigns', { title: '个人保密自查', template: 'personal', dueDate: '2026-11-30' }));
    expect(c.sheets.map((x) => x.respondentId).sort()).toEqual([id.div1_staff, id.div2_staff].sort());
    const sid = c.sheets.find((x) => x.respondentId === id.div1_staff)?.id ?? '';
    expect((await get('div1_head', `/api/inspection/${sid}`)).statusCode).toBe(200);
    expect((await get('div2_head', `/api/inspection/${sid}`)).statusCode).toBe(404);
    expect((await get('div2_staff', `/api/inspection/${sid}`)).statusCode).toBe(404);
    const v = json<Sheet>(await get('div1_staff', `/api/inspection/${sid}`));
    expect(v).toMatchObject({ template: 'personal', progress: { total: 19 }, respondent: { id: id.div1_staff } });
    expect(v.actions).toEqual(['answer', 'submit']);
    expect(json<Sheet>(await get('div1_head', `/api/inspection/${sid}`)).actions).toEqual([]);
  });
});
