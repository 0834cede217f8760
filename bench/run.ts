import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchAudit } from './benches/audit.js';
import { benchDocx } from './benches/docx.js';
import { benchLists } from './benches/list.js';
import { benchSearch } from './benches/search.js';
import { benchTransitions } from './benches/transitions.js';
import { benchWeb } from './benches/web.js';
import { ensureDataSet } from './generate.js';
import { parseArgs } from './lib/args.js';
import { OUT_DIR } from './lib/db.js';
import type { BenchResult, RunResults } from './lib/result.js';

/**
 * `npm run bench -- --db sqlite|postgres --scale 1 [--fresh] [--only list,search,workflow,documents,audit,web]
 *  [--duration 10] [--connections 32]` builds (or reuses) the data set, runs
 * the benchmarks, prints a table and writes bench/out/results-<time>.json and
 * .md. `npm run bench -- --compare a.json b.json` compares two runs.
 */
const fmt = (x: unknown, d = 2): string => (typeof x === 'number' && Number.isFinite(x) ? String(Math.round(x * 10 ** d) / 10 ** d) : '–');

export function markdownTable(run: RunResults): string {
  const lines = [
    `Run ${run.startedAt} · ${run.db} · scale ${run.scale} · load ${run.machine.loadavg.map((x) => x.toFixed(1)).join('/')} on ${run.machine.cpus} cores`,
    '',
    '| benchmark | ours median / p99 (ms) | ours ops/s | bare median / p99 (ms) | bare ops/s | throughput ratio | target | holds |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of run.results) {
    const extra = typeof r.ours.gzipKB === 'number' ? `${r.ours.gzipKB} KB gzip` : `${fmt(r.ours.medianMs)} / ${fmt(r.ours.p99Ms)}`;
    lines.push(
      `| ${r.name} | ${extra} | ${fmt(r.ours.opsPerSec, 1)} | ${r.bare ? `${fmt(r.bare.medianMs)} / ${fmt(r.bare.p99Ms)}` : '–'} | ${r.bare ? fmt(r.bare.opsPerSec, 1) : '–'} | ${fmt(r.throughputRatio, 3)} | ${r.target ?? '–'} | ${r.pass === null ? '–' : r.pass ? 'yes' : '**no**'} |`,
    );
  }
  if (run.gaps.length) lines.push('', ...run.gaps.map((g) => `- gap: ${g}`));
  return lines.join('\n');
}

function compare(aPath: string, bPath: string): void {
  const a = JSON.parse(readFileSync(aPath, 'utf8')) as RunResults;
  const b = JSON.parse(readFileSync(bPath, 'utf8')) as RunResults;
  console.log(`A: ${aPath} (${a.db}, scale ${a.scale}, ${a.startedAt})\nB: ${bPath} (${b.db}, scale ${b.scale}, ${b.startedAt})\n`);
  console.log('| benchmark | A median ms | B median ms | A ops/s | B ops/s | A ratio | B ratio | B/A ops |');
  console.log('|---|---|---|---|---|---|---|---|');
  const byName = new Map(b.results.map((r) => [r.name, r]));
  for (const ra of a.results) {
    const rb = byName.get(ra.name);
    if (!rb) continue;
    console.log(
      `| ${ra.name} | ${fmt(ra.ours.medianMs)} | ${fmt(rb.ours.medianMs)} | ${fmt(ra.ours.opsPerSec, 1)} | ${fmt(rb.ours.opsPerSec, 1)} | ${fmt(ra.throughputRatio, 3)} | ${fmt(rb.throughputRatio, 3)} | ${fmt(rb.ours.opsPerSec / ra.ours.opsPerSec, 2)} |`,
    );
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.compare) return compare(...args.compare);
  const startedAt = new Date().toISOString();
  const want = (g: string) => !args.only || args.only.includes(g);
  const { bench, manifest } = await ensureDataSet(args);
  const results: BenchResult[] = [];
  const gaps = [...manifest.gaps];
  const ms = args.duration * 1000;
  const section = async (group: string, fn: () => Promise<BenchResult[]>) => {
    if (!want(group)) return;
    console.log(`\n# ${group}`);
    try {
      results.push(...(await fn()));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      console.log(`  ${group} failed: ${msg}`);
      gaps.push(`${group}: not measured (${msg})`);
    }
  };
  try {
    await section('list', () => benchLists(bench, { connections: args.connections, durationMs: ms, cpuProf: process.env.BENCH_CPU_PROF === '1' }));
    await section('search', () => benchSearch(bench, { perLength: 12, seed: args.seed }));
    await section('workflow', () => benchTransitions(bench, { durationMs: ms }));
    await section('documents', () => benchDocx({ durationMs: Math.min(ms, 5000) }));
    await section('audit', () => benchAudit(bench));
    await section('web', () => benchWeb(bench, { runs: 6 }));
  } finally {
    await bench.db.close();
  }
  const run: RunResults = {
    startedAt,
    db: args.db,
    scale: args.scale,
    seed: args.seed,
    dataSet: { ...manifest },
    machine: { cpus: cpus().length, loadavg: loadavg(), node: process.version },
    results,
    gaps,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  const stamp = startedAt.replace(/[:.]/g, '-');
  const file = join(OUT_DIR, `results-${stamp}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2));
  const md = markdownTable(run);
  writeFileSync(join(OUT_DIR, `results-${stamp}.md`), `${md}\n`);
  console.log(`\n${md}\n\nwritten ${file}`);
}

await main();
