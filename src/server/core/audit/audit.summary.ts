/** Text up to this length is kept as typed: 同意, a date, an id, an enum value, a short reason. */
const KEPT_TEXT = 32;

/**
 * What the audit log keeps of a request's fields: every field by name (the
 * auditor sees what changed), short values as they were, and for longer text
 * only its length, `〔N字〕`. The log is read by the 安全审计员, who is kept
 * from business data (三员分立): a 批示, a feedback or a document body stays in
 * its module's tables and history, and is not copied into the log.
 */
export function auditSummary(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length <= KEPT_TEXT ? value : `〔${[...value].length}字〕`;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '〔…〕';
  if (Array.isArray(value)) return value.map((v) => auditSummary(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, auditSummary(v, depth + 1)]));
}
