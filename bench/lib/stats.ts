/** Latency figures in milliseconds; throughput in operations per second. */
// A type alias, not an interface: results add their own fields and are stored as JSON records.
export type Figures = {
  n: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  opsPerSec: number;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** From individual latencies and the wall time they took (sequential or concurrent). */
export function figures(latenciesMs: readonly number[], wallMs: number): Figures {
  const s = [...latenciesMs].sort((a, b) => a - b);
  return {
    n: s.length,
    medianMs: round(percentile(s, 50)),
    p95Ms: round(percentile(s, 95)),
    p99Ms: round(percentile(s, 99)),
    opsPerSec: round((s.length * 1000) / wallMs),
  };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Runs `fn` sequentially for `ms` (at least `min` times), after `warm` untimed
 * calls. Besides wall-clock figures it reports this process's CPU time per
 * call: on a machine shared with other work (load far above the core count)
 * the wall clock mostly measures waiting for a core, the CPU time does not.
 */
export async function timeLoop(
  fn: () => Promise<unknown> | unknown,
  opts: { ms: number; min?: number; warm?: number; max?: number },
): Promise<Figures & { cpuMsPerOp: number }> {
  for (let i = 0; i < (opts.warm ?? 3); i++) await fn();
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while ((performance.now() - t0 < opts.ms || lat.length < (opts.min ?? 5)) && lat.length < (opts.max ?? Infinity)) {
    const a = performance.now();
    await fn();
    lat.push(performance.now() - a);
  }
  return { ...figures(lat, performance.now() - t0), cpuMsPerOp: cpuMs(cpu0) / Math.max(1, lat.length) };
}

/** CPU milliseconds (user + system) of this process since `since`. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return round((c.user + c.system) / 1000);
}
