import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

// 会计 occurs in many of the demo 收文 titles (财会〔…〕 notices), so the results have highlighted titles.
const TERM = '会计';

describe.skipIf(skipReason() !== '')('全文搜索: the header box, highlighted results, the kind filter and the way to the document', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the office clerk searches from the header, sees highlights, filters to 收文 and opens a document', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    const box = page.getByTestId('global-search');
    await box.fill(TERM);
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === TERM);
    await page.getByTestId('search-hit').first().waitFor();
    await settled(page);

    const total = await page.getByTestId('search-total').innerText();
    expect(Number(/找到 (\d+) 条/.exec(total)?.[1])).toBeGreaterThan(0);
    const marks = await page.locator('[data-testid="search-results"] mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set([TERM]));
    // The page's own field shows what the header box searched for.
    expect(await page.getByTestId('search-page-input').locator('input').inputValue()).toBe(TERM);
    await shot(page, 'search-results');

    await page.getByTestId('search-kind').getByText('收文', { exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'incoming');
    await page.getByTestId('search-hit').first().waitFor();
    await settled(page);
    const tags = await page.locator('[data-testid="search-hit"] .ant-tag').allInnerTexts();
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set(['收文']));

    const first = page.getByTestId('search-hit-link').first();
    const title = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    await page.locator('.zs-page-header').getByText(title).first().waitFor();
    await shot(page, 'search-opened-incoming');
  });

  it('a word in most documents: the newest matches are ranked, and the page says there are more', async () => {
    const { page } = s;
    // The e2e server runs with ZHONGSHU_SEARCH_CAP=12; 的 is in nearly every demo document.
    await page.goto(`/search?q=${encodeURIComponent('的')}`);
    await page.getByTestId('search-hit').first().waitFor();
    await settled(page);
    expect(await page.getByTestId('search-total').innerText()).toBe('找到 12 条以上结果，列出最近更新的 12 条');
    await page.getByTestId('search-capped').waitFor();
    expect(await page.getByTestId('search-capped').innerText()).toContain('可再加一个词');
    expect(await page.getByTestId('search-hit').count()).toBe(12);
    await shot(page, 'search-capped');
  });
});
