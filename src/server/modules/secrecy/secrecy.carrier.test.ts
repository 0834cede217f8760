import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { SearchResponse } from '../../../shared/search.js';
import type { CarrierFields, CarrierList } from '../../../shared/secrecy.js';
import type { TodoList } from '../../../shared/todos.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { dailyNotices } from './secrecy.jobs.js';

type View = WorkflowView<CarrierFields>;
type Err = { error: { code: string; message: string; details?: Record<string, unknown> } };

const USERS = ['secrecy_officer', 'office_director', 'leader1', 'div1_head', 'div1_staff', 'div2_staff', 'secadmin'] as const;
type U = (typeof USERS)[number];

describe.each(testDialects())('涉密载体登记簿 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  const id = {} as Record<U, string>;
  const base = {
    title: '关于加强财政监督工作的通知',
    classification: 'secret',
    copyNo: '12',
    sourceOrg: '财政部办公厅',
    sourceDocNumber: '财办〔2026〕31号',
    issuedDate: '2026-11-20',
    receivedDate: '2026-11-25',
  };

  const create = (who: U, payload: Record<string, unknown>) => injectAs(t.app, s[who], { method: 'POST', url: '/api/carrier', payload });
  const read = (who: U, cid: string) => injectAs(t.app, s[who], { method: 'GET', url: `/api/carrier/${cid}` });
  const list = (who: U, q = '') => injectAs(t.app, s[who], { method: 'GET', url: `/api/carrier${q}` });
  const fire = (who: U, cid: string, payload: Record<string, unknown>) =>
    injectAs(t.app, s[who], { method: 'POST', url: `/api/carrier/${cid}/transitions`, payload });
  const person = (userId: string, category: string, unitId = 'x') =>
    injectAs(t.app, s.secrecy_officer, {
      method: 'POST',
      url: '/api/secrecy/personnel',
      payload: { name: '某人', userId, unitId, category, post: '机要', since: '2020-01-01' },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) {
      s[u] = await login(t.app, u);
      id[u] = (await t.deps.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    }
    const unit = (await t.deps.db.selectFrom('units').select('id').where('name', '=', '办公室').executeTakeFirstOrThrow()).id;
    for (const [u, c] of [
      ['secrecy_officer', 'core'],
      ['office_director', 'important'],
      ['div1_head', 'important'],
      ['div1_staff', 'general'],
    ] as const) {
      expect((await person(id[u], c, unit)).statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('401 before anything, 403 for the 三员 (安全保密管理员 included) and for a clerk who is not the 保密员', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/carrier' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/carrier', payload: {} })).statusCode).toBe(401);
    expect((await list('secadmin')).statusCode).toBe(403);
    expect((await create('secadmin', base)).statusCode).toBe(403);
    const refused = await create('office_director', base);
    expect(refused.statusCode).toBe(403);
    expect(json<Err>(refused).error.message).toMatch(/保密员/);
    expect((await list('div1_staff')).statusCode).toBe(403);
  });

  it('refuses bad input with 400 and a Chinese message, a marking with 422, a duplicate with 409', async () => {
    const cases: Record<string, unknown>[] = [
      { ...base, classification: 'internal' },
      { ...base, copyNo: '1234567' },
      { ...base, copyNo: '12a' },
      { ...base, title: '' },
      { ...base, title: '题'.repeat(201) },
      { ...base, issuedDate: '2026-11-26', receivedDate: '2026-11-25' },
      { ...base, receivedDate: '2026-11-27' },
      { ...base, issuedDate: '2026-02-30' },
      { ...base, periodYears: 11 },
      { ...base, periodYears: 5, periodMonths: 3 },
      { ...base, periodMonths: 12 },
      { ...base, declassifyDate: '2036-11-21' },
      { ...base, custodianId: id.div2_staff },
      { ...base, classification: 'confidential', custodianId: id.div1_staff },
      { ...base, extra: 1 },
    ];
    for (const c of cases) {
      const res = await create('secrecy_officer', c);
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      expect(json<Err>(res).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const marked = await create('secrecy_officer', { ...base, title: '机密★10年 某文件' });
    expect(marked.statusCode).toBe(422);
    expect(json<Err>(marked).error.code).toBe('classified_refused');
    expect((await list('secrecy_officer')).statusCode).toBe(200);
    expect(json<CarrierList>(await list('secrecy_officer')).total).toBe(0);
  });

  it('registers with the default 保密期限, numbers gap-free by year, pads 份号 and refuses the same copy twice', async () => {
    const res = await create('secrecy_officer', base);
    expect(res.statusCode, res.body).toBe(201);
    const c = json<View>(res);
    expect(c).toMatchObject({
      number: '载〔2026〕1号',
      state: 'in_custody',
      copyNo: '000012',
      periodYears: 10,
      periodDefaulted: true,
      periodEnd: '2036-11-20',
      reviewDue: false,
      custodian: { id: id.secrecy_officer, name: '冯保密员' },
      lending: null,
      overdue: false,
      rights: { mayAttach: false },
    });
    expect(c.actions).toEqual(expect.arrayContaining(['lend', 'request_withdrawal', 'request_destruction', 'review_declassification']));
    const dup = await create('secrecy_officer', { ...base, copyNo: '000012', title: '另一标题' });
    expect(dup.statusCode).toBe(409);
    expect(json<Err>(dup).error.code).toBe('duplicate');
    // 2024-02-29 + 1 年 is 2025-02-28; months and dates are kept as given.
    const leap = json<View>(await create('secrecy_officer', { ...base, copyNo: '13', issuedDate: '2024-02-29', receivedDate: '2025-01-05', periodYears: 1 }));
    expect(leap).toMatchObject({ number: '载〔2025〕1号', periodEnd: '2025-02-28', periodDefaulted: false });
    const months = json<View>(
      await create('secrecy_officer', { ...base, copyNo: '14', issuedDate: '2026-08-31', periodMonths: 6, classification: 'confidential' }),
    );
    expect(months).toMatchObject({ number: '载〔2026〕2号', periodEnd: '2027-02-28', periodMonths: 6 });
    const cond = json<View>(await create('secrecy_officer', { ...base, copyNo: '15', declassifyCondition: '项目验收后', classification: 'top_secret' }));
    expect(cond).toMatchObject({ periodEnd: null, declassifyCondition: '项目验收后', reviewDue: false });
  });

  it('shows the register to the 保密员, 主任 and 局领导, a carrier to its custodian and borrower, nobody else', async () => {
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '20', sourceDocNumber: undefined, custodianId: id.div1_head }));
    expect(c.custodian.name).toBe('孙处长');
    expect((await read('div1_head', c.id)).statusCode).toBe(200);
    expect((await read('div2_staff', c.id)).statusCode).toBe(404);
    expect((await read('leader1', c.id)).statusCode).toBe(200);
    expect(json<View>(await read('leader1', c.id)).actions).toEqual([]);
    const ledger = json<CarrierList>(await list('leader1'));
    expect(ledger.items.map((i) => i.id)).toContain(c.id);
    expect(ledger.rights.mayCreate).toBe(false);
    expect(json<CarrierList>(await list('secrecy_officer')).rights.mayCreate).toBe(true);
    const found = json<SearchResponse>(
      await injectAs(t.app, s.div1_head, { method: 'GET', url: `/api/search?q=${encodeURIComponent(c.number)}&kind=carrier` }),
    );
    expect(found.items.map((h) => h.id)).toContain(c.id);
    const hidden = json<SearchResponse>(
      await injectAs(t.app, s.div2_staff, { method: 'GET', url: `/api/search?q=${encodeURIComponent(c.number)}&kind=carrier` }),
    );
    expect(hidden.items).toEqual([]);
  });

  it('清退: the 保密员 asks, the 主任 approves (or rejects), the 保密员 hands it over', async () => {
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '40' }));
    expect(
      (await fire('office_director', c.id, { action: 'request_withdrawal', version: 1, recipientOrg: '财政部办公厅', reason: '按通知要求清退' })).statusCode,
    ).toBe(403);
    let v = json<View>(
      await fire('secrecy_officer', c.id, { action: 'request_withdrawal', version: 1, recipientOrg: '财政部办公厅', reason: '按通知要求清退' }),
    );
    expect(v.state).toBe('withdrawal_pending');
    expect((await fire('secrecy_officer', c.id, { action: 'approve_withdrawal', version: 2 })).statusCode).toBe(403);
    const dirTodos = json<TodoList>(await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/todos' }));
    expect(dirTodos.items.map((i) => i.id)).toContain(c.id);
    v = json<View>(await fire('office_director', c.id, { action: 'reject', version: 2, comment: '请补充清退依据' }));
    expect(v.state).toBe('in_custody');
    v = json<View>(
      await fire('secrecy_officer', c.id, { action: 'request_withdrawal', version: 3, recipientOrg: '财政部办公厅', reason: '依据财办〔2026〕40号清退' }),
    );
    v = json<View>(await fire('office_director', c.id, { action: 'approve_withdrawal', version: 4, comment: '同意' }));
    expect(v).toMatchObject({ state: 'withdrawal_approved', approvals: [{ role: 'office_director', userId: id.office_director }] });
    expect((await fire('secrecy_officer', c.id, { action: 'withdraw', version: 5, handedOverDate: '2026-11-27', receiverName: '李明' })).statusCode).toBe(400);
    v = json<View>(await fire('secrecy_officer', c.id, { action: 'withdraw', version: 5, handedOverDate: '2026-11-26', receiverName: '李明' }));
    expect(v).toMatchObject({
      state: 'withdrawn',
      withdrawal: { recipientOrg: '财政部办公厅', receiverName: '李明', handedOverDate: '2026-11-26' },
      actions: [],
    });
    expect(v.history.map((h) => h.action)).toEqual(['create', 'request_withdrawal', 'reject', 'request_withdrawal', 'approve_withdrawal', 'withdraw']);
  });

  it('销毁 needs both the 保密员 and the 主任, each once, and a 监销人 other than the executor', async () => {
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '50' }));
    let v = json<View>(await fire('secrecy_officer', c.id, { action: 'request_destruction', version: 1, reason: '已过保存期' }));
    expect(v.state).toBe('destruction_pending');
    v = json<View>(await fire('secrecy_officer', c.id, { action: 'approve_destruction', version: 2 }));
    expect(v).toMatchObject({ state: 'destruction_pending', approvals: [{ role: 'secrecy_officer' }] });
    const twice = await fire('secrecy_officer', c.id, { action: 'approve_destruction', version: 3 });
    expect(twice.statusCode).toBe(409);
    expect(json<Err>(twice).error.code).toBe('invalid_transition');
    expect((await fire('leader1', c.id, { action: 'approve_destruction', version: 3 })).statusCode).toBe(403);
    v = json<View>(await fire('office_director', c.id, { action: 'approve_destruction', version: 3, comment: '同意销毁' }));
    expect(v.state).toBe('destruction_approved');
    const destroy = {
      action: 'destroy',
      version: 4,
      destroyedDate: '2026-11-26',
      method: 'destruction_center',
      place: '省保密局销毁中心',
      executorId: id.secrecy_officer,
      supervisorId: id.secrecy_officer,
    };
    const same = await fire('secrecy_officer', c.id, destroy);
    expect(same.statusCode).toBe(400);
    expect(json<Err>(same).error.message).toMatch(/监销人/);
    v = json<View>(await fire('secrecy_officer', c.id, { ...destroy, supervisorId: id.office_director }));
    expect(v).toMatchObject({ state: 'destroyed', destruction: { method: 'destruction_center', supervisor: { name: '赵主任' } } });
  });

  it('解密审核: a carrier near its 届满日 is review-due until the 保密员 decides', async () => {
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '60', issuedDate: '2017-12-10', receivedDate: '2017-12-20', periodYears: 9 }));
    expect(c).toMatchObject({ periodEnd: '2026-12-10', reviewDue: true });
    // The leap-year carrier registered above (届满 2025-02-28) is review-due as well.
    expect(json<CarrierList>(await list('secrecy_officer', '?reviewDue=true')).items.map((i) => i.id)).toContain(c.id);
    const retained = json<View>(
      await fire('secrecy_officer', c.id, {
        action: 'review_declassification',
        version: 1,
        outcome: 'retained',
        basis: '仍需保密',
        newPeriodEnd: '2026-12-31',
      }),
    );
    expect(retained).toMatchObject({ state: 'in_custody', periodEnd: '2026-12-31', reviewDue: false });
    expect(
      (await fire('secrecy_officer', c.id, { action: 'review_declassification', version: 2, outcome: 'retained', basis: '延长', newPeriodEnd: '2027-12-11' }))
        .statusCode,
    ).toBe(400);
    const done = json<View>(
      await fire('secrecy_officer', c.id, { action: 'review_declassification', version: 2, outcome: 'declassified', basis: '定密机关通知解密' }),
    );
    expect(done).toMatchObject({ state: 'declassified', reviewDue: false });
    expect(json<CarrierList>(await list('secrecy_officer', '?reviewDue=true')).items.map((i) => i.id)).not.toContain(c.id);
    expect(json<CarrierList>(await list('secrecy_officer', '?state=declassified&classification=secret')).items.map((i) => i.id)).toEqual([c.id]);
    expect((await list('secrecy_officer', '?state=bogus')).statusCode).toBe(400);
  });

  it('exports the register with its custody chain (audited), for its readers only', async () => {
    const res = await injectAs(t.app, s.office_director, { method: 'GET', url: '/api/carrier/export.xlsx?classification=secret' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await injectAs(t.app, s.div1_head, { method: 'GET', url: '/api/carrier/export.xlsx' })).statusCode).toBe(403);
    const audited = await t.deps.db.selectFrom('audit_events').select('action').where('action', '=', 'secrecy.export').execute();
    expect(audited.length).toBe(1);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
  it('lends to a qualified borrower within 30 days, flags the overdue loan and takes it back', async () => {
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '30' }));
    const lend = { action: 'lend', version: 1, borrowerId: id.div1_staff, mode: 'lend', purpose: '起草报告参阅', dueDate: '2026-11-30' };
    expect((await fire('secrecy_officer', c.id, { ...lend, borrowerId: id.div2_staff })).statusCode).toBe(400);
    expect((await fire('secrecy_officer', c.id, { ...lend, dueDate: '2026-12-27' })).statusCode).toBe(400);
    expect((await fire('secrecy_officer', c.id, { ...lend, dueDate: '2026-11-25' })).statusCode).toBe(400);
    expect((await fire('office_director', c.id, lend)).statusCode).toBe(403);
    const lent = await fire('secrecy_officer', c.id, lend);
    expect(lent.statusCode).toBe(200);
    expect(json<View>(lent)).toMatchObject({
      state: 'lent',
      version: 2,
      lending: { borrower: { id: id.div1_staff, name: '周科员' }, mode: 'lend', dueDate: '2026-11-30' },
    });
    expect((await read('div1_staff', c.id)).statusCode).toBe(200);
    const todos = json<TodoList>(await injectAs(t.app, s.div1_staff, { method: 'GET', url: '/api/todos' }));
    expect(todos.items).toContainEqual(expect.objectContaining({ kind: 'carrier', id: c.id, deadline: '2026-11-30' }));
    expect((await fire('secrecy_officer', c.id, { action: 'return', version: 1 })).statusCode).toBe(409);

    t.clock.set('2026-12-02T02:00:00.000Z');
    for (const u of USERS) s[u] = await login(t.app, u);
    const overdue = json<CarrierList>(await list('secrecy_officer', '?overdue=true'));
    expect(overdue.items.map((i) => i.id)).toEqual([c.id]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, borrower: { name: '周科员' }, dueDate: '2026-11-30' });
    const officerTodos = json<TodoList>(await injectAs(t.app, s.secrecy_officer, { method: 'GET', url: '/api/todos' }));
    expect(officerTodos.items.map((i) => i.id)).toContain(c.id);
    const back = await fire('secrecy_officer', c.id, { action: 'return', version: 2, note: '已归还' });
    expect(json<View>(back)).toMatchObject({ state: 'in_custody', lending: null, overdue: false });
    expect((await read('div1_staff', c.id)).statusCode).toBe(404);
  });

  it('tells the borrower the day before a loan falls due, and borrower and 保密员 on its first overdue day', async () => {
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '70' }));
    await fire('secrecy_officer', c.id, { action: 'lend', version: 1, borrowerId: id.div1_staff, mode: 'circulate', purpose: '传阅', dueDate: '2026-12-03' });
    await t.deps.db.transaction().execute((trx) => dailyNotices(t.deps, trx));
    const notes = async (user: string) =>
      (await t.deps.db.selectFrom('notifications').select('title').where('user_id', '=', user).where('kind', 'like', 'carrier.%').execute()).map(
        (n) => n.title,
      );
    expect(await notes(id.div1_staff)).toContainEqual(expect.stringContaining('明天到期'));
    t.clock.set('2026-12-04T00:00:00.000Z');
    await t.deps.db.transaction().execute((trx) => dailyNotices(t.deps, trx));
    expect(await notes(id.secrecy_officer)).toContainEqual(expect.stringMatching(/借阅已逾期 1 天/));
  });

  it('作废: the 主任 voids an erroneous entry with a reason; it stays in the register, final', async () => {
    for (const u of USERS) s[u] = await login(t.app, u);
    const c = json<View>(await create('secrecy_officer', { ...base, copyNo: '80' }));
    expect((await fire('secrecy_officer', c.id, { action: 'void', version: 1, reason: '重复登记' })).statusCode).toBe(403);
    expect((await fire('office_director', c.id, { action: 'void', version: 1 })).statusCode).toBe(400);
    const v = json<View>(await fire('office_director', c.id, { action: 'void', version: 1, reason: '重复登记' }));
    expect(v).toMatchObject({ state: 'voided', voided: { reason: '重复登记', by: '赵主任' }, actions: [], reviewDue: false });
    expect((await fire('office_director', c.id, { action: 'void', version: 2, reason: '再次' })).statusCode).toBe(409);
    expect(json<CarrierList>(await list('secrecy_officer', '?state=voided')).items.map((i) => i.id)).toEqual([c.id]);
  });
});
