import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';
import { cellText, normalizeDate } from './cells.js';
import { ledgerWorkbook } from './export.js';
import { importLedgerFile, type LedgerImport } from './import.js';

/** A ledger of the kind a module keeps, written to a table made here so the kit is tested on its own. */
interface KitDb {
  kit_ledger: { name: string; amount: number; due: string };
}
const COLUMNS = ['名称', '数量', '日期', '备注'] as const;
const rowSchema = z.strictObject({
  name: z.string().min(1, { error: '请填写名称' }).max(20, { error: '名称最多 20 个字符' }),
  amount: z.number({ error: '数量须为数字' }).int({ error: '数量须为整数' }).min(1, { error: '数量至少为 1' }),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' }),
});
type Row = z.infer<typeof rowSchema>;
const FIELD_COLUMNS = { name: '名称', amount: '数量', due: '日期' };

const clerk: Actor = { id: 'u-clerk', username: 'clerk', name: '文秘', unitId: null, roles: ['office_clerk'], sessionId: 's', ip: '127.0.0.1' };

async function xlsx(header: readonly string[], rows: readonly (readonly ExcelJS.CellValue[])[]): Promise<Buffer> {
  const { sheet, toBuffer } = ledgerWorkbook('测试台账', header, () => 14);
  for (const r of rows) sheet.addRow([...r]);
  return toBuffer();
}

describe.each(testDialects())('ledger import kit on %s', (dialect) => {
  let t: TestDb;
  let deps: Deps;
  let db: Kysely<KitDb>;
  /** When set, `write` fails at this row, after writing the ones before it. */
  let failAfter: number | null = null;

  const spec = (dryRun = false): LedgerImport<Row> => ({
    dryRun,
    required: ['名称', '数量'],
    template: '测试台账',
    columns: COLUMNS,
    maxRows: 5,
    async checker() {
      const seen = new Map<string, number>();
      return {
        row(r) {
          const name = r.get('名称');
          const first = seen.get(name);
          if (first !== undefined) r.err('名称', `与第 ${first} 行重复`);
          seen.set(name, r.row);
          r.refuseMarkings({ name, remarks: r.get('备注') }, (field) => (field === 'remarks' ? '备注' : '名称'));
          return r.parse(rowSchema, { name, amount: Number(r.get('数量') || '1'), due: normalizeDate(r.get('日期')) }, FIELD_COLUMNS);
        },
      };
    },
    refusal: { targetType: 'kit', what: '测试台账导入' },
    async write(trx, rows) {
      const kit = trx as unknown as Kysely<KitDb>;
      for (const [i, r] of rows.entries()) {
        if (failAfter !== null && i === failAfter) throw new Error('写入中途失败');
        await kit.insertInto('kit_ledger').values({ name: r.name, amount: r.amount, due: r.due }).execute();
      }
    },
  });
  const run = (data: Buffer, dryRun = false) => importLedgerFile(deps, clerk, data, spec(dryRun));

  const stored = () => db.selectFrom('kit_ledger').select(['name', 'amount', 'due']).orderBy('name').execute();

  beforeAll(async () => {
    t = await createTestDb(dialect);
    deps = testDeps(t, new ManualClock(), t.dataDir);
    db = t.kysely as unknown as Kysely<KitDb>;
    await sql`create table kit_ledger (name text primary key, amount integer not null, due text not null)`.execute(db);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const refused = (message: unknown, details?: object) => ({ status: 400, code: 'validation', message, ...(details ? { details } : {}) });

  it('refuses a file whose header lacks a required column, naming it and the template', async () => {
    await expect(run(await xlsx(['名称', '件数', '日期'], [['甲', 1, '2026-03-02']]))).rejects.toMatchObject(
      refused('表头缺少以下列：数量。请使用导出的测试台账作为模板', { missing: ['数量'] }),
    );
  });

  it('refuses what is not a spreadsheet, an empty body, a sheet without data rows and too many rows', async () => {
    await expect(run(Buffer.from('not a spreadsheet'))).rejects.toMatchObject(refused(expect.stringMatching(/^无法读取该文件/)));
    await expect(run(Buffer.alloc(0))).rejects.toMatchObject(refused('上传的文件是空的'));
    await expect(run(await xlsx(COLUMNS, [['', '', '', '']]))).rejects.toMatchObject(refused('表格中没有数据行'));
    const six = Array.from({ length: 6 }, (_, i) => [`行${i}`, 1, '2026-03-02']);
    await expect(run(await xlsx(COLUMNS, six))).rejects.toMatchObject(refused('每次最多导入 5 行，请拆分文件'));
  });

  it('reports each bad cell with its sheet row and column header, and imports nothing', async () => {
    const file = await xlsx(COLUMNS, [
      ['甲', 2, '2026-03-02'],
      ['乙', 'abc', '2026年3月5日'],
      [],
      ['', 0, '三月五日'],
      ['甲', 1, '2026/3/6'],
      ['丙', 1, '2026-03-07', '机密★1年'],
    ]);
    const dry = await run(file, true);
    expect(dry).toMatchObject({ imported: 0, rows: 5, dryRun: true });
    expect(dry.errors).toEqual([
      { row: 3, column: '数量', message: '数量须为数字' },
      { row: 5, column: '名称', message: '请填写名称' },
      { row: 5, column: '数量', message: '数量至少为 1' },
      { row: 5, column: '日期', message: '日期格式应为 YYYY-MM-DD' },
      { row: 6, column: '名称', message: '与第 2 行重复' },
      { row: 7, column: '备注', message: '含国家秘密标志“机密★1年”，不得导入本系统' },
    ]);
    await expect(run(file)).rejects.toMatchObject(refused('共 6 处错误（首个在第 3 行），未导入任何记录。请修改后重新导入', { rows: 5, errors: dry.errors }));
    expect(await stored()).toEqual([]);
  });

  it('imports all rows in one transaction or none', async () => {
    const rows = [
      ['甲', 2, '2026-03-02'],
      ['乙', 3, '2026.3.5'],
      ['丙', '', '2026年3月6日'],
    ];
    failAfter = 2;
    await expect(run(await xlsx(COLUMNS, rows))).rejects.toThrow('写入中途失败');
    expect(await stored()).toEqual([]);
    failAfter = null;
    expect(await run(await xlsx(COLUMNS, rows))).toEqual({ imported: 3, rows: 3, dryRun: false, errors: [] });
    expect(await stored()).toEqual([
      { name: '丙', amount: 1, due: '2026-03-06' },
      { name: '乙', amount: 3, due: '2026-03-05' },
      { name: '甲', amount: 2, due: '2026-03-02' },
    ]);
  });
});

describe('ledger cells', () => {
  it('reads what Excel stores as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(12)).toBe('12');
    expect(cellText(new Date('2026-03-05T00:00:00Z'))).toBe('2026-03-05');
    expect(cellText({ richText: [{ text: '关于' }, { text: '通知' }] })).toBe('关于通知');
    expect(cellText({ text: '链接文字', hyperlink: 'http://example.invalid/' })).toBe('链接文字');
    expect(cellText({ formula: 'A1', result: new Date('2026-03-05T00:00:00Z') })).toBe('2026-03-05');
    expect(cellText({ formula: 'A1', result: { error: '#N/A' } })).toBe('');
    expect(cellText({ error: '#REF!' })).toBe('');
  });

  it('normalizes the dates an office types', () => {
    for (const typed of ['2026-03-05', '2026/3/5', '2026.3.5', '2026年3月5日', ' 2026 年 3 月 5 日 ']) expect(normalizeDate(typed)).toBe('2026-03-05');
    expect(normalizeDate(' 三月五日 ')).toBe('三月五日');
  });
});
