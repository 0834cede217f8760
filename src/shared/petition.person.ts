/*
 * The petitioner's personal data as both sides check and show it: the
 * 身份证号 of GB 11643 (a real birth date and the ISO 7064 MOD 11-2 check
 * digit), phone numbers, and the masks of the 信访 contract. Masking here and
 * nowhere else, so the page and the server cannot disagree.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Upper-case x, no spaces: the form the blind index is taken of. */
export function normaliseIdNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Digits only (an area code's dash and spaces dropped). */
export function normalisePhone(s: string): string {
  return s.replace(/[\s-]+/g, '');
}

/** The check digit of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Null when the 18-character 身份证号 is well-formed; otherwise why not, in Chinese. */
export function idNumberProblem(raw: string): string | null {
  const s = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号须为 18 位（前 17 位为数字，末位为数字或 X）';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return '身份证号中的出生日期不存在';
  if (idCheckDigit(s.slice(0, 17)) !== s[17]) return '身份证号校验位不正确，请核对';
  return null;
}

/** Null when the phone is a mobile (1[3-9] + 9 digits) or a fixed line (0 + area code + number). */
export function phoneProblem(raw: string): string | null {
  const s = normalisePhone(raw);
  if (/^1[3-9]\d{9}$/.test(s) || /^0\d{9,11}$/.test(s)) return null;
  return '联系电话须为 11 位手机号或区号开头的固定电话';
}

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** 张** : the first character, a star for each other. */
export function maskName(s: string | null | undefined): string | null {
  if (!s) return null;
  const chars = [...s];
  return (chars[0] ?? '') + stars(chars.length - 1);
}

/** First 3, eleven stars, last 4. */
export function maskIdNumber(s: string | null | undefined): string | null {
  if (!s) return null;
  return s.slice(0, 3) + stars(11) + s.slice(-4);
}

/** First 3, a star per middle character, last 4. */
export function maskPhone(s: string | null | undefined): string | null {
  if (!s) return null;
  if (s.length <= 7) return s.slice(0, 3) + stars(s.length - 3);
  return s.slice(0, 3) + stars(s.length - 7) + s.slice(-4);
}

/** The first six characters and four stars. */
export function maskAddress(s: string | null | undefined): string | null {
  if (!s) return null;
  return [...s].slice(0, 6).join('') + '****';
}
