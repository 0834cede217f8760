import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_PATH, DEMO_PASSWORD } from './env.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../artifacts/screenshots');

/** The flags of DEVELOPERS.md; the profile directory is given to launchPersistentContext. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Empty when the suite can run; otherwise the reason it is skipped (printed once by the global setup). */
export function skipReason(): string {
  return inject('skipReason');
}

export interface Session {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh Chromium with its own profile (`--user-data-dir`), so cookies never
 * leak between sessions. Motion is reduced, which the client honours by
 * turning antd's animations off: screenshots show settled screens.
 */
export async function openSession(viewport = { width: 1440, height: 900 }, opts: { intranetHost?: string } = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'zhongshu-chromium-'));
  // An intranet host name mapped to the test server: a plain-HTTP origin that
  // is not localhost, so the page is not a secure context (as on a bureau LAN).
  const host = opts.intranetHost;
  const base = host ? baseUrl().replace('127.0.0.1', host) : baseUrl();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: host ? [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${host} 127.0.0.1`] : CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
    baseURL: base,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the signed-in page has drawn its content: no lazy chunk, skeleton or spinner pending. */
export async function settled(page: Page): Promise<void> {
  // First the app itself: mounted, and past "who am I?" (a page opened by goto shows a full-page spinner until then).
  await page.locator('#root > *').first().waitFor();
  await page.locator('.zs-fullpage-spin').first().waitFor({ state: 'detached' });
  if ((await page.locator('#zs-main').count()) === 0) return;
  await page.locator('#zs-main .zs-page, #zs-main .ant-result').first().waitFor();
  await page.locator('#zs-main .zs-page-spin, #zs-main .ant-skeleton, #zs-main .ant-spin-spinning').first().waitFor({ state: 'detached' });
}

/** Saves artifacts/screenshots/<name>.png (the folder is git-ignored) once the page has settled. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(page);
  // Page-side code is passed as text: the e2e files are type-checked without the DOM library.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Fills and submits the login form; resolves with the HTTP status of the login request once the page has shown its answer. */
export async function fillLogin(page: Page, username: string, password: string): Promise<number> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login' && r.request().method() === 'POST'),
    page.getByRole('button', { name: '登录', exact: true }).click(),
  ]);
  if (res.status() >= 400) await page.getByTestId('login-error').waitFor();
  return res.status();
}

/**
 * Signs in through the login page and waits for the signed-in layout. Any
 * earlier session of this browser is dropped first, so one failed test does
 * not leave the next one signed in as someone else.
 */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/login');
  await fillLogin(page, username, password);
  await page.getByTestId('user-menu').waitFor();
  await settled(page);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
}

/** The entries of the left menu (or of the drawer on a phone), in order. */
export async function menuEntries(page: Page): Promise<string[]> {
  const items = page.locator('nav[aria-label="功能导航"] [role="menuitem"]');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/** The alert a form shows for a failed request. */
export async function alertText(page: Page, testId: string): Promise<string> {
  const el = page.getByTestId(testId);
  await el.waitFor();
  return (await el.innerText()).trim();
}
