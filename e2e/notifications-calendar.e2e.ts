import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingOptions } from '../src/shared/incoming.js';
import { apiAs } from './harness/api.js';
import { login, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/** The unread count the bell announces to screen readers ("消息通知，3 条未读"). */
async function unreadOf(s: Session): Promise<number> {
  const label = (await s.page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+) 条未读/.exec(label)?.[1] ?? NaN);
}

describe.skipIf(skipReason() !== '')('工作日历、消息通知与委托代理', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the sysadmin enters 2027 (no notice yet) and sees the new off day marked on the year grid', async () => {
    await login(s.page, 'sysadmin');
    await s.page.locator('nav[aria-label="功能导航"]').getByRole('link', { name: '工作日历' }).click();
    await s.page.getByRole('heading', { name: '工作日历' }).waitFor();
    // antd puts the test id on the picker's own input.
    const year = s.page.locator('[data-testid="calendar-year"] input, input[data-testid="calendar-year"]');
    await year.click();
    await year.fill('2027');
    await year.press('Enter');
    await s.page.getByRole('grid', { name: '2027年1月' }).waitFor();
    expect(await s.page.getByTestId('calendar-source').innerText()).toBe('无数据（暂按周末）');
    expect(await s.page.getByTestId('calendar-provisional').isVisible()).toBe(true);
    await shot(s.page, 'calendar-2027-provisional', true);

    const day = s.page.locator('[data-date="2027-01-01"]');
    expect(await day.getAttribute('data-kind')).toBe('work');
    const add = s.page.getByTestId('calendar-off-days').locator('input');
    await add.click();
    await add.fill('2027-01-01');
    await add.press('Enter');
    await s.page.getByTestId('calendar-off-days').getByText('2027-01-01（周五）').waitFor();
    const [res] = await Promise.all([
      s.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/calendar/2027' && r.request().method() === 'PUT'),
      s.page.getByTestId('calendar-save').click(),
    ]);
    expect(res.status()).toBe(200);
    await s.page.getByText('2027年工作日历已保存').waitFor();
    expect(await s.page.getByTestId('calendar-source').innerText()).toBe('人工录入');
    expect(await day.getAttribute('data-kind')).toBe('off');
    await s.page.getByRole('button', { name: '恢复内置数据' }).waitFor();
    await shot(s.page, 'calendar-2027-saved', true);
  });

  it('a leader opens the bell, sees unread first with relative times, and opening one marks it read', async () => {
    await login(s.page, 'leader1');
    const before = await unreadOf(s);
    expect(before).toBeGreaterThan(0);
    await s.page.getByTestId('notification-bell').click();
    const panel = s.page.getByTestId('notification-panel');
    await panel.getByTestId('notification-item').first().waitFor();
    const flags: (string | null)[] = [];
    for (const item of await panel.getByTestId('notification-item').all()) flags.push(await item.getAttribute('data-read'));
    // Unread first: no unread item after a read one.
    expect(flags.join('')).toMatch(/^0*1*$/);
    expect(await panel.locator('time').first().innerText()).toMatch(/刚刚|分钟前|小时前|昨天|天前|月/);
    // Each item names its module (kinds are `<module>.<event>`, e.g. incoming.urgent).
    const tags = await panel.locator('[data-testid="notification-item"] .ant-tag').allInnerTexts();
    expect(tags.length).toBeGreaterThan(0);
    // A module's name in Chinese (收文, 督办, 信息报送, 信访 …), never a raw `<module>.<event>` code.
    expect(tags.filter((t) => !/^[\u4e00-\u9fff（）·]{2,8}$/u.test(t))).toEqual([]);
    await shot(s.page, 'notifications-open');

    const first = panel.locator('[data-testid="notification-item"][data-read="0"]').first();
    const [res] = await Promise.all([
      s.page.waitForResponse((r) => /\/api\/notifications\/[^/]+\/read$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'),
      first.locator('button').click(),
    ]);
    expect(res.status()).toBe(200);
    await expect.poll(() => unreadOf(s)).toBe(before - 1);
    await settled(s.page);
    await shot(s.page, 'notifications-opened-item');
  });

  it("the badge of an open page rises without a reload when another user's action notifies this user", async () => {
    await login(s.page, 'leader1');
    const before = await unreadOf(s);
    // Set on this very document: a reload or navigation would drop it.
    await s.page.evaluate('window.__zsSamePage = true');
    const pageLoads: string[] = [];
    s.page.on('framenavigated', (f) => {
      if (f === s.page.mainFrame()) pageLoads.push(f.url());
    });

    // Another user, in another client: the clerk registers a 收文 and proposes it to 王局长 (leader1).
    const clerk = await apiAs('office_clerk');
    try {
      const opts = await clerk.get<IncomingOptions>('/api/incoming/options');
      const wang = opts.leaders.find((l) => l.name === '王局长');
      expect(wang).toBeDefined();
      const stamp = Date.now() % 100000;
      const doc = await clerk.send<{ id: string; version: number }>('POST', '/api/incoming', {
        sourceOrg: '财政部办公厅',
        sourceDocNumber: `财办〔2026〕${stamp}号`,
        title: `财政部办公厅关于做好年终决算工作的通知（推送测试${stamp}）`,
        docType: '通知',
        classification: 'internal',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-25',
      });
      await clerk.send('POST', `/api/incoming/${doc.id}/transitions`, {
        action: 'propose',
        version: doc.version,
        opinion: '拟请王局长批示',
        leaderIds: [wang?.id],
      });
    } finally {
      await clerk.close();
    }

    // The stream pushes within a few seconds; the fallback poll would take a minute.
    await expect.poll(() => unreadOf(s), { timeout: 15_000, interval: 250 }).toBe(before + 1);
    expect(await s.page.evaluate('window.__zsSamePage === true')).toBe(true);
    expect(pageLoads).toEqual([]);
    await s.page.getByTestId('notification-bell').click();
    await s.page.getByTestId('notification-panel').getByText('推送测试').first().waitFor();
    await shot(s.page, 'notifications-pushed');
    await s.page.keyboard.press('Escape');
  });

  it('leader1 delegates to 赵主任, who then acts for 王局长 with a visible banner and can switch back', async () => {
    await login(s.page, 'leader1');
    await s.page.goto('/me?tab=delegations');
    const form = s.page.getByTestId('delegation-form');
    await form.waitFor();
    await form.getByLabel('被委托人').click();
    await s.page.keyboard.type('赵主任');
    await s.page.locator('.ant-select-item-option', { hasText: '赵主任' }).first().click();
    await form.getByLabel('事由').fill('赴省厅参加培训');
    const [res] = await Promise.all([
      s.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me/delegations' && r.request().method() === 'POST'),
      s.page.getByTestId('delegation-submit').click(),
    ]);
    expect(res.status()).toBe(201);
    await s.page.getByTestId('delegations-given').getByText('赵主任').waitFor();
    await shot(s.page, 'delegation-given', true);

    await login(s.page, 'office_director');
    const select = s.page.getByTestId('acting-select');
    await select.click();
    // Switching refetches what is on screen (the 待办 badge among it), now naming the principal.
    const [todos] = await Promise.all([
      s.page.waitForRequest((r) => new URL(r.url()).pathname === '/api/todos'),
      s.page.locator('.ant-select-item-option', { hasText: '以王局长身份办理' }).click(),
    ]);
    expect(await todos.headerValue('x-acting-for')).toMatch(/^[0-9a-f-]{36}$/i);
    const banner = s.page.getByTestId('acting-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('正在代理 王局长 办理');
    await s.page.locator('nav[aria-label="功能导航"]').getByRole('link', { name: '待办中心' }).click();
    await s.page.getByRole('heading', { name: '待办中心' }).waitFor();
    await settled(s.page);
    await shot(s.page, 'acting-for-leader');

    await banner.getByRole('button', { name: '切换回本人' }).click();
    await banner.waitFor({ state: 'detached' });
  });
});
