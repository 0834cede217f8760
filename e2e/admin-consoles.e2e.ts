import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, login, logout, menuEntries, openSession, type Session, shot, skipReason } from './harness/browser.js';

// One story across the three separated administrators (三员), then the new
// user's first login: created by sysadmin, granted a role by secadmin, both
// seen and the chain verified by the auditor.
const NEW_USER = 'e2e_clerk';
const NEW_NAME = '测试科员';
const INITIAL_PASSWORD = 'Init#Pass2026x';
const NEW_PASSWORD = 'Fresh!Key2026q';

async function pickTreeOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: option }).first().click();
}

async function pickSelectOption(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.getByLabel(label).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Clicks 查询 and waits until the table shows the answer to this query, not the previous one. */
async function search(page: Page, apiPath: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === apiPath && r.request().method() === 'GET'),
    page.getByRole('button', { name: '查询' }).click(),
  ]);
  await page.locator('.ant-table .ant-spin-spinning').first().waitFor({ state: 'detached' });
}

async function row(page: Page, testId: string, text: string) {
  const r = page.getByTestId(testId).locator('tr.ant-table-row', { hasText: text });
  await r.first().waitFor();
  return r.first();
}

/** The route exists when an anonymous call is refused (401) rather than unknown (404). */
async function routeExists(path: string): Promise<boolean> {
  const r = await fetch(`${baseUrl()}${path}`);
  return r.status !== 404;
}

describe.skipIf(skipReason() !== '')('管理员控制台（三员）', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1920, height: 1080 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('sysadmin adds a unit to the org tree', async () => {
    await login(s.page, 'sysadmin');
    expect(new URL(s.page.url()).pathname).toBe('/system/units');
    await s.page.getByTestId('unit-tree').getByText('监管一处').waitFor();
    await s.page.getByRole('button', { name: '新建单位' }).click();
    await s.page.getByLabel('单位名称').fill('监管三处');
    await s.page.getByRole('button', { name: '创建' }).click();
    await s.page.getByTestId('unit-tree').getByText('监管三处').waitFor();
    await s.page.getByTestId('unit-tree').getByText('监管三处').click();
    if (await routeExists('/api/admin/units')) {
      await s.page.getByLabel('单位名称').fill('监管三处（筹）');
      await s.page.getByRole('button', { name: '保存修改' }).click();
      await s.page.getByTestId('unit-tree').getByText('监管三处（筹）').waitFor();
    }
    await shot(s.page, 'admin-sysadmin-units');
  });

  it('sysadmin creates an account, which must change its password at first login', async () => {
    await s.page.goto('/system/accounts');
    await row(s.page, 'accounts-table', 'leader1');
    await s.page.getByRole('button', { name: '新建账号' }).click();
    await s.page.getByLabel('用户名').fill(NEW_USER);
    await s.page.getByLabel('姓名').fill(NEW_NAME);
    await pickTreeOption(s.page, '所属单位', '监管一处');
    await s.page.getByLabel('初始密码').fill(INITIAL_PASSWORD);
    await shot(s.page, 'admin-sysadmin-create-account-form');
    await s.page.getByRole('button', { name: '创建' }).click();
    await s.page.getByText(`已新建账号 ${NEW_USER}`).waitFor();
    const r = await row(s.page, 'accounts-table', NEW_USER);
    expect(await r.innerText()).toContain('待改密');
    expect(await r.innerText()).toContain('未授权');
    await shot(s.page, 'admin-sysadmin-accounts');
    await logout(s.page);
  });

  it('secadmin grants the new account a role, and 三员分立 is enforced in the form', async () => {
    await login(s.page, 'secadmin');
    expect(new URL(s.page.url()).pathname).toBe('/security/grants');
    await s.page.getByRole('searchbox', { name: '搜索账号' }).fill(NEW_USER);
    await search(s.page, '/api/admin/users');
    const r = await row(s.page, 'grants-table', NEW_USER);
    await r.getByRole('button', { name: `为 ${NEW_USER} 授权` }).click();
    await s.page.getByTestId('role-staff').click();
    await s.page.getByTestId('role-auditor').click();
    await s.page.getByText('三员分立：管理员账号不能同时拥有业务角色').waitFor();
    await shot(s.page, 'admin-secadmin-grant-conflict');
    await s.page.getByTestId('role-auditor').click();
    await s.page.getByRole('button', { name: '保存授权' }).click();
    await s.page.getByText(`已更新 ${NEW_NAME}（${NEW_USER}）的角色`).waitFor();
    expect(await (await row(s.page, 'grants-table', NEW_USER)).innerText()).toContain('处室工作人员');
    await shot(s.page, 'admin-secadmin-grants');
  });

  it('secadmin changes the security policy', async () => {
    await s.page.goto('/security/policy');
    const idle = s.page.getByLabel('无操作自动退出');
    await idle.fill('45');
    await s.page.getByRole('button', { name: '保存策略' }).click();
    await s.page.getByText('安全策略已保存').waitFor();
    await s.page.reload();
    expect(await s.page.getByLabel('无操作自动退出').inputValue()).toBe('45');
    await shot(s.page, 'admin-secadmin-policy');
    await logout(s.page);
  });

  it('the auditor finds both actions in the audit log and verifies the chain', async () => {
    await login(s.page, 'auditor');
    expect(new URL(s.page.url()).pathname).toBe('/audit/log');
    await pickSelectOption(s.page, '操作类型', 'org.user_create');
    await search(s.page, '/api/audit');
    const created = await row(s.page, 'audit-table', `账号：${NEW_USER}`);
    expect(await created.innerText()).toContain('新建账号');
    expect(await created.innerText()).toContain('系统管理员');

    await s.page.getByLabel('操作人').fill('安全保密管理员');
    await pickSelectOption(s.page, '操作类型', 'org.role_grant');
    await search(s.page, '/api/audit');
    const granted = await row(s.page, 'audit-table', `账号：${NEW_USER}`);
    expect(await granted.innerText()).toContain('授予角色');
    expect(await granted.innerText()).toContain('处室工作人员');
    await shot(s.page, 'admin-auditor-filtered');

    await s.page.getByRole('button', { name: '校验日志完整性' }).click();
    const result = s.page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/校验通过：共 \d+ 条审计记录/);
    await shot(s.page, 'admin-auditor-verified');
    await logout(s.page);
  });

  it('the new account must change its password at first login, under the shown rules', async () => {
    await s.context.clearCookies();
    await s.page.goto('/login');
    await s.page.getByLabel('用户名').fill(NEW_USER);
    await s.page.getByLabel('密码', { exact: true }).fill(INITIAL_PASSWORD);
    await s.page.getByRole('button', { name: '登录', exact: true }).click();
    await s.page.waitForURL(/\/change-password/);
    expect(await s.page.getByTestId('password-change-reason').innerText()).toContain('您的密码是系统管理员设置的');
    expect(await s.page.getByTestId('password-rules').innerText()).toContain('长度至少');
    // Anything else is closed until the password is changed.
    await s.page.goto('/todos');
    await s.page.waitForURL(/\/change-password/);

    await s.page.getByLabel('当前密码').fill(INITIAL_PASSWORD);
    await s.page.getByLabel('新密码', { exact: true }).fill('short');
    await s.page.getByLabel('确认新密码').fill('short');
    await s.page.getByRole('button', { name: '修改并进入系统' }).click();
    await s.page.getByText('新密码长度至少').waitFor();
    await shot(s.page, 'forced-password-change');

    await s.page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await s.page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await s.page.getByRole('button', { name: '修改并进入系统' }).click();
    await s.page.getByTestId('user-menu').waitFor();
    expect(await s.page.getByTestId('user-name').innerText()).toBe(NEW_NAME);
    const menu = await menuEntries(s.page);
    expect(menu).toContain('待办中心');
    expect(menu).not.toContain('领导驾驶舱');
    await shot(s.page, 'forced-password-change-done');
    await logout(s.page);
  });
});
