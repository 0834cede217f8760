import type ExcelJS from 'exceljs';

/** The text of a cell, whatever Excel stored: rich text, a link's text, a formula's result, a number or a date. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    // A formula's result may itself be a date or an error value (#N/A reads as empty).
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2026/3/5, 2026.3.5, 2026年3月5日 → 2026-03-05; anything else is returned as typed and fails validation. */
export function normalizeDate(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  return m ? `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}` : s.trim();
}

/** Label → value of a label table (`{ normal: '平件' }` read back from a cell). */
export const byLabel = <K extends string>(labels: Record<K, string>): ReadonlyMap<string, K> =>
  new Map(Object.entries<string>(labels).map(([k, v]) => [v, k as K]));
