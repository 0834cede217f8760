/*
 * Our two documents as office bulletins (core/docx/bulletin.ts, not 公文
 * under GB/T 9704): the 督办周报 in ten numbered sections with tables for the
 * lists, and the 催办单 as a one-page form.
 */
import type { Paragraph, Table } from 'docx';
import { LIGHT_LABELS, type Light, type WeeklyReport } from '../../../shared/supervision.js';
import { bulletinDocx, dataTable, formTable, heading, line, none, redRule, redTitle, tableOrNone } from '../../core/docx/bulletin.js';
import { FONT, printedDate, SIZE } from '../../core/docx/primitives.js';

export interface ReminderNotice {
  number: string;
  title: string;
  leadDivision: string;
  assistDivisions: string[];
  owner: string | null;
  assignedDate: string;
  deadline: string;
  originalDeadline: string;
  light: Light;
  message: string;
  sentBy: string;
  /** The Beijing date the notice was sent. */
  date: string;
  /** The n-th 催办 of this item. */
  sequence: number;
}

/** 督办催办单: the form the office sends to the lead division. */
export async function renderReminderDocx(n: ReminderNotice): Promise<Buffer> {
  const rows: [string, string][] = [
    ['督办编号', n.number],
    ['督办事项', n.title],
    ['牵头处室', n.leadDivision],
    ['协办处室', n.assistDivisions.join('、') || '无'],
    ['责任人', n.owner ?? '—'],
    ['交办日期', printedDate(n.assignedDate)],
    [
      '办结时限',
      n.deadline === n.originalDeadline ? printedDate(n.deadline) : `${printedDate(n.deadline)}（原定 ${printedDate(n.originalDeadline)}，已批准延期）`,
    ],
    ['督办灯色', LIGHT_LABELS[n.light]],
    ['催办事由', n.message],
  ];
  return bulletinDocx(`督办催办单 ${n.number}`, [
    redTitle('督办催办单'),
    line(`（第 ${n.sequence} 次催办）`, { center: true, font: FONT.kaiti }),
    redRule(),
    formTable(rows),
    line(''),
    line(
      '请牵头处室接此单后抓紧办理，于办结时限内报送办理结果；确难按期完成的，须在时限届满前提出延期申请，说明原因、进展和预计完成时间。逾期未办结又未获批准延期的，按原时限考核。',
      { indent: true },
    ),
    line(''),
    line(`催办人：${n.sentBy}`),
    line(`办公室　${printedDate(n.date)}`),
  ]);
}

const time = (iso: string) => iso.slice(0, 10);

/** 督办周报 as an office bulletin. */
export async function renderWeeklyReportDocx(r: WeeklyReport, issuer = '办公室'): Promise<Buffer> {
  const year = r.week.slice(0, 4);
  const weekNo = Number(r.week.slice(6));
  const section = (n: string, title: string) => heading(`${n}、${title}`);
  const children: (Paragraph | Table)[] = [
    redTitle('督 办 周 报'),
    line(`${year}年第${weekNo}周（${printedDate(r.from)}—${printedDate(r.to)}）`, { center: true, font: FONT.kaiti }),
    line(`${issuer}　　　　　　　　${r.issued ? '' : '（未定稿）'}${printedDate(time(r.generatedAt))}`, { center: true, size: SIZE.si }),
    redRule(),
    section('一', '总体情况'),
    line(
      `截至本周末，督办事项共 ${r.totals.total} 件，已办结销号 ${r.totals.closed} 件（办结率 ${r.totals.completionRate}%），在办 ${r.totals.inProgress} 件，暂缓 ${r.totals.suspended} 件，逾期未办结 ${r.totals.overdue} 件。本周新立项 ${r.newItems.length} 件，办结销号 ${r.closedItems.length} 件。`,
      { indent: true },
    ),
  ];
  children.push(section('二', '本周新立项事项'));
  children.push(
    tableOrNone(
      ['编号', '事项', '来源', '牵头处室', '办结时限'],
      r.newItems.map((i) => [i.number, i.title, i.source, i.leadDivision, i.deadline]),
      [18, 38, 14, 14, 16],
    ),
  );
  children.push(section('三', '本周办结销号事项'));
  children.push(
    tableOrNone(
      ['编号', '事项', '牵头处室', '办结结果'],
      r.closedItems.map((i) => [i.number, i.title, i.leadDivision, i.result]),
      [18, 30, 14, 38],
    ),
  );
  children.push(section('四', '在办事项进展'));
  children.push(
    tableOrNone(
      ['编号', '事项', '牵头处室', '进度', '灯色', '最新进展'],
      r.inProgress.map((i) => [
        i.number,
        i.title,
        i.leadDivision,
        `${i.percent}%`,
        LIGHT_LABELS[i.light],
        i.latestUpdate ? `${time(i.latestUpdate.at)} ${i.latestUpdate.content}` : '尚无进展报送',
      ]),
      [18, 24, 12, 8, 8, 30],
    ),
  );
  children.push(section('五', '临期与逾期事项'));
  if (r.overdue.length) {
    children.push(line(`逾期未办结 ${r.overdue.length} 件，点名如下：`, { indent: true }));
    children.push(
      dataTable(
        ['编号', '事项', '责任处室', '办结时限', '逾期工作日'],
        r.overdue.map((i) => [i.number, i.title, i.responsible, i.deadline, String(i.workdaysOverdue)]),
        [18, 36, 14, 16, 16],
      ),
    );
  }
  if (r.dueSoon.length) {
    children.push(line(`临期事项 ${r.dueSoon.length} 件：`, { indent: true }));
    children.push(
      dataTable(
        ['编号', '事项', '牵头处室', '办结时限', '剩余工作日'],
        r.dueSoon.map((i) => [i.number, i.title, i.leadDivision, i.deadline, String(i.workdaysLeft)]),
        [18, 36, 14, 16, 16],
      ),
    );
  }
  if (!r.overdue.length && !r.dueSoon.length) children.push(none());
  children.push(section('六', '延期申请'));
  children.push(
    tableOrNone(
      ['编号', '事项', '牵头处室', '申请延至', '理由', '审批'],
      r.extensions.map((i) => [
        i.number,
        i.title,
        i.leadDivision,
        i.requestedDeadline,
        i.reason,
        i.state === 'approved' ? '已同意' : i.state === 'refused' ? '未同意' : '待审批',
      ]),
    ),
  );
  children.push(section('七', '需协调事项'));
  children.push(
    tableOrNone(
      ['编号', '事项', '需协调事项', '提出'],
      r.coordination.map((i) => [i.number, i.title, i.matter, i.raisedBy]),
    ),
  );
  children.push(section('八', '一周一督未报送进展'));
  children.push(
    tableOrNone(
      ['编号', '事项', '牵头处室'],
      r.missingUpdates.map((i) => [i.number, i.title, i.leadDivision]),
    ),
  );
  children.push(section('九', '下周节点'));
  children.push(
    tableOrNone(
      ['日期', '编号', '事项', '节点', '牵头处室'],
      r.nextWeekMilestones.map((i) => [i.dueDate, i.number, i.title, i.milestone, i.leadDivision]),
    ),
  );
  children.push(section('十', '各处室办理情况'));
  children.push(
    dataTable(
      ['处室', '事项数', '已办结', '在办', '逾期', '未报进展（周次）', '办结率'],
      r.byDivision.map((d) => [
        d.name,
        String(d.total),
        String(d.closed),
        String(d.inProgress),
        String(d.overdue),
        String(d.missedUpdates),
        `${d.completionRate}%`,
      ]),
    ),
  );
  return bulletinDocx(`督办周报 ${r.week}`, children);
}
