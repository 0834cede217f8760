import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from './support/databases.js';

const ROOT = resolve(import.meta.dirname, '..');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface LogLine {
  msg?: string;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  address?: string;
}

/** The real server, as `zhongshu serve` runs it, with its JSON log lines collected. */
describe.each(testDialects())('server log lines on %s', (dialect) => {
  let db: TestDb;
  let child: ChildProcess;
  const lines: LogLine[] = [];
  let address = '';

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const env: NodeJS.ProcessEnv = { ...process.env, ZHONGSHU_DATA_DIR: db.dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    delete env['DATABASE_URL'];
    if (db.url) env['DATABASE_URL'] = db.url;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    address = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('the server did not start within 90 s')), 90_000);
      child.on('exit', (code) => fail(new Error(`the server exited with ${code}`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const p of parts) {
          const line = JSON.parse(p) as LogLine;
          lines.push(line);
          if (line.address && line.msg?.includes('serving')) {
            clearTimeout(timer);
            done(line.address);
          }
        }
      });
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await db.destroy();
  });

  it('writes a fresh request id on every line about a request, with cookies redacted', async () => {
    expect((await fetch(`${address}/api/health`)).status).toBe(200);
    expect((await fetch(`${address}/api/nope`, { headers: { cookie: 'zs_session=secret-value' } })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    const health = lines.find((l) => l.req?.url === '/api/health');
    const nope = lines.find((l) => l.req?.url === '/api/nope');
    expect(health?.reqId).toMatch(UUID);
    expect(nope?.reqId).toMatch(UUID);
    expect(health?.reqId).not.toBe(nope?.reqId);
    // Fastify logs each request twice (received, completed); both carry the same id.
    expect(lines.filter((l) => l.reqId === health?.reqId).map((l) => l.res?.statusCode ?? 'in')).toEqual(['in', 200]);
    expect(lines.filter((l) => l.reqId === nope?.reqId).map((l) => l.res?.statusCode ?? 'in')).toEqual(['in', 404]);
    expect(JSON.stringify(lines)).not.toContain('secret-value');
  });
});
