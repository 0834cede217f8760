import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, openSession, type Session, shot, skipReason } from './harness/browser.js';

/** Opens the action's dialog, optionally fills it, submits and waits for the document to reach `expectState`. */
async function act(page: Page, action: string, expectState: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-form').waitFor();
  if (fill) await fill();
  await page
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  await page.locator('.zs-page-header').getByText(expectState, { exact: true }).waitFor();
}

/** Clicks a download button and returns the file's bytes (the browser's own download, not a side request). */
async function download(page: Page, button: Locator, timeout = 15_000): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

describe.skipIf(skipReason() !== '')('发文: a 通知 drafted with the checker, fixed in one click, co-signed, signed, downloaded, 核发 and 归档', () => {
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
    // 监管二处 co-signs (会签): its head will see the draft after the division review.
    await page.getByTestId('draft-cosign').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '监管二处' }).click();
    await page.keyboard.press('Escape');
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

  it('the division head approves, 监管二处 co-signs, the office director approves; a leader signs and the 文号 appears', async () => {
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
    await act(page, 'approve', '会签', async () => {
      await page.getByTestId('action-comment').fill('同意，请监管二处会签');
    });
    await logout(page);
    await login(page, 'div2_head');
    await page.goto(docUrl);
    await page.getByRole('tab', { name: '办理信息' }).click();
    expect(await page.getByTestId('info-cosigns').innerText()).toContain('监管二处（待会签）');
    await act(page, 'cosign', '办公室核稿', async () => {
      await page.getByTestId('action-comment').fill('无意见');
    });
    await page.getByRole('tab', { name: '办理信息' }).click();
    expect(await page.getByTestId('info-cosigns').innerText()).toContain('监管二处：吴处长 无意见');
    await shot(page, 'outgoing-cosigned');
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

    // The buttons download the GB/T 9704 .docx (a zip with the number in it) and its PDF (LibreOffice; the first conversion starts it).
    const docx = await download(page, page.getByTestId('download-docx'));
    expect(docx.name).toMatch(/\.docx$/);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')?.async('string');
    expect(xml).toContain(number);
    const pdf = await download(page, page.getByTestId('download-pdf'), 120_000);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(5_000);
    await logout(page);
  }, 180_000);

  it('the office clerk issues it with a distribution record (核发) and files it (归档)', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    await page.goto(docUrl);
    await act(page, 'issue', '已核发', async () => {
      const dialog = page.locator('.ant-modal:visible');
      await dialog.locator('.ant-input-number input').fill('30');
      const recipients = dialog.locator('.ant-select input');
      await recipients.fill('财政部监督评价局');
      await recipients.press('Enter');
      await page.getByTestId('issue-note').fill('纸质件与电子件同时分发');
      await shot(page, 'outgoing-issue-dialog');
    });
    await page.getByRole('tab', { name: '办理信息' }).click();
    expect(await page.getByTestId('info-distribution').innerText()).toBe('印制 30 份，分送：局内各处室、财政部监督评价局（纸质件与电子件同时分发）');
    await act(page, 'archive', '已归档', async () => {
      await page.locator('.ant-modal:visible').getByText('定期30年').click();
    });
    await page.getByRole('tab', { name: '办理信息' }).click();
    expect(await page.getByTestId('info-archive').innerText()).toMatch(/^Z001-WS·\d{4}-D30-FW-\d{4}（定期30年）$/);
    // The 已核发/已归档 toasts would cover the title.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await shot(page, 'outgoing-archived', true);
    await page.getByRole('tab', { name: '流转记录' }).click();
    const history = await page.locator('.ant-timeline').innerText();
    for (const step of ['拟稿', '送核', '核稿通过', '会签', '签发', '核发', '归档']) expect(history).toContain(step);
  });
});
