#!/usr/bin/env node
// Proves `npm run new-module` in CI: in a copy of the tree (node_modules
// linked, the checkout untouched) it generates a probe module, then type-checks
// server and client, lints and format-checks what was generated and edited,
// and runs the probe's own test, the migrations up, down and up again, and the
// 三员 matrix on SQLite and PostgreSQL.
// PostgreSQL comes from TEST_DATABASE_URL or a server at 127.0.0.1:5432; with
// CI=true it is required. Exits non-zero on the first failing step.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '..');
const PROBE = 'probe';
const CI = process.env.CI === 'true';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

let pgUrl = process.env.TEST_DATABASE_URL || ((await postgresReachable(DEFAULT_PG)) ? DEFAULT_PG : undefined);
if (pgUrl && !(await postgresReachable(pgUrl))) pgUrl = undefined;
if (!pgUrl && CI) {
  console.error(
    'check-new-module: CI=true and no PostgreSQL answered (TEST_DATABASE_URL or 127.0.0.1:5432): the probe must migrate and pass on both dialects.',
  );
  process.exit(1);
}

/**
 * The files git would commit from this working tree (tracked and new, not
 * ignored), as they are now; without git (an unpacked archive), every file
 * outside the generated and installed folders.
 */
function sourceFiles() {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  const skip = new Set(['.git', 'node_modules', 'dist', 'artifacts', 'data', 'coverage']);
  // A symlinked node_modules (a git worktree sharing one install) is not matched by the ignore rule `node_modules/`.
  if (listed.status === 0) return [...new Set(listed.stdout.split('\0').filter((f) => f && !skip.has(f.split('/')[0] ?? '')))];
  const walk = (rel) =>
    readdirSync(join(ROOT, rel), { withFileTypes: true }).flatMap((e) =>
      skip.has(e.name) ? [] : e.isDirectory() ? walk(join(rel, e.name)) : [join(rel, e.name)],
    );
  return walk('');
}
const dir = mkdtempSync(join(tmpdir(), 'zs-new-module-'));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.on('exit', cleanUp);
for (const f of sourceFiles()) {
  const from = join(ROOT, f);
  if (!existsSync(from)) continue; // deleted in the working tree, not yet committed
  mkdirSync(dirname(join(dir, f)), { recursive: true });
  cpSync(from, join(dir, f));
}
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
console.log(`check-new-module: tree copied to ${dir} in ${seconds(started)}`);

function step(label, cmd, args, env = {}) {
  const t = Date.now();
  console.log(`\n▷ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  if (r.status !== 0) {
    console.error(`check-new-module: "${label}" failed (exit ${r.status ?? r.signal}) after ${seconds(t)}`);
    process.exit(1);
  }
  console.log(`  ${label}: ok in ${seconds(t)}`);
}

const generated = [`src/server/modules/${PROBE}`, `src/shared/${PROBE}.ts`, `src/web/modules/${PROBE}`];
const edited = ['src/server/registry.ts', 'src/web/registry.ts', 'test/sanyuan-matrix.test.ts'];

step('generate', 'node', ['scripts/new-module.mjs', PROBE, '--label', '探针事项', '--group', 'work']);
step('typecheck (server, shared, tests)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('typecheck (web)', 'npx', ['tsc', '--noEmit', '-p', 'src/web/tsconfig.json']);
step('lint the generated and edited files', 'npx', ['eslint', '--max-warnings=0', ...generated, ...edited]);
step('format of the generated and edited files', 'npx', ['prettier', '--check', ...generated, ...edited]);
step(
  `the probe's test, migrations up, down and up, the 三员 matrix and the audit catalogue (demo seeded) on ${pgUrl ? 'SQLite and PostgreSQL' : 'SQLite only (no PostgreSQL answered)'}`,
  'npx',
  ['vitest', 'run', `src/server/modules/${PROBE}`, 'src/server/core/db/migrations.test.ts', 'test/sanyuan-matrix.test.ts', 'test/audit-events.test.ts'],
  { TEST_DATABASE_URL: pgUrl ?? '' },
);
console.log(`\ncheck-new-module: the generated module compiles, lints, migrates and passes its tests (${seconds(started)})`);
