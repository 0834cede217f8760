import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3Hex, sm3Hex } from './sm3.js';

// The examples of GB/T 32905-2016, appendix A: a hash that is not SM3 (sha256, say) fails here.
describe('SM3', () => {
  it('hashes the standard\'s example 1, "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex(Buffer.from('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes the standard\'s example 2, "abcd" sixteen times (two blocks after padding)', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes text as UTF-8, so Chinese in audit details hashes the same everywhere', () => {
    expect(sm3Hex('收文')).toBe(sm3Hex(Buffer.from('收文', 'utf8')));
    expect(sm3Hex('收文')).not.toBe(sm3Hex(Buffer.from('收文', 'utf16le')));
  });

  it('HMAC-SM3 is the RFC 2104 construction over SM3 (64-byte block)', () => {
    const key = Buffer.from('会话密钥 session key');
    const message = 'zs_session token';
    const block = Buffer.alloc(64);
    key.copy(block);
    const xor = (pad: number) => Buffer.from(block.map((b) => b ^ pad));
    const inner = createHash('sm3').update(xor(0x36)).update(message).digest();
    const expected = createHash('sm3').update(xor(0x5c)).update(inner).digest('hex');
    expect(hmacSm3Hex(key, message)).toBe(expected);
  });
});
