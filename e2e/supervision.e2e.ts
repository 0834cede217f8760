import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarYearView } from '../src/shared/calendar.js';
import type { SupervisionFields, SupervisionList, WeeklyReport } from '../src/shared/supervision.js';
import type { WorkflowView } from '../src/shared/workflow.js';
import { apiAs } from './harness/api.js';
import { login, logout, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/** A deadline a month ahead, as a Beijing date: the server refuses deadlines before today, and the run must not depend on the year it runs in. */
const DEADLINE = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const TITLE = `落实局长办公会关于财会监督专项行动的决定（浏览器测试 ${Date.now() % 100000}）`;

/** The API's answer in the signed-in browser's session (the page's cookies). */
async function api<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}
/** 立项 through the ledger's dialog, leading to the new item's page; returns its path. */
async function createItem(page: Page, title: string, deadline: string): Promise<string> {
  await page.goto('/supervision');
  await page.getByTestId('new-item').click();
  const modal = page.locator('.ant-modal').filter({ hasText: '督办立项' });
  await modal.getByLabel('事项名称').fill(title);
  await modal.getByLabel('事项内容与办理要求').fill('制定专项行动方案，分解任务到处室，每周报送进展。');
  await modal.getByLabel('牵头处室').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '监管一处' }).click();
  await modal.getByLabel('办结时限').click();
  await modal.getByLabel('办结时限').fill(deadline);
  await modal.getByLabel('办结时限').press('Enter');
  await modal.getByRole('button', { name: /立\s*项/ }).click();
  await page.waitForURL(/\/supervision\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: new RegExp(title.slice(0, 10)) }).waitFor();
  return new URL(page.url()).pathname;
}
const totalShown = async (page: Page) => Number((await page.locator('.ant-pagination-total-text').innerText()).replace(/\D/g, ''));

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
    // Read in one evaluation: the table re-renders when a filter applies, and per-element reads could chase rows that are gone.
    const lightsOf = () => ledger.getByTestId('light').evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
    const lights = await lightsOf();
    expect(lights).toEqual(expect.arrayContaining(['red', 'green']));
    await page.getByTestId('light-count-red').locator('.ant-statistic-content-value').waitFor();
    await shot(page, 'supervision-ledger');
    // The red card filters the ledger to red items only.
    await page.getByTestId('light-count-red').click();
    await page.waitForURL(/light=red/);
    await ledger.locator('tr.ant-table-row').first().waitFor();
    await settled(page);
    await expect.poll(async () => [...new Set(await lightsOf())], { timeout: 10_000 }).toEqual(['red']);
    const onlyRed = await lightsOf();
    expect(onlyRed.length).toBeGreaterThan(0);
    expect(new Set(onlyRed)).toEqual(new Set(['red']));
  });

  it('the ledger filters by 督办类型, 逾期 and 交办日期, as the API does, and exports under them', async () => {
    const { page } = b;
    const ledger = page.getByTestId('ledger');
    await page.goto('/supervision');
    await ledger.locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('filter-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '重点督办' }).click();
    await page.waitForURL(/kind=key/);
    await settled(page);
    await ledger.locator('tr.ant-table-row').first().waitFor();
    // The address changes a render before the refetch starts, so the count is polled rather than read once.
    const keyTotal = (await api<SupervisionList>(page, '/api/supervision?kind=key&pageSize=1')).total;
    await expect.poll(() => totalShown(page), { timeout: 10_000 }).toBe(keyTotal);

    await page.getByTestId('filter-overdue').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^逾期$/ })
      .click();
    await page.waitForURL(/overdue=true/);
    await settled(page);
    const overdue = await api<SupervisionList>(page, '/api/supervision?kind=key&overdue=true&pageSize=100');
    await expect.poll(() => totalShown(page).catch(() => 0), { timeout: 10_000 }).toBe(overdue.total);
    if (overdue.total > 0) {
      await ledger.locator('tr.ant-table-row').first().waitFor();
      const lights = await ledger.getByTestId('light').evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
      expect(new Set(lights)).toEqual(new Set(['red']));
    }
    const exportHref = await page.getByRole('link', { name: /导出台账/ }).getAttribute('href');
    expect(exportHref).toContain('kind=key');
    expect(exportHref).toContain('overdue=true');

    // 交办日期: a range opens from the address too, and the pickers show it.
    const from = new Date(Date.now() - 20 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.goto(`/supervision?from=${from}&to=${to}`);
    await settled(page);
    const range = page.locator('.ant-picker-range');
    expect(await range.locator('input').nth(0).inputValue()).toBe(from);
    expect(await range.locator('input').nth(1).inputValue()).toBe(to);
    const inRange = await api<SupervisionList>(page, `/api/supervision?from=${from}&to=${to}&pageSize=1`);
    expect(inRange.total).toBeGreaterThan(0);
    expect(await totalShown(page)).toBe(inRange.total);
    await shot(page, 'supervision-ledger-filters');
  });

  it('from 立项 to 销号: the office creates, the division accepts, reports and asks to close, the leader approves', async () => {
    const { page } = b;
    itemUrl = await createItem(page, TITLE, DEADLINE);
    // The deadline is marked 暂定 exactly when its year's 放假安排 is not published. A month
    // ahead lands in the next year from early December, so the answer comes from the calendar,
    // never from the date the suite runs on (the unpublished case has its own test below).
    const year = Number(DEADLINE.slice(0, 4));
    const { provisional } = await api<CalendarYearView>(page, `/api/calendar/${year}`);
    expect((await page.getByTestId('deadline-provisional').count()) > 0).toBe(provisional);
    await logout(page);

    await login(page, 'div1_head');
    await page.goto(itemUrl);
    await page.getByRole('button', { name: /签\s*收/ }).click();
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await page.getByTestId('actions').getByRole('button', { name: '报送进展' }).waitFor();
    // Only the actions the server offers this division head now.
    expect(await page.getByTestId('actions').getByRole('button').allInnerTexts()).toEqual(['报送进展', '申请办结', '申请延期']);
    // A refused action keeps its dialog open with the server's reason; cancelling leaves the item as it was.
    await page.getByTestId('actions').getByRole('button', { name: '申请延期' }).click();
    const ext = page.locator('.ant-modal').filter({ hasText: '申请延期：' });
    await ext.getByLabel('申请延至').click();
    await ext.getByLabel('申请延至').fill(DEADLINE);
    await ext.getByLabel('申请延至').press('Enter');
    await ext.getByLabel(/延期理由/).fill('需征求相关处室意见。');
    await ext.getByRole('button', { name: /提\s*交/ }).click();
    await ext.getByTestId('action-error').filter({ hasText: '延期后的时限须晚于现时限' }).waitFor();
    await shot(page, 'supervision-action-error');
    await ext.getByRole('button', { name: /取\s*消/ }).click();
    await ext.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.locator('.ant-modal').getByLabel('本周进展').fill('已制定专项行动方案，任务分解到各处室。');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await page.getByTestId('updates').getByText('已制定专项行动方案，任务分解到各处室。').waitFor();
    await page.getByRole('button', { name: '申请办结' }).click();
    await page.locator('.ant-modal').getByLabel('办理结果').fill('专项行动方案已印发，各项任务已落实。');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await page.getByText('办理结果（待局领导审核销号）').waitFor();
    await logout(page);

    await login(page, 'leader1');
    await page.goto(itemUrl);
    await page.getByRole('button', { name: '同意销号' }).click();
    await page.locator('.ant-modal').getByLabel('意见（可不填）').fill('同意销号。');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await page.getByText(/已销号（王局长/).waitFor();
    await page
      .locator('.ant-modal-wrap')
      .first()
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    const timeline = page.getByTestId('timeline');
    for (const step of ['立项', '签收', '报送进展', '申请办结', '同意销号']) await timeline.getByText(step, { exact: true }).first().waitFor();
    await shot(page, 'supervision-item-closed', true);
  });

  it('a deadline in a year whose 放假安排 is not published is marked 暂定 on the item page and in the ledger, with the reason on hover', async () => {
    const { page } = b;
    await login(page, 'office_clerk');
    // The first coming year the calendar has no official schedule for (the shipped table ends with some year).
    let year = new Date().getUTCFullYear() + 1;
    while (!(await api<CalendarYearView>(page, `/api/calendar/${year}`)).provisional) year++;
    const title = `${year}年一季度完成整改验收（浏览器测试 ${Date.now() % 100000}）`;
    const url = await createItem(page, title, `${year}-03-31`);
    const item = await api<SupervisionFields>(page, `/api/supervision${url.slice('/supervision'.length)}`);
    expect(item.deadlineProvisional).toBe(true);
    const tag = page.getByTestId('deadline-provisional');
    await tag.waitFor();
    await tag.hover();
    await page.locator('.ant-tooltip:visible').filter({ hasText: '节假日安排未公布，期限按暂定日历计算' }).waitFor();
    await shot(page, 'supervision-item-provisional');

    await page.goto(`/supervision?q=${encodeURIComponent(title.slice(0, 12))}`);
    const row = page.getByTestId('ledger').locator('tr.ant-table-row').filter({ hasText: title });
    await row.waitFor();
    await row.getByTestId('deadline-provisional').waitFor();
    await settled(page);
    await shot(page, 'supervision-ledger-provisional');
    await logout(page);
  });

  it('a deadline entered on a Sunday moves to the next working day: the form says so beforehand, the item page afterwards', async () => {
    const { page } = b;
    await login(page, 'office_clerk');
    // A Sunday two to three weeks ahead (Beijing date) that is not a 调休 workday.
    const day = new Date(Date.now() + 8 * 3_600_000 + 14 * 86_400_000);
    day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
    let sunday = day.toISOString().slice(0, 10);
    const cal = await api<CalendarYearView>(page, `/api/calendar/${sunday.slice(0, 4)}`);
    if (cal.makeupWorkdays.includes(sunday)) sunday = new Date(day.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.goto('/supervision');
    await page.getByTestId('new-item').click();
    await page.locator('.ant-modal').getByText('办结时限为周末或法定节假日的，顺延至其后第一个工作日').waitFor();
    await page.keyboard.press('Escape');
    const title = `周日时限顺延（浏览器测试 ${Date.now() % 100000}）`;
    const url = await createItem(page, title, sunday);
    const item = await api<SupervisionFields>(page, `/api/supervision${url.slice('/supervision'.length)}`);
    expect(item.deadlineEntered).toBe(sunday);
    expect(item.deadline > sunday).toBe(true);
    const tag = page.getByTestId('supervision-deadline-moved');
    await tag.waitFor();
    expect(await tag.innerText()).toContain('为休息日，顺延至下一个工作日');
    await shot(page, 'supervision-item-deadline-moved');
    await logout(page);
  });

  it('the weekly report shows every section as the API has it, moves between weeks and downloads the bulletin .docx; the division view lists what is owed', async () => {
    const { page } = b;
    await login(page, 'leader1');
    await page.goto('/supervision/report');
    await page.getByTestId('weekly-report').waitFor();
    const chart = page.getByTestId('division-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('监管一处');
    await settled(page);
    const sectionCount = async (title: string) =>
      (
        await page
          .locator('.ant-card')
          .filter({ has: page.locator('.ant-card-head-title', { hasText: title }) })
          .locator('.ant-card-head .ant-tag')
          .innerText()
      ).trim();
    const checkSections = async (r: WeeklyReport) => {
      const want: [string, number][] = [
        ['逾期事项（点名）', r.overdue.length],
        ['临期事项', r.dueSoon.length],
        ['在办事项进展', r.inProgress.length],
        ['本周新立项', r.newItems.length],
        ['本周办结销号', r.closedItems.length],
        ['延期申请', r.extensions.length],
        ['需协调事项', r.coordination.length],
        ['一周一督未报送进展', r.missingUpdates.length],
        ['下周节点', r.nextWeekMilestones.length],
      ];
      for (const [title, n] of want) expect(await sectionCount(title), title).toBe(`${n} 件`);
    };
    const current = await api<WeeklyReport>(page, '/api/supervision/weekly-report');
    await checkSections(current);
    expect(current.inProgress.length).toBeGreaterThan(0);
    // The overdue are named with their division.
    for (const o of current.overdue)
      await page
        .locator('.ant-card')
        .filter({ hasText: '逾期事项（点名）' })
        .getByRole('row')
        .filter({ hasText: o.number })
        .filter({ hasText: o.responsible })
        .waitFor();
    await shot(page, 'supervision-weekly-report', true);

    const download = page.waitForEvent('download');
    await page.getByTestId('report-docx').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`督办周报-${current.week}.docx`);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByRole('button', { name: /上一周/ }).click();
    await page.waitForURL(/week=\d{4}-W\d{2}/);
    const prevWeek = new URL(page.url()).searchParams.get('week') ?? '';
    expect(prevWeek < current.week).toBe(true);
    const prev = await api<WeeklyReport>(page, `/api/supervision/weekly-report?week=${prevWeek}`);
    await page
      .getByText(`${prevWeek.slice(0, 4)}年第${Number(prevWeek.slice(6))}周`)
      .first()
      .waitFor();
    await settled(page);
    await checkSections(prev);
    expect(prev.issued).toBe(true);
    await page.getByText(/已于 .* 发布/).waitFor();
    await shot(page, 'supervision-weekly-report-previous', true);
    await page.getByRole('button', { name: /本\s*周/ }).click();
    await page.waitForURL((u) => !u.searchParams.has('week'));
    await page.getByText('本周进行中（未定稿）').waitFor();
    await logout(page);

    await login(page, 'div2_staff');
    await page.goto('/supervision/division');
    await page.getByTestId('division-items').locator('tr.ant-table-row').first().waitFor();
    await page.getByRole('heading', { name: '监管二处本周应办' }).waitFor();
    await shot(page, 'supervision-division');
  });

  it('a suspended item offers 上传 exactly when the rights the server sends with it say so: to the office, not to the division', async () => {
    const { page } = b;
    // The scene through the API: an item of 监管一处, suspended by the office director.
    const clerk = await apiAs('office_clerk');
    const director = await apiAs('office_director');
    let path = '';
    try {
      const { divisions } = await clerk.get<{ divisions: { id: string; name: string }[] }>('/api/supervision/options');
      const lead = divisions.find((d) => d.name === '监管一处');
      if (!lead) throw new Error('no 监管一处 in the demo bureau');
      const item = await clerk.send<WorkflowView<SupervisionFields>>('POST', '/api/supervision', {
        title: `暂缓事项的附件（浏览器测试 ${Date.now() % 100000}）`,
        content: '等待上级统一部署后再行办理。',
        source: 'director_meeting',
        leadDivisionId: lead.id,
        deadline: DEADLINE,
        kind: 'active',
      });
      await director.send('POST', `/api/supervision/${item.id}/transitions`, { action: 'suspend', version: item.version, reason: '等待上级统一部署' });
      path = `/supervision/${item.id}`;
    } finally {
      await clerk.close();
      await director.close();
    }
    const seen: Record<string, boolean> = {};
    for (const who of ['office_clerk', 'div1_head', 'leader1']) {
      await login(page, who);
      const rights = (await api<SupervisionFields>(page, `/api${path}`)).rights;
      await page.goto(path);
      await page.getByText('暂缓：等待上级统一部署').waitFor();
      const card = page.locator('.ant-card', { hasText: '办结材料与附件' });
      await card.getByText('暂无附件').waitFor();
      await settled(page);
      const offered = (await card.getByRole('button', { name: /上\s*传/ }).count()) === 1;
      expect(offered, who).toBe(rights.mayAttach);
      seen[who] = offered;
      await shot(page, `supervision-suspended-attach-${who}`);
      await logout(page);
    }
    // What the server accepts: the office adds material to a suspended item, the division and the leaders do not.
    expect(seen).toEqual({ office_clerk: true, div1_head: false, leader1: false });
  });
});
