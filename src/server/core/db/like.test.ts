import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { contains } from './like.js';

describe.each(testDialects())('contains() on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const matches = async (text: string, q: string): Promise<boolean> => {
    const r = await sql<{ m: number }>`select case when ${contains(sql.val(text), q)} then 1 else 0 end as m`.execute(t.kysely);
    return Number(r.rows[0]?.m) === 1;
  };

  it('matches %, _ and \\ literally and anything else as a substring', async () => {
    expect(await matches('完成率50%以上', '50%')).toBe(true);
    expect(await matches('完成率500项', '50%')).toBe(false);
    expect(await matches('财办_3号', '办_3')).toBe(true);
    expect(await matches('财办会3号', '办_3')).toBe(false);
    expect(await matches('路径 a\\b', 'a\\b')).toBe(true);
    expect(await matches('路径 ab', 'a\\b')).toBe(false);
    expect(await matches('关于做好年度工作的通知', '年度工作')).toBe(true);
  });
});
