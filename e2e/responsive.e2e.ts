import { afterAll, describe, expect, it } from 'vitest';
import { login, menuEntries, openSession, type Session, shot, skipReason } from './harness/browser.js';

describe.skipIf(skipReason() !== '')('手机与大屏布局', () => {
  const sessions: Session[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });

  it('at 375 px the menu lives in a drawer and nothing overflows sideways', async () => {
    const s = await openSession({ width: 375, height: 812 });
    sessions.push(s);
    await s.page.goto('/login');
    await s.page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await shot(s.page, 'mobile-375-login');
    await login(s.page, 'leader1');
    expect(await s.page.locator('.zs-sider').count()).toBe(0);
    expect(await s.page.getByTestId('mobile-user').innerText()).toContain('王局长');
    await shot(s.page, 'mobile-375-workbench', true);
    await s.page.getByTestId('menu-toggle').click();
    const menu = await menuEntries(s.page);
    expect(menu).toContain('收文管理');
    await shot(s.page, 'mobile-375-drawer');
    await s.page.locator('nav[aria-label="功能导航"]').getByRole('link', { name: '待办中心' }).click();
    await s.page.getByRole('heading', { name: '待办中心' }).waitFor();
    await s.page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    await shot(s.page, 'mobile-375-todos');
    const overflow = await s.page.evaluate<string>(
      `(() => { const w = window.innerWidth; const wide = [...document.querySelectorAll('#zs-main *')].filter((e) => e.getBoundingClientRect().right > w + 0.5).slice(0, 5).map((e) => e.tagName + '.' + String(e.className).slice(0, 60)); return (document.documentElement.scrollWidth - w) + ' ' + wide.join(' | '); })()`,
    );
    // The page itself must not scroll sideways (wide parts such as filter bars scroll inside their own box).
    expect(Number(overflow.split(' ')[0]), `page wider than the screen; widest parts: ${overflow}`).toBeLessThanOrEqual(0);
  });

  it('at 1920 px the full menu and the workbench fit the screen', async () => {
    const s = await openSession({ width: 1920, height: 1080 });
    sessions.push(s);
    await login(s.page, 'leader1');
    expect(await s.page.locator('.zs-sider').isVisible()).toBe(true);
    await shot(s.page, 'desktop-1920-workbench');
    // A module whose screens are still to come opens a tidy 建设中 page, not a blank one.
    await s.page.goto('/people');
    await s.page.getByRole('heading', { name: '队伍建设' }).waitFor();
    await shot(s.page, 'desktop-1920-module-page');
  });
});
