import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPasswordAcceptable, hashPassword, loadCommonPasswords, passwordFailures, passwordPolicyView, verifyPassword } from './password.js';

const rules = (p: string, u = 'zhangsan') => passwordFailures(p, u).map((f) => f.rule);

describe('password rules', () => {
  it('ships a committed list of at least 10,000 common passwords crediting its MIT source', () => {
    expect(loadCommonPasswords().size).toBeGreaterThanOrEqual(10_000);
    const head = readFileSync(resolve(import.meta.dirname, 'common-passwords.txt'), 'utf8').slice(0, 600);
    expect(head).toMatch(/MIT License/);
    expect(head).toMatch(/zxcvbn/);
  });

  it('accepts a long mixed password and the demo password', () => {
    expect(rules('Tq7#mVp2wz')).toEqual([]);
    expect(rules('Demo#2026zs', 'leader1')).toEqual([]);
  });

  it('requires 8 characters', () => {
    expect(rules('Ab1#x')).toContain('length');
  });

  it('requires 3 of the 4 character classes and names the missing ones', () => {
    expect(rules('abcdefghxyz')).toContain('classes');
    expect(rules('qwzxvbnmpl12')).toContain('classes');
    expect(rules('Qwzxvbnmpl12')).toEqual([]);
    const f = passwordFailures('abcdefghxyz', 'u').find((x) => x.rule === 'classes');
    expect(f?.message).toMatch(/大写字母/);
    expect(f?.message).toMatch(/数字/);
  });

  it('refuses a password containing the username, in any case', () => {
    expect(rules('X9#ZhangSan!', 'zhangsan')).toContain('username');
    expect(rules('X9#Zhang!San', 'zhangsan')).not.toContain('username');
  });

  it('refuses common passwords, also wrapped in digits and symbols', () => {
    expect(rules('Password1')).toContain('common');
    expect(rules('P@ssw0rd')).toContain('common');
    expect(rules('Admin@2026')).toContain('common');
    expect(rules('2026#Qwerty')).toContain('common');
  });

  it('throws a 400 with a Chinese message naming every broken rule', () => {
    try {
      assertPasswordAcceptable('abc', 'u', 'newPassword');
      expect.unreachable();
    } catch (e) {
      const err = e as { status: number; code: string; message: string; details: { rules: string[]; fields: { field: string }[] } };
      expect(err.status).toBe(400);
      expect(err.code).toBe('validation');
      expect(err.message).toMatch(/至少 8 个字符/);
      expect(err.details.rules).toEqual(expect.arrayContaining(['length', 'classes']));
      expect(err.details.fields[0]?.field).toBe('newPassword');
    }
  });

  it('describes the rules for display', () => {
    const v = passwordPolicyView(90);
    expect(v.minLength).toBe(8);
    expect(v.rules.join('')).toMatch(/90 天/);
  });

  it('hashes with argon2id', async () => {
    const h = await hashPassword('Tq7#mVp2wz');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Tq7#mVp2wz')).toBe(true);
    expect(await verifyPassword(h, 'Tq7#mVp2wZ')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
