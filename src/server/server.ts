import { buildApp } from './app.js';
import type { Config } from './core/config.js';
import { openDatabase } from './core/db/connect.js';
import { migrateToLatest } from './core/db/migrations.js';
import { installedMigrations } from './registry.js';

/** Opens the database, migrates it, listens, and shuts down cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config, opts: { beforeListen?: (deps: Awaited<ReturnType<typeof buildApp>>['deps']) => Promise<void> } = {}) {
  const db = openDatabase(config);
  const applied = await migrateToLatest(db, installedMigrations());
  const { app, deps } = await buildApp({ config, db });
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (opts.beforeListen) await opts.beforeListen(deps);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ address, db: db.dialect, dataDir: config.dataDir }, 'Zhongshu 中枢 is serving');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, deps, db, address };
}
