#!/usr/bin/env node
// The `zhongshu` command: the built CLI when present, else the TypeScript source through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'server', 'cli.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'server', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
