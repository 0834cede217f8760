import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, openSession, type Session, shot, skipReason } from './harness/browser.js';

/**
 * The e2e server ranks search matches in blocks of 12 (ZHONGSHU_SEARCH_CAP),
 * far fewer than the demo year's 收文 that mention 关于 … 通知: the ledger's
 * keyword filter must say that it covers only the newest of them.
 */
describe.skipIf(skipReason() !== '')('收文 ledger: a keyword found in more documents than one search block', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists the newest block and says so, refuses an export that would be incomplete, and the notice goes away for a narrow query', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    await page.goto('/incoming');
    const rows = page.getByTestId('incoming-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByLabel('搜索收文').fill('关于 通知');
    await page.getByLabel('搜索收文').press('Enter');
    await page.getByTestId('keyword-capped').waitFor();
    expect(await page.getByTestId('keyword-capped').innerText()).toContain('最近更新的一批');
    await rows.first().waitFor();
    await shot(page, 'incoming-ledger-keyword-capped');

    // The export under that filter is refused; the page says why and stays (no raw JSON error page).
    await page.getByTestId('incoming-export').click();
    await page
      .locator('.ant-message')
      .getByText(/导出会不完整/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/incoming');
    await shot(page, 'incoming-ledger-keyword-export-refused');

    const firstTitle = (await rows.first().locator('td').nth(2).innerText()).trim();
    await page.getByLabel('搜索收文').fill(firstTitle.slice(0, 12));
    await page.getByLabel('搜索收文').press('Enter');
    await page.getByTestId('keyword-capped').waitFor({ state: 'detached' });
    await rows.first().waitFor();
  });
});
