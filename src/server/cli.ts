#!/usr/bin/env node
import { loadConfig } from './core/config.js';
import { AppError } from './core/errors.js';
import { openDatabase } from './core/db/connect.js';
import { migrateDown, migrateToLatest } from './core/db/migrations.js';
import { installedMigrations } from './registry.js';
import { verifyAuditChain } from './core/audit/audit.service.js';
import { cliDeps } from './cli-deps.js';
import { promptSecret } from './cli-prompt.js';

// The server, the demo data and backup are imported by the commands that use them, so
// `migrate`, `init` and `audit verify` start quickly.

const USAGE = `用法 / usage: zhongshu <command>
  serve                 start the server (web, API, portal)
  demo                  migrate, seed the demo bureau if empty, serve
  migrate [--down]      apply all migrations (or undo the last one)
  init [--sysadmin-password P] [--secadmin-password P] [--auditor-password P] [--<role>-user NAME]
                        create the three administrators (三员); missing passwords are prompted
  seed-demo             create the demo bureau (idempotent; refused once init has created administrators)
  audit verify          walk the audit hash chain; prints "ok <n> events" or names the first broken seq
  backup <file>         write every table and stored file to one gzip'd file (portable between SQLite and PostgreSQL)
  restore <file>        load a backup into a new, empty database (migrated to the same version)
Environment: PORT, HOST, ZHONGSHU_DATA_DIR, DATABASE_URL, LOG_LEVEL, ZHONGSHU_TLS, SMTP_URL (see README)`;

const SEED_REFUSED =
  '本系统已由 zhongshu init 创建管理员，不能再建立使用公开密码的演示单位 / administrators created by `zhongshu init` exist; the demo bureau (public password) was not created';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const db = openDatabase(loadConfig());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { startServer } = await import('./server.js');
      await startServer(loadConfig());
      return -1;
    }
    case 'demo': {
      const [{ startServer }, { seedDemo }] = await Promise.all([import('./server.js'), import('./demo.js')]);
      await startServer(loadConfig(), {
        beforeListen: async (deps) => {
          const r = await seedDemo(deps);
          if (r.created) deps.log.info('demo bureau created; every demo account uses the password Demo#2026zs');
          else if (r.reason === 'administrators_exist') deps.log.warn(SEED_REFUSED);
        },
      });
      return -1;
    }
    case 'seed-demo': {
      const { seedDemo } = await import('./demo.js');
      const config = loadConfig();
      return withDb(async (db) => {
        await migrateToLatest(db, installedMigrations());
        const r = await seedDemo(cliDeps(db, config));
        if (r.created) console.log('demo bureau created (password of every demo account: Demo#2026zs)');
        else if (r.reason === 'present') console.log('demo bureau already present, nothing changed');
        else {
          console.error(SEED_REFUSED);
          return 1;
        }
        return 0;
      });
    }
    case 'init': {
      const { initAdministrators } = await import('./core/org/org.seed.js');
      const config = loadConfig();
      const creds = {
        sysadmin: { username: 'sysadmin', password: '' },
        secadmin: { username: 'secadmin', password: '' },
        auditor: { username: 'auditor', password: '' },
      };
      for (const key of ['sysadmin', 'secadmin', 'auditor'] as const) {
        creds[key].username = flag(rest, `--${key}-user`) ?? key;
        creds[key].password = flag(rest, `--${key}-password`) ?? (await promptSecret(`${key} (${creds[key].username}) 的密码 password: `));
      }
      return withDb(async (db) => {
        await migrateToLatest(db, installedMigrations());
        const r = await initAdministrators(cliDeps(db, config), creds);
        console.log(
          `created administrators: ${Object.values(r)
            .map((u) => u.username)
            .join(', ')}`,
        );
        return 0;
      });
    }
    case 'migrate':
      return withDb(async (db) => {
        if (rest.includes('--down')) {
          const name = await migrateDown(db, installedMigrations());
          console.log(name ? `reverted ${name}` : 'nothing to revert');
        } else {
          const applied = await migrateToLatest(db, installedMigrations());
          console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
        }
        return 0;
      });
    case 'audit': {
      if (rest[0] !== 'verify') break;
      return withDb(async (db) => {
        await migrateToLatest(db, installedMigrations());
        const r = await verifyAuditChain(db.kysely);
        if (r.ok) {
          console.log(`ok ${r.count} events`);
          return 0;
        }
        console.error(`broken at seq ${r.brokenSeq}: ${r.reason} (${r.count} events verified before it)`);
        return 1;
      });
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) break;
      const { backup, restore } = await import('./core/backup/backup.js');
      const config = loadConfig();
      return withDb(async (db) => {
        await migrateToLatest(db, installedMigrations());
        if (command === 'backup') {
          const r = await backup(db, config.dataDir, file);
          console.log(`backup written to ${file}: ${r.tables} tables, ${r.rows} rows, ${r.files} files`);
        } else {
          const r = await restore(db, config.dataDir, file);
          const v = await verifyAuditChain(db.kysely);
          console.log(`restored ${r.rows} rows and ${r.files} files; audit chain ${v.ok ? `ok ${v.count} events` : `BROKEN at seq ${v.brokenSeq}`}`);
          if (!v.ok) return 1;
        }
        return 0;
      });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      break;
  }
  console.error(`未知命令 unknown command: ${argv.join(' ')}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof AppError) console.error(`${err.message}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
