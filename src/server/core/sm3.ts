import { createHash, createHmac } from 'node:crypto';

/** SM3 (GB/T 32905) through Node's OpenSSL 3, as 密评 expects. */
export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3Hex(key: string | Buffer, data: string | Buffer): string {
  return createHmac('sm3', key).update(data).digest('hex');
}
