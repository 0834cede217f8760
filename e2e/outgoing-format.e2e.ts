import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingCreate, OutgoingFields } from '../src/shared/outgoing.js';
import type { WorkflowView } from '../src/shared/workflow.js';
import { apiAs } from './harness/api.js';
import { login, openSession, type Session, shot, skipReason } from './harness/browser.js';

/** Clicks the .docx button; returns the requested 版式 (the `format` query) and the saved file's document.xml. */
async function downloadDocx(page: Page): Promise<{ format: string | null; name: string; head: string; xml: string }> {
  const [request, file] = await Promise.all([
    page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/document.docx')),
    page.waitForEvent('download', { timeout: 15_000 }),
    page.getByTestId('download-docx').click(),
  ]);
  const bytes = await readFile(await file.path());
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  return { format: new URL(request.url()).searchParams.get('format'), name: file.suggestedFilename(), head: bytes.subarray(0, 2).toString('latin1'), xml };
}

const draft = (docType: OutgoingCreate['docType'], title: string, mainRecipients: string[], body: string): OutgoingCreate => ({
  docType,
  title,
  mainRecipients,
  copyTo: [],
  body,
  attachments: [],
  classification: 'none',
  urgency: 'normal',
  disclosure: 'public',
  cosignDivisionIds: [],
});

describe.skipIf(skipReason() !== '')('发文 版式: the document page offers the formats its 文种 may print in', () => {
  let s: Session;
  let letterId = '';
  let requestId = '';
  const tag = Date.now() % 100000;
  beforeAll(async () => {
    s = await openSession();
    // The drafts are the scene; what is checked goes through the page.
    const staff = await apiAs('div1_staff');
    try {
      const letter = await staff.send<WorkflowView<OutgoingFields>>(
        'POST',
        '/api/outgoing',
        draft(
          '函',
          `财政部某某监管局关于商请提供2026年度转移支付资料的函（${tag}）`,
          ['某某省财政厅'],
          '为做好专项检查，现就有关资料函商如下：\n一、请提供2026年度转移支付资金分配文件。\n请予支持为盼。',
        ),
      );
      const ask = await staff.send<WorkflowView<OutgoingFields>>('POST', '/api/outgoing', {
        ...draft(
          '请示',
          `财政部某某监管局关于增加专项检查经费的请示（${tag}）`,
          ['财政部'],
          '为完成专项检查，拟增加经费。现将有关情况请示如下：\n一、基本情况\n检查范围扩大。\n妥否，请批示。',
        ),
        contact: { name: '周科员', phone: '010-12345678' },
      });
      letterId = letter.id;
      requestId = ask.id;
    } finally {
      await staff.close();
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a 函 downloads as 信函 by default and as 文件格式 when chosen', async () => {
    const { page } = s;
    await login(page, 'div1_staff');
    await page.goto(`/outgoing/${letterId}`);
    const select = page.getByTestId('print-format');
    await select.waitFor();
    expect(await select.innerText()).toContain('信函格式');

    const asLetter = await downloadDocx(page);
    expect(asLetter.format).toBe('letter');
    expect(asLetter.head).toBe('PK');
    expect(asLetter.name).toMatch(/\.docx$/);
    expect(asLetter.xml).toContain('转移支付资金分配文件');

    await select.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    expect(await options.allInnerTexts()).toEqual(['信函格式', '文件格式']);
    await shot(page, 'outgoing-format-choice');
    await options.filter({ hasText: '文件格式' }).click();
    expect(await select.innerText()).toContain('文件格式');

    const asDocument = await downloadDocx(page);
    expect(asDocument.format).toBe('standard');
    expect(asDocument.head).toBe('PK');
    expect(asDocument.xml).toContain('转移支付资金分配文件');
    // The same draft laid out another way.
    expect(asDocument.xml).not.toBe(asLetter.xml);
  });

  it('a 请示 (上行文) is offered the 文件格式 only, and downloads in it', async () => {
    const { page } = s;
    await page.goto(`/outgoing/${requestId}`);
    const select = page.getByTestId('print-format');
    await select.waitFor();
    expect(await select.innerText()).toContain('文件格式');
    expect(await select.innerText()).not.toContain('信函');
    // With one 版式 there is nothing to choose: the chooser only says which one it is.
    expect(await select.getAttribute('class')).toContain('ant-select-disabled');
    const got = await downloadDocx(page);
    expect(got.format).toBe('standard');
    expect(got.head).toBe('PK');
    await shot(page, 'outgoing-format-request');
  });

  it('a 纪要 started from its template has the 出席/请假/列席 lines and prints as 纪要 only, with them laid out under the body', async () => {
    const { page } = s;
    await page.goto('/outgoing');
    await page.getByTestId('new-outgoing').click();
    await page.getByTestId('template-picker').locator('label', { hasText: '纪要' }).first().click();
    const body = page.getByTestId('draft-body');
    const template = await body.inputValue();
    for (const label of ['出席：', '请假：', '列席：']) expect(template).toContain(label);
    await shot(page, 'outgoing-format-minutes-template');
    await page.getByTestId('draft-title').fill(`2026年第${tag}次局务会议纪要`);
    await body.fill(
      [
        '2026年11月20日，局长主持召开局务会议，研究专项检查工作。现纪要如下：',
        '出席：张局长、李副局长、王副局长',
        '请假：赵副局长',
        '列席：办公室、监管一处',
        '一、会议同意专项检查工作方案。',
      ].join('\n'),
    );
    await page.getByTestId('save-draft').click();
    await page.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    const select = page.getByTestId('print-format');
    await select.waitFor();
    expect(await select.innerText()).toContain('纪要格式');
    expect(await select.getAttribute('class')).toContain('ant-select-disabled');
    const got = await downloadDocx(page);
    expect(got.format).toBe('minutes');
    expect(got.head).toBe('PK');
    // Typed before the body's last line, the attendance is printed after it: lifted out of where it was typed.
    const text = [...got.xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text.indexOf('赵副局长')).toBeGreaterThan(text.indexOf('会议同意专项检查工作方案'));
    expect(text).toContain('张局长、李副局长、王副局长');
  });
});
