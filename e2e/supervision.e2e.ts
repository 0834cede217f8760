import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/** A deadline a month ahead, as a Beijing date: the server refuses deadlines before today, and the run must not depend on the year it runs in. */
const DEADLINE = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const TITLE = `落实局长办公会关于财会监督专项行动的决定（浏览器测试 ${Date.now() % 100000}）`;

describe.skipIf(skipReason() !== '')('督查督办', () => {
  let b: Session;
  let itemUrl = '';
  beforeAll(async () => {
    b = await openSession();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the ledger shows the demo items with their lights and the light counts', async () => {
    const { page } = b;
    await login(page, 'office_clerk');
    await page.goto('/supervision');
    const ledger = page.getByTestId('ledger');
    await ledger.locator('tr.ant-table-row').first().waitFor();
    await settled(page);
    const lightsOf = async () => Promise.all((await ledger.getByTestId('light').all()).map((l) => l.getAttribute('data-light')));
    const lights = await lightsOf();
    expect(lights).toEqual(expect.arrayContaining(['red', 'green']));
    await page.getByTestId('light-count-red').locator('.ant-statistic-content-value').waitFor();
    await shot(page, 'supervision-ledger');
    // The red card filters the ledger to red items only.
    await page.getByTestId('light-count-red').click();
    await page.waitForURL(/light=red/);
    await ledger.locator('tr.ant-table-row').first().waitFor();
    await settled(page);
    const onlyRed = await lightsOf();
    expect(onlyRed.length).toBeGreaterThan(0);
    expect(new Set(onlyRed)).toEqual(new Set(['red']));
  });

  it('from 立项 to 销号: the office creates, the division accepts, reports and asks to close, the leader approves', async () => {
    const { page } = b;
    await page.goto('/supervision');
    await page.getByTestId('new-item').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '督办立项' });
    await modal.getByLabel('事项名称').fill(TITLE);
    await modal.getByLabel('事项内容与办理要求').fill('制定专项行动方案，分解任务到处室，每周报送进展。');
    await modal.getByLabel('牵头处室').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '监管一处' }).click();
    await modal.getByLabel('办结时限').click();
    await modal.getByLabel('办结时限').fill(DEADLINE);
    await modal.getByLabel('办结时限').press('Enter');
    await modal.getByRole('button', { name: /立\s*项/ }).click();
    await page.waitForURL(/\/supervision\/[0-9a-f-]{36}$/);
    itemUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: new RegExp(TITLE.slice(0, 10)) }).waitFor();
    await logout(page);

    await login(page, 'div1_head');
    await page.goto(itemUrl);
    await page.getByRole('button', { name: /签\s*收/ }).click();
    await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('actions').getByRole('button', { name: '报送进展' }).waitFor();
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.locator('.ant-modal').getByLabel('本周进展').fill('已制定专项行动方案，任务分解到各处室。');
    await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('updates').getByText('已制定专项行动方案，任务分解到各处室。').waitFor();
    await page.getByRole('button', { name: '申请办结' }).click();
    await page.locator('.ant-modal').getByLabel('办理结果').fill('专项行动方案已印发，各项任务已落实。');
    await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('办理结果（待局领导审核销号）').waitFor();
    await logout(page);

    await login(page, 'leader1');
    await page.goto(itemUrl);
    await page.getByRole('button', { name: '同意销号' }).click();
    await page.locator('.ant-modal').getByLabel('意见（可不填）').fill('同意销号。');
    await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText(/已销号（王局长/).waitFor();
    await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' }).catch(() => undefined);
    const timeline = page.getByTestId('timeline');
    for (const step of ['立项', '签收', '报送进展', '申请办结', '同意销号']) await timeline.getByText(step, { exact: true }).first().waitFor();
    await shot(page, 'supervision-item-closed', true);
  });

  it('the weekly report shows the totals and the per-division chart; the division view lists what is owed', async () => {
    const { page } = b;
    await page.goto('/supervision/report');
    await page.getByTestId('weekly-report').waitFor();
    const chart = page.getByTestId('division-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('监管一处');
    await settled(page);
    await shot(page, 'supervision-weekly-report', true);
    await logout(page);

    await login(page, 'div2_staff');
    await page.goto('/supervision/division');
    await page.getByTestId('division-items').locator('tr.ant-table-row').first().waitFor();
    await page.getByRole('heading', { name: '监管二处本周应办' }).waitFor();
    await shot(page, 'supervision-division');
  });
});
