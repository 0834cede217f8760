import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingFields, IncomingList, IncomingOptions } from '../../../shared/incoming.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/* Issue 13: the 收文登记簿's columns in the API, the .xlsx export and the import. */

type View = WorkflowView<IncomingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const USERS = ['office_clerk', 'leader1', 'leader2', 'div1_head'] as const;
type U = (typeof USERS)[number];

describe.each(testDialects())('收文登记簿 columns on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-11-26T02:00:00.000Z');
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = opts.divisions.find((d) => d.name === '监管二处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const fire = async (as: U, v: View, payload: Record<string, unknown>): Promise<View> => {
    const r = await injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${v.id}/transitions`, payload: { ...payload, version: v.version } });
    expect(r.statusCode, r.body).toBe(200);
    return body<View>(r);
  };

  it('成文日期, 页数, 拟办意见, each 批示, 承办处室 and 承办人, 办结 date and result: in the view, the ledger and the export', async () => {
    const base = {
      sourceOrg: '财政部',
      sourceDocNumber: '财会〔2026〕31号',
      title: '财政部关于加强会计信息质量检查的通知',
      docType: '通知',
      classification: 'none',
      urgency: 'normal',
      kind: 'handle',
      copies: 1,
      receivedDate: '2026-11-25',
    };
    expect((await injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/incoming', payload: { ...base, pages: 0 } })).statusCode).toBe(400);
    expect((await injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/incoming', payload: { ...base, sourceDate: '2026-11-31' } })).statusCode).toBe(
      400,
    );
    const created = await injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/incoming', payload: { ...base, sourceDate: '2026-11-20', pages: 6 } });
    expect(created.statusCode, created.body).toBe(201);
    let v = body<View>(created);
    expect(v).toMatchObject({ sourceDate: '2026-11-20', pages: 6, handledBy: null });
    v = await fire('office_clerk', v, { action: 'propose', opinion: '拟请王局长阅示，监管一处办理', leaderIds: [s.leader1.user.id] });
    v = await fire('leader1', v, { action: 'instruct', instruction: '请李局长阅示', nextLeaderIds: [s.leader2.user.id] });
    v = await fire('leader2', v, { action: 'instruct', instruction: '请监管一处办理', leadDivisionId: div1, assistDivisionIds: [div2], deadlineWorkdays: 5 });
    v = await fire('div1_head', v, { action: 'complete', result: '已组织检查并报送', handledBy: '周科员' });

    const list = body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming' }));
    expect(list.items.find((i) => i.id === v.id)).toMatchObject({
      sourceDate: '2026-11-20',
      pages: 6,
      proposalOpinion: '拟请王局长阅示，监管一处办理',
      instructions: [
        { by: '王局长', text: '请李局长阅示' },
        { by: '李副局长', text: '请监管一处办理' },
      ],
      leadDivision: { id: div1 },
      assistDivisions: [{ id: div2, name: '监管二处' }],
      handledBy: '周科员',
      completedAt: expect.any(String),
      result: '已组织检查并报送',
    });

    const res = await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/export.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('收文登记簿');
    const header = (ws?.getRow(1).values as unknown[]).map(String);
    const row = ws?.getRow(2);
    const cell = (h: string) => String(row?.getCell(header.indexOf(h)).value ?? '');
    expect(cell('收文编号')).toBe(v.regNo);
    expect(cell('成文日期')).toBe('2026-11-20');
    expect(cell('页数')).toBe('6');
    expect(cell('拟办意见')).toBe('拟请王局长阅示，监管一处办理');
    expect(cell('领导批示')).toBe('王局长 2026-11-26：请李局长阅示\n李副局长 2026-11-26：请监管一处办理');
    expect(cell('主办处室')).toBe('监管一处');
    expect(cell('协办处室')).toBe('监管二处');
    expect(cell('承办人')).toBe('周科员');
    expect(cell('办结时间')).toBe('2026-11-26');
    expect(cell('办理结果')).toBe('已组织检查并报送');
    // The older columns keep their places.
    expect(header.indexOf('档号')).toBe(19);
  });

  it('imports 成文日期 and 页数, refusing a bad page count by column', async () => {
    const build = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('收文登记簿');
      ws.addRow(['收文日期', '来文单位', '来文字号', '标题', '文种', '成文日期', '页数']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const post = (payload: Buffer) =>
      injectAs(t.app, s.office_clerk, {
        method: 'POST',
        url: '/api/incoming/import',
        payload,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
    const bad = await post(await build([['2026-03-02', '审计署', '审办〔2026〕3号', '关于审计整改的通知', '通知', '2026-02-27', 'x']]));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('页数');
    const good = await post(await build([['2026-03-02', '审计署', '审办〔2026〕3号', '关于审计整改的通知', '通知', '2026-02-27', 4]]));
    expect(good.statusCode, good.body).toBe(201);
    const list = body<IncomingList>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/incoming?q=${encodeURIComponent('审办')}` }));
    expect(list.items[0]).toMatchObject({ sourceDocNumber: '审办〔2026〕3号', sourceDate: '2026-02-27', pages: 4 });
  });
});
