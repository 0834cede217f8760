import { writeFile } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingFields, IncomingOptions } from '../../../shared/incoming.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

/* Issue 13: the 收文处理单 (阅办单) as .docx and PDF, seen by whoever may see the document. */

type View = WorkflowView<IncomingFields>;
const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const USERS = ['office_clerk', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_staff', 'sysadmin', 'secadmin', 'auditor'] as const;
type U = (typeof USERS)[number];

/** The text of a .docx body, runs joined. */
async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe.each(testDialects())('收文处理单 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let v: View;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-11-26T02:00:00.000Z');
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    const div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
    const fire = async (as: U, payload: Record<string, unknown>) => {
      const r = await injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${v.id}/transitions`, payload: { ...payload, version: v.version } });
      expect(r.statusCode, r.body).toBe(200);
      v = body<View>(r);
    };
    const created = await injectAs(t.app, s.office_clerk, {
      method: 'POST',
      url: '/api/incoming',
      payload: {
        sourceOrg: '财政部',
        sourceDocNumber: '财监〔2026〕88号',
        title: '财政部关于开展2026年度会计信息质量检查的通知',
        docType: '通知',
        classification: 'internal',
        urgency: 'urgent',
        kind: 'handle',
        copies: 2,
        pages: 5,
        sourceDate: '2026-11-20',
        receivedDate: '2026-11-25',
        deadline: '2026-12-15',
      },
    });
    v = body<View>(created);
    await fire('office_clerk', { action: 'propose', opinion: '拟请王局长阅示，监管一处办理', leaderIds: [s.leader1.user.id] });
    await fire('leader1', { action: 'instruct', instruction: '请李局长阅示', nextLeaderIds: [s.leader2.user.id] });
    await fire('leader2', {
      action: 'instruct',
      instruction: '请监管一处抓紧办理，王局长阅',
      leadDivisionId: div1,
      circulate: [s.leader1.user.id],
      deadlineWorkdays: 5,
    });
    await fire('div1_head', { action: 'feedback', content: '已制定检查方案' });
    await fire('leader1', { action: 'read', comment: '阅' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const form = (as: U, ext: 'docx' | 'pdf', id = v.id) => injectAs(t.app, s[as], { method: 'GET', url: `/api/incoming/${id}/form.${ext}` });

  it('prints every 批示 with name and date, 承办 and 传阅; same visibility as the document; 三员 refused', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/incoming/${v.id}/form.docx` })).statusCode).toBe(401);
    for (const admin of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect((await form(admin, 'docx')).statusCode).toBe(403);
      expect((await form(admin, 'pdf')).statusCode).toBe(403);
    }
    // 监管二处 takes no part: as for the document itself, 404.
    expect((await form('div2_staff', 'docx')).statusCode).toBe(404);
    expect((await form('office_clerk', 'docx', '01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const res = await form('div1_staff', 'docx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('收文处理单'));
    const text = await docxText(res.rawPayload);
    for (const expected of [
      '收文处理单',
      v.regNo,
      '财监〔2026〕88号',
      '2026-11-20',
      '内部',
      '加急',
      '5 页',
      '拟请王局长阅示，监管一处办理',
      '钱文秘',
      '请李局长阅示',
      '王局长　2026-11-26',
      '请监管一处抓紧办理，王局长阅',
      '李副局长　2026-11-26',
      '主办：监管一处',
      '已制定检查方案',
      '2026-11-26 已阅：阅',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('the PDF is rendered by LibreOffice', { timeout: 120_000 }, async () => {
    const res = await form('office_clerk', 'pdf');
    if (res.statusCode === 503) return; // no LibreOffice on this machine: the .docx is the slip
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env['INCOMING_FORM_PDF_OUT']) await writeFile(`${process.env['INCOMING_FORM_PDF_OUT']}-${dialect}.pdf`, res.rawPayload);
  });
});
