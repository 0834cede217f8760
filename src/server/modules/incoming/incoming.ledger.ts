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
import { URGENCY_LABELS, type Urgency } from '../../../shared/urgency.js';
import { appendAudit, recordAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, validation } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { byLabel, ISO_DATE, normalizeDate } from '../../core/ledger/cells.js';
import { ledgerWorkbook } from '../../core/ledger/export.js';
import { importLedgerFile, type LedgerRow } from '../../core/ledger/import.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import { findBySource, instructionsOfMany } from './incoming.repo.js';
import { ledgerRows, unitsOfDocs } from './incoming.lists.repo.js';
import { isOverdue, ledgerWhere, registerInTransaction } from './incoming.service.js';
import { today } from './incoming.workflow.js';

/** Rows per export: a year of a busy bureau fits many times over; beyond it, filter. */
const EXPORT_MAX_ROWS = 20_000;
/** Rows per import file. */
export const IMPORT_MAX_ROWS = 5_000;

const CLASSIFICATION_BY_LABEL = byLabel(CLASSIFICATION_LABELS);
const URGENCY_BY_LABEL = byLabel(URGENCY_LABELS);
const KIND_BY_LABEL = byLabel(INCOMING_KIND_LABELS);

/**
 * `GET /api/incoming/export.xlsx`: the visible ledger under the filters, as
 * the office keeps it on paper. An export is recorded in the audit log like
 * any other disclosure of the ledger.
 */
export async function exportLedger(deps: Deps, actor: Actor, filter: IncomingFilter): Promise<Buffer> {
  const { where, keywordCapped } = await ledgerWhere(deps, actor, filter);
  if (keywordCapped) throw validation(KEYWORD_CAPPED_EXPORT);
  const rows = await ledgerRows(deps.db, where, EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) throw validation(`导出条数超过 ${EXPORT_MAX_ROWS} 条，请按日期等条件缩小范围后再导出`);
  const ids = rows.map((r) => r.id);
  const units = await unitsOfDocs(deps.db, ids);
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
  const chains = await instructionsOfMany(deps.db, ids);
  const day = today(deps);
  const { sheet, toBuffer } = ledgerWorkbook('收文登记簿', LEDGER_COLUMNS, (header) =>
    header === '标题' ? 50 : header === '办理结果' || header === '领导批示' || header === '拟办意见' ? 30 : 14,
  );
  for (const r of rows) {
    const u = byDoc.get(r.id);
    sheet.addRow([
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
      r.source_date ?? '',
      r.pages === null ? '' : Number(r.pages),
      r.proposal_opinion ?? '',
      (chains.get(r.id) ?? []).map((c) => `${c.leader_name} ${c.at.slice(0, 10)}：${c.text}`).join('\n'),
      r.handled_by_name ?? '',
    ]);
  }
  const buf = await toBuffer();
  await recordAudit(deps.db, deps.clock, {
    action: 'incoming.export',
    actor: auditActor(actor),
    targetType: 'incoming',
    details: { rows: rows.length, filter: { ...filter } },
  });
  return buf;
}

// ───────────────────────── import ─────────────────────────

interface ParsedRow {
  body: IncomingCreate;
  legacyRegNo: string | null;
  completed: { result: string; at: string } | null;
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
  sourceDate: '成文日期',
  pages: '页数',
  remarks: '备注',
};

/** One row of the paper ledger; `seen` holds the rows so far by 来文单位 and 来文字号. */
async function checkRow(deps: Deps, r: LedgerRow, seen: Map<string, number>): Promise<ParsedRow | undefined> {
  const { get, err } = r;
  const clsLabel = get('密级') || '无';
  const classification: Classification | undefined = CLASSIFICATION_BY_LABEL.get(clsLabel);
  if (!classification) err('密级', `密级“${clsLabel}”无法识别（可填：无、内部）`);
  else if (!STORABLE_CLASSIFICATIONS.includes(classification)) err('密级', `涉密来文（${clsLabel}）不得导入本系统，请登记在涉密载体登记簿中`);
  const urgLabel = get('紧急程度') || URGENCY_LABELS.normal;
  const urgency: Urgency | undefined = URGENCY_BY_LABEL.get(urgLabel);
  if (!urgency) err('紧急程度', `紧急程度“${urgLabel}”无法识别（可填：平件、加急、特急）`);
  const kindLabel = get('类型') || '办件';
  const kind: IncomingKind | undefined = KIND_BY_LABEL.get(kindLabel);
  if (!kind) err('类型', `类型“${kindLabel}”无法识别（可填：办件、阅件）`);
  const copies = Number(get('份数') || '1');

  const stateLabel = get('状态').replace(/（超期）$/, '');
  let completed: ParsedRow['completed'] = null;
  if (stateLabel === '已办结') {
    const result = get('办理结果');
    const at = normalizeDate(get('办结时间'));
    if (!result) err('办理结果', '状态为“已办结”的来文须填写办理结果');
    if (!ISO_DATE.test(at)) err('办结时间', '状态为“已办结”的来文须填写办结时间（YYYY-MM-DD）');
    completed = { result: result.slice(0, 2000), at: `${at}T00:00:00.000Z` };
  } else if (stateLabel !== '' && stateLabel !== '已登记') {
    err('状态', `只能导入“已登记”或“已办结”的来文（此行为“${stateLabel}”），其余请导入后在系统中办理`);
  }

  const candidate = {
    sourceOrg: get('来文单位'),
    sourceDocNumber: get('来文字号'),
    title: get('标题'),
    docType: get('文种'),
    classification: classification ?? 'none',
    urgency: urgency ?? 'normal',
    kind: kind ?? 'handle',
    copies: Number.isFinite(copies) ? copies : -1,
    receivedDate: normalizeDate(get('收文日期')),
    deadline: get('来文时限') ? normalizeDate(get('来文时限')) : null,
    sourceDate: get('成文日期') ? normalizeDate(get('成文日期')) : null,
    pages: get('页数') ? (Number.isFinite(Number(get('页数'))) ? Number(get('页数')) : -1) : null,
    remarks: get('备注') || undefined,
  };
  const body = r.parse(incomingCreateSchema, candidate, FIELD_COLUMNS);
  r.refuseMarkings({ title: candidate.title, sourceDocNumber: candidate.sourceDocNumber, remarks: candidate.remarks ?? '' }, () => '标题');

  if (body && body.sourceDocNumber !== '') {
    const key = `${body.sourceOrg}\u0000${body.sourceDocNumber}`;
    const first = seen.get(key);
    if (first !== undefined) err('来文字号', `与第 ${first} 行重复（同一来文单位、同一来文字号）`);
    else {
      seen.set(key, r.row);
      const existing = await findBySource(deps.db, body.sourceOrg, body.sourceDocNumber);
      if (existing) err('来文字号', `该来文已登记为 ${existing.reg_no}`);
    }
  }
  return body && { body, legacyRegNo: get('收文编号') || null, completed };
}

/**
 * `POST /api/incoming/import`: the paper 收文登记簿, all rows or none (core/ledger).
 * The rows are registered with new gapless numbers; the old ledger's number
 * is kept as 原登记号.
 */
export async function importLedger(deps: Deps, actor: Actor, data: Buffer, opts: { dryRun: boolean }): Promise<ImportResult> {
  if (!hasRole(actor, 'office_clerk')) throw forbidden('只有办公室文秘（机要）人员可以导入收文登记簿');
  return importLedgerFile<ParsedRow>(deps, actor, data, {
    dryRun: opts.dryRun,
    required: ['收文日期', '来文单位', '标题', '文种'],
    template: '收文登记簿',
    columns: LEDGER_COLUMNS,
    maxRows: IMPORT_MAX_ROWS,
    async checker() {
      const seen = new Map<string, number>();
      return { row: (r) => checkRow(deps, r, seen) };
    },
    refusal: { targetType: 'incoming', what: '收文登记簿导入' },
    async write(trx, rows) {
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
    },
  });
}

export const exportFileName = (day: string) => `收文登记簿-${day}.xlsx`;
