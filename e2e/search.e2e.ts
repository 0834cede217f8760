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

  it('a word in most documents: ranked block by block, the page says there are more, and paging goes on past the first blocks', async () => {
    const { page } = s;
    // The e2e server runs with ZHONGSHU_SEARCH_CAP=12 (the ranking block); 的 is in nearly every demo document.
    // A page of 20 reads the blocks up to its end: 2 blocks, 24 matches counted.
    await page.goto(`/search?q=${encodeURIComponent('的')}`);
    await page.getByTestId('search-hit').first().waitFor();
    await settled(page);
    expect(await page.getByTestId('search-total').innerText()).toBe('找到 24 条以上结果');
    await page.getByTestId('search-capped').waitFor();
    const note = await page.getByTestId('search-capped').innerText();
    expect(note).toContain('已列出最近更新的 24 条');
    expect(note).toContain('可再加一个词');
    expect(await page.getByTestId('search-hit').count()).toBe(20);
    const firstPage = await page.getByTestId('search-hit-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    await shot(page, 'search-capped');

    await page.getByTestId('search-more').scrollIntoViewIfNeeded();
    await shot(page, 'search-more');
    // On: page 2 reads up to block 4, every hit is new.
    await page.getByTestId('search-more').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await expect.poll(() => page.getByTestId('search-total').innerText()).toBe('找到 48 条以上结果');
    await settled(page);
    expect(await page.getByTestId('search-hit').count()).toBe(20);
    const secondPage = await page.getByTestId('search-hit-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(secondPage.filter((h) => firstPage.includes(h))).toEqual([]);
    // The pager keeps one page open past those counted, so the user can go on from it too.
    await page.locator('.ant-pagination-item-3').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '3');
    // Page 3 reads up to block 5 (60): either more still match, or the count is now exact and the pager ends here.
    await expect.poll(() => page.getByTestId('search-total').innerText()).not.toBe('找到 48 条以上结果');
    await settled(page);
    const last = await page.getByTestId('search-total').innerText();
    if (last !== '找到 60 条以上结果') {
      const n = Number(/^找到 (\d+) 条结果$/.exec(last)?.[1]);
      expect(n, last).toBeGreaterThan(48);
      expect(n, last).toBeLessThanOrEqual(60);
      expect(await page.getByTestId('search-hit').count()).toBe(n - 40);
      expect(await page.getByTestId('search-capped').count()).toBe(0);
      expect(await page.getByTestId('search-more').count()).toBe(0);
    }
    const thirdPage = await page.getByTestId('search-hit-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(thirdPage.filter((h) => firstPage.includes(h) || secondPage.includes(h))).toEqual([]);
    await shot(page, 'search-paged-on');
  });
});
