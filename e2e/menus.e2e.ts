import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, menuEntries, openSession, type Session, shot, skipReason } from './harness/browser.js';

const BUSINESS_MODULES = ['收文管理', '发文管理', '督查督办', '信息报送', '信访工作', '会务管理', '物资与后勤', '制度库', '队伍建设'];
const CONSOLES = ['组织机构', '用户账号', '角色授权', '安全策略', '审计日志'];

async function menuOf(s: Session, username: string): Promise<string[]> {
  await login(s.page, username);
  const entries = await menuEntries(s.page);
  await shot(s.page, `menu-${username}`);
  await logout(s.page);
  return entries;
}

describe.skipIf(skipReason() !== '')('菜单按角色显示', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a bureau leader sees the business modules, the cockpit, budget and secrecy, and no console', async () => {
    const m = await menuOf(s, 'leader1');
    for (const e of ['工作台', '待办中心', '领导驾驶舱', ...BUSINESS_MODULES, '经费预算与绩效', '保密管理', '个人中心']) expect(m).toContain(e);
    for (const e of CONSOLES) expect(m).not.toContain(e);
  });

  it('division staff see their work and 保密管理 (their own training and 自查 sheet), but not the cockpit, budget or any console', async () => {
    const m = await menuOf(s, 'div1_staff');
    for (const e of ['工作台', '待办中心', ...BUSINESS_MODULES, '保密管理', '个人中心']) expect(m).toContain(e);
    for (const e of ['领导驾驶舱', '经费预算与绩效', ...CONSOLES]) expect(m).not.toContain(e);
  });

  it('each administrator sees only their own console (三员分立)', async () => {
    expect(await menuOf(s, 'sysadmin')).toEqual(['组织机构', '用户账号', '工作日历', '个人中心']);
    expect(await menuOf(s, 'secadmin')).toEqual(['角色授权', '安全策略', '个人中心']);
    expect(await menuOf(s, 'auditor')).toEqual(['审计日志', '个人中心']);
  });

  it('a console opened by URL by the wrong administrator says 无权访问', async () => {
    await login(s.page, 'sysadmin');
    await s.page.goto('/audit/log');
    await s.page.getByText('无权访问').waitFor();
    await s.page.goto('/incoming');
    await s.page.getByText('无权访问').waitFor();
    await shot(s.page, 'menu-forbidden');
    await logout(s.page);
  });
});
