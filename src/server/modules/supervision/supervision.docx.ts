/*
 * Our two documents, laid out as the office's bulletins are (督办通报 style,
 * not a 公文 under GB/T 9704): a red 方正小标宋 title and red rule, 仿宋 body,
 * 黑体 section heads, tables for the lists. The 催办单 is a one-page form.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { LIGHT_LABELS, type Light, type WeeklyReport } from '../../../shared/supervision.js';

const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', head: '黑体', kai: '楷体_GB2312' } as const;
const RED = 'C00000';
/** Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt. */
const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;

const TEXT_WIDTH = 11906 - 1587 - 1474;
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, opts: { f?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: font(opts.f ?? FONT.body), size: opts.size ?? SIZE.san, bold: opts.bold ?? false, ...(opts.color ? { color: opts.color } : {}) });

const para = (text: string, opts: { f?: string; size?: number; bold?: boolean; color?: string; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    children: [run(text, opts)],
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { line: 560, lineRule: 'exact' },
    ...(opts.indent ? { indent: { firstLine: 640 } } : {}),
  });

const redTitle = (text: string) =>
  new Paragraph({ children: [run(text, { f: FONT.title, size: SIZE.er, color: RED })], alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 } });
const redRule = () =>
  new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } }, spacing: { after: 240 } });

function table(headers: readonly string[], rows: readonly (readonly string[])[], widths?: readonly number[]): Table {
  const cell = (text: string, head: boolean, i: number) =>
    new TableCell({
      children: [
        new Paragraph({
          children: [run(text, { f: head ? FONT.head : FONT.body, size: SIZE.wu })],
          alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ],
      ...(widths?.[i] ? { width: { size: widths[i], type: WidthType.PERCENTAGE } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // Twips of the A4 text width (11906 − margins): Word and WPS size columns from these, not from the cell percentages alone.
    ...(widths ? { columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * w) / 100)) } : {}),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

const A4 = { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } };

/** 2026年11月27日 */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

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
    ['交办日期', chineseDate(n.assignedDate)],
    [
      '办结时限',
      n.deadline === n.originalDeadline ? chineseDate(n.deadline) : `${chineseDate(n.deadline)}（原定 ${chineseDate(n.originalDeadline)}，已批准延期）`,
    ],
    ['督办灯色', LIGHT_LABELS[n.light]],
    ['催办事由', n.message],
  ];
  const doc = new Document({
    creator: '中枢',
    title: `督办催办单 ${n.number}`,
    sections: [
      {
        properties: A4,
        children: [
          redTitle('督办催办单'),
          para(`（第 ${n.sequence} 次催办）`, { center: true, f: FONT.kai }),
          redRule(),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map(
              ([k, v]) =>
                new TableRow({
                  children: [
                    new TableCell({
                      width: { size: 22, type: WidthType.PERCENTAGE },
                      children: [new Paragraph({ children: [run(k, { f: FONT.head, size: SIZE.si })], alignment: AlignmentType.CENTER })],
                    }),
                    new TableCell({
                      width: { size: 78, type: WidthType.PERCENTAGE },
                      children: v.split('\n').map((line) => new Paragraph({ children: [run(line, { size: SIZE.si })] })),
                    }),
                  ],
                }),
            ),
          }),
          para(''),
          para(
            '请牵头处室接此单后抓紧办理，于办结时限内报送办理结果；确难按期完成的，须在时限届满前提出延期申请，说明原因、进展和预计完成时间。逾期未办结又未获批准延期的，按原时限考核。',
            { indent: true },
          ),
          para(''),
          para(`催办人：${n.sentBy}`, { f: FONT.body }),
          para(`办公室　${chineseDate(n.date)}`, { f: FONT.body }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const time = (iso: string) => iso.slice(0, 10);

/** 督办周报 as an office bulletin. */
export async function renderWeeklyReportDocx(r: WeeklyReport, issuer = '办公室'): Promise<Buffer> {
  const year = r.week.slice(0, 4);
  const weekNo = Number(r.week.slice(6));
  const section = (n: string, title: string) => para(`${n}、${title}`, { f: FONT.head });
  const none = () => para('无。', { indent: true });
  const children: (Paragraph | Table)[] = [
    redTitle('督 办 周 报'),
    para(`${year}年第${weekNo}周（${chineseDate(r.from)}—${chineseDate(r.to)}）`, { center: true, f: FONT.kai }),
    para(`${issuer}　　　　　　　　${r.issued ? '' : '（未定稿）'}${chineseDate(time(r.generatedAt))}`, { center: true, size: SIZE.si }),
    redRule(),
    section('一', '总体情况'),
    para(
      `截至本周末，督办事项共 ${r.totals.total} 件，已办结销号 ${r.totals.closed} 件（办结率 ${r.totals.completionRate}%），在办 ${r.totals.inProgress} 件，暂缓 ${r.totals.suspended} 件，逾期未办结 ${r.totals.overdue} 件。本周新立项 ${r.newItems.length} 件，办结销号 ${r.closedItems.length} 件。`,
      { indent: true },
    ),
  ];
  children.push(section('二', '本周新立项事项'));
  children.push(
    r.newItems.length
      ? table(
          ['编号', '事项', '来源', '牵头处室', '办结时限'],
          r.newItems.map((i) => [i.number, i.title, i.source, i.leadDivision, i.deadline]),
          [18, 38, 14, 14, 16],
        )
      : none(),
  );
  children.push(section('三', '本周办结销号事项'));
  children.push(
    r.closedItems.length
      ? table(
          ['编号', '事项', '牵头处室', '办结结果'],
          r.closedItems.map((i) => [i.number, i.title, i.leadDivision, i.result]),
          [18, 30, 14, 38],
        )
      : none(),
  );
  children.push(section('四', '在办事项进展'));
  children.push(
    r.inProgress.length
      ? table(
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
        )
      : none(),
  );
  children.push(section('五', '临期与逾期事项'));
  if (r.overdue.length) {
    children.push(para(`逾期未办结 ${r.overdue.length} 件，点名如下：`, { indent: true }));
    children.push(
      table(
        ['编号', '事项', '责任处室', '办结时限', '逾期工作日'],
        r.overdue.map((i) => [i.number, i.title, i.responsible, i.deadline, String(i.workdaysOverdue)]),
        [18, 36, 14, 16, 16],
      ),
    );
  }
  if (r.dueSoon.length) {
    children.push(para(`临期事项 ${r.dueSoon.length} 件：`, { indent: true }));
    children.push(
      table(
        ['编号', '事项', '牵头处室', '办结时限', '剩余工作日'],
        r.dueSoon.map((i) => [i.number, i.title, i.leadDivision, i.deadline, String(i.workdaysLeft)]),
        [18, 36, 14, 16, 16],
      ),
    );
  }
  if (!r.overdue.length && !r.dueSoon.length) children.push(none());
  children.push(section('六', '延期申请'));
  children.push(
    r.extensions.length
      ? table(
          ['编号', '事项', '牵头处室', '申请延至', '理由', '审批'],
          r.extensions.map((i) => [
            i.number,
            i.title,
            i.leadDivision,
            i.requestedDeadline,
            i.reason,
            i.state === 'approved' ? '已同意' : i.state === 'refused' ? '未同意' : '待审批',
          ]),
        )
      : none(),
  );
  children.push(section('七', '需协调事项'));
  children.push(
    r.coordination.length
      ? table(
          ['编号', '事项', '需协调事项', '提出'],
          r.coordination.map((i) => [i.number, i.title, i.matter, i.raisedBy]),
        )
      : none(),
  );
  children.push(section('八', '一周一督未报送进展'));
  children.push(
    r.missingUpdates.length
      ? table(
          ['编号', '事项', '牵头处室'],
          r.missingUpdates.map((i) => [i.number, i.title, i.leadDivision]),
        )
      : none(),
  );
  children.push(section('九', '下周节点'));
  children.push(
    r.nextWeekMilestones.length
      ? table(
          ['日期', '编号', '事项', '节点', '牵头处室'],
          r.nextWeekMilestones.map((i) => [i.dueDate, i.number, i.title, i.milestone, i.leadDivision]),
        )
      : none(),
  );
  children.push(section('十', '各处室办理情况'));
  children.push(
    table(
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
  const doc = new Document({ creator: '中枢', title: `督办周报 ${r.week}`, sections: [{ properties: A4, children }] });
  return Packer.toBuffer(doc);
}
