import type { Finding, OutgoingCheckInput } from '../../../../shared/outgoing.js';
import { CheckContext } from './context.js';
import { checkForm } from './form.js';
import { DEFAULT_ORG_CONTEXT, type OrgContext } from './org-context.js';
import { checkProcedure } from './procedure.js';
import { checkText } from './text.js';

export { RULES, NOT_RUN, type RuleId, type RuleInfo } from './rules.js';
export { DEFAULT_ORG_CONTEXT, type OrgContext } from './org-context.js';

export interface CheckOptions {
  /** Superior/subordinate/internal bodies for 行文规则; defaults to this bureau under 财政部. */
  org?: OrgContext;
}

/**
 * 形式关、文字关、程序关 in one pass. Pure and synchronous: the same input gives
 * the same findings, so the draft page can call it on every keystroke and the
 * workflow can call it again at sign-off (refusing while an error remains).
 * Findings come sorted by field, then position, errors first at a position.
 */
export function checkOutgoing(input: OutgoingCheckInput, options: CheckOptions = {}): Finding[] {
  const c = new CheckContext(input, options.org ?? DEFAULT_ORG_CONTEXT);
  checkForm(c);
  checkText(c);
  checkProcedure(c);
  return c.findings.sort(compareFindings);
}

export function hasBlockingFindings(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const FIELD_ORDER = ['docType', 'docNumber', 'issuer', 'title', 'mainRecipients', 'body', 'attachments', 'signDate', 'copyTo', 'contact', 'classification', 'procedure'];
function compareFindings(a: Finding, b: Finding): number {
  return (
    FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
    (a.index ?? 0) - (b.index ?? 0) ||
    (a.range?.start ?? 0) - (b.range?.start ?? 0) ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
  );
}
