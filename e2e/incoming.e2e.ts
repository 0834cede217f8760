import ExcelJS from 'exceljs';
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

/** `pick` in a long list (传阅人: every business user): typing narrows it, so the option is rendered by the virtual list. */
async function pickSearch(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  const title = page.locator('.ant-modal-title:visible');
  if ((await title.count()) > 0) await title.click();
}

/** Opens the action's dialog, lets `fill` complete it, submits and waits for the document to move. */
async function act(page: Page, action: string, fill: () => Promise<void>, expectState: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-form').waitFor();
  await fill();
  await page
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /提\s*交/ })
    .click();
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
        await pickSearch(page, '传阅人（依次传阅时按选择顺序）', '周科员');
        await pickSearch(page, '传阅人（依次传阅时按选择顺序）', '郑科员');
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

/** Registers a 办件 through the form, optionally with scans; resolves on the document page. */
async function register(page: Page, title: string, scans: { name: string; mimeType: string; buffer: Buffer }[] = []): Promise<string> {
  await page.goto('/incoming/new');
  await page.getByTestId('incoming-register-form').waitFor();
  await page.getByLabel('来文单位').fill('江西省财政厅');
  await page.getByLabel('来文字号').fill(`赣财预〔2026〕${Date.now() % 100000}号`);
  await pick(page, '文种', '函');
  await page.getByLabel('标题').fill(title);
  if (scans.length > 0) {
    await page.getByTestId('register-scan-input').setInputFiles(scans);
    await page
      .getByTestId('register-scans')
      .locator('.ant-list-item')
      .nth(scans.length - 1)
      .waitFor();
  }
  await page.getByRole('button', { name: /^登\s*记$/ }).click();
  await page.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

describe.skipIf(skipReason() !== '')('收文: the office desk, assisting divisions, extensions, 退文, 作废, export and import', () => {
  let s: Session;
  let docUrl = '';
  const stamp = Date.now() % 100000;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the office director sees the daily check on the workbench', async () => {
    const { page } = s;
    await login(page, 'office_director');
    await page.goto('/');
    const card = page.getByTestId('workbench-incoming-check');
    await card.waitFor();
    // The demo year leaves an old 办结 unfiled and old documents overdue: the check names them with a link.
    await card.locator('.ant-list-item').first().waitFor();
    expect(await card.innerText()).toMatch(/办结未归档|超期未催办|滞留未批办/);
    expect(await card.locator('a[href^="/incoming/"]').count()).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'incoming-workbench-check', true);
    await logout(page);
  });

  it('the clerk registers with scans: the clean one is kept, the marked one refused with its reason', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    docUrl = await register(page, `江西省财政厅关于商请提供2026年直达资金监控有关情况的函（${stamp}）`, [
      { name: '来文扫描件.txt', mimeType: 'text/plain', buffer: Buffer.from('江西省财政厅关于商请提供2026年直达资金监控有关情况的函\n请于12月10日前反馈。') },
      { name: '附件二.txt', mimeType: 'text/plain', buffer: Buffer.from('秘密★1年\n某某事项情况表') },
    ]);
    const errors = page.getByTestId('register-scan-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('附件二.txt');
    await shot(page, 'incoming-register-scan-refused');
    await page.locator('.ant-modal-confirm .ant-btn').click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await page.getByText('来文扫描件.txt').waitFor();
    expect(await page.getByText('附件二.txt').count()).toBe(0);
    await act(
      page,
      'propose',
      async () => {
        await page.getByLabel('拟办意见').fill('拟请监管一处牵头、监管二处配合办理');
        await pick(page, '拟主办处室', '监管一处');
        await pick(page, '呈批领导', '王局长');
      },
      '待批办',
    );
    await logout(page);
  }, 120_000);

  it('王局长 assigns 监管一处 with 监管二处 assisting; 监管二处 gives its feedback', async () => {
    const { page } = s;
    await login(page, 'leader1');
    await page.goto(docUrl);
    await act(
      page,
      'instruct',
      async () => {
        await page.getByLabel('批示意见').fill('请监管一处牵头，监管二处配合，按时反馈');
        await pick(page, '协办处室', '监管二处');
        await page.getByLabel('工作日数').fill('5');
      },
      '承办中',
    );
    await logout(page);
    await login(page, 'div2_staff');
    await page.goto(docUrl);
    await act(page, 'feedback', () => page.getByLabel('反馈内容').fill('监管二处已提供本处联系的三个市县直达资金数据'), '承办中');
    await page.getByText('监管二处已提供本处联系的三个市县直达资金数据').first().waitFor();
    await shot(page, 'incoming-assist-feedback', true);
    await logout(page);
  }, 120_000);

  it('监管一处 asks for more time and 王局长 approves it; the record and the new deadline show', async () => {
    const { page } = s;
    await login(page, 'div1_head');
    await page.goto(docUrl);
    await act(
      page,
      'request_extension',
      async () => {
        await page.getByLabel('延期理由').fill('需汇总各市县数据，申请延期三个工作日');
        await page.getByLabel('工作日数').fill('3');
      },
      '承办中',
    );
    await logout(page);
    await login(page, 'leader1');
    await page.goto(docUrl);
    await act(page, 'approve_extension', () => page.getByLabel('意见（可不填）').fill('同意，请抓紧'), '承办中');
    await page.getByText(/申请延期至 \d{4}-\d{2}-\d{2}.*王局长同意/).waitFor();
    await shot(page, 'incoming-extension-approved', true);
    await logout(page);
  }, 120_000);

  it('退文 by the clerk and 作废 by the director, each with its reason on the page', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    const returned = await register(page, `鹰潭市人民政府关于商请支持城区改造项目的函（${stamp}）`);
    await act(page, 'return', () => page.getByLabel('退文理由').fill('不属本局职责范围，已退回来文单位并建议向省财政厅行文'), '已退文');
    await page.getByText('不属本局职责范围，已退回来文单位并建议向省财政厅行文').first().waitFor();
    await shot(page, 'incoming-returned');
    const voided = await register(page, `江西省财政厅关于年度决算工作的函（${stamp}）`);
    await logout(page);
    await login(page, 'office_director');
    await page.goto(voided);
    await act(page, 'void', () => page.getByLabel('作废理由').fill('与已登记来文重复，予以作废'), '已作废');
    await page.getByText('与已登记来文重复，予以作废').first().waitFor();
    await shot(page, 'incoming-voided');
    expect(returned).not.toBe(voided);
    await logout(page);
  }, 120_000);

  it('the clerk downloads the ledger as .xlsx and imports a small ledger', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    await page.goto('/incoming');
    await page.getByTestId('incoming-table').locator('tr.ant-table-row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('incoming-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('收文登记簿');
    expect(ws?.getRow(1).getCell(1).value).toBe('收文编号');
    expect(ws?.rowCount ?? 0).toBeGreaterThan(100);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('收文登记簿');
    sheet.addRow(['收文编号', '收文日期', '来文单位', '来文字号', '标题', '文种', '密级', '紧急程度', '类型', '份数', '状态', '办结时间', '办理结果']);
    sheet.addRow([
      '纸001',
      '2026-01-06',
      '南昌市财政局',
      `洪财预〔2026〕${stamp}号`,
      '南昌市财政局关于2025年度预算执行情况的报告',
      '报告',
      '无',
      '平件',
      '办件',
      1,
      '已办结',
      '2026-01-20',
      '已阅存',
    ]);
    sheet.addRow([
      '纸002',
      '2026-01-08',
      '九江市财政局',
      `九财预〔2026〕${stamp}号`,
      '九江市财政局关于转移支付资金分配情况的函',
      '函',
      '内部',
      '加急',
      '办件',
      2,
      '已登记',
      '',
      '',
    ]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await page.goto('/incoming/import');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: '旧登记簿.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByRole('button', { name: /^校\s*验$/ }).click();
    await page.getByText('校验通过：共 2 行，可以导入').waitFor();
    await page.getByRole('button', { name: /^导\s*入$/ }).click();
    await page.getByText('已导入 2 件').waitFor();
    await shot(page, 'incoming-imported');
    await page.goto('/incoming');
    await page.getByLabel('搜索收文').fill(`九财预〔2026〕${stamp}号`);
    await page.getByLabel('搜索收文').press('Enter');
    await page.getByTestId('incoming-table').getByText('九江市财政局关于转移支付资金分配情况的函').waitFor();
    // Numbered in the year of its 收文日期.
    expect(await page.getByTestId('incoming-table').locator('tr.ant-table-row').first().innerText()).toMatch(/收〔2026〕\d+号/);
    await shot(page, 'incoming-ledger-imported');
  }, 120_000);
});

describe.skipIf(skipReason() !== '')('收文: a 批示 chain of two leaders, 承办 with 传阅, and the 收文处理单', () => {
  let s: Session;
  let docUrl = '';
  const stamp = Date.now() % 100000;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('王局长 passes it to 李副局长, who assigns 监管一处 and circulates it to 王局长', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    docUrl = await register(page, `江西省财政厅关于开展2026年度财会监督专项行动的函（${stamp}）`);
    await act(
      page,
      'propose',
      async () => {
        await page.getByLabel('拟办意见').fill('拟请王局长阅示，监管一处办理');
        await pick(page, '拟主办处室', '监管一处');
        await pick(page, '呈批领导', '王局长');
      },
      '待批办',
    );
    await logout(page);

    await login(page, 'leader1');
    await page.goto(docUrl);
    await act(
      page,
      'instruct',
      async () => {
        await page.getByLabel('批示意见').fill('请李局长阅示');
        await radio(page, '呈其他领导阅示');
        await pick(page, '依次呈送', '李副局长');
        await shot(page, 'incoming-chain-onward-dialog');
      },
      '待批办',
    );
    expect(await page.getByTestId('incoming-awaiting').innerText()).toContain('李副局长');
    await logout(page);

    await login(page, 'leader2');
    await page.goto(docUrl);
    await act(
      page,
      'instruct',
      async () => {
        await page.getByLabel('批示意见').fill('请监管一处牵头办理，王局长阅');
        await radio(page, '办理并传阅');
        await pickSearch(page, '传阅人（依次传阅时按选择顺序）', '王局长');
        await page.getByLabel('工作日数').fill('5');
        await shot(page, 'incoming-chain-both-dialog');
      },
      '承办中',
    );
    const chain = page.getByTestId('incoming-instructions');
    expect(await chain.locator('li').count()).toBe(2);
    expect(await chain.innerText()).toMatch(/请李局长阅示[\s\S]*王局长[\s\S]*请监管一处牵头办理，王局长阅[\s\S]*李副局长/);
    await shot(page, 'incoming-chain-instructed', true);
    await logout(page);
  }, 240_000);

  it('the division completes first, the last reader closes it; the 处理单 prints as PDF', async () => {
    const { page } = s;
    await login(page, 'div1_head');
    await page.goto(docUrl);
    await act(
      page,
      'complete',
      async () => {
        await page.getByLabel('办理结果').fill('已制定专项行动方案并报省财政厅');
        await page.getByLabel('承办人').fill('周科员');
      },
      '承办中',
    );
    await page.getByText('处室已办结，待传阅完毕').waitFor();
    await logout(page);

    await login(page, 'leader1');
    await page.goto(docUrl);
    await act(page, 'read', () => page.getByLabel('阅知意见（可不填）').fill('阅'), '已办结');
    await page.getByTestId('incoming-reminders').waitFor({ state: 'detached' });
    await shot(page, 'incoming-chain-completed', true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('incoming-print-form').click()]);
    expect(download.suggestedFilename()).toMatch(/^收文处理单-收〔\d{4}〕\d+号\.pdf$/);
    const pdf = await download.path();
    const { readFile, mkdir, copyFile } = await import('node:fs/promises');
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    await mkdir('artifacts/screenshots', { recursive: true });
    await copyFile(pdf, 'artifacts/screenshots/incoming-form.pdf');

    // The register's row carries the chain, the division, the 承办人 and the result.
    const regNo = await page.locator('.zs-page-header h2').innerText();
    await page.goto('/incoming');
    await page.getByLabel('搜索收文').fill(regNo);
    await page.getByLabel('搜索收文').press('Enter');
    const row = page.getByTestId('incoming-table').locator('tr.ant-table-row', { hasText: regNo });
    await row.getByTestId('ledger-instructions').waitFor();
    expect(await row.innerText()).toMatch(/王局长[\s\S]*请李局长阅示[\s\S]*李副局长[\s\S]*周科员[\s\S]*已制定专项行动方案/);
    await page
      .locator('[data-testid="incoming-table"] .ant-table-content, [data-testid="incoming-table"] .ant-table-body')
      .first()
      .evaluate((el) => {
        el.scrollLeft = 1100;
      });
    await shot(page, 'incoming-ledger-register-columns');
    await logout(page);
  }, 240_000);
});
