import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from './support/app.js';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}
type Operation = { operationId?: string; responses?: Record<string, unknown>; security?: unknown[] };

/**
 * The OpenAPI document is what client generators read: a real validator
 * (Redocly CLI, its recommended rules) must find no error in it, and every
 * operation has its operationId, a success and a client-error answer.
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; security?: unknown[]; servers?: unknown[] };
  const dir = mkdtempSync(join(tmpdir(), 'zs-openapi-'));

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    doc = json(await t.app.inject({ method: 'GET', url: '/api/docs' }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes Redocly’s recommended rules with no error', () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = spawnSync(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--format=json', '--max-problems=2000'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(run.stdout) as { problems: Problem[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('gives every operation a unique operationId, a 2xx and a 4xx answer', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([m, op]) => ({ at: `${m} ${path}`, op })));
    expect(ops.length).toBeGreaterThan(50);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { at, op } of ops) {
      const codes = Object.keys(op.responses ?? {});
      expect(
        codes.some((c) => c.startsWith('2')),
        at,
      ).toBe(true);
      expect(
        codes.some((c) => c.startsWith('4')),
        at,
      ).toBe(true);
    }
  });

  it('needs the session everywhere but where it says otherwise: signing in and the health check', () => {
    expect(doc.security).toEqual([{ session: [] }]);
    expect(doc.servers?.length).toBeGreaterThan(0);
    const open = Object.entries(doc.paths)
      .flatMap(([path, byMethod]) => Object.entries(byMethod).map(([m, op]) => ({ at: `${m.toUpperCase()} ${path}`, op })))
      .filter((o) => o.op.security?.length === 0)
      .map((o) => o.at);
    expect(open).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/health', 'GET /api/auth/password-policy']));
    expect(open.filter((o) => o.includes('/api/') && !/\/api\/(auth\/(login|password-policy)|health)$/u.test(o))).toEqual([]);
  });
});
