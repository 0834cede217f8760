import { useRef, useState } from 'react';
import { errorMessage } from './errors.js';

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

/**
 * One write that may be retried: the same key until it succeeds (a double
 * click or a network retry is applied once), a fresh key after an answer, and
 * the failure as a Chinese message for the form to show. `send` gets the key;
 * the result is undefined when the write failed.
 */
export function useIdempotentWrite() {
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function write<T>(send: (key: string) => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await send(key.current);
    } catch (err) {
      setError(errorMessage(err));
      return undefined;
    } finally {
      key.current = newIdempotencyKey();
      setBusy(false);
    }
  }
  return { busy, error, write, reset: () => setError(null) };
}
