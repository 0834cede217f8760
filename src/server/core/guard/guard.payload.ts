/**
 * The guard for structured request bodies (workflow transitions): every
 * string anywhere in the validated payload is a text the system will store
 * (history comment, audit details, the module's own columns), so every one is
 * scanned, whatever the module named it.
 */

/** Chinese names for the payload fields that transitions use, for the refusal message. */
export const TRANSITION_FIELD_LABELS: Readonly<Record<string, string>> = {
  comment: '意见',
  reason: '理由',
  opinion: '拟办意见',
  instruction: '批示意见',
  content: '内容',
  result: '办理结果',
  message: '催办事由',
  coordination: '需协调事项',
  note: '说明',
};

const MAX_DEPTH = 8;

/**
 * Every non-empty string in `value`, keyed by its path (`comment`,
 * `distribution.0.name`). Keys of objects are field names chosen by the
 * schema, not user text, so only values are collected.
 */
export function payloadTexts(value: unknown, path = '', out: Record<string, string> = {}, depth = 0): Record<string, string> {
  if (typeof value === 'string') {
    if (value !== '') out[path || 'text'] = value;
    return out;
  }
  // Schemas are shallow; the bound only keeps a hostile shape from recursing without end.
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return out;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [k, v] of entries) payloadTexts(v, path ? `${path}.${k}` : k, out, depth + 1);
  return out;
}

/** Labels for the collected paths: a nested path is named after its top field (`distribution.0.name` → that field's label). */
export function payloadFieldLabels(texts: Readonly<Record<string, string>>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const path of Object.keys(texts)) {
    const top = path.split('.')[0] ?? path;
    const label = TRANSITION_FIELD_LABELS[top];
    if (label) labels[path] = label;
  }
  return labels;
}
