import { type DocType, DOC_TYPE_DIRECTION, type Direction, type OutgoingDraft } from '../../../../shared/outgoing.js';
import { urgencyMark } from '../../../../shared/urgency.js';
import type { GongwenDocInput, GongwenFormat } from './gongwen-docx.js';
import { splitAttendance } from './minutes-format.js';

/** The format a 文种 prints in unless asked otherwise: 纪要 in the 纪要格式, 函 in the 信函格式, the rest as 文件. */
export function defaultFormat(docType: DocType): GongwenFormat {
  return docType === '纪要' ? 'minutes' : docType === '函' ? 'letter' : 'standard';
}

/**
 * Why a format cannot print a 文种, or null when it can: a 纪要 has only its
 * own format and the 纪要格式 fits nothing else; 命令（令） has its own format
 * (10.2), printed as a 文件 here, never as a letter; a 上行文 must show its
 * 签发人 (条例第九条), which the 信函格式 has no place for.
 */
export function formatRefusal(docType: DocType, format: GongwenFormat, direction: Direction = DOC_TYPE_DIRECTION[docType]): string | null {
  if (docType === '纪要' && format !== 'minutes') return '纪要只能按纪要格式印制';
  if (docType !== '纪要' && format === 'minutes') return `纪要格式只用于纪要，${docType}不能按纪要格式印制`;
  if (docType === '命令' && format === 'letter') return '命令（令）不能按信函格式印制';
  if (direction === 'up' && format === 'letter') return '上行文须标注签发人，信函格式没有签发人的位置，请按文件格式印制';
  return null;
}

/** A 纪要's 编号 is “〔YYYY〕X号”: the 发文字号 without the 机关代字. */
const minutesNumber = (docNumber: string) => /〔\d{4}〕\d+号$/.exec(docNumber)?.[0] ?? docNumber;

/**
 * The 纪要 mark: a title that names the meeting itself (“局务会议纪要”, no
 * “关于”) is the mark and is not printed again; otherwise the mark is the
 * bureau's “××会议纪要” and the title follows it.
 */
function minutesMark(title: string, orgName: string): { mark: string; omitTitle: boolean } {
  return /纪要$/.test(title) && !title.includes('关于') ? { mark: title, omitTitle: true } : { mark: `${orgName}会议纪要`, omitTitle: false };
}

/** What the outgoing module knows beyond the draft when it prints (sign-off, numbering, printing). */
export interface PrintContext {
  /** 发文机关标志, e.g. 财政部某某监管局. */
  orgName: string;
  /** 发文机关署名 (defaults to orgName). */
  signature?: string;
  docNumber?: string;
  signDate?: string;
  /** 签发人 names; printed for 上行文 only. */
  issuers?: readonly string[];
  direction?: Direction;
  printer?: { org: string; date: string };
  copyNumber?: string;
  /** The format; the 文种's default when absent (the caller has checked it with formatRefusal). */
  format?: GongwenFormat;
}

/**
 * A draft as the GB/T 9704 layout wants it: 紧急程度 from urgency (非密/内部
 * print no 密级), the contact line as 附注 (请示 carry it there), 签发人 only
 * for 上行文. A 纪要 takes its 出席/请假/列席 lines out of the body and its
 * mark and 编号 as above.
 */
export function gongwenFromDraft(draft: OutgoingDraft, ctx: PrintContext): { doc: GongwenDocInput; up: boolean } {
  const up = (ctx.direction ?? DOC_TYPE_DIRECTION[draft.docType]) === 'up';
  const urgency = urgencyMark(draft.urgency);
  const format = ctx.format ?? defaultFormat(draft.docType);
  const minutes = format === 'minutes' ? { ...minutesMark(draft.title, ctx.orgName), ...splitAttendance(draft.body) } : null;
  const docNumber = ctx.docNumber && minutes ? minutesNumber(ctx.docNumber) : ctx.docNumber;
  const doc: GongwenDocInput = {
    format,
    orgName: minutes?.mark ?? ctx.orgName,
    title: draft.title,
    mainRecipients: draft.mainRecipients,
    body: minutes?.body ?? draft.body,
    attachments: draft.attachments.map((a) => a.title),
    signature: ctx.signature ?? ctx.orgName,
    copyTo: draft.copyTo,
    ...(urgency ? { urgencyMark: urgency } : {}),
    ...(ctx.copyNumber ? { copyNumber: ctx.copyNumber } : {}),
    ...(docNumber ? { docNumber } : {}),
    ...(ctx.signDate ? { signDate: ctx.signDate } : {}),
    ...(up && ctx.issuers?.length ? { issuers: ctx.issuers } : {}),
    ...(draft.contact ? { note: `联系人：${draft.contact.name}，电话：${draft.contact.phone}` } : {}),
    ...(ctx.printer ? { printer: ctx.printer } : {}),
    ...(minutes ? { attendance: minutes.attendance, omitTitle: minutes.omitTitle } : {}),
  };
  return { doc, up };
}
