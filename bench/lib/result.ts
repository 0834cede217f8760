import type { Figures } from './stats.js';

/** One line of the results: our operation, the bare one it wraps, and how they compare. */
export interface BenchResult {
  name: string;
  group: string;
  ours: Figures & Record<string, unknown>;
  bare: (Figures & Record<string, unknown>) | null;
  /** ours.opsPerSec / bare.opsPerSec (throughput kept, 1 = as fast as bare). */
  throughputRatio: number | null;
  /** ours.medianMs / bare.medianMs (how many times slower). */
  latencyRatio: number | null;
  target: string | null;
  pass: boolean | null;
  notes: string[];
}

export function compareFigures(ours: Figures, bare: Figures | null): Pick<BenchResult, 'throughputRatio' | 'latencyRatio'> {
  if (!bare) return { throughputRatio: null, latencyRatio: null };
  return {
    throughputRatio: Math.round((ours.opsPerSec / bare.opsPerSec) * 1000) / 1000,
    latencyRatio: Math.round((ours.medianMs / bare.medianMs) * 100) / 100,
  };
}

export interface RunResults {
  startedAt: string;
  db: string;
  scale: number;
  seed: number;
  dataSet: Record<string, unknown>;
  machine: { cpus: number; loadavg: number[]; node: string };
  results: BenchResult[];
  gaps: string[];
}
