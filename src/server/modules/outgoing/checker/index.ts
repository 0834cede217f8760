import { DOC_TYPES, type DocType, type Finding, type OutgoingCheckInput } from '../../../../shared/outgoing.js';
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
  return run(new CheckContext(input, options.org ?? DEFAULT_ORG_CONTEXT));
}

function run(c: CheckContext): Finding[] {
  checkForm(c);
  checkText(c);
  checkProcedure(c);
  return c.findings.sort(compareFindings);
}

/** A check request whose 文种 is free text (what a caller typed), not yet one of the 15. */
export type LooseCheckInput = Omit<OutgoingCheckInput, 'docType'> & { docType: string };

const isDocType = (s: string): s is DocType => (DOC_TYPES as readonly string[]).includes(s);
/** Title endings, longest first (通知 before 知…; 命令 before 令, which also means 命令). */
const ENDINGS: ReadonlyArray<{ ending: string; docType: DocType }> = [
  ...DOC_TYPES.map((t) => ({ ending: t as string, docType: t })),
  { ending: '令', docType: '命令' as const },
].sort((a, b) => b.ending.length - a.ending.length);

/**
 * F14 for typed input: a 文种 outside the 15 is an error finding, not a
 * rejected request, so the drafter sees it beside everything else. When the
 * title ends in one of the 15 the finding suggests it, and the other rules
 * run as for that 文种; otherwise they run without the 文种-specific ones.
 */
export function checkTypedOutgoing(input: LooseCheckInput, options: CheckOptions = {}): Finding[] {
  const typed = input.docType;
  if (isDocType(typed)) return checkOutgoing({ ...input, docType: typed }, options);
  const title = input.title
    .replace(/\s+/g, '')
    .replace(/[。，、；：！？.,;:!?…]+$/, '')
    .replace(/(?:[（(][^（）()]*[）)])+$/, '');
  const guess = ENDINGS.find((e) => title.endsWith(e.ending))?.docType;
  const c = new CheckContext({ ...input, docType: guess ?? '函' }, options.org ?? DEFAULT_ORG_CONTEXT, !guess);
  c.add('F14', 'docType', `文种“${typed}”不是《党政机关公文处理工作条例》规定的15种公文之一`, {
    suggestion: guess
      ? `标题以“${guess}”结尾，请改选文种“${guess}”`
      : '从决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要中选择',
  });
  return run(c);
}

export function hasBlockingFindings(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const FIELD_ORDER = [
  'docType',
  'docNumber',
  'issuer',
  'title',
  'mainRecipients',
  'body',
  'attachments',
  'signDate',
  'copyTo',
  'contact',
  'classification',
  'procedure',
];
function compareFindings(a: Finding, b: Finding): number {
  return (
    FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
    (a.index ?? 0) - (b.index ?? 0) ||
    (a.range?.start ?? 0) - (b.range?.start ?? 0) ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
  );
}
