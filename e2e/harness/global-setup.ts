import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumMissing, IS_CI } from './env.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'artifacts');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** Builds the client once, and only when dist/web is missing or older than its sources. */
function ensureWebBuilt(): void {
  const built = join(ROOT, 'dist/web/index.html');
  const sources = Math.max(newest(join(ROOT, 'src/web')), newest(join(ROOT, 'src/shared')), newest(join(ROOT, 'vite.config.ts')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('[e2e] building the web client (vite build)…');
  // vitest sets NODE_ENV=test; the client must be built as it ships.
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('vite build failed');
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function cli(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`zhongshu ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before answering (see artifacts/e2e-server.log)`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${baseUrl}/api/health within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = chromiumMissing();
  if (missing) {
    if (IS_CI) throw new Error(`CI=true: browser tests cannot be skipped: ${missing}`);
    const reason = `SKIPPED browser tests: ${missing}`;
    console.warn(`\n[e2e] ${reason}\n`);
    project.provide('skipReason', reason);
    project.provide('baseUrl', '');
    project.provide('serverDatabase', { dataDir: '', databaseUrl: '' });
    return async () => {};
  }

  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  ensureWebBuilt();

  const dataDir = mkdtempSync(join(tmpdir(), 'zhongshu-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ZHONGSHU_DATA_DIR: dataDir,
    LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'info',
    // Every test signs in from 127.0.0.1; the production limit would throttle the suite itself.
    ZHONGSHU_LOGIN_RATE_PER_MINUTE: '10000',
    // The demo bureau is small: a low cap lets the search test see the "more than N" answer.
    ZHONGSHU_SEARCH_CAP: '12',
    TZ: 'UTC',
  };
  // A fresh SQLite file unless the run asks for PostgreSQL explicitly.
  if (process.env['E2E_DATABASE_URL']) env['DATABASE_URL'] = process.env['E2E_DATABASE_URL'];
  else delete env['DATABASE_URL'];

  cli(['migrate'], env);
  cli(['seed-demo'], env);

  const log = createWriteStream(join(ARTIFACTS, 'e2e-server.log'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  console.log(`[e2e] server at ${baseUrl}, data in ${dataDir}`);
  project.provide('baseUrl', baseUrl);
  project.provide('skipReason', '');
  project.provide('serverDatabase', { dataDir, databaseUrl: env['DATABASE_URL'] ?? '' });

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
