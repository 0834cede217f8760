import type { Direction, Finding, FindingField, OutgoingCheckInput } from '../../../../shared/outgoing.js';
import { DOC_TYPE_DIRECTION } from '../../../../shared/outgoing.js';
import { type OrgContext, isSuperior } from './org-context.js';
import { RULES, type RuleId } from './rules.js';

export interface FindingExtra {
  index?: number;
  suggestion?: string;
  range?: { start: number; end: number };
  /** Certain fixes only; `field`/`index` default to the finding's. */
  fix?: { start: number; end: number; replacement: string };
  /** Downgrade a normally-error rule for this case (documented in the rule table). */
  severity?: 'warning';
}

/** One checker run: the input, derived facts, and the findings collected so far. */
export class CheckContext {
  readonly findings: Finding[] = [];
  readonly direction: Direction;

  constructor(
    readonly input: OutgoingCheckInput,
    readonly org: OrgContext,
    /**
     * The caller typed a 文种 outside the 15 (F14 says so); `input.docType` is
     * then only a stand-in, and rules that compare against the 文种 stay quiet.
     */
    readonly docTypeUnknown = false,
  ) {
    this.direction = input.direction ?? deriveDirection(input, org);
  }

  add(rule: RuleId, field: FindingField, message: string, extra: FindingExtra = {}): void {
    const f: Finding = { rule, severity: extra.severity ?? RULES[rule].severity, field, message };
    if (extra.index !== undefined) f.index = extra.index;
    if (extra.suggestion !== undefined) f.suggestion = extra.suggestion;
    if (extra.range) f.range = extra.range;
    if (extra.fix) {
      f.fix = { field, ...(extra.index !== undefined ? { index: extra.index } : {}), ...extra.fix };
      if (!f.range) f.range = { start: extra.fix.start, end: extra.fix.end };
    }
    this.findings.push(f);
  }
}

/**
 * 意见 goes any way (条例第八条): it is 上行文 when it is addressed to a known
 * superior. Other 文种 take their statutory direction unless the caller says otherwise.
 */
function deriveDirection(input: OutgoingCheckInput, org: OrgContext): Direction {
  if (input.docType === '意见' && input.mainRecipients.some((r) => isSuperior(org, r))) return 'up';
  return DOC_TYPE_DIRECTION[input.docType];
}
