import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/server/core/auth/password.js';
import { createTestDb, type TestDb, testDialects } from './support/databases.js';

const ROOT = resolve(import.meta.dirname, '..');
const PASSWORDS = { sysadmin: 'Qz7#rPlm2x', secadmin: 'Wv4$kTna9c', auditor: 'Hy3%mEbs6u' } as const;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command line, as an operator would, against this test's database. */
function zhongshu(db: TestDb, args: string[], input?: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ZHONGSHU_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  if (db.url) env['DATABASE_URL'] = db.url;
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { cwd: ROOT, env, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

async function auditCount(db: TestDb): Promise<number> {
  const r = await db.kysely
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(testDialects())('zhongshu command line on %s', (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('migrate applies every migration, then reports the database up to date; --down reverts the newest one', { timeout: 180_000 }, async () => {
    const first = await zhongshu(db, ['migrate']);
    expect(first.code, first.stderr).toBe(0);
    const applied = first.stdout
      .trim()
      .replace(/^applied /, '')
      .split(', ');
    expect(applied.length).toBeGreaterThan(5);
    expect([...applied].sort()).toEqual(applied);

    const again = await zhongshu(db, ['migrate']);
    expect(again).toMatchObject({ code: 0, stdout: 'database is up to date\n' });

    const newest = applied[applied.length - 1];
    const down = await zhongshu(db, ['migrate', '--down']);
    expect(down).toMatchObject({ code: 0, stdout: `reverted ${newest}\n` });
    const up = await zhongshu(db, ['migrate']);
    expect(up).toMatchObject({ code: 0, stdout: `applied ${newest}\n` });
  });

  it('init refuses a weak password, creates the three administrators from the given passwords, and refuses a second run', { timeout: 180_000 }, async () => {
    const weak = await zhongshu(db, [
      'init',
      '--sysadmin-password',
      'password',
      '--secadmin-password',
      PASSWORDS.secadmin,
      '--auditor-password',
      PASSWORDS.auditor,
    ]);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('系统管理员的密码不符合要求');
    expect(await db.kysely.selectFrom('users').select('id').execute()).toEqual([]);

    // Passwords not given as flags are read from standard input, one per line, in the order sysadmin, secadmin, auditor.
    const ok = await zhongshu(
      db,
      ['init', '--sysadmin-user', 'sa', '--sysadmin-password', PASSWORDS.sysadmin],
      `${PASSWORDS.secadmin}\n${PASSWORDS.auditor}\n`,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('created administrators: sa, secadmin, auditor');
    const rows = await db.kysely
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['users.username', 'users.password_hash', 'user_roles.role'])
      .orderBy('users.username')
      .execute();
    expect(rows.map((r) => [r.username, r.role])).toEqual([
      ['auditor', 'auditor'],
      ['sa', 'sysadmin'],
      ['secadmin', 'secadmin'],
    ]);
    for (const r of rows) {
      const key = r.role as keyof typeof PASSWORDS;
      expect(await verifyPassword(r.password_hash, PASSWORDS[key])).toBe(true);
      expect(await verifyPassword(r.password_hash, 'Demo#2026zs')).toBe(false);
    }

    const twice = await zhongshu(db, [
      'init',
      '--sysadmin-password',
      PASSWORDS.sysadmin,
      '--secadmin-password',
      PASSWORDS.secadmin,
      '--auditor-password',
      PASSWORDS.auditor,
    ]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('管理员账号已经存在');
  });

  it('seed-demo refuses on an installation set up by init', { timeout: 90_000 }, async () => {
    const r = await zhongshu(db, ['seed-demo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('zhongshu init');
    expect(await db.kysely.selectFrom('users').select('username').where('username', '=', 'leader1').execute()).toEqual([]);
  });

  it('audit verify prints "ok <n> events", and after an edited row exits non-zero naming the first broken seq', { timeout: 180_000 }, async () => {
    const n = await auditCount(db);
    expect(n).toBeGreaterThan(3);
    const ok = await zhongshu(db, ['audit', 'verify']);
    expect(ok).toMatchObject({ code: 0, stdout: `ok ${n} events\n` });

    // The triggers refuse the edit, so the test removes them first, as an intruder with database rights could.
    if (dialect === 'sqlite') await sql`drop trigger audit_events_no_update`.execute(db.kysely);
    else await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db.kysely);
    await sql`update audit_events set target_id = 'someone-else' where seq = 3`.execute(db.kysely);

    const broken = await zhongshu(db, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^broken at seq 3: .* \(2 events verified before it\)\n$/);
  });
});
