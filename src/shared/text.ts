import { z } from 'zod';

const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
// Tabs and line breaks are part of ordinary prose (opinions, results); other control characters are not.
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** A trimmed single line of at most `max` characters, with a Chinese message naming the field. */
export const singleLine = (max: number, label: string) =>
  z
    .string({ error: `${label}须为文字` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .regex(SINGLE_LINE, { error: `${label}不能包含控制字符` });

/** Like `singleLine`, but line breaks are allowed. */
export const multiLine = (max: number, label: string) =>
  z
    .string({ error: `${label}须为文字` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .regex(MULTI_LINE, { error: `${label}不能包含控制字符` });
