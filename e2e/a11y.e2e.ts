import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, createAccount } from './harness/api.js';
import { login, logout, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

/**
 * Every visible form control of the page that has no accessible name of its
 * own: no <label>, aria-label, aria-labelledby or title. A placeholder does
 * not count (it disappears while typing and many screen readers skip it).
 * Page-side code is text: the e2e files are type-checked without the DOM library.
 */
const UNNAMED_CONTROLS = `(() => {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const text = (e) => (e ? (e.textContent || '').trim() : '');
  const named = (e) =>
    (e.getAttribute('aria-label') || '').trim() !== '' ||
    (e.getAttribute('aria-labelledby') || '').split(/\\s+/).some((id) => id && text(document.getElementById(id)) !== '') ||
    (e.getAttribute('title') || '').trim() !== '' ||
    [...(e.labels || [])].some((l) => text(l) !== '');
  const controls = [...document.querySelectorAll('input, select, textarea, [role="combobox"], [role="searchbox"], [role="textbox"]')]
    .filter((e) => e.getAttribute('type') !== 'hidden' && visible(e));
  return controls.filter((e) => !named(e)).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + String(e.className).slice(0, 50) + ' placeholder=' + (e.getAttribute('placeholder') || ''));
})()`;

async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNNAMED_CONTROLS);
}

/** Presses Tab until the focused element matches `selector`; false when it never does within `max` presses. */
async function tabTo(page: Page, selector: string, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate<boolean>(`!!(document.activeElement && document.activeElement.matches(${JSON.stringify(selector)}))`)) return true;
  }
  return false;
}

/** Starts keyboard travel from the top of the page, as a user arriving on it does. */
async function fromTop(page: Page): Promise<void> {
  await page.locator('body').focus();
  await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
}

/** The pages each account works in, with the dialogs their forms live in. */
const PAGES: { user: string; paths: string[] }[] = [
  {
    user: 'div1_staff',
    paths: [
      '/workbench',
      '/todos',
      '/search?q=通知',
      '/me',
      '/me?tab=password',
      '/me?tab=sessions',
      '/me?tab=delegations',
      '/incoming',
      '/outgoing',
      '/supervision',
    ],
  },
  { user: 'office_clerk', paths: ['/incoming/new', '/outgoing/new'] },
  { user: 'sysadmin', paths: ['/system/units', '/system/accounts', '/system/calendar'] },
  { user: 'secadmin', paths: ['/security/grants', '/security/policy'] },
  { user: 'auditor', paths: ['/audit/log'] },
];

describe.skipIf(skipReason() !== '')('无障碍：标签与键盘操作', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('every visible input, select and text area on the main pages has an accessible name', async () => {
    const missing: string[] = [];
    await s.page.goto('/login');
    await settled(s.page);
    for (const c of await unnamedControls(s.page)) missing.push(`/login: ${c}`);
    for (const { user, paths } of PAGES) {
      await login(s.page, user);
      for (const path of paths) {
        await s.page.goto(path);
        await settled(s.page);
        for (const c of await unnamedControls(s.page)) missing.push(`${user} ${path}: ${c}`);
      }
    }
    // The forms inside dialogs.
    await login(s.page, 'sysadmin');
    await s.page.goto('/system/accounts');
    await settled(s.page);
    await s.page.getByRole('button', { name: '新建账号' }).click();
    await s.page.locator('.ant-modal').filter({ hasText: '新建账号' }).getByLabel('用户名').waitFor();
    for (const c of await unnamedControls(s.page)) missing.push(`sysadmin 新建账号: ${c}`);
    await s.page.keyboard.press('Escape');
    await s.page.goto('/system/units');
    await settled(s.page);
    await s.page.getByRole('button', { name: '新建单位' }).click();
    await s.page.locator('.ant-modal').filter({ hasText: '新建单位' }).getByLabel('单位名称').waitFor();
    for (const c of await unnamedControls(s.page)) missing.push(`sysadmin 新建单位: ${c}`);
    await s.page.keyboard.press('Escape');
    await shot(s.page, 'a11y-units');
    expect(missing).toEqual([]);
  });

  it('sysadmin creates a unit from the keyboard alone', async () => {
    await login(s.page, 'sysadmin');
    await s.page.goto('/system/units');
    await settled(s.page);
    await fromTop(s.page);
    expect(await tabTo(s.page, 'button:has(.anticon-plus)')).toBe(true);
    await s.page.keyboard.press('Enter');
    // The dialog takes the focus; its first field is the unit's name.
    expect(await tabTo(s.page, '#nu-name', 10)).toBe(true);
    await s.page.keyboard.type('键盘处');
    // On through 单位类型, 上级单位 and 排序号 to the dialog's 创建 button.
    expect(await tabTo(s.page, '.ant-modal-footer .ant-btn-primary', 12)).toBe(true);
    await s.page.keyboard.press('Enter');
    await s.page.getByText('已新建单位「键盘处」').waitFor();
    await s.page.getByTestId('unit-tree').getByText('键盘处').waitFor();
    await shot(s.page, 'a11y-keyboard-unit');
    await logout(s.page);
  });

  it('secadmin changes the security policy from the keyboard alone', async () => {
    await login(s.page, 'secadmin');
    await s.page.goto('/security/policy');
    await settled(s.page);
    await fromTop(s.page);
    expect(await tabTo(s.page, '#policy-lockoutMinutes')).toBe(true);
    await s.page.keyboard.press('ControlOrMeta+a');
    await s.page.keyboard.type('25');
    // On through the other fields to the save button.
    expect(await tabTo(s.page, 'button[type="submit"]', 15)).toBe(true);
    await s.page.keyboard.press('Enter');
    await s.page.getByText('安全策略已保存').waitFor();
    await s.page.reload();
    await settled(s.page);
    expect(await s.page.getByLabel('锁定时长').inputValue()).toBe('25');
    await shot(s.page, 'a11y-keyboard-policy');
    await logout(s.page);
  });

  it('the auditor filters the audit log from the keyboard alone', async () => {
    await login(s.page, 'auditor');
    await settled(s.page);
    await fromTop(s.page);
    expect(await tabTo(s.page, '#audit-actor')).toBe(true);
    await s.page.keyboard.type('安全保密管理员');
    await Promise.all([
      s.page.waitForResponse((r) => {
        const u = new URL(r.url());
        return u.pathname === '/api/audit' && u.searchParams.get('actor') === '安全保密管理员';
      }),
      s.page.keyboard.press('Enter'),
    ]);
    await s.page.getByTestId('audit-table').locator('tr.ant-table-row', { hasText: '修改安全策略' }).first().waitFor();
    await shot(s.page, 'a11y-keyboard-audit');
    await logout(s.page);
  });

  it('个人中心 changes the password from the keyboard alone', async () => {
    // An account of its own, so no other browser test finds a demo password changed.
    const username = 'e2e_keys';
    await createAccount({ username, name: '键盘测试员', unitName: '综合处', password: 'First#Pass2026k' });
    const own = await apiAs(username, 'First#Pass2026k');
    await own.send('POST', '/api/me/password', { currentPassword: 'First#Pass2026k', newPassword: 'Keys#Start2026k' });
    await own.close();
    await login(s.page, username, 'Keys#Start2026k');
    await s.page.goto('/me?tab=password');
    await settled(s.page);
    await fromTop(s.page);
    expect(await tabTo(s.page, '#pw-current')).toBe(true);
    await s.page.keyboard.type('Keys#Start2026k');
    expect(await tabTo(s.page, '#pw-new', 5)).toBe(true);
    await s.page.keyboard.type('Keys#Only2026p');
    expect(await tabTo(s.page, '#pw-confirm', 5)).toBe(true);
    await s.page.keyboard.type('Keys#Only2026p');
    await s.page.keyboard.press('Enter');
    await s.page.getByText('密码已修改').waitFor();
    await shot(s.page, 'a11y-keyboard-password');
    await logout(s.page);
  });
});
