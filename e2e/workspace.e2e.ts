import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { login, logout, openSession, type Session, shot, skipReason } from './harness/browser.js';

const RANK: Record<string, number> = { 特急: 0, 加急: 1, 平件: 2 };

/** "2026年12月10日（剩 14 天）" → 20261210; no deadline sorts last. */
function deadlineKey(text: string): number {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  return m ? Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]) : Number.POSITIVE_INFINITY;
}

async function cellText(row: Locator, index: number): Promise<string> {
  return (await row.locator('td').nth(index).innerText()).trim();
}

describe.skipIf(skipReason() !== '')('待办中心与个人中心', () => {
  let a: Session;
  let b: Session;
  beforeAll(async () => {
    a = await openSession();
    b = await openSession();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('the 待办 centre lists to-dos of several modules urgent-first, then by deadline, and the header badge counts them', async () => {
    // 周科员 of 监管一处 has 收文 to handle and 督办 items to report on in the demo data.
    await login(a.page, 'div1_staff');
    await a.page.getByTestId('todo-badge').click();
    await a.page.waitForURL(/\/todos$/);
    await a.page.getByRole('heading', { name: '待办中心' }).waitFor();
    const table = a.page.getByTestId('todo-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    await table.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
    const rows = await table.locator('tr.ant-table-row').all();
    expect(rows.length).toBeGreaterThan(1);
    const seen: { urgency: number; deadline: number; kind: string }[] = [];
    for (const r of rows) {
      seen.push({ urgency: RANK[await cellText(r, 0)] ?? 9, kind: await cellText(r, 2), deadline: deadlineKey(await cellText(r, 4)) });
    }
    expect(
      seen.every((x) => x.urgency < 9),
      `unknown urgency in ${JSON.stringify(seen)}`,
    ).toBe(true);
    expect(new Set(seen.map((x) => x.kind)).size, 'to-dos of at least two modules').toBeGreaterThanOrEqual(2);
    // Urgent first; within one urgency the nearest deadline first.
    const sorted = [...seen].sort((x, y) => x.urgency - y.urgency || x.deadline - y.deadline);
    expect(seen.map((x) => [x.urgency, x.deadline])).toEqual(sorted.map((x) => [x.urgency, x.deadline]));
    const badge = (await a.page.getByTestId('todo-badge').getAttribute('aria-label')) ?? '';
    expect(badge).toContain(`${rows.length} 项待办`);
    await shot(a.page, 'todos-centre', true);
    await logout(a.page);
  });

  it('个人中心 lists the sessions and ends another one; that browser is sent to the login page', async () => {
    await login(a.page, 'div2_head');
    await login(b.page, 'div2_head');
    await a.page.goto('/me?tab=sessions');
    const table = a.page.getByTestId('sessions-table');
    await table.locator('tr.ant-table-row').nth(1).waitFor();
    const rows = table.locator('tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    expect(await table.getByText('当前会话').count()).toBe(1);
    await shot(a.page, 'me-sessions');
    const other = rows.filter({ hasNotText: '当前会话' });
    await other.getByRole('button', { name: '结束会话' }).click();
    await a.page.getByRole('button', { name: '结束', exact: true }).click();
    await a.page.getByText('该会话已结束').waitFor();
    await table.locator('tr.ant-table-row').nth(1).waitFor({ state: 'detached' });

    // The other browser learns it at its next request, through the one 401 handler.
    await b.page.getByRole('link', { name: '个人中心' }).click();
    await b.page.getByRole('tab', { name: '登录会话' }).click();
    await b.page.waitForURL(/\/login\?from=.*reason=expired/);
    await b.page.getByText('登录已超时或已在别处结束').waitFor();
    await shot(b.page, 'me-session-ended-elsewhere');
  });

  it('个人中心 changes the password under the shown rules', async () => {
    await a.page.goto('/me?tab=password');
    expect(await a.page.getByTestId('password-rules').innerText()).toContain('至少包含');
    await a.page.getByLabel('当前密码').fill('Demo#2026zs');
    await a.page.getByLabel('新密码', { exact: true }).fill('Changed#2026zs');
    await a.page.getByLabel('确认新密码').fill('Changed#2026zs');
    await a.page.getByRole('button', { name: '确认修改' }).click();
    await a.page.getByText('密码已修改').waitFor();
    await shot(a.page, 'me-password');
    await logout(a.page);
    await login(a.page, 'div2_head', 'Changed#2026zs');
    await logout(a.page);
  });
});
