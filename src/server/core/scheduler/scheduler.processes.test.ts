import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const WORKER = join(ROOT, 'test/fixtures/scheduler/race-worker.ts');

interface Worker {
  ready: Promise<void>;
  go(): void;
  result: Promise<{ owner: string; ran: number }>;
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const result = new Promise<{ owner: string; ran: number }>((resolvePromise, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker exited ${code}: ${err}`));
      resolvePromise(JSON.parse(out.replace(/^ready\n/, '').trim()) as { owner: string; ran: number });
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

describe.each(testDialects())('scheduler across processes on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('runs each job-period exactly once when three processes tick the same periods', async () => {
    const target = dialect === 'postgres' ? (db.url ?? '') : join(db.dataDir, 'zhongshu.db');
    const rounds = 20;
    const workers = ['p1', 'p2', 'p3'].map((owner) => startWorker([dialect, target, db.dataDir, owner, '2026-11-26T02:00:30.000Z', String(rounds)]));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.result));
    const rows = await db.kysely.selectFrom('notifications').select(['title', 'kind']).where('user_id', '=', 'race').execute();
    const perPeriod = new Map<string, number>();
    for (const r of rows) perPeriod.set(r.title, (perPeriod.get(r.title) ?? 0) + 1);
    expect(perPeriod.size).toBe(rounds);
    expect([...perPeriod.values()].every((n) => n === 1)).toBe(true);
    expect(results.reduce((s, r) => s + r.ran, 0)).toBe(rounds);
    const runs = await db.kysely.selectFrom('job_runs').select(['state', 'attempts']).where('job', '=', 'test.processes').execute();
    expect(runs).toHaveLength(rounds);
    // Done, each once (above). A second attempt is allowed: on a machine at load 10 a claim can wait out SQLite's busy timeout and be retried, which is the scheduler working.
    expect(runs.every((r) => r.state === 'done')).toBe(true);
    const retried = runs.filter((r) => r.attempts > 1).length;
    console.log(`[scheduler processes, ${dialect}] periods won per process: ${results.map((r) => `${r.owner}=${r.ran}`).join(' ')}; retried ${retried}`);
  }, 60_000);
});
