import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { recordAudit, verifyAuditChain } from '../audit/audit.service.js';
import { ManualClock } from '../clock.js';
import { backup, restore } from './backup.js';

const dialects = testDialects();
// Every pair: SQLite → SQLite always, and across dialects when PostgreSQL is here.
const pairs = dialects.flatMap((from) => dialects.map((to) => [from, to] as const));

describe.each(pairs)('backup on %s, restore on %s', (from, to) => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.destroy();
  });

  it('restores rows, files and an intact audit chain, and refuses a non-empty target', async () => {
    const src = await createTestDb(from);
    const dst = await createTestDb(to);
    dbs.push(src, dst);
    const clock = new ManualClock();
    for (let i = 0; i < 30; i++) {
      await recordAudit(src.kysely, clock, {
        action: 'test.write',
        actor: { id: 'u', name: '周科员', ip: null },
        details: { i, text: '关于做好年度预算执行工作的通知' },
      });
    }
    mkdirSync(join(src.dataDir, 'files', 'ab'), { recursive: true });
    writeFileSync(join(src.dataDir, 'files', 'ab', 'abc'), '附件内容');
    const file = join(src.dataDir, 'backup.jsonl.gz');
    const b = await backup(src, src.dataDir, file);
    expect(b.rows).toBeGreaterThanOrEqual(31);
    expect(b.files).toBe(1);

    const r = await restore(dst, dst.dataDir, file);
    expect(r.rows).toBe(b.rows);
    await expect(verifyAuditChain(dst.kysely)).resolves.toEqual({ ok: true, count: 30 });
    expect(existsSync(join(dst.dataDir, 'files', 'ab', 'abc'))).toBe(true);
    expect(readFileSync(join(dst.dataDir, 'files', 'ab', 'abc'), 'utf8')).toBe('附件内容');

    await expect(restore(dst, dst.dataDir, file)).rejects.toThrow(/不是空的/);
  });
});
