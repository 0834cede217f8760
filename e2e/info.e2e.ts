import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

const TITLE = `监管一处开展专项债券穿透式监测（浏览器测试 ${Date.now() % 100000}）`;

/** Fires an action from the item page's panel through its dialog. */
async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByTestId('action-form').waitFor();
  if (fill) await fill();
  await modal.getByRole('button', { name: /提\s*交/ }).click();
  await modal.waitFor({ state: 'detached' });
  await settled(page);
}

const state = (page: Page) => page.locator('.zs-page .ant-tag').nth(1).innerText();

describe.skipIf(skipReason() !== '')('信息报送 + 门户', () => {
  let b: Session;
  let itemPath = '';
  beforeAll(async () => {
    b = await openSession();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('a division writes a piece, its head and the office review it, the secrecy officer clears it, the director publishes it', async () => {
    const { page } = b;
    await login(page, 'div1_staff');
    await page.goto('/info');
    await page.getByTestId('info-table').locator('tr.ant-table-row').first().waitFor();
    // The menu names the module 信息报送.
    expect(await page.getByTestId('main-menu').innerText()).toContain('信息报送');
    await shot(page, 'info-list');
    await page.getByTestId('info-new').click();
    await page.waitForURL(/\/info\/new$/);
    await page.getByTestId('info-title').fill(TITLE);
    await page
      .getByTestId('info-body')
      .fill('为掌握专项债券资金使用情况，监管一处对辖区 12 个项目开展穿透式监测。\n监测发现，部分项目资金拨付进度偏慢，已督促整改。');
    await page.getByLabel('摘要').fill('监管一处专项债券穿透式监测情况。');
    await shot(page, 'info-edit');
    await page.getByTestId('info-save').click();
    await page.waitForURL(/\/info\/[0-9a-f-]{36}$/);
    itemPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await page.getByTestId('info-actions').getByRole('button').allInnerTexts()).toEqual(['提交审核', '作废']);
    // A second draft (第 2 稿) from the edit page.
    await page.getByTestId('info-edit').click();
    await page.waitForURL(/\/edit$/);
    await page
      .getByTestId('info-body')
      .fill('为掌握专项债券资金使用情况，监管一处对辖区 12 个项目开展穿透式监测。\n监测发现，3 个项目资金拨付进度偏慢，已督促整改。');
    await page.getByTestId('info-save').click();
    await page.waitForURL(/\/info\/[0-9a-f-]{36}$/);
    await page.getByText('正文（第 2 稿）').waitFor();
    await act(page, 'submit');
    expect(await state(page)).toBe('处室审核');

    await login(page, 'div1_head');
    await page.goto(itemPath);
    await settled(page);
    await act(page, 'approve');
    expect(await state(page)).toBe('办公室编审');

    await login(page, 'secrecy_officer');
    await page.goto(itemPath);
    await settled(page);
    await act(page, 'secrecy_review', async () => {
      const modal = page.locator('.ant-modal:visible');
      await modal.getByRole('switch').click();
      await modal.getByLabel('审查意见').fill('经审查不涉及国家秘密和工作秘密，可以公开。');
    });
    await page.getByTestId('info-review').getByText('可以公开').first().waitFor();

    await login(page, 'office_clerk');
    await page.goto(itemPath);
    await settled(page);
    await act(page, 'approve');
    expect(await state(page)).toBe('主任审核');

    await login(page, 'office_director');
    await page.goto(itemPath);
    await settled(page);
    await act(page, 'approve');
    expect(await state(page)).toBe('待报送');
    await act(page, 'publish');
    await page.getByText('门户已发布').waitFor();
    expect(await page.getByTestId('info-actions').getByRole('button').allInnerTexts()).toEqual(['报送', '撤稿']);
    await act(page, 'report');
    expect(await state(page)).toBe('已报送');
    await shot(page, 'info-item', true);
  });

  it('the public portal shows the published piece without a sign-in, on a desktop and a phone', async () => {
    const anon = await openSession();
    try {
      const { page } = anon;
      await page.goto('/portal');
      await page.getByRole('link', { name: TITLE }).waitFor();
      expect(await page.context().cookies()).toEqual([]);
      await page.screenshot({ path: 'artifacts/screenshots/info-portal.png' });
      await page.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { name: TITLE }).waitFor();
      const text = await page.locator('article').innerText();
      expect(text).toContain('来源：监管一处');
      expect(text).not.toContain('周科员');
      await page.goto('/portal/items/0190f0e0-0000-7000-8000-000000000000');
      await page.getByText('信息不存在').first().waitFor();
    } finally {
      await anon.close();
    }
    const phone = await openSession({ width: 375, height: 812 });
    try {
      const { page } = phone;
      await page.goto(`/portal?q=${encodeURIComponent('穿透式监测')}`);
      await page.getByRole('link', { name: TITLE }).waitFor();
      const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
      expect(width).toBeLessThanOrEqual(375);
      await page.screenshot({ path: 'artifacts/screenshots/info-portal-375.png', fullPage: true });
      await page.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.screenshot({ path: 'artifacts/screenshots/info-portal-item-375.png', fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('the ledger, the 通报, the settings, 门户管理 and 约稿 pages show the demo year', async () => {
    const { page } = b;
    await login(page, 'office_director');
    await page.goto('/info/progress');
    await page.getByTestId('progress-table').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('progress-table').innerText()).toContain('监管一处');
    await shot(page, 'info-progress');
    await page.goto('/info/bulletin');
    await page.getByTestId('bulletin').waitFor();
    await page.getByTestId('ranking-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('bulletin').innerText()).toContain('政务信息工作通报');
    await shot(page, 'info-bulletin', true);
    await page.goto('/info/scoring');
    await page.getByTestId('scoring-card').waitFor();
    expect(await page.getByTestId('scoring-card').locator('input').first().inputValue()).toBe('1');
    await shot(page, 'info-scoring');
    await page.goto('/info/portal');
    await page.getByTestId('portal-log').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('portal-log').innerText()).toContain('发布');
    await shot(page, 'info-portal-admin');
    await page.goto('/info_request');
    await page.getByTestId('request-table').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('request-table').innerText()).toContain('逾期');
    await shot(page, 'info-requests');
    // A new 约稿 to 监管二处, due in 5 工作日: its page shows the deadline the calendar gives.
    await page.getByTestId('request-new').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByLabel('约稿主题').fill(`库款保障情况（浏览器测试 ${Date.now() % 100000}）`);
    await modal.getByLabel('约稿要求').fill('请于期限内报送一篇库款保障监测信息。');
    await modal.getByLabel('约稿处室').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '监管二处' }).click();
    await modal.getByRole('button', { name: /发\s*出/ }).click();
    await page.waitForURL(/\/info_request\/[0-9a-f-]{36}$/);
    await page.getByText('约稿内容').waitFor();
    expect(await page.locator('.zs-page').innerText()).toMatch(/截止日期\s*\d{4}-\d{2}-\d{2}/);
    await shot(page, 'info-request');
  });

  it('works at 375 px: the list and a piece', async () => {
    const phone = await openSession({ width: 375, height: 812 });
    try {
      const { page } = phone;
      await login(page, 'office_clerk');
      await page.goto('/info');
      await page.getByTestId('info-table').locator('tr.ant-table-row').first().waitFor();
      await shot(page, 'info-list-375');
      await page.goto(itemPath);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await shot(page, 'info-item-375', true);
      // The ledger and the 通报 fit the phone: their tables scroll inside their cards, the page does not.
      for (const [path, testId, name] of [
        ['/info/progress', 'progress-table', 'info-progress-375'],
        ['/info/bulletin', 'bulletin', 'info-bulletin-375'],
        ['/info_request', 'request-table', 'info-requests-375'],
      ] as const) {
        await page.goto(path);
        await page.getByTestId(testId).waitFor();
        await settled(page);
        expect(Number(await page.evaluate('document.documentElement.scrollWidth')), path).toBeLessThanOrEqual(375);
        await shot(page, name, true);
      }
    } finally {
      await phone.close();
    }
  });
});
