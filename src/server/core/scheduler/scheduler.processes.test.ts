import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const WORKER = join(ROOT, 'test/fixtures/scheduler/race-worker.ts');

function runWorker(args: string[]): Promise<{ owner: string; ran: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker exited ${code}: ${err}`));
      resolvePromise(JSON.parse(out.trim()) as { owner: string; ran: number });
    });
  });
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
    const goAt = String(Date.now() + 4000);
    const results = await Promise.all(
      ['p1', 'p2', 'p3'].map((owner) => runWorker([dialect, target, db.dataDir, owner, '2026-11-26T02:00:30.000Z', String(rounds), goAt])),
    );
    const rows = await db.kysely.selectFrom('notifications').select(['title', 'kind']).where('user_id', '=', 'race').execute();
    const perPeriod = new Map<string, number>();
    for (const r of rows) perPeriod.set(r.title, (perPeriod.get(r.title) ?? 0) + 1);
    expect(perPeriod.size).toBe(rounds);
    expect([...perPeriod.values()].every((n) => n === 1)).toBe(true);
    expect(results.reduce((s, r) => s + r.ran, 0)).toBe(rounds);
    const runs = await db.kysely.selectFrom('job_runs').select(['state', 'attempts']).where('job', '=', 'test.processes').execute();
    expect(runs).toHaveLength(rounds);
    expect(runs.every((r) => r.state === 'done' && r.attempts === 1)).toBe(true);
    console.log(`[scheduler processes, ${dialect}] periods won per process: ${results.map((r) => `${r.owner}=${r.ran}`).join(' ')}`);
  }, 60_000);
});
