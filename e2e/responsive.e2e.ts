import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { login, menuEntries, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/**
 * How far the page scrolls sideways (0 when it fits), with the widest parts
 * named for the failure message. Wide parts such as tables and filter bars
 * may scroll inside their own box; the page itself must not.
 */
async function sidewaysOverflow(page: Page): Promise<{ px: number; widest: string }> {
  const text = await page.evaluate<string>(
    `(() => { const w = window.innerWidth; const wide = [...document.querySelectorAll('#zs-main *')].filter((e) => e.getBoundingClientRect().right > w + 0.5).slice(0, 5).map((e) => e.tagName + '.' + String(e.className).slice(0, 60)); return (document.documentElement.scrollWidth - w) + ' ' + wide.join(' | '); })()`,
  );
  const [px, ...rest] = text.split(' ');
  return { px: Number(px), widest: rest.join(' ') };
}

/** The pages each account opens on a phone: 个人中心 and every administrator console. */
const PHONE_PAGES: { user: string; paths: string[] }[] = [
  { user: 'div1_head', paths: ['/me', '/me?tab=password', '/me?tab=sessions', '/me?tab=delegations'] },
  { user: 'sysadmin', paths: ['/system/units', '/system/accounts', '/system/calendar', '/me'] },
  { user: 'secadmin', paths: ['/security/grants', '/security/policy'] },
  { user: 'auditor', paths: ['/audit/log'] },
];

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
    const overflow = await sidewaysOverflow(s.page);
    expect(overflow.px, `page wider than the screen; widest parts: ${overflow.widest}`).toBeLessThanOrEqual(0);
  });

  it('at 375 px 个人中心 and the administrator consoles fit the screen', async () => {
    const s = await openSession({ width: 375, height: 812 });
    sessions.push(s);
    const tooWide: string[] = [];
    for (const { user, paths } of PHONE_PAGES) {
      await login(s.page, user);
      for (const path of paths) {
        await s.page.goto(path);
        await settled(s.page);
        const name = `mobile-375-${user}-${path.replace(/[/?=]+/g, '-').replace(/^-|-$/g, '')}`;
        await shot(s.page, name);
        const overflow = await sidewaysOverflow(s.page);
        if (overflow.px > 0) tooWide.push(`${user} ${path}: ${overflow.px} px (${overflow.widest})`);
      }
    }
    expect(tooWide).toEqual([]);
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
