import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetitionFields, PetitionList } from '../src/shared/petition.js';
import { idCheckDigit } from '../src/shared/petition.person.js';
import type { WorkflowView } from '../src/shared/workflow.js';
import { login, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/*
 * 信访工作 in the browser, on the demo bureau's year. The 信访工作人员 cannot
 * sign in yet (src/shared/roles.ts does not list `petition_officer`), so the
 * walk is the leader's, the office director's and the division's: the ledger
 * with its countdowns and filters, a petition with its deadlines and the
 * logged 显示完整信息, a leader's decision, the statistics, and the division's
 * own view, at desktop and phone widths.
 */

async function api<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

const rows = (page: Page) => page.getByTestId('petition-table').locator('tr.ant-table-row');

describe.skipIf(skipReason() !== '')('信访工作', () => {
  let b: Session;
  beforeAll(async () => {
    b = await openSession();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the ledger lists open petitions by deadline, masked, with countdowns, and filters by warning in the address', async () => {
    const { page } = b;
    await login(page, 'leader1');
    await page.goto('/petition');
    await rows(page).first().waitFor();
    await settled(page);
    await page.getByRole('heading', { name: '信访台账' }).waitFor();
    // The petitioner is masked everywhere in the ledger: a first character and stars.
    const names = await rows(page).locator('td:nth-child(3)').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^.\*+$/);
    expect(await page.getByTestId('countdown').count()).toBeGreaterThan(0);
    await shot(page, 'petition-ledger');

    await page.getByTestId('filter-warning').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已逾期' }).click();
    await page.waitForURL(/warning=overdue/);
    const list = await api<PetitionList>(page, '/api/petition?warning=overdue');
    await expect
      .poll(async () => Number((await page.locator('.ant-pagination-total-text').innerText()).replace(/\D/g, '')), { timeout: 10_000 })
      .toBe(list.total);
    expect(list.items.every((i) => i.warning === 'overdue')).toBe(true);
  });

  it('a petition shows its deadlines and history; 显示完整信息 warns that the read is logged, then shows the clear values', async () => {
    const { page } = b;
    const review = await api<PetitionList>(page, '/api/petition?state=reply_review');
    const target = review.items[0];
    expect(target).toBeDefined();
    await page.goto(`/petition/${target?.id ?? ''}`);
    await settled(page);
    await page.getByTestId('deadlines').waitFor();
    expect(await page.getByTestId('deadlines').innerText()).toMatch(/告知期限/);
    expect(await page.getByTestId('deadlines').innerText()).toMatch(/办理期限/);
    const masked = await page.getByTestId('petitioner').innerText();
    expect(masked).toMatch(/\*/);
    await page.getByTestId('reveal').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText(/记入审计日志/).waitFor();
    await confirm.getByRole('button', { name: /确认查看/ }).click();
    await page.getByText('完整信息（已记录查看）').waitFor();
    const clear = await page.getByTestId('petitioner').innerText();
    expect(clear).not.toBe(masked);
    expect(clear.split('\n').find((l) => /^.+$/.test(l))).toBeDefined();
    await shot(page, 'petition-item');

    // The leader approves the reply the division drafted.
    await page.getByTestId('action-approve_reply').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '审定答复' });
    await modal.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('action-approve_reply').waitFor({ state: 'detached' });
    await expect.poll(async () => (await api<WorkflowView<PetitionFields>>(page, `/api/petition/${target?.id ?? ''}`)).state).toBe('replied');
    expect(await page.getByTestId('timeline').innerText()).toMatch(/审定答复/);
  });

  it('信访登记 asks by channel, and typing an ID number finds this person’s earlier petitions (an audited lookup)', async () => {
    const { page } = b;
    await page.goto('/petition/new');
    await settled(page);
    await page.getByTestId('register-form').waitFor();
    expect(await page.getByLabel('来访人数').count()).toBe(0);
    await page.getByTestId('field-channel').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '来访' }).click();
    await page.getByLabel('来访人数').waitFor();
    // The demo bureau's first petitioner (fictitious; a valid check digit).
    const first17 = '36010219500101100';
    await page.getByTestId('field-id').fill(first17 + idCheckDigit(first17));
    await page.getByTestId('lookup').click();
    const earlier = page.getByTestId('earlier');
    await earlier.waitFor();
    expect(await earlier.locator('tr.ant-table-row').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'petition-register');
  });

  it('the statistics show the year by channel, month and division with the on-time rates', async () => {
    const { page } = b;
    await page.goto('/petition/stats');
    await settled(page);
    await page.getByTestId('chart-month').locator('canvas').waitFor();
    await page.getByTestId('chart-division').locator('canvas').waitFor();
    expect(await page.locator('#zs-main').innerText()).toMatch(/办理按期率/);
    await shot(page, 'petition-stats');
  });

  it('a division sees only what is assigned to it, nearest deadline first, and reports progress', async () => {
    const { page } = b;
    await login(page, 'div1_staff');
    await page.goto('/petition');
    await page.getByRole('heading', { name: '本处室信访件' }).waitFor();
    await rows(page).first().waitFor();
    const mine = await api<PetitionList>(page, '/api/petition?pageSize=100');
    expect(mine.items.every((i) => i.division?.name === '监管一处')).toBe(true);
    await shot(page, 'petition-division');
    const handling = mine.items.find((i) => i.state === 'handling');
    expect(handling).toBeDefined();
    await page.goto(`/petition/${handling?.id ?? ''}`);
    await settled(page);
    expect(await page.getByTestId('reveal').count()).toBe(0);
    await page.getByTestId('action-feedback').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '反馈进展' });
    await modal.getByLabel('进展情况').fill('已约谈相关单位，正在补充材料（浏览器测试）。');
    await modal.getByRole('button', { name: /提\s*交/ }).click();
    await page.locator('[data-testid="timeline"]').getByText('已约谈相关单位').waitFor();
  });

  it('works at phone width', async () => {
    const phone = await openSession({ width: 390, height: 844 });
    try {
      await login(phone.page, 'office_director');
      await phone.page.goto('/petition');
      await rows(phone.page).first().waitFor();
      await shot(phone.page, 'petition-ledger-phone');
      const first = await api<PetitionList>(phone.page, '/api/petition');
      await phone.page.goto(`/petition/${first.items[0]?.id ?? ''}`);
      await phone.page.getByTestId('deadlines').waitFor();
      expect(await phone.page.getByTestId('reveal').count()).toBe(0);
      await shot(phone.page, 'petition-item-phone', true);
    } finally {
      await phone.close();
    }
  });
});
