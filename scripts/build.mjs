#!/usr/bin/env node
// Builds the server (tsc → dist/server, plus the data files it reads) and the
// web client (vite → dist/web). With --if-needed, only what is older than its sources.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const ifNeeded = process.argv.includes('--if-needed');

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Non-TypeScript files the server reads at run time (password list, calendar data, templates). */
function copyServerAssets() {
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.(ts|tsx)$/.test(e.name)) cpSync(p, join('dist', relative('src', p)));
    }
  };
  walk(join('src', 'server'));
}

const serverSources = Math.max(newest('src/server'), newest('src/shared'), mtime('tsconfig.build.json'), mtime('package.json'));
if (!ifNeeded || mtime('dist/server/cli.js') < serverSources) {
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  copyServerAssets();
}
if (existsSync('vite.config.ts')) {
  const webSources = Math.max(newest('src/web'), newest('src/shared'), mtime('vite.config.ts'));
  if (!ifNeeded || mtime('dist/web/index.html') < webSources) {
    run('npx', ['vite', 'build']);
    precompress(join('dist', 'web', 'assets'));
  }
}

/**
 * Brotli and gzip siblings of every text asset, made once at build time so the
 * server sends 274 KB instead of 809 KB for the login page without spending
 * CPU per request (@fastify/static serves them with preCompressed).
 */
function precompress(dir) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir)) {
    if (!/\.(js|css|svg|json|html)$/.test(e)) continue;
    const p = join(dir, e);
    const raw = readFileSync(p);
    writeFileSync(`${p}.gz`, gzipSync(raw, { level: 9 }));
    writeFileSync(`${p}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}
