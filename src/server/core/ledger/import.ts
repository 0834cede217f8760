import ExcelJS from 'exceljs';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { ImportResult, ImportRowError } from '../../../shared/ledger.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { validation } from '../errors.js';
import { type Finding, type GuardContext, recordRefusal, scanFields } from '../guard/guard.service.js';
import { type Actor, auditActor } from '../http/actor.js';
import { cellText } from './cells.js';

/** The file being imported, as far as its checks need it. */
export interface LedgerFile {
  /** Whether the header row has this column (older ledgers lack some optional ones). */
  has(column: string): boolean;
}

/** One data row being checked; the header is row 1. */
export interface LedgerRow {
  readonly row: number;
  /** The cell under this header as trimmed text, '' when empty or when the file has no such column. */
  get(column: string): string;
  /** Records a problem of this row; a row with any problem is not imported, nor is any other. */
  err(column: string | null, message: string): void;
  /** The candidate as `schema` reads it, or undefined with each issue recorded under the column of its field. */
  parse<T>(schema: z.ZodType<T>, candidate: unknown, columnOf: Readonly<Record<string, string>>): T | undefined;
  /** Refuses text carrying a 国家秘密 marking: recorded under the column of the field where it was found (audited once per file). */
  refuseMarkings(fields: Readonly<Record<string, string>>, columnOf: (field: string) => string | null): void;
}

/** The checks of one file: each row, then what needs all rows (duplicates against the stored ledger). */
export interface RowChecker<R> {
  row(r: LedgerRow): R | undefined | Promise<R | undefined>;
  afterRows?(): Promise<ImportRowError[]>;
}

export interface LedgerImport<R> {
  dryRun: boolean;
  /** Headers a file must have, and the ledger whose export serves as the template (请使用导出的…作为模板). */
  required: readonly string[];
  template: string;
  /** The ledger's columns: a row empty in all of them is skipped. */
  columns: readonly string[];
  /** Data rows one file may carry. */
  maxRows: number;
  /** The checks, made once the header is read (they may load what every row is checked against). */
  checker(file: LedgerFile): Promise<RowChecker<R>>;
  /** Where a refused marking is reported to the secrecy officer (`targetType`, `what`). */
  refusal: GuardContext;
  /** Writes every row in the one transaction; appends its audit record last. */
  write(trx: Transaction<Database>, rows: R[]): Promise<void>;
}

async function openSheet(data: Buffer, required: readonly string[], template: string) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw validation('无法读取该文件：请上传 Excel 2007 及以上版本的 .xlsx 文件');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw validation('表格中没有工作表');
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value).trim(), col));
  const missing = required.filter((h) => !header.has(h));
  if (missing.length > 0) throw validation(`表头缺少以下列：${missing.join('、')}。请使用导出的${template}作为模板`, { missing });
  return { ws, header };
}

/** Reads and checks every row; nothing is written here. */
async function checkFile<R>(data: Buffer, spec: LedgerImport<R>) {
  const { ws, header } = await openSheet(data, spec.required, spec.template);
  const checker = await spec.checker({ has: (column) => header.has(column) });
  const errors: ImportRowError[] = [];
  const findings: Finding[] = [];
  const rows: R[] = [];
  let total = 0;
  for (let n = 2; n <= ws.rowCount; n++) {
    const cells = ws.getRow(n);
    const get = (column: string) => {
      const col = header.get(column);
      return col ? cellText(cells.getCell(col).value).trim() : '';
    };
    if (spec.columns.every((c) => get(c) === '')) continue;
    total++;
    if (total > spec.maxRows) throw validation(`每次最多导入 ${spec.maxRows} 行，请拆分文件`);
    const err = (column: string | null, message: string) => errors.push({ row: n, column, message });
    const before = errors.length;
    const kept = await checker.row({
      row: n,
      get,
      err,
      parse(schema, candidate, columnOf) {
        const parsed = schema.safeParse(candidate);
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues) err(columnOf[String(issue.path[0] ?? '')] ?? null, issue.message);
        return undefined;
      },
      refuseMarkings(fields, columnOf) {
        const found = scanFields(fields);
        findings.push(...found);
        if (found[0]) err(columnOf(found[0].field), `含国家秘密标志“${found[0].marking}”，不得导入本系统`);
      },
    });
    if (kept !== undefined && errors.length === before) rows.push(kept);
  }
  errors.push(...((await checker.afterRows?.()) ?? []));
  // Row by row, as the office reads them; a row's own errors keep their column order.
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, total, findings };
}

/**
 * A ledger import (`POST /api/<m>/import`): every row is checked first; any
 * bad row means nothing is imported and every problem is reported with its
 * row and column (400, `details.errors`). A dry run answers the problems
 * without importing. Otherwise all rows are written in one transaction. The
 * caller checks who may import before calling.
 */
export async function importLedgerFile<R>(deps: Deps, actor: Actor, data: Buffer, spec: LedgerImport<R>): Promise<ImportResult> {
  if (data.length === 0) throw validation('上传的文件是空的');
  const { rows, errors, total, findings } = await checkFile(data, spec);
  if (total === 0) throw validation('表格中没有数据行');
  // Markings in the file are refused like any other attempt to store them: audited, the secrecy officer told.
  if (findings.length > 0) await recordRefusal(deps, auditActor(actor), findings, spec.refusal);
  if (spec.dryRun) return { imported: 0, rows: total, dryRun: true, errors };
  if (errors.length > 0) {
    throw validation(`共 ${errors.length} 处错误（首个在第 ${errors[0]?.row ?? 0} 行），未导入任何记录。请修改后重新导入`, { rows: total, errors });
  }
  await deps.db.transaction().execute((trx) => spec.write(trx, rows));
  return { imported: rows.length, rows: total, dryRun: false, errors: [] };
}
