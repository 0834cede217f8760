import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  CLASSIFICATION_LABELS,
  type Classification,
  type ImportResult,
  INCOMING_KIND_LABELS,
  INCOMING_STATE_LABELS,
  type IncomingCreate,
  incomingCreateSchema,
  type IncomingFilter,
  type IncomingKind,
  LEDGER_COLUMNS,
  RETENTION_LABELS,
  STORABLE_CLASSIFICATIONS,
} from '../../../shared/incoming.js';
import { KEYWORD_CAPPED_EXPORT } from '../../../shared/search.js';
import { URGENCY_LABELS, type Urgency } from '../../../shared/todos.js';
import { appendAudit, recordAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, validation } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { type Finding, recordRefusal, scanFields } from '../../core/guard/guard.service.js';
import { getUnitsByIds } from '../org/org.service.js';
import { findBySource } from './incoming.repo.js';
import { isOverdue, ledgerQuery, registerInTransaction } from './incoming.service.js';
import { today } from './incoming.workflow.js';

/** Rows per export: a year of a busy bureau fits many times over; beyond it, filter. */
const EXPORT_MAX_ROWS = 20_000;
/** Rows per import file. */
export const IMPORT_MAX_ROWS = 5_000;

const invert = <K extends string>(labels: Record<K, string>): Map<string, K> => new Map(Object.entries<string>(labels).map(([k, v]) => [v, k as K]));
const CLASSIFICATION_BY_LABEL = invert(CLASSIFICATION_LABELS);
const URGENCY_BY_LABEL = invert(URGENCY_LABELS);
const KIND_BY_LABEL = invert(INCOMING_KIND_LABELS);

/**
 * `GET /api/incoming/export.xlsx`: the visible ledger under the filters, as
 * the office keeps it on paper. An export is recorded in the audit log like
 * any other disclosure of the ledger.
 */
export async function exportLedger(deps: Deps, actor: Actor, filter: IncomingFilter): Promise<Buffer> {
  const { qb, keywordCapped } = await ledgerQuery(deps, actor, filter);
  if (keywordCapped) throw validation(KEYWORD_CAPPED_EXPORT);
  const rows = await qb
    .selectAll('d')
    .orderBy('d.reg_year')
    .orderBy('d.reg_seq')
    .limit(EXPORT_MAX_ROWS + 1)
    .execute();
  if (rows.length > EXPORT_MAX_ROWS) throw validation(`导出条数超过 ${EXPORT_MAX_ROWS} 条，请按日期等条件缩小范围后再导出`);
  const ids = rows.map((r) => r.id);
  const units = ids.length
    ? await deps.db.selectFrom('incoming_units').select(['doc_id', 'unit_id', 'role']).where('doc_id', 'in', ids.slice(0, 20_000)).execute()
    : [];
  const unitNames = new Map(
    (
      await getUnitsByIds(
        deps,
        units.map((u) => u.unit_id),
      )
    ).map((u) => [u.id, u.name]),
  );
  const byDoc = new Map<string, { lead: string[]; assist: string[] }>();
  for (const u of units) {
    const e = byDoc.get(u.doc_id) ?? { lead: [], assist: [] };
    (u.role === 'lead' ? e.lead : e.assist).push(unitNames.get(u.unit_id) ?? '');
    byDoc.set(u.doc_id, e);
  }
  const day = today(deps);
  const wb = new ExcelJS.Workbook();
  wb.creator = '中枢';
  const ws = wb.addWorksheet('收文登记簿', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LEDGER_COLUMNS.map((header) => ({ header, key: header, width: header === '标题' ? 50 : header === '办理结果' ? 30 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const u = byDoc.get(r.id);
    ws.addRow([
      r.reg_no,
      r.received_date,
      r.source_org,
      r.source_doc_number,
      r.title,
      r.doc_type,
      CLASSIFICATION_LABELS[r.classification],
      URGENCY_LABELS[r.urgency],
      INCOMING_KIND_LABELS[r.kind],
      Number(r.copies),
      r.deadline ?? '',
      u?.lead.join('、') ?? '',
      u?.assist.join('、') ?? '',
      r.handling_deadline ?? '',
      INCOMING_STATE_LABELS[r.state] + (isOverdue(r, day) ? '（超期）' : ''),
      r.completed_at ? r.completed_at.slice(0, 10) : '',
      r.result ?? '',
      r.retention ? RETENTION_LABELS[r.retention] : '',
      r.archival_no ?? '',
      [
        r.remarks,
        r.legacy_reg_no ? `原登记号 ${r.legacy_reg_no}` : null,
        r.return_reason ? `退文：${r.return_reason}` : null,
        r.void_reason ? `作废：${r.void_reason}` : null,
      ]
        .filter(Boolean)
        .join('；'),
    ]);
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await recordAudit(deps.db, deps.clock, {
    action: 'incoming.export',
    actor: auditActor(actor),
    targetType: 'incoming',
    details: { rows: rows.length, filter: { ...filter } },
  });
  return buf;
}

// ───────────────────────── import ─────────────────────────

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

interface ParsedRow {
  row: number;
  body: IncomingCreate;
  legacyRegNo: string | null;
  completed: { result: string; at: string } | null;
}

/** The text of a cell, whatever Excel stored: rich text, a formula's result, a number or a date. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

function normalizeDate(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : s.trim();
}

const FIELD_COLUMNS: Record<string, string> = {
  sourceOrg: '来文单位',
  sourceDocNumber: '来文字号',
  title: '标题',
  docType: '文种',
  classification: '密级',
  urgency: '紧急程度',
  kind: '类型',
  copies: '份数',
  receivedDate: '收文日期',
  deadline: '来文时限',
  remarks: '备注',
};

/** Reads and checks every row; nothing is written here. */
async function parseWorkbook(deps: Deps, data: Buffer): Promise<{ rows: ParsedRow[]; errors: RowError[]; total: number; findings: Finding[] }> {
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
  const missing = ['收文日期', '来文单位', '标题', '文种'].filter((h) => !header.has(h));
  if (missing.length > 0) throw validation(`表头缺少以下列：${missing.join('、')}。请使用导出的收文登记簿作为模板`, { missing });
  const get = (row: ExcelJS.Row, name: string) => {
    const col = header.get(name);
    return col ? cellText(row.getCell(col).value).trim() : '';
  };

  const errors: RowError[] = [];
  const rows: ParsedRow[] = [];
  const seen = new Map<string, number>();
  const allFindings: Finding[] = [];
  let total = 0;
  for (let n = 2; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    if (LEDGER_COLUMNS.every((c) => get(row, c) === '')) continue;
    total++;
    if (total > IMPORT_MAX_ROWS) throw validation(`每次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分文件`);
    const err = (column: string | null, message: string) => errors.push({ row: n, column, message });
    const before = errors.length;

    const clsLabel = get(row, '密级') || '无';
    const classification: Classification | undefined = CLASSIFICATION_BY_LABEL.get(clsLabel);
    if (!classification) err('密级', `密级“${clsLabel}”无法识别（可填：无、内部）`);
    else if (!STORABLE_CLASSIFICATIONS.includes(classification)) err('密级', `涉密来文（${clsLabel}）不得导入本系统，请登记在涉密载体登记簿中`);
    const urgLabel = get(row, '紧急程度') || '平件';
    const urgency: Urgency | undefined = URGENCY_BY_LABEL.get(urgLabel);
    if (!urgency) err('紧急程度', `紧急程度“${urgLabel}”无法识别（可填：平件、加急、特急）`);
    const kindLabel = get(row, '类型') || '办件';
    const kind: IncomingKind | undefined = KIND_BY_LABEL.get(kindLabel);
    if (!kind) err('类型', `类型“${kindLabel}”无法识别（可填：办件、阅件）`);
    const copiesText = get(row, '份数') || '1';
    const copies = Number(copiesText);

    const stateLabel = get(row, '状态').replace(/（超期）$/, '');
    let completed: ParsedRow['completed'] = null;
    if (stateLabel === '已办结') {
      const result = get(row, '办理结果');
      const at = normalizeDate(get(row, '办结时间'));
      if (!result) err('办理结果', '状态为“已办结”的来文须填写办理结果');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(at)) err('办结时间', '状态为“已办结”的来文须填写办结时间（YYYY-MM-DD）');
      completed = { result: result.slice(0, 2000), at: `${at}T00:00:00.000Z` };
    } else if (stateLabel !== '' && stateLabel !== '已登记') {
      err('状态', `只能导入“已登记”或“已办结”的来文（此行为“${stateLabel}”），其余请导入后在系统中办理`);
    }

    const candidate = {
      sourceOrg: get(row, '来文单位'),
      sourceDocNumber: get(row, '来文字号'),
      title: get(row, '标题'),
      docType: get(row, '文种'),
      classification: classification ?? 'none',
      urgency: urgency ?? 'normal',
      kind: kind ?? 'handle',
      copies: Number.isFinite(copies) ? copies : -1,
      receivedDate: normalizeDate(get(row, '收文日期')),
      deadline: get(row, '来文时限') ? normalizeDate(get(row, '来文时限')) : null,
      remarks: get(row, '备注') || undefined,
    };
    const parsed = incomingCreateSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        err(FIELD_COLUMNS[field] ?? null, issue.message);
      }
    }
    const findings = scanFields({ title: candidate.title, sourceDocNumber: candidate.sourceDocNumber, remarks: candidate.remarks ?? '' });
    allFindings.push(...findings);
    if (findings.length > 0) err('标题', `含国家秘密标志“${findings[0]?.marking ?? ''}”，不得导入本系统`);

    if (parsed.success && parsed.data.sourceDocNumber !== '') {
      const key = `${parsed.data.sourceOrg}\u0000${parsed.data.sourceDocNumber}`;
      const first = seen.get(key);
      if (first !== undefined) err('来文字号', `与第 ${first} 行重复（同一来文单位、同一来文字号）`);
      else {
        seen.set(key, n);
        const existing = await findBySource(deps.db, parsed.data.sourceOrg, parsed.data.sourceDocNumber);
        if (existing) err('来文字号', `该来文已登记为 ${existing.reg_no}`);
      }
    }
    if (errors.length === before && parsed.success) {
      rows.push({ row: n, body: parsed.data, legacyRegNo: get(row, '收文编号') || null, completed });
    }
  }
  return { rows, errors, total, findings: allFindings };
}

/**
 * `POST /api/incoming/import`: every row is checked first; any bad row means
 * nothing is imported and every problem is reported with its row and column.
 * Otherwise all rows are registered in one transaction (new gapless numbers;
 * the old ledger's number is kept as 原登记号) and the import is audited.
 */
export async function importLedger(deps: Deps, actor: Actor, data: Buffer, opts: { dryRun: boolean }): Promise<ImportResult> {
  if (!hasRole(actor, 'office_clerk')) throw forbidden('只有办公室文秘（机要）人员可以导入收文登记簿');
  if (data.length === 0) throw validation('上传的文件是空的');
  const { rows, errors, total, findings } = await parseWorkbook(deps, data);
  if (total === 0) throw validation('表格中没有数据行');
  // Markings in the file are refused like any other attempt to store them: audited, the secrecy officer told.
  if (findings.length > 0) await recordRefusal(deps, auditActor(actor), findings, { targetType: 'incoming', what: '收文登记簿导入' });
  if (opts.dryRun) return { imported: 0, rows: total, dryRun: true, errors };
  if (errors.length > 0) {
    throw validation(`共 ${errors.length} 处错误（首个在第 ${errors[0]?.row ?? 0} 行），未导入任何记录。请修改后重新导入`, { rows: total, errors });
  }
  await deps.db.transaction().execute(async (trx) => {
    // Each row is numbered in the year of its 收文日期, in date order within the file (stable for equal dates),
    // so an old ledger's documents read as that year's 收〔年〕N号 after the year's earlier numbers.
    const ordered = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.body.receivedDate.localeCompare(b.r.body.receivedDate) || a.i - b.i);
    for (const { r } of ordered) {
      await registerInTransaction(deps, actor, r.body, trx, {
        numberYear: Number(r.body.receivedDate.slice(0, 4)),
        legacyRegNo: r.legacyRegNo,
        ...(r.completed ? { state: 'completed' as const, result: r.completed.result, completedAt: r.completed.at } : {}),
      });
    }
    await appendAudit(trx, deps.clock, { action: 'incoming.import', actor: auditActor(actor), targetType: 'incoming', details: { rows: rows.length } });
  });
  return { imported: rows.length, rows: total, dryRun: false, errors: [] };
}

export const importBodyLimit = 10 * 1024 * 1024;
export const xlsxContentTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
export const exportFileName = (day: string) => `收文登记簿-${day}.xlsx`;
export const zBuffer = z.instanceof(Buffer);
