/**
 * A seeded PRNG (mulberry32): the same seed gives the same bureau on every
 * machine and both dialects, so two runs compare like with like.
 */
export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[this.int(xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    const last = pairs[pairs.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** A deterministic UUID-shaped id (version 7 layout, time from `ms`): the generator's ids repeat across runs. */
  uuid(ms: number): string {
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len);
    const t = hex(ms, 12);
    const r = () => hex(this.int(0x10000), 4);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r().slice(1)}-${(8 + this.int(4)).toString(16)}${r().slice(1)}-${r()}${r()}${r()}`;
  }
}
