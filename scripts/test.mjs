#!/usr/bin/env node
// `npm test`: type checks, lint, unit + integration tests on SQLite and
// PostgreSQL, then the browser tests. Says plainly what it skipped and why;
// with CI=true nothing may skip. Ends with a plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const CI = process.env.CI === 'true';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const outDir = join('artifacts', 'test-results');
mkdirSync(outDir, { recursive: true });

const skipped = [];
const failedSteps = [];
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  const ok = r.status === 0;
  if (!ok) failedSteps.push(label);
  return ok;
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

function countVitest(file) {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
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
run('typecheck (server, shared, tests)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// The shipped build has a narrower root than the test project: a source file
// that reaches into test/ would pass the typecheck above and break `npm run demo`.
run('build check (server)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.build.json']);
if (existsSync('src/web/tsconfig.json')) run('typecheck (web)', 'npx', ['tsc', '--noEmit', '-p', 'src/web/tsconfig.json']);
run('lint', 'npx', ['eslint', '--max-warnings=0', '.']);

// 3. Unit and integration tests, both dialects.
const unitJson = join(outDir, 'vitest.json');
run('unit + integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`], pgUrl ? { TEST_DATABASE_URL: pgUrl } : {});
if (!countVitest(unitJson)) failed += 1;

// 4. Browser tests.
if (haveChromium && existsSync('vitest.e2e.config.ts')) {
  const e2eJson = join(outDir, 'e2e.json');
  run('browser tests', 'npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eJson}`], { CHROMIUM_PATH: CHROMIUM });
  if (!countVitest(e2eJson)) failed += 1;
} else if (haveChromium) {
  skipped.push('browser tests: no vitest.e2e.config.ts yet');
}

console.log('');
for (const s of skipped) console.log(`SKIPPED ${s}`);
for (const s of failedSteps) console.log(`FAILED step: ${s}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
