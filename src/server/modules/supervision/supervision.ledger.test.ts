import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { LEDGER_COLUMNS, type SupervisionFields, type SupervisionList, type SupervisionOptions } from '../../../shared/supervision.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import type { SupervisionItemTable } from './supervision.tables.js';

/*
 * 督办台账: every filter on its own and combined, the export's columns cell
 * by cell, an exported ledger imported again (refused, not duplicated), and
 * light filters past the old 5,000-row scan.
 */
type View = WorkflowView<SupervisionFields>;
const USERS = ['office_clerk', 'office_director', 'leader1', 'div1_head', 'div2_head', 'div2_staff'] as const;
type U = (typeof USERS)[number];
const json = <T>(r: LightMyRequestResponse): T => JSON.parse(r.body) as T;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
interface ErrorBody {
  error: { code: string; message: string; details?: { errors?: { row: number; column: string | null; message: string }[] } };
}

describe.each(testDialects())('督办台账 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';
  let div2 = '';
  let p: View;
  let q: View;
  let r: View;

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
  const list = async (query: string, as: U = 'office_clerk') => {
    const res = await injectAs(t.app, s[as], { method: 'GET', url: `/api/supervision?${query.includes('pageSize=') ? '' : 'pageSize=100&'}${query}` });
    expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
    return json<SupervisionList>(res);
  };
  const numbers = async (query: string, as: U = 'office_clerk') => (await list(query, as)).items.map((i) => i.number);
  const exported = async (query: string, as: U = 'office_clerk') => {
    const res = await injectAs(t.app, s[as], { method: 'GET', url: `/api/supervision/export.xlsx?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    return { ws, raw: res.rawPayload };
  };
  const cells = (ws: ExcelJS.Worksheet, n: number) => LEDGER_COLUMNS.map((_, i) => ws.getRow(n).getCell(i + 1).text);
  const imp = (payload: Buffer) =>
    injectAs(t.app, s.office_clerk, { method: 'POST', url: '/api/supervision/import', payload, headers: { 'content-type': XLSX } });
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('supervision_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    await setClock('2026-11-02T02:00:00.000Z'); // Mon 2 November
    const o = json<SupervisionOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/options' }));
    div1 = o.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    div2 = o.divisions.find((d) => d.name === '监管二处')?.id ?? '';
    p = await post(
      'office_clerk',
      '/api/supervision',
      {
        title: 'P 落实党组会议关于内控建设的决定',
        content: '完善内部控制制度。',
        source: 'party_meeting',
        sourceRef: '党组会第9次',
        instruction: '请11月10日前完成。',
        leadDivisionId: div1,
        deadline: '2026-11-10',
        kind: 'key',
      },
      201,
    );
    p = await fire('div1_head', p, { action: 'accept' });
    await setClock('2026-11-16T02:00:00.000Z');
    q = await post(
      'leader1',
      '/api/supervision',
      {
        title: 'Q 领导批示的调研任务',
        content: '开展专题调研。',
        source: 'leader_instruction',
        leadDivisionId: div2,
        assistDivisionIds: [div1],
        deadline: '2026-12-31',
        kind: 'active',
      },
      201,
    );
    await setClock('2026-11-23T02:00:00.000Z');
    r = await post(
      'office_clerk',
      '/api/supervision',
      { title: 'R 热点问题处置', content: '回应群众关切。', source: 'hot_issue', leadDivisionId: div2, deadline: '2026-12-31', kind: 'concentrated' },
      201,
    );
    r = await fire('leader1', r, { action: 'suspend', reason: '等待上级统一部署。' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('each filter alone and combined, the light filters included, in ledger order', async () => {
    const [P, Q, R] = [p.number, q.number, r.number];
    const cases: [string, string[]][] = [
      ['', [P, Q, R]],
      ['state=in_progress', [P]],
      ['state=open', [Q]],
      ['state=suspended', [R]],
      ['state=closed', []],
      ['source=party_meeting', [P]],
      ['source=hot_issue', [R]],
      ['source=incoming', []],
      ['kind=key', [P]],
      ['kind=active', [Q]],
      ['kind=concentrated', [R]],
      [`divisionId=${div1}`, [P, Q]],
      [`divisionId=${div2}`, [Q, R]],
      ['from=2026-11-16', [Q, R]],
      ['to=2026-11-16', [P, Q]],
      ['from=2026-11-10&to=2026-11-20', [Q]],
      ['overdue=true', [P]],
      ['overdue=false', [Q, R]],
      ['light=red', [P]],
      ['light=blue', [R]],
      ['light=green', [Q]],
      ['light=yellow', []],
      [`divisionId=${div1}&overdue=false`, [Q]],
      ['kind=key&overdue=false', []],
      ['from=2026-11-16&light=blue', [R]],
      [`q=${encodeURIComponent('调研')}`, [Q]],
      [`q=${encodeURIComponent(P)}&state=in_progress`, [P]],
    ];
    for (const [query, want] of cases) {
      expect(await numbers(query), query).toEqual(want);
      expect((await list(query)).total, query).toBe(want.length);
    }
    // A division sees only its own under any filter.
    expect(await numbers('light=green', 'div2_staff')).toEqual([Q]);
    expect(await numbers('overdue=true', 'div2_staff')).toEqual([]);
    // Paging a light filter pages after the lights are computed.
    expect(await numbers('overdue=false&pageSize=1&page=2')).toEqual([R]);
    for (const bad of ['kind=urgent', 'source=rumour', 'from=2026-13-01', 'overdue=yes', 'state=done', 'divisionId=']) {
      const res = await injectAs(t.app, s.office_clerk, { method: 'GET', url: `/api/supervision?${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(json<ErrorBody>(res).error.message, bad).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('export: the ledger columns in order, each cell of a row, the light coloured, and the filters applied', async () => {
    const { ws } = await exported('');
    expect(cells(ws, 1)).toEqual([...LEDGER_COLUMNS]);
    expect(ws.rowCount).toBe(4);
    expect(cells(ws, 2)).toEqual([
      p.number,
      'P 落实党组会议关于内控建设的决定',
      '完善内部控制制度。',
      '党组会议',
      '党组会第9次',
      '请11月10日前完成。',
      '重点督办',
      '2026-11-02',
      '监管一处',
      '',
      '',
      '2026-11-10',
      '2026-11-10',
      '',
      '',
      '2026-11-02',
      '办理中',
      '红灯',
      '',
      '',
      '',
      '',
    ]);
    expect(cells(ws, 3).slice(6, 13)).toEqual(['主动督办', '2026-11-16', '监管二处', '监管一处', '', '2026-12-31', '2026-12-31']);
    expect(cells(ws, 4).slice(16, 18)).toEqual(['暂缓', '蓝灯（暂缓）']);
    const fill = ws.getRow(2).getCell(LEDGER_COLUMNS.indexOf('灯色') + 1).fill;
    expect(fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } });
    const blue = await exported('light=blue');
    expect(blue.ws.rowCount).toBe(2);
    expect(blue.ws.getRow(2).getCell(1).text).toBe(r.number);
    expect((await exported(`divisionId=${div2}&kind=active`)).ws.rowCount).toBe(2);
  });

  it('an exported ledger imported again is refused row by row (督办编号 already in the ledger); a paper ledger is not imported twice', async () => {
    const before = await count();
    const { raw } = await exported('state=in_progress');
    const again = await imp(raw);
    expect(again.statusCode).toBe(400);
    expect(json<ErrorBody>(again).error.details?.errors).toEqual([{ row: 2, column: '督办编号', message: `督办编号“${p.number}”已在台账中，不能重复导入` }]);
    expect(await count()).toBe(before);

    const sheet = async (rows: Record<string, string>[]) => {
      const wb = new ExcelJS.Workbook();
      const w = wb.addWorksheet('台账');
      const headers = ['督办编号', '事项名称', '事项内容', '来源类别', '督办类型', '牵头处室', '办结时限', '状态'];
      w.addRow(headers);
      for (const row of rows) w.addRow(headers.map((h) => row[h] ?? ''));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const paper = {
      督办编号: '督字〔2025〕31号',
      事项名称: '清理往来款项',
      事项内容: '清理三年以上往来款项。',
      来源类别: '局长办公会',
      督办类型: '主动督办',
      牵头处室: '监管一处',
      办结时限: '2026-12-20',
      状态: '办理中',
    };
    const twice = await imp(await sheet([paper, { ...paper, 事项名称: '清理往来款项（重复行）' }]));
    expect(json<ErrorBody>(twice).error.details?.errors).toEqual([{ row: 3, column: '督办编号', message: '督办编号“督字〔2025〕31号”与第 2 行重复' }]);
    const first = await imp(await sheet([paper]));
    expect(first.statusCode, first.body).toBe(201);
    const made = (await list(`q=${encodeURIComponent('清理往来款项')}`)).items[0];
    const second = await imp(await sheet([paper]));
    expect(second.statusCode).toBe(400);
    expect(json<ErrorBody>(second).error.details?.errors).toEqual([
      { row: 2, column: '督办编号', message: `督办编号“督字〔2025〕31号”已导入（现编号 ${made?.number ?? ''}），不能重复导入` },
    ]);
    expect(await count()).toBe(before + 1);
  });

  it('light and overdue filters look at every row, past 5,000', async () => {
    const at = '2026-11-20T02:00:00.000Z';
    const rows: SupervisionItemTable[] = Array.from({ length: 5003 }, (_, i) => ({
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      state: 'closed',
      version: 1,
      updated_at: at,
      number: `督〔2025〕${i + 1}号`,
      num_year: 2025,
      num_seq: i + 1,
      title: `历史事项 ${i + 1}`,
      content: '已办结。',
      source: 'key_meeting',
      source_ref: null,
      instruction: null,
      kind: 'active',
      lead_division_id: div1,
      owner_id: null,
      owner_name: null,
      assigned_date: '2025-03-01',
      deadline: '2025-06-30',
      deadline_entered: null,
      original_deadline: '2025-06-30',
      percent: 100,
      created_by: s.office_clerk.user.id,
      created_by_name: '钱文秘',
      created_at: at,
      last_update_at: null,
      closure_result: '已办结。',
      closure_requested_at: null,
      closed_at: at,
      closed_by_name: '王局长',
      review_comment: null,
      suspend_reason: null,
      remarks: null,
      legacy_number: null,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await t.deps.db
        .insertInto('supervision_items')
        .values(rows.slice(i, i + 200))
        .execute();
    const green = await list('light=green&pageSize=5');
    expect(green.total).toBe(5003 + 2); // Q and the imported paper item
    expect((await list('overdue=false&pageSize=1')).total).toBe(5003 + 3);
    expect(await numbers('light=red')).toEqual([p.number]);
    // Open work first (the paper item, then Q, by deadline), then the closed history by number: the last page is its tail.
    const last = await list('light=green&pageSize=100&page=51');
    expect(last.items.map((i) => i.number)).toEqual(['督〔2025〕4999号', '督〔2025〕5000号', '督〔2025〕5001号', '督〔2025〕5002号', '督〔2025〕5003号']);
    const tooMany = await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/supervision/export.xlsx?light=green' });
    expect(tooMany.statusCode).toBe(400);
    expect(json<ErrorBody>(tooMany).error.message).toContain('5000');
  });
});
