import {
  type ImportResult,
  KIND_LABELS,
  LEDGER_COLUMNS,
  LIGHT_LABELS,
  SOURCE_LABELS,
  SUPERVISION_STATE_LABELS,
  type SupervisionCreate,
  supervisionCreateSchema,
  type SupervisionFilter,
  type SupervisionKind,
  type SupervisionSource,
} from '../../../shared/supervision.js';
import type { ImportRowError } from '../../../shared/ledger.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, validation } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { byLabel, ISO_DATE, normalizeDate } from '../../core/ledger/cells.js';
import { ledgerWorkbook } from '../../core/ledger/export.js';
import { importLedgerFile, type LedgerRow } from '../../core/ledger/import.js';
import { listDivisions, usersWithRole } from '../../core/org/org.service.js';
import { beijingDate } from './supervision.lights.js';
import { exportDetails, itemsNumbered } from './supervision.lists.repo.js';
import { loadRelated } from './supervision.repo.js';
import { createInTransaction, EXPORT_MAX_ROWS, ledgerRows } from './supervision.service.js';

export const IMPORT_MAX_ROWS = 2000;
export const exportFileName = (day: string) => `督办台账-${day}.xlsx`;

const SOURCE_BY_LABEL = byLabel(SOURCE_LABELS);
const KIND_BY_LABEL = byLabel(KIND_LABELS);

/**
 * `GET /api/supervision/export.xlsx`: the visible ledger under the filters,
 * with the 台账 columns of REFERENCE.md §7 and each row's light. Exporting
 * the ledger is audited like any other disclosure of it.
 */
export async function exportLedger(deps: Deps, actor: Actor, filter: SupervisionFilter): Promise<Buffer> {
  const items = await ledgerRows(deps, actor, filter, EXPORT_MAX_ROWS);
  if (items.length > EXPORT_MAX_ROWS) throw validation(`导出条数超过 ${EXPORT_MAX_ROWS} 条，请按条件缩小范围后再导出`);
  const ids = items.map((i) => i.id);
  const { milestones } = await loadRelated(deps.db, ids);
  const extra = new Map<
    string,
    { content: string; instruction: string | null; assigned: string; review: string | null; remarks: string | null; legacy: string | null }
  >();
  for (const r of await exportDetails(deps.db, ids))
    extra.set(r.id, {
      content: r.content,
      instruction: r.instruction,
      assigned: r.assigned_date,
      review: r.review_comment,
      remarks: r.remarks,
      legacy: r.legacy_number,
    });
  const { sheet, toBuffer } = ledgerWorkbook('督办台账', LEDGER_COLUMNS, (h) =>
    ['事项内容', '最新进展', '领导批示要求', '节点计划'].includes(h) ? 40 : h === '事项名称' ? 30 : 14,
  );
  const fills: Record<string, string> = { red: 'FFF4CCCC', yellow: 'FFFFF2CC', green: 'FFD9EAD3', blue: 'FFCFE2F3' };
  for (const i of items) {
    const e = extra.get(i.id);
    const row = sheet.addRow({
      督办编号: i.number,
      事项名称: i.title,
      事项内容: e?.content ?? '',
      来源类别: SOURCE_LABELS[i.source],
      来源依据: i.sourceRef ?? '',
      领导批示要求: e?.instruction ?? '',
      督办类型: KIND_LABELS[i.kind],
      交办日期: e?.assigned ?? '',
      牵头处室: i.leadDivision.name,
      协办处室: i.assistDivisions.map((d) => d.name).join('、'),
      责任人: i.ownerName ?? '',
      办结时限: i.deadline,
      原定时限: i.originalDeadline,
      节点计划: (milestones.get(i.id) ?? []).map((m) => `${m.title}@${m.due_date}${m.done_at ? '（已完成）' : ''}`).join('；'),
      最新进展: i.latestUpdate ?? '',
      反馈日期: i.lastUpdateAt ? beijingDate(i.lastUpdateAt) : '',
      状态: SUPERVISION_STATE_LABELS[i.state] + (i.deadline !== i.originalDeadline ? '（延期）' : ''),
      灯色: LIGHT_LABELS[i.light],
      办结时间: i.closureRequestedAt ? beijingDate(i.closureRequestedAt) : '',
      审核意见: e?.review ?? '',
      销号日期: i.closedAt ? beijingDate(i.closedAt) : '',
      备注: [e?.remarks, e?.legacy ? `原台账编号 ${e.legacy}` : null].filter(Boolean).join('；'),
    });
    row.getCell('灯色').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[i.light] ?? 'FFFFFFFF' } };
    row.alignment = { vertical: 'top', wrapText: true };
  }
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps.clock, {
      action: 'supervision.export',
      actor: auditActor(actor),
      targetType: 'supervision',
      details: { rows: items.length, filter },
    });
  });
  return toBuffer();
}

const FIELD_COLUMNS: Record<string, string> = {
  title: '事项名称',
  content: '事项内容',
  source: '来源类别',
  sourceRef: '来源依据',
  instruction: '领导批示要求',
  leadDivisionId: '牵头处室',
  assistDivisionIds: '协办处室',
  ownerId: '责任人',
  deadline: '办结时限',
  kind: '督办类型',
  milestones: '节点计划',
  remarks: '备注',
};

interface ParsedRow {
  body: SupervisionCreate;
  legacyNumber: string | null;
  assignedDate: string | null;
  state: 'open' | 'in_progress' | 'closed';
  closureRequestedAt: string | null;
  closedAt: string | null;
}

/**
 * Rows whose 督办编号 is already in the ledger, as an item's number or as the
 * old number of an imported one: importing an exported ledger again, or the
 * same paper ledger twice, would otherwise create every item a second time.
 */
async function alreadyInLedger(deps: Deps, numbers: readonly { row: number; number: string }[]): Promise<ImportRowError[]> {
  const found = new Map<string, string>();
  const all = [...new Set(numbers.map((x) => x.number))];
  for (const h of await itemsNumbered(deps.db, all)) {
    found.set(h.number, h.number);
    if (h.legacy_number !== null) found.set(h.legacy_number, h.number);
  }
  return numbers.flatMap(({ row, number }) => {
    const existing = found.get(number);
    if (existing === undefined) return [];
    const message = existing === number ? `督办编号“${number}”已在台账中，不能重复导入` : `督办编号“${number}”已导入（现编号 ${existing}），不能重复导入`;
    return [{ row, column: '督办编号', message }];
  });
}

const beijingMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

/**
 * 办结时间 (the division reported it done) and 销号日期 (the leader approved)
 * of an imported row. A closed row needs at least one; an older ledger with
 * only one of them uses it for both. Only a closed row may carry 销号日期.
 */
function closureDates(
  get: (column: '办结时间' | '销号日期') => string,
  closed: boolean,
  hasApprovalColumn: boolean,
  err: (column: string, message: string) => void,
): { closureRequestedAt: string | null; closedAt: string | null } {
  const none = { closureRequestedAt: null, closedAt: null };
  const dateIn = (column: '办结时间' | '销号日期'): string | null | false => {
    const typed = get(column);
    if (typed === '') return null;
    const d = normalizeDate(typed);
    if (ISO_DATE.test(d)) return d;
    err(column, `${column}“${typed}”格式应为 YYYY-MM-DD`);
    return false;
  };
  const done = dateIn('办结时间');
  const approved = dateIn('销号日期');
  if (!closed) {
    if (approved) err('销号日期', '只有状态为“已销号”的事项才能填写销号日期');
    return none;
  }
  if (done === false || approved === false) return none;
  if (done === null && approved === null) {
    err(hasApprovalColumn ? '销号日期' : '办结时间', '状态为“已销号”的事项须填写销号日期或办结时间（YYYY-MM-DD）');
    return none;
  }
  if (done !== null && approved !== null && done > approved) {
    err('销号日期', `销号日期 ${approved} 早于办结时间 ${done}`);
    return none;
  }
  const asked = done ?? approved ?? '';
  return { closureRequestedAt: beijingMidnight(asked), closedAt: beijingMidnight(approved ?? asked) };
}

/** The checks of one file: against the bureau's divisions and people, and each 督办编号 once in the file and the ledger. */
async function rowChecker(deps: Deps, hasApprovalColumn: boolean) {
  const divisions = new Map((await listDivisions(deps)).map((d) => [d.name, d.id]));
  const people = [...(await usersWithRole(deps, 'division_head')), ...(await usersWithRole(deps, 'staff'))].filter((u) => !u.disabled);
  const numbers: { row: number; number: string }[] = [];

  function row(r: LedgerRow): ParsedRow | undefined {
    const { get, err } = r;
    const number = get('督办编号');
    if (number) {
      const again = numbers.find((x) => x.number === number);
      if (again) err('督办编号', `督办编号“${number}”与第 ${again.row} 行重复`);
      numbers.push({ row: r.row, number });
    }
    const sourceLabel = get('来源类别');
    const source: SupervisionSource | undefined = SOURCE_BY_LABEL.get(sourceLabel);
    if (!source) err('来源类别', `来源类别“${sourceLabel}”无法识别（可填：${Object.values(SOURCE_LABELS).join('、')}）`);
    const kindLabel = get('督办类型');
    const kind: SupervisionKind | undefined = KIND_BY_LABEL.get(kindLabel);
    if (!kind) err('督办类型', `督办类型“${kindLabel}”无法识别（可填：${Object.values(KIND_LABELS).join('、')}）`);
    const leadName = get('牵头处室');
    const lead = divisions.get(leadName);
    if (!lead) err('牵头处室', `牵头处室“${leadName}”不是本局的处室`);
    const assist: string[] = [];
    for (const name of get('协办处室')
      .split(/[、,，;；\s]+/)
      .filter(Boolean)) {
      const id = divisions.get(name);
      if (!id) err('协办处室', `协办处室“${name}”不是本局的处室`);
      else assist.push(id);
    }
    const ownerName = get('责任人');
    let ownerId: string | undefined;
    if (ownerName) {
      const matches = people.filter((p) => p.name === ownerName && p.unitId === lead);
      if (matches.length !== 1) err('责任人', `责任人“${ownerName}”不是牵头处室的在职人员${matches.length > 1 ? '（重名，请在系统中指定）' : ''}`);
      else ownerId = matches[0]?.id;
    }
    const milestones: { title: string; dueDate: string }[] = [];
    for (const part of get('节点计划')
      .split(/[；;\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(.+?)@(.+?)(（已完成）)?$/.exec(part);
      if (!m) err('节点计划', `节点“${part}”格式应为“节点名称@YYYY-MM-DD”，多个以“；”分隔`);
      else milestones.push({ title: (m[1] ?? '').trim(), dueDate: normalizeDate(m[2] ?? '') });
    }
    const stateLabel = get('状态').replace(/（延期）$/, '');
    let state: ParsedRow['state'] = 'open';
    const closed = stateLabel === '已销号' || stateLabel === '已办结';
    if (stateLabel === '办理中') state = 'in_progress';
    else if (closed) state = 'closed';
    else if (stateLabel !== '' && stateLabel !== '已立项') err('状态', `只能导入“已立项”“办理中”或“已销号”的事项（此行为“${stateLabel}”）`);
    const { closureRequestedAt, closedAt } = closureDates(get, closed, hasApprovalColumn, err);
    const assigned = get('交办日期') ? normalizeDate(get('交办日期')) : null;
    if (assigned !== null && !ISO_DATE.test(assigned)) err('交办日期', '交办日期格式应为 YYYY-MM-DD');
    const candidate = {
      title: get('事项名称'),
      content: get('事项内容'),
      source: source ?? 'leader_instruction',
      ...(get('来源依据') ? { sourceRef: get('来源依据') } : {}),
      ...(get('领导批示要求') ? { instruction: get('领导批示要求') } : {}),
      leadDivisionId: lead ?? 'unknown',
      ...(assist.length ? { assistDivisionIds: assist } : {}),
      ...(ownerId ? { ownerId } : {}),
      deadline: normalizeDate(get('办结时限')),
      kind: kind ?? 'active',
      ...(milestones.length ? { milestones } : {}),
      ...(get('备注') ? { remarks: get('备注') } : {}),
    };
    const body = r.parse(supervisionCreateSchema, candidate, FIELD_COLUMNS);
    r.refuseMarkings(
      { title: candidate.title, content: candidate.content, instruction: candidate.instruction ?? '', remarks: candidate.remarks ?? '' },
      (field) => FIELD_COLUMNS[field] ?? null,
    );
    return body && { body, legacyNumber: number || null, assignedDate: assigned, state, closureRequestedAt, closedAt };
  }

  return { row, afterRows: () => alreadyInLedger(deps, numbers) };
}

/**
 * `POST /api/supervision/import`: the paper 督办台账, all rows or none
 * (core/ledger). The items are created with new gapless numbers; the old
 * ledger's number is kept.
 */
export async function importLedger(deps: Deps, actor: Actor, data: Buffer, opts: { dryRun: boolean }): Promise<ImportResult> {
  if (!hasRole(actor, 'office_clerk', 'office_director')) throw forbidden('只有办公室可以导入督办台账');
  return importLedgerFile<ParsedRow>(deps, actor, data, {
    dryRun: opts.dryRun,
    required: ['事项名称', '事项内容', '来源类别', '牵头处室', '办结时限', '督办类型'],
    template: '督办台账',
    columns: LEDGER_COLUMNS,
    maxRows: IMPORT_MAX_ROWS,
    checker: (file) => rowChecker(deps, file.has('销号日期')),
    refusal: { targetType: 'supervision', what: '督办台账导入' },
    async write(trx, rows) {
      for (const r of rows) {
        await createInTransaction(deps, actor, trx, r.body, {
          state: r.state,
          allowPastDeadline: true,
          legacyNumber: r.legacyNumber,
          ...(r.assignedDate ? { assignedDate: r.assignedDate } : {}),
          ...(r.state === 'closed' ? { closureRequestedAt: r.closureRequestedAt, closedAt: r.closedAt, closureResult: '（由原台账导入）' } : {}),
        });
      }
      await appendAudit(trx, deps.clock, { action: 'supervision.import', actor: auditActor(actor), targetType: 'supervision', details: { rows: rows.length } });
    },
  });
}
