import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordPolicyResponse, PasswordRule } from '../../../shared/auth.js';
import { AppError } from '../errors.js';
import { randomToken } from '../ids.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;

const CLASS_TESTS: ReadonlyArray<{ label: string; test: RegExp }> = [
  { label: '大写字母', test: /[A-Z]/ },
  { label: '小写字母', test: /[a-z]/ },
  { label: '数字', test: /[0-9]/ },
  { label: '符号', test: /[^A-Za-z0-9]/ },
];

export const PASSWORD_RULE_TEXT: Record<Exclude<PasswordRule, 'same'>, string> = {
  length: `长度至少 ${PASSWORD_MIN_LENGTH} 个字符（最多 ${PASSWORD_MAX_LENGTH} 个）`,
  classes: `至少包含大写字母、小写字母、数字、符号中的 ${PASSWORD_MIN_CLASSES} 类`,
  username: '不能包含用户名（不区分大小写）',
  common: '不能是常见密码或以常见密码为主体（如 Password123、Admin@2026）',
};

// The committed list sits beside this file in the source tree; a build under
// dist/ finds it through the repository root.
const LIST_CANDIDATES = [
  resolve(import.meta.dirname, 'common-passwords.txt'),
  resolve(import.meta.dirname, '../../../../src/server/core/auth/common-passwords.txt'),
];

let commonPasswords: Set<string> | null = null;

export function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const file = LIST_CANDIDATES.find((f) => existsSync(f));
  if (!file) throw new Error(`common-passwords.txt not found (looked in ${LIST_CANDIDATES.join(', ')})`);
  const set = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const p = line.trim();
    if (p && !p.startsWith('#')) set.add(p);
  }
  commonPasswords = set;
  return set;
}

function isCommon(password: string): boolean {
  const list = loadCommonPasswords();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  // "Admin@2026", "2026#password": the guessable core wrapped in digits and symbols.
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  return core.length >= 4 && core !== lower && list.has(core);
}

export interface PasswordFailure {
  rule: PasswordRule;
  message: string;
}

/** Every rule the candidate breaks, in display order; empty when it is acceptable. */
export function passwordFailures(password: string, username: string): PasswordFailure[] {
  const out: PasswordFailure[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    out.push({ rule: 'length', message: `密码${PASSWORD_RULE_TEXT.length}` });
  }
  const missing = CLASS_TESTS.filter((c) => !c.test.test(password));
  if (CLASS_TESTS.length - missing.length < PASSWORD_MIN_CLASSES) {
    out.push({ rule: 'classes', message: `密码须${PASSWORD_RULE_TEXT.classes}，目前缺少：${missing.map((m) => m.label).join('、')}` });
  }
  const u = username.trim().toLowerCase();
  if (u && password.toLowerCase().includes(u)) out.push({ rule: 'username', message: `密码${PASSWORD_RULE_TEXT.username}` });
  if (isCommon(password)) out.push({ rule: 'common', message: '密码过于常见，容易被猜中，请换一个' });
  return out;
}

/** Throws 400 `validation` naming every broken rule; `field` says which input it was. */
export function assertPasswordAcceptable(password: string, username: string, field = 'password'): void {
  const failures = passwordFailures(password, username);
  const first = failures[0];
  if (!first) return;
  throw new AppError(400, 'validation', failures.map((f) => f.message).join('；'), {
    fields: failures.map((f) => ({ field, message: f.message })),
    rules: failures.map((f) => f.rule),
  });
}

export function passwordPolicyView(expiryDays: number): PasswordPolicyResponse {
  return {
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    minClasses: PASSWORD_MIN_CLASSES,
    classes: CLASS_TESTS.map((c) => c.label),
    forbidUsername: true,
    forbidCommon: true,
    expiryDays,
    rules: [
      PASSWORD_RULE_TEXT.length,
      PASSWORD_RULE_TEXT.classes,
      PASSWORD_RULE_TEXT.username,
      PASSWORD_RULE_TEXT.common,
      expiryDays > 0 ? `每 ${expiryDays} 天须更换一次密码` : '密码不强制定期更换',
    ],
  };
}

/** argon2id with the library's defaults (19 MiB, t=2, p=1): ~30 ms here. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * For unknown usernames: verifying against a throwaway hash costs the same as
 * a real check, so the response time does not reveal which accounts exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(await warmDummyHash(), password);
}

/** Computes the throwaway hash ahead, so even the first unknown-user attempt costs what the others do. */
export function warmDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
}
