import type { DiffLine, DiffPiece } from '../../../shared/outgoing.js';

type Op = { op: 'equal' | 'insert' | 'delete'; text: string };

/** Above this many cells the table would cost too much memory; the middle is then shown as replaced whole. */
const MAX_CELLS = 4_000_000;

/**
 * Longest-common-subsequence diff of two sequences (lines or characters).
 * Common head and tail are trimmed first, so the usual edit (a few lines
 * changed in a long body) costs a small table.
 */
function lcsDiff(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const out: Op[] = a.slice(0, head).map((t) => ({ op: 'equal' as const, text: t }));
  const n = x.length;
  const m = y.length;
  if (n * m > MAX_CELLS) {
    out.push(...x.map((t) => ({ op: 'delete' as const, text: t })), ...y.map((t) => ({ op: 'insert' as const, text: t })));
  } else {
    // len[i][j] = LCS length of x[i..] and y[j..], one flat array.
    const len = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => len[i * (m + 1) + j] ?? 0;
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) len[i * (m + 1) + j] = x[i] === y[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        out.push({ op: 'equal', text: x[i++] ?? '' });
        j++;
      } else if (at(i + 1, j) >= at(i, j + 1)) out.push({ op: 'delete', text: x[i++] ?? '' });
      else out.push({ op: 'insert', text: y[j++] ?? '' });
    }
    while (i < n) out.push({ op: 'delete', text: x[i++] ?? '' });
    while (j < m) out.push({ op: 'insert', text: y[j++] ?? '' });
  }
  out.push(...a.slice(a.length - tail).map((t) => ({ op: 'equal' as const, text: t })));
  return out;
}

/** Character pieces of one changed line, neighbouring pieces of the same kind merged. */
export function diffChars(before: string, after: string): DiffPiece[] {
  const pieces: DiffPiece[] = [];
  for (const o of lcsDiff([...before], [...after])) {
    const last = pieces[pieces.length - 1];
    if (last && last.op === o.op) last.text += o.text;
    else pieces.push({ op: o.op, text: o.text });
  }
  return pieces;
}

/**
 * 修改痕迹 of a text: lines kept, added, removed, and — where a run of
 * removed lines meets a run of added ones — changed lines paired in order,
 * each with its character pieces (what a reviewer reads in Word's track changes).
 */
export function diffText(before: string, after: string): DiffLine[] {
  const ops = lcsDiff(before === '' ? [] : before.split('\n'), after === '' ? [] : after.split('\n'));
  const out: DiffLine[] = [];
  for (let k = 0; k < ops.length;) {
    const o = ops[k];
    if (!o) break;
    if (o.op === 'equal') {
      out.push({ op: 'equal', text: o.text });
      k++;
      continue;
    }
    const dels: string[] = [];
    const ins: string[] = [];
    while (k < ops.length && ops[k]?.op !== 'equal') {
      const p = ops[k++];
      if (p?.op === 'delete') dels.push(p.text);
      else if (p) ins.push(p.text);
    }
    const pairs = Math.min(dels.length, ins.length);
    for (let p = 0; p < pairs; p++) out.push({ op: 'change', pieces: diffChars(dels[p] ?? '', ins[p] ?? '') });
    for (const t of dels.slice(pairs)) out.push({ op: 'delete', text: t });
    for (const t of ins.slice(pairs)) out.push({ op: 'insert', text: t });
  }
  return out;
}
