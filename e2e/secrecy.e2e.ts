import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarrierList } from '../src/shared/secrecy.js';
import type { CampaignList } from '../src/shared/secrecy.inspection.js';
import { login, logout, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/** Beijing dates: the server checks them against its own today. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const TITLE = `代号“丙-${Date.now() % 100000}”会议材料`;

async function api<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}
const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tr.ant-table-row');

describe.skipIf(skipReason() !== '')('保密管理', () => {
  let b: Session;
  beforeAll(async () => {
    b = await openSession();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the 保密员 keeps the register: filters in the address, 接收登记 with the 届满日 preview, 借阅 and 归还', async () => {
    const { page } = b;
    await login(page, 'secrecy_officer');
    await page.goto('/carrier?overdue=true');
    await rows(page, 'carrier-table').first().waitFor();
    await settled(page);
    const overdue = await api<CarrierList>(page, '/api/carrier?overdue=true');
    expect(await rows(page, 'carrier-table').count()).toBe(overdue.total);
    await expect.poll(() => page.getByTestId('carrier-table').getByText('逾期', { exact: true }).count()).toBe(overdue.total);
    await page.goto('/carrier');
    await rows(page, 'carrier-table').first().waitFor();
    await shot(page, 'secrecy-register');

    await page.getByTestId('carrier-new').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '涉密载体接收登记' });
    await modal.getByLabel('标题或代号（非涉密）').fill(TITLE);
    await modal.getByLabel('份号').fill('7');
    await modal.getByLabel('来文单位').fill('省委办公厅');
    await modal.getByLabel('文号').fill(`省委办〔2026〕${Date.now() % 1000}号`);
    await modal.getByLabel('制发日期').fill('2026-01-31');
    await modal.getByLabel('接收日期').fill(day(0));
    await modal.getByText('未标明', { exact: true }).click();
    await expect.poll(() => modal.getByTestId('period-preview').innerText()).toContain('2036-01-31');
    await modal.locator('label').filter({ hasText: /^月$/ }).click();
    await modal.getByLabel('月数').fill('1');
    await expect.poll(() => modal.getByTestId('period-preview').innerText()).toContain('2026-02-28');
    await shot(page, 'secrecy-register-new');
    await modal.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL(/\/carrier\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /载〔\d{4}〕\d+号/ }).waitFor();
    await expect.poll(() => page.getByTestId('carrier-fields').innerText()).toContain('2026-02-28');

    await page.getByTestId('action-lend').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '借阅人' });
    await dialog.getByTestId('select-borrowerId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '王局长' }).click();
    await dialog.getByLabel('用途').fill('研究部署工作');
    await dialog.getByLabel('应还日期（30 天内）').fill(day(7));
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('借阅中', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByTestId('carrier-fields').innerText()).toContain('王局长');
    await shot(page, 'secrecy-carrier');
    await page.getByTestId('action-return').click();
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await expect.poll(() => page.getByTestId('timeline').innerText()).toContain('归还');

    // 涉密人员: category tags, 脱密期, and a record edited over its version.
    await page.goto('/secrecy?tab=personnel');
    await rows(page, 'personnel-table').first().waitFor();
    const first = rows(page, 'personnel-table').filter({ hasText: '罗刚' });
    await first.getByRole('button', { name: /修\s*改/ }).click();
    const edit = page.locator('.ant-modal').filter({ hasText: '修改：罗刚' });
    await edit.getByLabel('岗位').fill('档案管理岗');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => rows(page, 'personnel-table').filter({ hasText: '罗刚' }).innerText()).toContain('档案管理岗');
    await shot(page, 'secrecy-personnel');
  });

  it('the campaign page shows progress and charts; a 处长 fills in the sheet; the refusal log and my training', async () => {
    const { page } = b;
    const campaigns = await api<CampaignList>(page, '/api/secrecy/campaigns');
    const annual = campaigns.items.find((c) => c.title === '年度处室保密自查');
    expect(annual?.status).toBe('open');
    await page.goto(`/inspection/campaign/${annual?.id ?? ''}`);
    await page.getByTestId('section-chart').locator('canvas').waitFor();
    await expect.poll(() => rows(page, 'unit-table').count()).toBe(4);
    await shot(page, 'secrecy-campaign', true);

    await page.goto('/secrecy?tab=refusals');
    await rows(page, 'refusal-table').first().waitFor();
    await page.getByTestId('refusals-month').locator('canvas').waitFor();
    await shot(page, 'secrecy-refusals', true);
    await logout(page);

    await login(page, 'div2_head');
    await page.goto('/inspection');
    await rows(page, 'sheet-table').first().waitFor();
    // Their division's two sheets: last half-year's (closed) and this year's (still to fill in).
    expect(await rows(page, 'sheet-table').count()).toBe(2);
    await page.getByTestId('sheet-table').getByRole('link', { name: '年度处室保密自查（监管二处）' }).click();
    await page.waitForURL(/\/inspection\/[0-9a-f-]{36}$/);
    const item = page.getByTestId('item-12.1').or(page.getByTestId('item-11.3'));
    await item.first().getByText('不符合', { exact: true }).click();
    await item.first().getByPlaceholder('存在的问题（不符合时必填）').fill('有人用手机拍摄未公开文件');
    await page.getByTestId('answers-save').click();
    await expect.poll(() => page.getByTestId('item-11.3').innerText()).toContain('11.3');
    await settled(page);
    await shot(page, 'secrecy-sheet');
    await page.goto('/secrecy');
    await page.getByTestId('my-training').waitFor();
    await shot(page, 'secrecy-my-training');
    await logout(page);
  });

  it('works on a phone: the register, the campaign, a sheet and the overview', async () => {
    const phone = await openSession({ width: 390, height: 844 });
    try {
      const p = phone.page;
      await login(p, 'office_director');
      await p.goto('/carrier');
      await rows(p, 'carrier-table').first().waitFor();
      await shot(p, 'secrecy-register-phone');
      expect(await p.getByTestId('carrier-new').count()).toBe(0);
      await p.goto('/inspection');
      await rows(p, 'campaign-table').first().getByRole('link').click();
      await p.getByTestId('section-chart').locator('canvas').waitFor();
      await shot(p, 'secrecy-campaign-phone', true);
      await rows(p, 'unit-table').first().getByRole('link').click();
      await p.waitForURL(/\/inspection\/[0-9a-f-]{36}$/);
      await p.getByTestId('item-1.1').waitFor();
      await shot(p, 'secrecy-sheet-phone');
      await p.goto('/secrecy');
      await p.getByTestId('secrecy-overview').waitFor();
      await shot(p, 'secrecy-overview-phone', true);
      // The 主任 reads the overview but not the refusal log or the settings: those tabs are the 保密员's.
      expect(await p.getByRole('tab', { name: '拦截记录' }).count()).toBe(0);
      await logout(p);
      await login(p, 'secrecy_officer');
      await p.goto('/secrecy?tab=settings');
      await p.getByTestId('secrecy-settings').waitFor();
      await shot(p, 'secrecy-settings-phone');
    } finally {
      await phone.close();
    }
  });
});
