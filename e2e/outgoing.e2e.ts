import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, openSession, type Session, shot, skipReason } from './harness/browser.js';

/** Opens the action's dialog, optionally fills it, submits and waits for the document to reach `expectState`. */
async function act(page: Page, action: string, expectState: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-form').waitFor();
  if (fill) await fill();
  await page.locator('.ant-modal:visible').getByRole('button', { name: /提\s*交/ }).click();
  await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  await page.locator('.zs-page-header').getByText(expectState, { exact: true }).waitFor();
}

describe.skipIf(skipReason() !== '')('发文: a 通知 drafted with the checker, fixed in one click, and walked to numbered', () => {
  let s: Session;
  let docUrl = '';
  const title = `财政部某某监管局关于开展2026年度财政资金专项检查的通知（${Date.now() % 100000}）`;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the drafter starts from the 通知 template, sees a finding as they type, and fixes it in one click', async () => {
    const { page } = s;
    await login(page, 'div1_staff');
    await page.goto('/outgoing');
    await page.getByTestId('new-outgoing').click();
    await page.getByTestId('template-picker').locator('label', { hasText: '通知' }).first().click();
    await page.getByTestId('draft-title').fill(title);
    const body = page.getByTestId('draft-body');
    await body.fill(
      [
        '为加强财政资金监管，根据工作安排，现将有关事项通知如下：',
        '一、检查范围',
        '2026年度中央财政转移支付资金。',
        '二、工作要求',
        '(一)各处室要高度重视，认真组织。',
        '（二）请于12月10日前报送检查报告。',
      ].join('\n'),
    );
    // The outline beside the body shows the 层次序数 structure.
    await page.getByTestId('draft-outline').getByText('二、工作要求').waitFor();
    const finding = page.getByTestId('finding-F09');
    await finding.waitFor();
    expect(await finding.innerText()).toContain('全角括号');
    await shot(page, 'outgoing-draft-finding');
    await finding.getByTestId('fix-button').click();
    await page.getByTestId('findings-clean').waitFor();
    expect(await body.inputValue()).toContain('（一）各处室要高度重视');
    await shot(page, 'outgoing-draft-fixed');
    await page.getByTestId('save-draft').click();
    await page.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    docUrl = new URL(page.url()).pathname;
    await act(page, 'submit', '处室核稿');
    await logout(page);
  });

  it('the division head and the office director approve; a leader signs and the 文号 appears', async () => {
    const { page } = s;
    await login(page, 'div1_head');
    await page.goto(docUrl);
    // The head edits at the review step: a second version, and the 修改痕迹 show what changed.
    const body = page.getByTestId('draft-body');
    await body.fill((await body.inputValue()).replace('12月10日', '12月5日'));
    await page.getByTestId('save-version').click();
    await page.locator('.zs-page-header').getByText('第2稿').waitFor();
    await page.getByRole('tab', { name: /修改痕迹/ }).click();
    await page.getByTestId('diff-change').first().waitFor();
    expect(await page.getByTestId('diff-change').first().innerText()).toContain('12月105日');
    await shot(page, 'outgoing-diff');
    await page.getByRole('tab', { name: /正文与检查/ }).click();
    await act(page, 'approve', '办公室核稿', async () => {
      await page.getByTestId('action-comment').fill('同意，请办公室核稿');
    });
    await logout(page);
    await login(page, 'office_director');
    await page.goto(docUrl);
    await act(page, 'approve', '待签发');
    await logout(page);
    await login(page, 'leader2');
    await page.goto(docUrl);
    await act(page, 'sign', '已编号', async () => {
      await page.getByTestId('action-comment').fill('同意印发');
    });
    const number = await page.getByTestId('doc-number').innerText();
    expect(number).toMatch(/^财监办〔\d{4}〕\d+号$/);
    await page.getByRole('tab', { name: /修改痕迹/ }).click();
    await page.getByTestId('diff-view').waitFor();
    await page.getByRole('tab', { name: '流转记录' }).click();
    await shot(page, 'outgoing-numbered', true);
    // The GB/T 9704 .docx downloads with the number in it.
    const res = await page.request.get(`/api${docUrl}/document.docx`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('wordprocessingml');
  });
});
