/**
 * 纪要格式 (GB/T 9704 10.3, 格式可按实际制定): the red mark “××纪要” 35 mm
 * under the top of the 版心 as in the 文件格式; two lines under it the 编号
 * (“第X号” or “〔YYYY〕X号”) centred; on the next line the 印发机关 left and
 * the date right, over the red line; no 署名 and no seal. Under the body (or
 * the 附件说明) one blank line, then “出席：”, “请假：”, “列席：” two 字 in,
 * the label 3号黑体 and the names 3号仿宋, wrapped lines aligned with the
 * first name.
 */
import { AlignmentType, BorderStyle, type Paragraph } from 'docx';
import { blank, ENDS_ONE_ZI_IN, EXACT_LINE, FONT, para, RED, run, ZI3, ziWidth } from '../../../core/docx/primitives.js';

export const ATTENDANCE_LABELS = ['出席', '请假', '列席'] as const;
export type AttendanceLabel = (typeof ATTENDANCE_LABELS)[number];
export interface AttendanceLine {
  label: AttendanceLabel;
  names: string;
}

const ATTENDANCE_LINE = /^\s*(出席|请假|列席)\s*[：:]\s*(.*)$/;

/**
 * The attendance lines typed in a 纪要's body (“出席：张三、李四”), taken out
 * of it: the draft has no field for them, and the standard prints them under
 * the body whatever line the drafter typed them on. Printed in the order
 * 出席, 请假, 列席; a label typed twice keeps both lines.
 */
export function splitAttendance(body: string): { body: string; attendance: AttendanceLine[] } {
  const kept: string[] = [];
  const found: AttendanceLine[] = [];
  for (const line of body.split('\n')) {
    const m = ATTENDANCE_LINE.exec(line);
    const label = m?.[1] as AttendanceLabel | undefined;
    const names = m?.[2]?.trim() ?? '';
    if (label && names) found.push({ label, names });
    else kept.push(line);
  }
  found.sort((a, b) => ATTENDANCE_LABELS.indexOf(a.label) - ATTENDANCE_LABELS.indexOf(b.label));
  return { body: kept.join('\n'), attendance: found };
}

const redLine = { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: 11 } } as const;

/**
 * What follows the 纪要 mark: two blank lines, the 编号 centred, then the
 * 印发机关 (one 字 in) and the date (one 字 from the right) on one line with
 * the red line 4 mm under the last of these lines.
 */
export function minutesUnderMark(docNumber: string | undefined, org: string | undefined, date: string | undefined): Paragraph[] {
  const out: Paragraph[] = [blank(), blank()];
  const byline = org || date;
  out.push(para({ alignment: AlignmentType.CENTER, spacing: EXACT_LINE, ...(byline ? {} : { border: redLine }), children: [run(docNumber ?? '')] }));
  if (byline) {
    out.push(
      para({
        spacing: EXACT_LINE,
        border: redLine,
        tabStops: [...ENDS_ONE_ZI_IN],
        children: [run(`\t${org ?? ''}\t${date ?? ''}`)],
      }),
    );
  }
  return out;
}

/** 出席/请假/列席, one blank line under the body or 附件说明, two 字 in; wrapped lines start under the first name. */
export function attendanceBlock(lines: readonly AttendanceLine[]): Paragraph[] {
  if (lines.length === 0) return [];
  return [
    blank(),
    ...lines.map((l) => {
      const label = Math.round(ziWidth(`${l.label}：`) * ZI3);
      return para({
        spacing: EXACT_LINE,
        indent: { left: 2 * ZI3 + label, hanging: label },
        children: [run(`${l.label}：`, FONT.heiti), run(l.names)],
      });
    }),
  ];
}
