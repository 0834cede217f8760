import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, openSession, type Session, shot, skipReason } from './harness/browser.js';

/** antd hides the radio inputs themselves: click the visible label. */
async function radio(page: Page, text: string): Promise<void> {
  await page.locator('label.ant-radio-button-wrapper, label.ant-radio-wrapper', { hasText: text }).first().click();
}

async function pick(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  // A multiple select keeps its list open after a pick: click the dialog's title so the list closes.
  const title = page.locator('.ant-modal-title:visible');
  if ((await title.count()) > 0) await title.click();
}

/** Opens the action's dialog, lets `fill` complete it, submits and waits for the document to move. */
async function act(page: Page, action: string, fill: () => Promise<void>, expectState: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-form').waitFor();
  await fill();
  await page.locator('.ant-modal:visible').getByRole('button', { name: /提\s*交/ }).click();
  await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
  await page.locator('.zs-page-header').getByText(expectState, { exact: true }).waitFor();
}

describe.skipIf(skipReason() !== '')('收文: registration to archive in the browser', () => {
  let s: Session;
  let docUrl = '';
  const title = `财政部关于做好2026年度政府会计核算工作的通知（${Date.now() % 100000}）`;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the clerk registers an urgent document and proposes it to 王局长', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    await page.goto('/incoming');
    await page.getByTestId('incoming-table').locator('tr.ant-table-row').first().waitFor();
    await shot(page, 'incoming-ledger');
    await page.getByRole('button', { name: /登记收文/ }).click();
    await page.getByTestId('incoming-register-form').waitFor();
    await page.getByLabel('来文单位').fill('财政部办公厅');
    await page.getByLabel('来文字号').fill(`财办会〔2026〕${Date.now() % 1000}号`);
    await pick(page, '文种', '通知');
    await page.getByLabel('标题').fill(title);
    await radio(page, '加急');
    // Choosing a 国家秘密 level shows where the paper copy goes and blocks registration.
    await radio(page, '秘密');
    await page.getByTestId('classified-guidance').waitFor();
    await shot(page, 'incoming-register-classified');
    await radio(page, '内部');
    await page.getByTestId('classified-guidance').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    docUrl = new URL(page.url()).pathname;
    await page.getByTestId('incoming-actions').waitFor();
    expect(await page.locator('.zs-page-header h2').innerText()).toMatch(/^收〔\d{4}〕\d+号$/);
    await act(
      page,
      'propose',
      async () => {
        await page.getByLabel('拟办意见').fill('拟请监管一处牵头办理，报王局长批示');
        await pick(page, '拟主办处室', '监管一处');
        await pick(page, '呈批领导', '王局长');
      },
      '待批办',
    );
    await logout(page);
  });

  it('王局长 instructs 监管一处 with a deadline of 5 workdays', async () => {
    const { page } = s;
    await login(page, 'leader1');
    await page.goto(docUrl);
    await act(
      page,
      'instruct',
      async () => {
        await page.getByLabel('批示意见').fill('请监管一处抓紧办理，五个工作日内报结果');
        await page.getByLabel('工作日数').fill('5');
        await shot(page, 'incoming-instruct-dialog');
      },
      '承办中',
    );
    await shot(page, 'incoming-instructed');
    await logout(page);
  });

  // Four sign-ins in one test: on a shared two-core machine that takes longer than the default minute.
  it('the division gives feedback and its head completes it; the clerk archives it with a DA/T 22 number', async () => {
    const { page } = s;
    await login(page, 'div1_staff');
    await page.goto(docUrl);
    await act(page, 'feedback', () => page.getByLabel('反馈内容').fill('已对照通知要求梳理本处核算口径，初稿已完成'), '承办中');
    await logout(page);

    await login(page, 'div1_head');
    await page.goto(docUrl);
    await act(page, 'complete', () => page.getByLabel('办理结果').fill('已按通知要求完成核算口径调整，情况已书面报财政部'), '已办结');
    await shot(page, 'incoming-completed', true);
    await logout(page);

    await login(page, 'office_clerk');
    await page.goto(docUrl);
    await act(page, 'archive', () => radio(page, '定期30年'), '已归档');
    expect(await page.getByTestId('archival-no').innerText()).toMatch(/^Z001-WS·\d{4}-D30-BGS-\d{4}$/);
    const steps = await page.getByTestId('incoming-timeline').locator('.ant-timeline-item').count();
    expect(steps).toBe(6);
    await shot(page, 'incoming-archived', true);
  }, 180_000);

  it('the statistics page draws its chart', async () => {
    const { page } = s;
    await page.goto('/incoming/stats');
    await page.getByTestId('incoming-chart').locator('canvas').waitFor();
    await page.getByTestId('incoming-stats-table').locator('tr.ant-table-row').first().waitFor();
    await shot(page, 'incoming-stats');
  });

  it('传阅: 王局长 sends a 阅件 to two readers; each reads, and the last read completes it', async () => {
    const { page } = s;
    await logout(page);
    await login(page, 'office_clerk');
    await page.goto('/incoming/new');
    await page.getByLabel('来文单位').fill('国务院办公厅');
    await page.getByLabel('来文字号').fill(`国办发明电〔2026〕${Date.now() % 1000}号`);
    await pick(page, '文种', '通知');
    await page.getByLabel('标题').fill(`国务院办公厅关于2027年部分节假日安排的通知（${Date.now() % 100000}）`);
    await radio(page, '阅件');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    const url = new URL(page.url()).pathname;
    await act(
      page,
      'propose',
      async () => {
        await page.getByLabel('拟办意见').fill('拟请王局长阅示后在局内传阅');
        await pick(page, '呈批领导', '王局长');
      },
      '待批办',
    );
    await logout(page);

    await login(page, 'leader1');
    await page.goto(url);
    await act(
      page,
      'instruct',
      async () => {
        await page.getByLabel('批示意见').fill('请监管一处、监管二处同志阅知，做好节前工作安排');
        await radio(page, '传阅');
        await pick(page, '传阅人（依次传阅时按选择顺序）', '周科员');
        await pick(page, '传阅人（依次传阅时按选择顺序）', '郑科员');
      },
      '传阅中',
    );
    await logout(page);

    await login(page, 'div1_staff');
    await page.goto(url);
    await act(page, 'read', () => page.getByLabel('阅知意见（可不填）').fill('已阅，已转告处内同志'), '传阅中');
    await logout(page);

    await login(page, 'div2_staff');
    await page.goto(url);
    await act(page, 'read', async () => {}, '已办结');
    expect(await page.getByTestId('incoming-circulation').locator('.ant-tag', { hasText: '已阅' }).count()).toBe(2);
    await shot(page, 'incoming-circulated', true);
  }, 240_000);
});
