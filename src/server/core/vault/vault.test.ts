import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMasterKey, vaultFromKey } from './vault.js';

describe('personal-data vault', () => {
  const v = vaultFromKey(Buffer.alloc(32, 7));

  it('seals with a random IV (SM4-CBC) and opens again; a tampered or foreign value fails', () => {
    const a = v.encrypt('张三丰');
    const b = v.encrypt('张三丰');
    expect(a).not.toBe(b);
    expect(a).not.toContain('张');
    expect(v.decrypt(a)).toBe('张三丰');
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[20] = (raw[20] ?? 0) ^ 1;
    expect(() => v.decrypt(`v1:${raw.toString('base64')}`)).toThrow(/integrity/);
    expect(() => vaultFromKey(Buffer.alloc(32, 8)).decrypt(a)).toThrow(/integrity/);
  });

  it('blind indexes are stable per key and kind, and differ across keys', () => {
    expect(v.blindIndex('id', '11010519491231002X')).toBe(v.blindIndex('id', '11010519491231002X'));
    expect(v.blindIndex('id', '13912345678')).not.toBe(v.blindIndex('phone', '13912345678'));
    expect(vaultFromKey(Buffer.alloc(32, 8)).blindIndex('id', 'x')).not.toBe(v.blindIndex('id', 'x'));
    expect(v.keyCheck).not.toBe(vaultFromKey(Buffer.alloc(32, 8)).keyCheck);
  });

  it('makes the key file once, mode 0600, and prefers ZHONGSHU_PII_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pii-'));
    const k1 = loadMasterKey(dir, {});
    expect(loadMasterKey(dir, {}).equals(k1)).toBe(true);
    expect(statSync(join(dir, 'keys', 'pii.key')).mode & 0o777).toBe(0o600);
    const hex = 'ab'.repeat(32);
    expect(loadMasterKey(dir, { ZHONGSHU_PII_KEY: hex }).toString('hex')).toBe(hex);
    expect(() => loadMasterKey(dir, { ZHONGSHU_PII_KEY: 'nothex' })).toThrow(/64/);
  });
});
