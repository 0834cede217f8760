import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from './harness/api.js';
import { fillLogin, login, logout, menuEntries, openSession, type Session, shot, skipReason } from './harness/browser.js';

// One story across the three separated administrators (三员), then the new
// user's first login: created by sysadmin, granted a role by secadmin, both
// seen and the chain verified by the auditor.
const NEW_USER = 'e2e_clerk';
const NEW_NAME = '测试科员';
const INITIAL_PASSWORD = 'Init#Pass2026x';
const NEW_PASSWORD = 'Fresh!Key2026q';
const RESET_PASSWORD = 'Reset#Pass2026w';
const AFTER_RESET_PASSWORD = 'Again!Key2026r';
const LEAVER = 'e2e_leaver';
const LEAVER_PASSWORD = 'Leave#Pass2026v';

async function pickTreeOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: option }).first().click();
}

async function pickSelectOption(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.getByLabel(label).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/**
 * Types both ends of the audit log's date range (confirmed by Enter, which may
 * already submit the form), then 查询, and waits for the answer to this range.
 */
async function searchRange(page: Page, from: string, to: string): Promise<void> {
  // The browser runs in Asia/Shanghai; the page sends the start of that day as UTC.
  const fromUtc = new Date(`${from}T00:00:00+08:00`).toISOString();
  const answered = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/audit' && r.request().method() === 'GET' && u.searchParams.get('from') === fromUtc && u.searchParams.has('to');
  });
  const start = page.getByLabel('开始日期');
  await start.click();
  await start.fill(from);
  await start.press('Enter');
  const end = page.getByLabel('结束日期');
  await end.fill(to);
  await end.press('Enter');
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: '查询' }).click();
  await answered;
  await page.locator('.ant-table .ant-spin-spinning').first().waitFor({ state: 'detached' });
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

/** The text of one row of the unit detail (单位名称, 上级单位, 下级单位 …). */
async function unitFact(page: Page, label: string): Promise<string> {
  return (await page.locator('.ant-descriptions-row', { hasText: label }).locator('td').first().innerText()).trim();
}

/** Opens a unit of the tree by its exact name (the tree also shows each unit's kind, e.g. 办公室). */
async function openUnit(page: Page, name: string): Promise<void> {
  await page
    .getByTestId('unit-tree')
    .locator('.ant-tree-node-content-wrapper')
    .filter({ hasText: new RegExp(`^${name}`) })
    .click();
  await page.locator('.ant-descriptions-row', { hasText: '单位名称' }).filter({ hasText: name }).waitFor();
}

/** Searches the accounts table for one user name and returns its row. */
async function accountRow(page: Page, username: string) {
  await page.getByRole('searchbox', { name: '搜索账号' }).fill(username);
  await search(page, '/api/admin/users');
  return row(page, 'accounts-table', username);
}

describe.skipIf(skipReason() !== '')('管理员控制台（三员）', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1920, height: 1080 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('sysadmin adds a unit to the org tree, renames it and moves it under another unit', async () => {
    await login(s.page, 'sysadmin');
    expect(new URL(s.page.url()).pathname).toBe('/system/units');
    const tree = s.page.getByTestId('unit-tree');
    await tree.getByText('监管一处').waitFor();
    await s.page.getByRole('button', { name: '新建单位' }).click();
    await s.page.getByLabel('单位名称').fill('监管三处');
    await s.page.getByRole('button', { name: '创建' }).click();
    await tree.getByText('监管三处').waitFor();

    await openUnit(s.page, '监管三处');
    expect(await unitFact(s.page, '上级单位')).toBe('（顶级单位）');
    await s.page.getByLabel('单位名称').fill('监管三处（筹）');
    await s.page.getByRole('button', { name: '保存修改' }).click();
    await tree.getByText('监管三处（筹）').waitFor();
    expect(await tree.getByText('监管三处', { exact: true }).count()).toBe(0);

    await pickTreeOption(s.page, '上级单位', '办公室');
    await s.page.getByRole('button', { name: '保存修改' }).click();
    await s.page.locator('.ant-descriptions-row', { hasText: '上级单位' }).filter({ hasText: '办公室' }).waitFor();
    // In the tree it is now one level down, and 办公室 lists it among its units.
    await expect.poll(() => tree.locator('.ant-tree-treenode', { hasText: '监管三处（筹）' }).locator('.ant-tree-indent-unit').count()).toBe(1);
    await openUnit(s.page, '办公室');
    expect(await unitFact(s.page, '下级单位')).toContain('监管三处（筹）');
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

  it('secadmin changes the security policy: lockout, password expiry and idle timeout', async () => {
    await s.page.goto('/security/policy');
    // Values the other browser tests live with: at most 10 tries before a lockout, a long password life.
    const wanted: Record<string, string> = { 连续密码错误锁定次数: '6', 锁定时长: '20', 密码有效期: '120', 无操作自动退出: '45' };
    for (const [label, value] of Object.entries(wanted)) await s.page.getByLabel(label).fill(value);
    await s.page.getByRole('button', { name: '保存策略' }).click();
    await s.page.getByText('安全策略已保存').waitFor();
    await s.page.reload();
    for (const [label, value] of Object.entries(wanted)) expect(await s.page.getByLabel(label).inputValue(), label).toBe(value);
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
  });

  it("the auditor narrows the log by time: a past month holds none of today's actions, today holds them", async () => {
    await s.page.getByRole('button', { name: /重\s?置/ }).click();
    await pickSelectOption(s.page, '操作类型', 'org.user_create');
    await searchRange(s.page, '2020-01-01', '2020-01-31');
    await s.page.getByTestId('audit-table').locator('.ant-table-placeholder').waitFor();
    expect(await s.page.getByTestId('audit-table').locator('tr.ant-table-row').count()).toBe(0);
    await shot(s.page, 'admin-auditor-time-filter-empty');

    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await searchRange(s.page, today, today);
    await row(s.page, 'audit-table', `账号：${NEW_USER}`);
    await shot(s.page, 'admin-auditor-time-filter-today');
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

  it('sysadmin resets the password; at the next login the user must change it again', async () => {
    await login(s.page, 'sysadmin');
    await s.page.goto('/system/accounts');
    const r = await accountRow(s.page, NEW_USER);
    expect(await r.innerText()).not.toContain('待改密');
    await r.getByRole('button', { name: `重置 ${NEW_USER} 的密码` }).click();
    const dialog = s.page.locator('.ant-modal').filter({ hasText: '重置密码' });
    await dialog.getByLabel('新密码').fill(RESET_PASSWORD);
    await shot(s.page, 'admin-sysadmin-reset-password');
    await dialog.getByRole('button', { name: /重\s?置/ }).click();
    await s.page.getByText('密码已重置，该用户下次登录时须修改密码').waitFor();
    await s.page.locator('tr.ant-table-row', { hasText: NEW_USER }).filter({ hasText: '待改密' }).waitFor();
    await logout(s.page);

    // The old password no longer opens the account; the new one leads to the forced change.
    await s.context.clearCookies();
    expect(await fillLogin(s.page, NEW_USER, NEW_PASSWORD)).toBe(401);
    expect(await fillLogin(s.page, NEW_USER, RESET_PASSWORD)).toBe(200);
    await s.page.waitForURL(/\/change-password/);
    expect(await s.page.getByTestId('password-change-reason').innerText()).toContain('您的密码是系统管理员设置的');
    await s.page.getByLabel('当前密码').fill(RESET_PASSWORD);
    await s.page.getByLabel('新密码', { exact: true }).fill(AFTER_RESET_PASSWORD);
    await s.page.getByLabel('确认新密码').fill(AFTER_RESET_PASSWORD);
    await s.page.getByRole('button', { name: '修改并进入系统' }).click();
    await s.page.getByTestId('user-menu').waitFor();
    await shot(s.page, 'admin-reset-password-changed');
    await logout(s.page);
  });

  it('sysadmin disables an account; it can no longer sign in', async () => {
    await createAccount({ username: LEAVER, name: '离岗测试员', unitName: '监管二处', password: LEAVER_PASSWORD });
    await login(s.page, 'sysadmin');
    await s.page.goto('/system/accounts');
    const r = await accountRow(s.page, LEAVER);
    await r.getByRole('button', { name: `停用 ${LEAVER}` }).click();
    await s.page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /停\s?用/ })
      .click();
    await s.page.getByText(`已停用账号 ${LEAVER}`).waitFor();
    await s.page.locator('tr.ant-table-row', { hasText: LEAVER }).filter({ hasText: '已停用' }).waitFor();
    await shot(s.page, 'admin-sysadmin-disabled');
    await logout(s.page);

    await s.context.clearCookies();
    expect(await fillLogin(s.page, LEAVER, LEAVER_PASSWORD)).toBe(403);
    expect((await s.page.getByTestId('login-error').innerText()).trim()).toContain('该账号已停用');
    await shot(s.page, 'login-disabled-account');
  });

  it('the auditor sees the reset and the disabling in the audit log', async () => {
    await login(s.page, 'auditor');
    await pickSelectOption(s.page, '操作类型', 'org.password_reset');
    await search(s.page, '/api/audit');
    const reset = await row(s.page, 'audit-table', `账号：${NEW_USER}`);
    expect(await reset.innerText()).toContain('重置密码');
    expect(await reset.innerText()).toContain('系统管理员');

    await pickSelectOption(s.page, '操作类型', 'org.user_disable');
    await search(s.page, '/api/audit');
    const disabled = await row(s.page, 'audit-table', `账号：${LEAVER}`);
    expect(await disabled.innerText()).toContain('停用账号');
    expect(await disabled.innerText()).toContain('系统管理员');
    await shot(s.page, 'admin-auditor-reset-disable');

    // The refused login of the disabled account is there too.
    await pickSelectOption(s.page, '操作类型', 'auth.login');
    await search(s.page, '/api/audit');
    expect(await (await row(s.page, 'audit-table', '原因：账号已停用')).innerText()).toContain('失败');
    await logout(s.page);
  });
});
