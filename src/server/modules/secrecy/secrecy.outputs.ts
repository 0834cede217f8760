import {
  CARRIER_ACTION_LABELS,
  CARRIER_STATE_LABELS,
  CARRIER_TYPE_LABELS,
  CLASSIFICATION_LABELS,
  type CarrierFilter,
  DESTRUCTION_METHOD_LABELS,
} from '../../../shared/secrecy.js';
import { RECTIFICATION_LABELS, SHEET_STATE_LABELS } from '../../../shared/secrecy.inspection.js';
import { beijingDay } from '../../../shared/secrecy.dates.js';
import { TEMPLATES } from '../../../shared/secrecy.templates.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { heading, line, redRule, redTitle, tableOrNone, bulletinDocx } from '../../core/docx/bulletin.js';
import { notFound, validation } from '../../core/errors.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import { ledgerWorkbook } from '../../core/ledger/export.js';
import { horizon, requireRegisterReader } from './secrecy.carrier.service.js';
import { answersOf, campaignItems, listSheetRows, loadCampaign, rectificationsOf } from './secrecy.inspection.repo.js';
import { campaignStats, getCampaign, rectOverdue } from './secrecy.inspection.service.js';
import { compareCodes } from './secrecy.inspection.workflow.js';
import { todayOf } from './secrecy.personnel.js';
import { carrierPolicy, sheetPolicy } from './secrecy.policy.js';
import { carrierHistory, listCarrierRows } from './secrecy.repo.js';
import { listTrainings, trainingPeople } from './secrecy.people.service.js';
import { TRAINING_KIND_LABELS } from '../../../shared/secrecy.people.js';

/* 保密's files: the register and the 整改台账 as .xlsx, the 自查情况报告 as .docx. Each is audited. */

export const EXPORT_MAX_ROWS = 20_000;

const REGISTER_COLUMNS = [
  '编号',
  '标题/代号',
  '密级',
  '份号',
  '载体类型',
  '页数',
  '来源',
  '文号',
  '制发日期',
  '接收日期',
  '保密期限',
  '届满日期',
  '保管人',
  '状态',
  '借阅人',
  '应还日期',
  '清退/销毁日期',
  '销毁方式',
  '执行人',
  '监销人',
  '备注',
] as const;

async function audit(deps: Deps, actor: Actor, action: 'secrecy.export' | 'secrecy.report', details: Record<string, unknown>) {
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps.clock, { action, actor: auditActor(actor), targetType: 'secrecy', details });
  });
}

/** `GET /api/carrier/export.xlsx`: 登记簿 and 流转记录 under the ledger's filters. */
export async function exportRegister(deps: Deps, actor: Actor, f: CarrierFilter): Promise<Buffer> {
  requireRegisterReader(actor);
  const { today, reviewBy } = await horizon(deps);
  const rows = await listCarrierRows(deps.db, carrierPolicy.listFilter(actor), f, today, reviewBy, EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) throw validation(`导出条数超过 ${EXPORT_MAX_ROWS} 条，请缩小范围后再导出`);
  const { sheet, toBuffer } = ledgerWorkbook('登记簿', REGISTER_COLUMNS, (h) => (h === '标题/代号' ? 36 : h === '来源' || h === '备注' ? 22 : 13));
  for (const r of rows) {
    const d = r.destruction
      ? (JSON.parse(r.destruction) as { method?: keyof typeof DESTRUCTION_METHOD_LABELS; executor?: { name: string }; supervisor?: { name: string } })
      : {};
    const period = r.period_years
      ? `${r.period_years}年${r.period_defaulted ? '（未标明，按最长）' : ''}`
      : r.period_months
        ? `${r.period_months}个月`
        : r.declassify_date
          ? `至${r.declassify_date}`
          : (r.declassify_condition ?? '');
    sheet.addRow({
      编号: r.number,
      '标题/代号': r.title,
      密级: CLASSIFICATION_LABELS[r.classification],
      份号: r.copy_no,
      载体类型: r.carrier_type ? CARRIER_TYPE_LABELS[r.carrier_type] : '',
      页数: r.pages ?? '',
      来源: r.source_org,
      文号: r.source_doc_number ?? '',
      制发日期: r.issued_date,
      接收日期: r.received_date,
      保密期限: period,
      届满日期: r.period_end ?? '',
      保管人: r.custodian_name,
      状态: CARRIER_STATE_LABELS[r.state],
      借阅人: r.state === 'lent' ? (r.borrower_name ?? '') : '',
      应还日期: r.state === 'lent' ? (r.due_date ?? '') : '',
      '清退/销毁日期': r.closed_date ?? '',
      销毁方式: d.method ? DESTRUCTION_METHOD_LABELS[d.method] : '',
      执行人: d.executor?.name ?? '',
      监销人: d.supervisor?.name ?? '',
      备注: r.remarks ?? '',
    });
  }
  const flow = sheet.workbook.addWorksheet('流转记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  flow.columns = ['编号', '时间', '环节', '经办人', '原状态', '新状态', '说明'].map((header) => ({ header, key: header, width: header === '说明' ? 40 : 16 }));
  flow.getRow(1).font = { bold: true };
  const numbers = new Map(rows.map((r) => [r.id, r.number]));
  for (const h of await carrierHistory(
    deps.db,
    rows.map((r) => r.id),
  )) {
    flow.addRow({
      编号: numbers.get(h.object_id) ?? '',
      时间: `${beijingDay(h.at)} ${new Date(new Date(h.at).getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`,
      环节: CARRIER_ACTION_LABELS[h.action] ?? h.action,
      经办人: h.actor_name,
      原状态: h.from_state ? (CARRIER_STATE_LABELS[h.from_state as keyof typeof CARRIER_STATE_LABELS] ?? h.from_state) : '',
      新状态: CARRIER_STATE_LABELS[h.to_state as keyof typeof CARRIER_STATE_LABELS] ?? h.to_state,
      说明: h.comment ?? '',
    });
  }
  await audit(deps, actor, 'secrecy.export', { ledger: 'carrier', rows: rows.length, filter: f });
  return toBuffer();
}

/** `GET /api/inspection/export.xlsx` (整改台账): the rectifications of the sheets the actor may see. */
export async function exportRectifications(deps: Deps, actor: Actor, f: { campaignId?: string; state?: keyof typeof SHEET_STATE_LABELS }): Promise<Buffer> {
  const sheets = await listSheetRows(deps.db, sheetPolicy.listFilter(actor), f);
  const rects = await rectificationsOf(
    deps.db,
    sheets.map((s) => s.id),
  );
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const titles = new Map<string, string>();
  for (const id of new Set(sheets.map((s) => s.campaign_id))) titles.set(id, (await loadCampaign(deps.db, id))?.title ?? '');
  const today = todayOf(deps);
  const { sheet, toBuffer } = ledgerWorkbook(
    '整改台账',
    ['自查活动', '处室/人员', '项目', '存在问题', '整改期限', '整改措施', '状态', '是否逾期', '验收意见'],
    (h) => (h === '存在问题' || h === '整改措施' ? 40 : 16),
  );
  for (const r of [...rects].sort(
    (a, b) => a.campaign_id.localeCompare(b.campaign_id) || a.sheet_id.localeCompare(b.sheet_id) || compareCodes(a.item_code, b.item_code),
  )) {
    const s = byId.get(r.sheet_id);
    sheet.addRow({
      自查活动: titles.get(r.campaign_id) ?? '',
      '处室/人员': s?.respondent_name ?? s?.unit_name ?? '',
      项目: r.item_code,
      存在问题: r.problem,
      整改期限: r.deadline,
      整改措施: r.measure ?? '',
      状态: RECTIFICATION_LABELS[r.state],
      是否逾期: rectOverdue(r, today) ? '逾期' : '',
      验收意见: r.comment ?? '',
    });
  }
  await audit(deps, actor, 'secrecy.export', { ledger: 'rectifications', rows: rects.length, filter: f });
  return toBuffer();
}

/** `GET /api/secrecy/campaigns/<id>/report.docx`: 自查情况报告 (基本情况, per-unit table, 主要问题 by 方面, 整改情况). */
export async function campaignReport(deps: Deps, actor: Actor, id: string): Promise<{ buffer: Buffer; title: string }> {
  const view = await getCampaign(deps, actor, id);
  const c = await loadCampaign(deps.db, id);
  if (!c) throw notFound('该保密自查活动不存在');
  const s = await campaignStats(deps, deps.db, c);
  const items = new Map((await campaignItems(deps.db, id)).map((i) => [i.code, i]));
  const answers = (
    await answersOf(
      deps.db,
      view.sheets.map((x) => x.id),
    )
  ).filter((a) => a.result === 'noncompliant');
  const rects = await rectificationsOf(
    deps.db,
    view.sheets.map((x) => x.id),
  );
  const sheetName = new Map(view.sheets.map((x) => [x.id, x.respondentName ?? x.unitName]));
  const title = `${c.title}自查情况报告`;
  const problems = [...answers].sort((a, b) => compareCodes(a.item_code, b.item_code));
  const buffer = await bulletinDocx(title, [
    redTitle(title),
    redRule(),
    heading('一、基本情况'),
    line(
      `本次自查使用${TEMPLATES[c.template].name}，共下发${s.sheets}份，已提交${s.submitted}份（提交率${s.submissionRate}%），已完成${s.closed}份（完成率${s.closureRate}%）。` +
        `共检查${s.answers.compliant + s.answers.noncompliant + s.answers.notApplicable}项次，其中符合${s.answers.compliant}项次、不符合${s.answers.noncompliant}项次、不适用${s.answers.notApplicable}项次，尚未填写${s.answers.unanswered}项次。`,
      { indent: true },
    ),
    tableOrNone(
      ['处室/人员', '状态', '已填写', '不符合', '整改项', '已验收'],
      s.byUnit.map((u) => [
        u.respondentName ?? u.unitName,
        SHEET_STATE_LABELS[u.state],
        String(u.answered),
        String(u.noncompliant),
        String(u.rectifications),
        String(u.verified),
      ]),
      [28, 14, 14, 14, 15, 15],
    ),
    heading('二、主要问题'),
    ...s.bySection.filter((x) => x.noncompliant > 0).map((x) => line(`${x.code}. ${x.name}：不符合${x.noncompliant}项次。`, { indent: true })),
    tableOrNone(
      ['处室/人员', '项目', '存在问题'],
      problems.map((a) => [sheetName.get(a.sheet_id) ?? '', `${a.item_code} ${items.get(a.item_code)?.text ?? ''}`, a.note ?? '']),
      [22, 38, 40],
    ),
    heading('三、整改情况'),
    line(
      s.rectifications.total === 0
        ? '本次自查未发现需要整改的问题。'
        : `共需整改${s.rectifications.total}项，已验收${s.rectifications.verified}项（整改率${s.rectificationRate ?? 0}%），已报告待验收${s.rectifications.reported}项，待整改${s.rectifications.open}项，其中逾期${s.rectifications.overdue}项。`,
      { indent: true },
    ),
    tableOrNone(
      ['处室/人员', '项目', '整改期限', '整改措施', '状态'],
      rects.map((r) => [sheetName.get(r.sheet_id) ?? '', r.item_code, r.deadline, r.measure ?? '', RECTIFICATION_LABELS[r.state]]),
      [20, 10, 16, 40, 14],
    ),
  ]);
  await audit(deps, actor, 'secrecy.report', { campaignId: id });
  return { buffer, title };
}

/** `GET /api/secrecy/trainings/export.xlsx?year`: 培训场次 (one row per attendee) and 个人台账. */
export async function exportTrainings(deps: Deps, actor: Actor, q: { year?: number }): Promise<Buffer> {
  const sessions = await listTrainings(deps, actor, q);
  const people = await trainingPeople(deps, actor, q);
  const { sheet, toBuffer } = ledgerWorkbook('培训场次', ['日期', '名称', '形式', '学时', '参加人', '成绩', '结果'], (h) => (h === '名称' ? 32 : 12));
  for (const t of sessions.items) {
    for (const a of t.attendees) {
      sheet.addRow({
        日期: t.date,
        名称: t.title,
        形式: TRAINING_KIND_LABELS[t.kind],
        学时: t.hours,
        参加人: a.name,
        成绩: a.score ?? '',
        结果: a.passed === null ? '' : a.passed ? '及格' : '不及格',
      });
    }
  }
  const ledger = sheet.workbook.addWorksheet('个人台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ledger.columns = ['姓名', '场次', '学时', '考试', '及格'].map((header) => ({ header, key: header, width: 12 }));
  ledger.getRow(1).font = { bold: true };
  for (const p of people.items) ledger.addRow({ 姓名: p.name, 场次: p.sessions, 学时: p.hours, 考试: p.exams, 及格: p.passedExams });
  await audit(deps, actor, 'secrecy.export', { ledger: 'trainings', rows: sessions.items.length, year: q.year ?? null });
  return toBuffer();
}
