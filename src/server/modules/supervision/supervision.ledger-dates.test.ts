import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { LEDGER_COLUMNS, type SupervisionFields, type SupervisionList, type SupervisionOptions } from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/*
 * 办结时间 and 销号日期 (REFERENCE.md §7) are two facts: the day the division
 * reported the item done, and the day the leader approved the closure. The
 * JSON carries both instants, the export both Beijing dates, and an import
 * reads them back (an older ledger with only one of them still imports).
 */
type View = WorkflowView<SupervisionFields>;
const USERS = ['office_clerk', 'leader1', 'div1_head'] as const;
type U = (typeof USERS)[number];
const json = <T>(r: LightMyRequestResponse): T => JSON.parse(r.body) as T;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
interface ErrorBody {
  error: { message: string; details?: { errors?: { row: number; column: string | null; message: string }[] } };
}
const col = (name: (typeof LEDGER_COLUMNS)[number]) => LEDGER_COLUMNS.indexOf(name) + 1;

describe.each(testDialects())('督办台账 办结时间 and 销号日期 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';

  async function setClock(at: string) {
    t.clock.set(at);
    for (const u of USERS) s[u] = await login(t.app, u);
  }
  const post = async (as: U, url: string, payload: Record<string, unknown>, status = 200): Promise<View> => {
    const res = await injectAs(t.app, s[as], { method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(status);
    return json<View>(res);
  };
  const fire = (as: U, v: View, payload: Record<string, unknown>) => post(as, `/api/supervision/${v.id}/transitions`, { version: v.version, ...payload });
  const make = (title: string) =>
    post(
      'office_clerk',
      '/api/supervision',
      { title, content: `${title}，按要求办理。`, source: 'leader_instruction', leadDivisionId: div1, deadline: '2026-11-30', kind: 'active' },
      201,
    );
  const exported = async (query: string) => {
    const res = await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/supervision/export.xlsx?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    return ws;
  };
  /** Row n's 状态, 办结时间, 审核意见, 销号日期. */
  const closing = (ws: ExcelJS.Worksheet, n: number) => (['状态', '办结时间', '审核意见', '销号日期'] as const).map((c) => ws.getRow(n).getCell(col(c)).text);
  const sheet = async (headers: string[], rows: Record<string, string>[]) => {
    const wb = new ExcelJS.Workbook();
    const w = wb.addWorksheet('台账');
    w.addRow(headers);
    for (const row of rows) w.addRow(headers.map((h) => row[h] ?? ''));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const imp = (payload: Buffer) =>
    injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/supervision/import', payload, headers: { 'content-type': XLSX } });

  let done: View;
  let asked: View;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    await setClock('2026-11-02T02:00:00.000Z');
    const o = json<SupervisionOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' }));
    div1 = o.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    done = await fire('div1_head', await make('甲 完成内控制度修订'), { action: 'accept' });
    asked = await fire('div1_head', await make('乙 完成往来款项清理'), { action: 'accept' });
    // Reported done at 23:30 Beijing on 11-24, approved at 00:30 Beijing on 11-25: two dates, a day apart.
    await setClock('2026-11-24T15:30:00.000Z');
    done = await fire('div1_head', done, { action: 'request_closure', result: '制度已印发。' });
    await setClock('2026-11-24T16:30:00.000Z');
    done = await fire('leader1', done, { action: 'approve_closure', comment: '同意销号。' });
    asked = await fire('div1_head', asked, { action: 'request_closure', result: '清理完毕。' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the item and the ledger JSON carry both instants; the export has 办结时间 and 销号日期 as Beijing dates', async () => {
    expect(done).toMatchObject({ state: 'closed', closureRequestedAt: '2026-11-24T15:30:00.000Z', closedAt: '2026-11-24T16:30:00.000Z' });
    const list = json<SupervisionList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision' }));
    const byId = new Map(list.items.map((i) => [i.id, i]));
    expect(byId.get(done.id)).toMatchObject({ closureRequestedAt: '2026-11-24T15:30:00.000Z', closedAt: '2026-11-24T16:30:00.000Z' });
    expect(byId.get(asked.id)).toMatchObject({ state: 'closure_requested', closureRequestedAt: '2026-11-24T16:30:00.000Z', closedAt: null });

    const ws = await exported('');
    expect(ws.getRow(1).getCell(col('审核意见') + 1).text).toBe('销号日期');
    expect(ws.getRow(1).getCell(col('销号日期') + 1).text).toBe('备注');
    const rowOf = (number: string) => [2, 3].find((n) => ws.getRow(n).getCell(1).text === number) ?? 0;
    // 申请办结 first in the ledger's order, then the closed.
    expect(closing(ws, rowOf(asked.number))).toEqual(['申请办结', '2026-11-25', '', '']);
    expect(closing(ws, rowOf(done.number))).toEqual(['已销号', '2026-11-24', '同意销号。', '2026-11-25']);
  });

  it('import reads 办结时间 and 销号日期 (either alone stands for both), refuses 销号日期 before 办结时间 or on an item not closed, and the export gives them back', async () => {
    const headers = ['督办编号', '事项名称', '事项内容', '来源类别', '督办类型', '牵头处室', '办结时限', '状态', '办结时间', '销号日期'];
    const base = { 事项内容: '按要求办理。', 来源类别: '局长办公会', 督办类型: '主动督办', 牵头处室: '监管一处', 办结时限: '2026-09-30' };
    const both = { ...base, 督办编号: '督字〔2026〕41号', 事项名称: '丙 清理闲置资产', 状态: '已销号', 办结时间: '2026年9月1日', 销号日期: '2026/9/3' };
    const onlyApproved = { ...base, 督办编号: '督字〔2026〕42号', 事项名称: '丁 规范公务接待', 状态: '已销号', 销号日期: '2026-09-10' };
    const bad = [
      { ...base, 督办编号: '督字〔2026〕43号', 事项名称: '戊', 状态: '已销号', 办结时间: '2026-09-05', 销号日期: '2026-09-04' },
      { ...base, 督办编号: '督字〔2026〕44号', 事项名称: '己', 状态: '已销号' },
      { ...base, 督办编号: '督字〔2026〕45号', 事项名称: '庚', 状态: '办理中', 销号日期: '2026-09-04' },
      { ...base, 督办编号: '督字〔2026〕46号', 事项名称: '辛', 状态: '已销号', 销号日期: '九月四日' },
    ];
    const refused = await imp(await sheet(headers, [both, onlyApproved, ...bad]));
    expect(refused.statusCode).toBe(400);
    expect(json<ErrorBody>(refused).error.details?.errors).toEqual([
      { row: 4, column: '销号日期', message: '销号日期 2026-09-04 早于办结时间 2026-09-05' },
      { row: 5, column: '销号日期', message: '状态为“已销号”的事项须填写销号日期或办结时间（YYYY-MM-DD）' },
      { row: 6, column: '销号日期', message: '只有状态为“已销号”的事项才能填写销号日期' },
      { row: 7, column: '销号日期', message: '销号日期“九月四日”格式应为 YYYY-MM-DD' },
    ]);
    const ok = await imp(await sheet(headers, [both, onlyApproved]));
    expect(ok.statusCode, ok.body).toBe(201);
    // A ledger laid out before 销号日期 existed: 办结时间 alone.
    const old = await imp(
      await sheet(headers.slice(0, -1), [{ ...base, 督办编号: '督字〔2026〕47号', 事项名称: '壬 整理档案', 状态: '已销号', 办结时间: '2026-09-15' }]),
    );
    expect(old.statusCode, old.body).toBe(201);

    const list = json<SupervisionList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision?state=closed&pageSize=100' }));
    const byTitle = new Map(list.items.map((i) => [i.title.slice(0, 1), i]));
    expect(byTitle.get('丙')).toMatchObject({ closureRequestedAt: '2026-08-31T16:00:00.000Z', closedAt: '2026-09-02T16:00:00.000Z' });
    expect(byTitle.get('丁')).toMatchObject({ closureRequestedAt: '2026-09-09T16:00:00.000Z', closedAt: '2026-09-09T16:00:00.000Z' });
    expect(byTitle.get('壬')).toMatchObject({ closureRequestedAt: '2026-09-14T16:00:00.000Z', closedAt: '2026-09-14T16:00:00.000Z' });

    const ws = await exported(`q=${encodeURIComponent('清理闲置资产')}`);
    expect(ws.rowCount).toBe(2);
    expect(closing(ws, 2)).toEqual(['已销号', '2026-09-01', '', '2026-09-03']);
  });
});
