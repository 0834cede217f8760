import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXE_BYTES, makeDocx, makePdf } from '../test/fixtures/guard/make-files.js';
import { apiAs } from './harness/api.js';
import { login, openSession, type Session, settled, shot, skipReason } from './harness/browser.js';

interface Created {
  id: string;
}

/** Chooses a file in the page's hidden file input, as the 上传 button's dialog would. */
async function choose(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator('input[type="file"][aria-label="选择附件"]').setInputFiles({ name, mimeType, buffer });
}

/** The refusal dialog's text, then closes it. */
async function refusal(page: Page, name: string): Promise<string> {
  const dialog = page.locator('.ant-modal-confirm:visible');
  await dialog.locator('.ant-modal-confirm-title', { hasText: '上传未成功' }).waitFor();
  const text = await dialog.innerText();
  // A settled screen for the screenshot: the dialog's zoom finished, no toast over its title.
  await page
    .locator('.ant-modal-wrap .ant-zoom-appear, .ant-modal-wrap .ant-zoom-enter, .ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 });
  await shot(page, name);
  await dialog.getByRole('button', { name: /知\s*道|确\s*定|OK/ }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

describe.skipIf(skipReason() !== '')('附件: upload, list and download on a 收文; the guard and the type check refuse in Chinese', () => {
  let s: Session;
  let url = '';
  const stamp = Date.now() % 100000;

  beforeAll(async () => {
    s = await openSession();
    // The scene (a fresh 收文) is set through the API; what is checked goes through the page.
    const clerk = await apiAs('office_clerk');
    try {
      const doc = await clerk.send<Created>('POST', '/api/incoming', {
        sourceOrg: '财政部办公厅',
        sourceDocNumber: `财办〔2026〕${stamp}号`,
        title: `财政部办公厅关于报送2026年度预算执行情况的通知（附件测试${stamp}）`,
        docType: '通知',
        classification: 'internal',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-25',
      });
      url = `/incoming/${doc.id}`;
    } finally {
      await clerk.close();
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  const files = [
    {
      name: '预算执行情况表.pdf',
      mime: 'application/pdf',
      bytes: () => Promise.resolve(makePdf([{ text: 'Budget execution 2026' }, { text: '预算执行情况', cjk: true }])),
    },
    {
      name: '办理意见.docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: () => makeDocx({ body: ['关于预算执行情况的办理意见', '请各处室做好保密工作。'] }),
    },
    { name: '联系人.txt', mime: 'text/plain', bytes: () => Promise.resolve(Buffer.from('联系人：张三\n电话：010-12345678\n', 'utf8')) },
  ];

  it('the clerk uploads a PDF, a DOCX and a TXT, sees them listed, and downloads each one byte for byte', async () => {
    const { page } = s;
    await login(page, 'office_clerk');
    await page.goto(url);
    await settled(page);
    const list = page.locator('.ant-card', { hasText: '附件（扫描件、办理材料）' });
    await list.getByText('暂无附件').waitFor();
    const sent = new Map<string, Buffer>();
    for (const f of files) {
      const bytes = await f.bytes();
      sent.set(f.name, bytes);
      await choose(page, f.name, f.mime, bytes);
      await page.locator('.ant-message').getByText(`已上传：${f.name}`).waitFor();
      await list.getByRole('link', { name: f.name }).waitFor();
    }
    expect(await list.locator('.ant-list-item').count()).toBe(files.length);
    await shot(page, 'attachments-listed');

    for (const f of files) {
      const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('link', { name: f.name }).click()]);
      expect(download.suggestedFilename()).toBe(f.name);
      const path = await download.path();
      expect(Buffer.compare(readFileSync(path), sent.get(f.name) ?? Buffer.alloc(0)), f.name).toBe(0);
    }
  });

  it('a TXT carrying 机密★1年 is refused with the marking, where it was, and the 机要 channels; nothing is added', async () => {
    const { page } = s;
    const list = page.locator('.ant-card', { hasText: '附件（扫描件、办理材料）' });
    await choose(page, '会议纪要.txt', 'text/plain', Buffer.from('会议纪要\n机密★1年\n关于某项工作的安排\n', 'utf8'));
    const text = await refusal(page, 'attachments-classified-refused');
    expect(text).toContain('发现国家秘密标志“机密★1年”');
    expect(text).toContain('正文第2行');
    expect(text).toContain('机要交通、机要通信等机要渠道');
    expect(text).toContain('已通知保密员');
    expect(await list.locator('.ant-list-item').count()).toBe(files.length);
  });

  it('a DOCX whose header carries the marking is refused and the message names the header', async () => {
    const { page } = s;
    await choose(page, '通知.docx', files[1]?.mime ?? '', await makeDocx({ header: '秘密★5年', body: ['关于做好年度预算执行工作的通知'] }));
    const text = await refusal(page, 'attachments-classified-header');
    expect(text).toContain('秘密★5年');
    expect(text).toContain('页眉');
  });

  it('a program renamed to .pdf is refused by its content (415) with the allowed types in Chinese', async () => {
    const { page } = s;
    const list = page.locator('.ant-card', { hasText: '附件（扫描件、办理材料）' });
    await choose(page, '报告.pdf', 'application/pdf', EXE_BYTES);
    const text = await refusal(page, 'attachments-unsupported');
    expect(text).toContain('不支持此文件类型');
    expect(text).toContain('按文件内容识别类型');
    expect(await list.locator('.ant-list-item').count()).toBe(files.length);
  });
});
