import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
export const IS_CI = process.env['CI'] === 'true';
export const DEMO_PASSWORD = 'Demo#2026zs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test listens, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** Set when the browser tests cannot run here; every suite skips with this reason. */
    skipReason: string;
    /** The server's database, for the few scenes the API cannot set (see db.ts); databaseUrl is '' for SQLite. */
    serverDatabase: { dataDir: string; databaseUrl: string };
  }
}

/** Null when Chromium is there; otherwise the plain reason the suite cannot run. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium, or set CHROMIUM_PATH)`;
}
