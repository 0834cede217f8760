import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchDb } from '../lib/db.js';
import { loadTest } from '../lib/load.js';
import { type BenchResult, compareFigures } from '../lib/result.js';
import type { ServeReady, ServeRequest } from '../serve.js';

/**
 * List pages through HTTP (sign-in cookie, zod, the module's service, JSON)
 * against a bare Fastify route replaying the same SQL on the same database,
 * each at `connections` concurrent keep-alive connections. Target (issue 8):
 * ≥ 60% of the bare route's throughput and p99 < 20 ms at 32 connections.
 */
export const LIST_PAGES: { name: string; path: string; user: string }[] = [
  { name: 'incoming ledger, all (clerk), urgent first', path: '/api/incoming?page=1&pageSize=20', user: 'office_clerk' },
  { name: 'incoming ledger, state=handling (division head, visibility)', path: '/api/incoming?state=handling&page=1&pageSize=20', user: 'div1_head' },
  { name: 'incoming ledger, 2024 urgent (leader)', path: '/api/incoming?urgency=urgent&from=2024-01-01&to=2024-12-31&page=2&pageSize=20', user: 'leader1' },
  { name: 'supervision ledger, all (clerk)', path: '/api/supervision?page=1&pageSize=20', user: 'office_clerk' },
  { name: 'supervision ledger (division head, visibility)', path: '/api/supervision?page=1&pageSize=20', user: 'div1_head' },
  { name: 'to-do list (division head)', path: '/api/todos', user: 'div1_head' },
  { name: 'to-do list (clerk)', path: '/api/todos', user: 'office_clerk' },
];

export interface Server {
  ready: ServeReady;
  /** The server process's CPU time so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServer(bench: BenchDb, pages: { path: string; user: string }[], execArgv: string[] = []): Promise<Server> {
  const child = fork(resolve(import.meta.dirname, '../serve.ts'), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const req: ServeRequest = { db: bench.db.dialect, dataDir: bench.dataDir, url: bench.url, pages };
  const ready = await new Promise<ServeReady>((resolveReady, reject) => {
    child.once('message', (m) => resolveReady(m as ServeReady));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.send(req);
  });
  return {
    ready,
    cpuMs: () =>
      new Promise<number>((done) => {
        child.once('message', (m) => {
          const c = (m as { cpu: NodeJS.CpuUsage }).cpu;
          done((c.user + c.system) / 1000);
        });
        child.send('cpu');
      }),
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.disconnect();
      }),
  };
}

export async function benchLists(bench: BenchDb, opts: { connections: number; durationMs: number; cpuProf: boolean }): Promise<BenchResult[]> {
  const server = await startServer(
    bench,
    LIST_PAGES.map((p) => ({ path: p.path, user: p.user })),
    opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(import.meta.dirname, '../out/profiles')}`] : [],
  );
  const out: BenchResult[] = [];
  try {
    const { ready } = server;
    for (const [i, page] of LIST_PAGES.entries()) {
      const cap = ready.captures[i];
      if (!cap) continue;
      if (cap.status !== 200) {
        out.push({
          name: page.name,
          group: 'list',
          ours: { n: 0, medianMs: NaN, p95Ms: NaN, p99Ms: NaN, opsPerSec: 0, status: cap.status },
          bare: null,
          throughputRatio: null,
          latencyRatio: null,
          target: null,
          pass: null,
          notes: [`${page.path} answered ${cap.status}: not measured`],
        });
        continue;
      }
      process.stdout.write(`  ${page.name}: app… `);
      let c0 = await server.cpuMs();
      const oursLoad = await loadTest({
        port: ready.appPort,
        path: page.path,
        headers: { cookie: ready.cookies[page.user] ?? '' },
        connections: opts.connections,
        durationMs: opts.durationMs,
      });
      // Warm-up requests are counted in the CPU too; the load test reports how many were timed, the ratio stays fair.
      const oursCpu = (await server.cpuMs()) - c0;
      process.stdout.write('bare… ');
      c0 = await server.cpuMs();
      const bareLoad = await loadTest({ port: ready.barePort, path: `/bare/${i}`, connections: opts.connections, durationMs: opts.durationMs });
      const bareCpu = (await server.cpuMs()) - c0;
      const ours = { ...oursLoad, serverCpuMsPerReq: Math.round((oursCpu / Math.max(1, oursLoad.n + oursLoad.warmN)) * 1000) / 1000 };
      const bare = { ...bareLoad, serverCpuMsPerReq: Math.round((bareCpu / Math.max(1, bareLoad.n + bareLoad.warmN)) * 1000) / 1000 };
      const ratios = compareFigures(ours, bare);
      const pass = (ratios.throughputRatio ?? 0) >= 0.6 && ours.p99Ms < 20 && ours.non2xx === 0 && ours.errors === 0;
      console.log(
        `${ours.opsPerSec} vs ${bare.opsPerSec} req/s (${ratios.throughputRatio}), p99 ${ours.p99Ms} ms; server CPU/req ${ours.serverCpuMsPerReq} vs ${bare.serverCpuMsPerReq} ms`,
      );
      out.push({
        name: page.name,
        group: 'list',
        ours: { ...ours, path: page.path, user: page.user, connections: opts.connections },
        bare: { ...bare, statements: cap.queries.length },
        ...ratios,
        target: '≥60% of bare throughput, p99 < 20 ms @32',
        pass,
        notes: [
          `server CPU per request: app ${ours.serverCpuMsPerReq} ms, bare ${bare.serverCpuMsPerReq} ms (CPU ratio ${Math.round((bare.serverCpuMsPerReq / ours.serverCpuMsPerReq) * 1000) / 1000})`,
          `app ran ${cap.queries.length} page statements + ${cap.sessionQueries} auth statements; bare replays the ${cap.queries.length}`,
          ...(ours.non2xx ? [`${ours.non2xx} non-2xx`] : []),
        ],
      });
    }
  } finally {
    await server.stop();
  }
  return out;
}
