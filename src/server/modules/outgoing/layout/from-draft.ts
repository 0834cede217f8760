import { DOC_TYPE_DIRECTION, type Direction, type OutgoingDraft, URGENCY_LABELS } from '../../../../shared/outgoing.js';
import type { GongwenDocInput } from './gongwen-docx.js';

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
}

/**
 * A draft as the GB/T 9704 layout wants it: 紧急程度 from urgency (非密/内部
 * print no 密级), the contact line as 附注 (请示 carry it there), 签发人 only
 * for 上行文.
 */
export function gongwenFromDraft(draft: OutgoingDraft, ctx: PrintContext): { doc: GongwenDocInput; up: boolean } {
  const up = (ctx.direction ?? DOC_TYPE_DIRECTION[draft.docType]) === 'up';
  const urgency = URGENCY_LABELS[draft.urgency];
  const doc: GongwenDocInput = {
    orgName: ctx.orgName,
    title: draft.title,
    mainRecipients: draft.mainRecipients,
    body: draft.body,
    attachments: draft.attachments.map((a) => a.title),
    signature: ctx.signature ?? ctx.orgName,
    copyTo: draft.copyTo,
    ...(urgency ? { urgencyMark: urgency } : {}),
    ...(ctx.copyNumber ? { copyNumber: ctx.copyNumber } : {}),
    ...(ctx.docNumber ? { docNumber: ctx.docNumber } : {}),
    ...(ctx.signDate ? { signDate: ctx.signDate } : {}),
    ...(up && ctx.issuers?.length ? { issuers: ctx.issuers } : {}),
    ...(draft.contact ? { note: `联系人：${draft.contact.name}，电话：${draft.contact.phone}` } : {}),
    ...(ctx.printer ? { printer: ctx.printer } : {}),
  };
  return { doc, up };
}
