import { INFO_RECIPIENT_LABELS, INFO_STATE_LABELS, INFO_TYPE_LABELS, type InfoRecipient } from '../../../shared/info.js';
import type { Bulletin } from '../../../shared/info.scoring.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { bulletinDocx, heading, line, redRule, redTitle, tableOrNone } from '../../core/docx/bulletin.js';
import { forbidden } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { ledgerWorkbook } from '../../core/ledger/export.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import { itemPoints, scoringTables } from './info.points.js';
import { isOffice } from './info.policy.js';
import { adoptionsOf, instructionsOf, reportedBetween, itemsByIds } from './info.repo.js';
import { ledgerOf } from './info.reports.js';
import { beijingDate } from './info.time.js';

/* 信息报送's files: the year's export (.xlsx, two sheets) and the 通报 (.docx). */

const ITEM_COLUMNS = [
  '信息编号',
  '标题',
  '类型',
  '处室',
  '执笔人',
  '紧急',
  '报送日期',
  '报送对象',
  '采用次数',
  '采用渠道',
  '批示次数',
  '得分',
  '状态',
  '门户发布',
];
const PROGRESS_COLUMNS = [
  '排名',
  '处室',
  '报送目标',
  '已报送',
  '报送完成率%',
  '采用目标',
  '采用',
  '采用完成率%',
  '批示',
  '扣分次数',
  '报送分',
  '采用分',
  '批示分',
  '扣分',
  '总分',
  '分数目标',
  '分数完成率%',
];
const WIDTH: Record<string, number> = { 标题: 48, 采用渠道: 36, 报送对象: 30, 处室: 14, 信息编号: 16 };

/** A date cell as a real date (Excel shows it as a date, sorts and filters it as one). */
const dateCell = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** `GET /api/info/export.xlsx?year=`: 信息报送台账 (pieces reported that year) and 处室进度 (the ledger). Office and leaders; audited. */
export async function exportYear(deps: Deps, actor: Actor, year: number): Promise<Buffer> {
  if (!isOffice(actor) && !hasRole(actor, 'leader')) throw forbidden('只有办公室和局领导可以导出信息报送台账');
  const reported = await reportedBetween(deps.db, `${year}-01-01`, `${year}-12-31`);
  const ids = reported.map((r) => r.id);
  const [rows, adoptions, instructions, table, ledger] = await Promise.all([
    itemsByIds(deps.db, ids),
    adoptionsOf(deps.db, ids),
    instructionsOf(deps.db, ids),
    scoringTables(deps.db),
    ledgerOf(deps.db, year),
  ]);
  const units = new Map((await getUnitsByIds(deps, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  rows.sort((a, b) => (a.reported_date ?? '').localeCompare(b.reported_date ?? '') || (a.serial_no ?? '').localeCompare(b.serial_no ?? ''));
  const { sheet, toBuffer } = ledgerWorkbook('信息报送台账', ITEM_COLUMNS, (c) => WIDTH[c] ?? 12);
  for (const r of rows) {
    const a = adoptions.filter((x) => x.item_id === r.id);
    const n = instructions.filter((x) => x.item_id === r.id);
    sheet.addRow({
      信息编号: r.serial_no ?? '',
      标题: r.title,
      类型: INFO_TYPE_LABELS[r.info_type],
      处室: units.get(r.unit_id) ?? '',
      执笔人: (JSON.parse(r.writers) as string[]).join('、') || r.drafter_name,
      紧急: r.urgent ? '是' : '',
      报送日期: dateCell(r.reported_date),
      报送对象: ((r.recipients ? JSON.parse(r.recipients) : []) as InfoRecipient[]).map((x) => INFO_RECIPIENT_LABELS[x]).join('、'),
      采用次数: a.length,
      采用渠道: a.map((x) => x.channel_name).join('、'),
      批示次数: n.length,
      得分: itemPoints(table, r, a, n).total,
      状态: INFO_STATE_LABELS[r.state],
      门户发布: r.pub_state === 'published' ? '已发布' : r.pub_state === 'withdrawn' ? '已撤稿' : '',
    });
  }
  sheet.getColumn('报送日期').numFmt = 'yyyy-mm-dd';
  const progress = sheet.workbook.addWorksheet('处室进度', { views: [{ state: 'frozen', ySplit: 1 }] });
  progress.columns = PROGRESS_COLUMNS.map((header) => ({ header, key: header, width: WIDTH[header] ?? 11 }));
  progress.getRow(1).font = { bold: true };
  for (const l of ledger.items) {
    progress.addRow({
      排名: l.rank,
      处室: l.divisionName,
      报送目标: l.target.submissions,
      已报送: l.submitted,
      '报送完成率%': l.rates.submissions ?? '',
      采用目标: l.target.adoptions,
      采用: l.adoptions,
      '采用完成率%': l.rates.adoptions ?? '',
      批示: l.instructions,
      扣分次数: l.penalties,
      报送分: l.points.submission,
      采用分: l.points.adoption,
      批示分: l.points.instruction,
      扣分: l.points.penalty,
      总分: l.points.total,
      分数目标: l.target.points,
      '分数完成率%': l.rates.points ?? '',
    });
  }
  const buf = await toBuffer();
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps.clock, { action: 'info.export', actor: auditActor(actor), targetType: 'info', details: { year, rows: rows.length } });
  });
  return buf;
}

/** 政务信息工作通报（YYYY年第N期）: totals, the ranking, highlights and penalties. */
export async function bulletinDocument(b: Bulletin, bureau: string): Promise<Buffer> {
  const t = b.totals;
  const children = [
    redTitle('政务信息工作通报'),
    line(b.title.replace('政务信息工作通报', ''), { center: true }),
    line(`${bureau}办公室　　　　${b.issuedAt ? beijingDate(b.issuedAt) : '（本期尚未结束，数据截至今日）'}`, { center: true }),
    redRule(),
    heading('一、总体情况'),
    line(
      `${b.from} 至 ${b.to}，各处室共报送政务信息 ${t.submitted} 篇，被采用 ${t.adoptions} 篇次，获领导批示 ${t.instructions} 次，扣分 ${t.penalties} 次，合计得分 ${t.points} 分。本期发出约稿 ${b.requests.issued} 件，已报送 ${b.requests.answered} 件，逾期 ${b.requests.overdue} 件。`,
      { indent: true },
    ),
    heading('二、各处室得分排名'),
    tableOrNone(
      ['排名', '处室', '报送', '采用', '批示', '本期得分', '年度累计', '年度完成率'],
      b.ranking.map((r) => [
        String(r.rank),
        r.divisionName,
        String(r.submitted),
        String(r.adoptions),
        String(r.instructions),
        String(r.points),
        String(r.yearPoints),
        r.yearRate === null ? '—' : `${r.yearRate}%`,
      ]),
    ),
    heading('三、采用和批示情况'),
    tableOrNone(
      ['日期', '处室', '信息标题', '采用或批示', '得分'],
      b.highlights.map((h) => [h.date, h.divisionName, h.title, h.detail, String(h.points)]),
    ),
    heading('四、扣分情况'),
    tableOrNone(
      ['日期', '处室', '扣分项', '分值', '事由'],
      b.penalties.map((p) => [p.date, p.divisionName, p.name, String(p.points), p.reason]),
    ),
  ];
  return bulletinDocx(b.title, children);
}
