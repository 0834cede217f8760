#!/usr/bin/env node
// `npm test`: type checks, lint, unit + integration tests on SQLite and
// PostgreSQL, then the browser tests. Says plainly what it skipped and why;
// with CI=true nothing may skip. Ends with a plain "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const CI = process.env.CI === 'true';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const outDir = join('artifacts', 'test-results');
// A report left by an earlier run must never be counted as this run's.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const skipped = [];
const failedSteps = [];
let passed = 0;
let failed = 0;

// Output is streamed and also kept, so that a step that fails without a
// failed test (an unhandled error, a worker that would not exit) can have its
// reason repeated at the very end, where a CI log's tail shows it.
const stepErrors = [];
async function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC', ...env } });
  let out = '';
  const keep = (stream, sink) =>
    stream.on('data', (chunk) => {
      sink.write(chunk);
      out += chunk.toString();
      if (out.length > 4_000_000) out = out.slice(-2_000_000);
    });
  keep(child.stdout, process.stdout);
  keep(child.stderr, process.stderr);
  const status = await new Promise((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const ok = status === 0;
  if (!ok) {
    failedSteps.push(`${label} (exit ${status})`);
    stepErrors.push({ label, excerpt: errorExcerpt(out) });
  }
  return ok;
}

/** The lines that say why a step failed: vitest's error blocks, or else the last lines. */
function errorExcerpt(text) {
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const picked = [];
  for (let i = 0; i < lines.length; i++) {
    if (/Unhandled|Error:|FAIL |Timeout|✗|×|exited unexpectedly|error TS\d+/.test(lines[i])) {
      picked.push(...lines.slice(Math.max(0, i - 2), i + 12), '…');
      i += 11;
    }
    if (picked.length > 160) break;
  }
  return (picked.length ? picked : lines.slice(-40)).join('\n');
}

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

/**
 * Adds a vitest run's counts. A run that exited non-zero without a failed
 * test (an unhandled error, a worker that would not stop) counts as one
 * failure, so the last line never reads "0 failed" on a red run.
 */
function countVitest(file, stepOk) {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  const f = (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  failed += f === 0 && !stepOk ? 1 : f;
  return true;
}

// 1. Which services are here.
let pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl && (await postgresReachable(DEFAULT_PG))) pgUrl = DEFAULT_PG;
if (pgUrl && !(await postgresReachable(pgUrl))) {
  console.error(`PostgreSQL at ${pgUrl} does not answer.`);
  pgUrl = undefined;
}
if (!pgUrl) {
  if (CI) {
    console.error('CI=true: PostgreSQL is required (TEST_DATABASE_URL or a server at 127.0.0.1:5432), failing.');
    process.exit(1);
  }
  skipped.push('PostgreSQL half of the integration tests: no PostgreSQL server answered (set TEST_DATABASE_URL)');
}
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (CI) {
    console.error(`CI=true: Chromium is required at ${CHROMIUM} for the browser tests, failing.`);
    process.exit(1);
  }
  skipped.push(`browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

// 2. Static checks.
await run('typecheck (server, shared, tests)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// The shipped build has a narrower root than the test project: a source file
// that reaches into test/ would pass the typecheck above and break `npm run demo`.
await run('build check (server)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.build.json']);
if (existsSync('src/web/tsconfig.json')) await run('typecheck (web)', 'npx', ['tsc', '--noEmit', '-p', 'src/web/tsconfig.json']);
await run('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
// Every new module starts from `npm run new-module`: its skeleton must keep compiling, migrating and passing.
await run('new-module skeleton', 'node', ['scripts/check-new-module.mjs'], pgUrl ? { TEST_DATABASE_URL: pgUrl } : {});

// 3. Unit and integration tests, both dialects.
const unitJson = join(outDir, 'vitest.json');
const unitOk = await run(
  'unit + integration tests',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`],
  pgUrl ? { TEST_DATABASE_URL: pgUrl } : {},
);
if (!countVitest(unitJson, unitOk)) failed += 1;

// 4. Browser tests.
if (haveChromium && existsSync('vitest.e2e.config.ts')) {
  const e2eJson = join(outDir, 'e2e.json');
  const e2eOk = await run(
    'browser tests',
    'npx',
    ['vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eJson}`],
    { CHROMIUM_PATH: CHROMIUM },
  );
  if (!countVitest(e2eJson, e2eOk)) failed += 1;
} else if (haveChromium) {
  skipped.push('browser tests: no vitest.e2e.config.ts yet');
}

console.log('');
for (const s of skipped) console.log(`SKIPPED ${s}`);
for (const e of stepErrors) console.log(`\n── why "${e.label}" failed ──\n${e.excerpt}`);
for (const s of failedSteps) console.log(`FAILED step: ${s}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
