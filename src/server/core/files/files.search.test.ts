import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, multipart } from '../../../../test/fixtures/guard/make-files.js';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingOptions } from '../../../shared/incoming.js';
import type { SearchResponse } from '../../../shared/search.js';
import { seedDemoOrg } from '../org/org.seed.js';

const body = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;
const USERS = ['office_clerk', 'leader1', 'div1_staff', 'div2_staff'] as const;
type U = (typeof USERS)[number];

// A term that occurs only in the attachment's text, never in the document's own fields.
const TERM = '鲲鹏';

describe.each(testDialects())('attachment text in search (%s)', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  let div1 = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    const opts = body<IncomingOptions>(await injectAs(t.app, s.office_clerk, { method: 'GET', url: '/api/incoming/options' }));
    div1 = opts.divisions.find((d) => d.name === '监管一处')?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = async (as: U, q: string, kind?: string) => {
    const res = await injectAs(t.app, s[as], { method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${kind ? `&kind=${kind}` : ''}` });
    expect(res.statusCode, res.body).toBe(200);
    return body<SearchResponse>(res);
  };

  it('finds an uploaded DOCX by its text for the office, links to the owner, hides it from other divisions, follows the owner, and forgets it when voided', async () => {
    const created = await injectAs(t.app, s.office_clerk, {
      method: 'POST',
      url: '/api/incoming',
      payload: {
        sourceOrg: '财政部',
        sourceDocNumber: '财办〔2026〕901号',
        title: '财政部办公厅关于做好年度预算执行工作的通知',
        docType: '通知',
        classification: 'internal',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-25',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const doc = body<{ id: string; version: number }>(created);

    const docx = await makeDocx({ body: ['附件一：预算执行情况表', `请各处室结合${TERM}计划做好统计工作。`] });
    const mp = multipart([{ name: 'file', filename: '预算执行情况.docx', contentType: 'application/octet-stream', data: docx }]);
    const up = await injectAs(t.app, s.office_clerk, { method: 'POST', url: `/api/incoming/${doc.id}/attachments`, payload: mp.payload, headers: mp.headers });
    expect(up.statusCode, up.body).toBe(201);
    const att = body<{ id: string }>(up);

    const found = await search('office_clerk', TERM);
    expect(found.total).toBe(1);
    expect(found.items).toHaveLength(1);
    const hit = found.items[0]!;
    expect(hit).toMatchObject({ kind: 'attachment', id: att.id, title: '预算执行情况.docx', owner: { kind: 'incoming', id: doc.id } });
    expect(hit.snippet).toContain(TERM);
    const [h] = hit.snippetHighlights;
    expect(hit.snippet.slice(h!.start, h!.end)).toBe(TERM);
    // The kind filter and the owner kind tag both reach it; the document itself does not carry the term.
    expect((await search('office_clerk', TERM, 'attachment')).total).toBe(1);
    expect((await search('office_clerk', TERM, 'incoming')).total).toBe(0);
    expect((await search('leader1', TERM)).total).toBe(1);

    // Not yet assigned: a division's staff may not open the document (404), so search shows nothing either.
    expect((await injectAs(t.app, s.div2_staff, { method: 'GET', url: `/api/incoming/${doc.id}` })).statusCode).toBe(404);
    expect(await search('div2_staff', TERM)).toEqual({ items: [], total: 0, capped: false });
    expect(await search('div1_staff', TERM)).toEqual({ items: [], total: 0, capped: false });

    // The owner's readers change (拟办 → 批办 to 监管一处): its re-index carries them to the attachment.
    const fire = (as: U, payload: Record<string, unknown>) => injectAs(t.app, s[as], { method: 'POST', url: `/api/incoming/${doc.id}/transitions`, payload });
    const p = await fire('office_clerk', {
      action: 'propose',
      version: doc.version,
      opinion: '拟请监管一处办理',
      leadDivisionId: div1,
      leaderIds: [s.leader1.user.id],
    });
    expect(p.statusCode, p.body).toBe(200);
    const i = await fire('leader1', {
      action: 'instruct',
      version: body<{ version: number }>(p).version,
      instruction: '请监管一处办理',
      leadDivisionId: div1,
      deadlineWorkdays: 5,
    });
    expect(i.statusCode, i.body).toBe(200);
    expect((await injectAs(t.app, s.div1_staff, { method: 'GET', url: `/api/incoming/${doc.id}` })).statusCode).toBe(200);
    expect((await search('div1_staff', TERM)).items.map((x) => x.id)).toEqual([att.id]);
    expect((await search('div2_staff', TERM)).total).toBe(0);

    const voided = await injectAs(t.app, s.office_clerk, { method: 'DELETE', url: `/api/attachments/${att.id}` });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await search('office_clerk', TERM)).toEqual({ items: [], total: 0, capped: false });
    expect(await search('div1_staff', TERM)).toEqual({ items: [], total: 0, capped: false });
  });
});
