/**
 * A fresh Idempotency-Key (a random UUID v4) for one attempt of a write.
 *
 * `crypto.randomUUID()` exists only in secure contexts (HTTPS or localhost);
 * a bureau intranet often serves the client over plain HTTP on a LAN address,
 * where calling it throws and every workflow button would fail. The key is
 * built from `crypto.getRandomValues()`, which browsers offer everywhere.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
