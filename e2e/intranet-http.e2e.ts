import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, openSession, type Session, shot, skipReason } from './harness/browser.js';

/**
 * A bureau intranet often serves Zhongshu over plain HTTP on a LAN name. Such
 * a page is not a secure context, so browser APIs reserved for HTTPS (such as
 * crypto.randomUUID) are missing there; every write must still work.
 */
async function pick(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  const title = page.locator('.ant-modal-title:visible');
  if ((await title.count()) > 0) await title.click();
}

describe.skipIf(skipReason() !== '')('plain HTTP on an intranet host name', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(undefined, { intranetHost: 'zhongshu.intranet' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('registers a 收文 and fires a workflow action where crypto.randomUUID does not exist', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    expect(new URL(page.url()).hostname).toBe('zhongshu.intranet');
    expect(await page.evaluate('({ secure: isSecureContext, uuid: typeof crypto.randomUUID })')).toEqual({ secure: false, uuid: 'undefined' });

    await page.goto('/incoming/new');
    await page.getByTestId('incoming-register-form').waitFor();
    const n = Date.now() % 100000;
    await page.getByLabel('来文单位').fill('市财政局');
    await page.getByLabel('来文字号').fill(`市财发〔2026〕${n}号`);
    await pick(page, '文种', '通知');
    await page.getByLabel('标题').fill(`市财政局关于报送2026年度部门决算的通知（${n}）`);
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);

    await page.getByTestId('action-propose').click();
    await page.getByTestId('action-form').waitFor();
    await page.getByLabel('拟办意见').fill('拟请监管一处牵头办理');
    await pick(page, '拟主办处室', '监管一处');
    await pick(page, '呈批领导', '王局长');
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
    await page.locator('.zs-page-header').getByText('待批办', { exact: true }).waitFor();
    await shot(page, 'intranet-http-proposed');
  });
});
