import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { InfoFields } from '../../../shared/info.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

type View = WorkflowView<InfoFields>;
const json = <T>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

const USERS = ['div1_staff', 'div1_head', 'office_clerk', 'office_director', 'leader1', 'secrecy_officer'] as const;
type U = (typeof USERS)[number];

/*
 * The public portal (/portal): anyone may read it, so it must show only what
 * was cleared for it — published pieces, and of those only title, date,
 * division, type, summary and body, every text escaped — and answer 404 for
 * everything else, without a cookie or a script.
 */
describe.each(testDialects())('门户 on %s', (dialect) => {
  let t: TestApp;
  const s = {} as Record<U, Session>;
  const HOSTILE = `<script>alert("x")</script> & '引号' <img src=x onerror=alert(1)>`;
  let published: View;
  let unpublishedId = '';
  let withdrawnId = '';
  let draftId = '';

  const ok = async (res: Promise<LightMyRequestResponse>, status = 200): Promise<View> => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return json<View>(r);
  };
  const fire = (who: U, v: View, payload: Record<string, unknown>) =>
    ok(injectAs(t.app, s[who], { method: 'POST', url: `/api/info/${v.id}/transitions`, payload: { version: v.version, ...payload } }));

  /** A piece through every step to approved; published when asked. */
  async function piece(title: string, body: string, opts: { publishable: boolean; report?: boolean }): Promise<View> {
    let v = await ok(
      injectAs(t.app, s.div1_staff, {
        method: 'POST',
        url: '/api/info',
        payload: { title, infoType: 'news', body, summary: `摘要：${title}`, writers: ['周科员'] },
      }),
      201,
    );
    v = await fire('div1_staff', v, { action: 'submit', comment: '内部意见：请审核' });
    v = await fire('div1_head', v, { action: 'approve', comment: '处长内部批注' });
    v = await fire('secrecy_officer', v, { action: 'secrecy_review', conclusion: 'cleared', publishable: opts.publishable, opinion: '保密审查内部意见' });
    v = await fire('office_clerk', v, { action: 'approve' });
    v = await fire('office_director', v, { action: 'approve' });
    if (opts.report) {
      v = await fire('office_clerk', v, { action: 'report', recipients: ['mof_office'] });
      v = await fire('office_clerk', v, { action: 'record_adoption', channel: 'mof_info', publication: '《财政信息》内部期号', adoptedDate: '2026-11-26' });
      v = await fire('office_clerk', v, {
        action: 'record_instruction',
        level: 'ministry',
        leaderTitle: '财政部副部长',
        content: '批示内容不公开',
        instructedDate: '2026-11-26',
      });
    }
    return v;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERS) s[u] = await login(t.app, u);
    published = await piece(`公开标题 ${HOSTILE}`, `第一段 ${HOSTILE}\n第二段：预算执行监控情况良好。`, { publishable: true, report: true });
    published = await fire('office_director', published, { action: 'publish', comment: '发布意见不公开' });
    unpublishedId = (await piece('已审批未发布的信息', '正文', { publishable: true })).id;
    let w = await piece('已撤稿的信息', '撤稿正文', { publishable: true });
    w = await fire('office_director', w, { action: 'publish' });
    w = await fire('secrecy_officer', w, { action: 'unpublish', reason: '撤稿理由不公开' });
    withdrawnId = w.id;
    draftId = (
      await ok(injectAs(t.app, s.div1_staff, { method: 'POST', url: '/api/info', payload: { title: '草稿信息', infoType: 'news', body: '草稿' } }), 201)
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'portal.example.gov.cn' } });

  it('lists published pieces without a sign-in, a cookie or a script, every text escaped', async () => {
    const r = await get('/portal');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.body).not.toMatch(/<script/i);
    expect(r.body).not.toMatch(/<img/i);
    expect(r.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;引号&#39;');
    expect(r.body).toContain(`href="/portal/items/${published.id}"`);
    expect(r.body).toContain('<form method="get" action="/portal"');
    expect(r.body).toContain('name="q"');
    expect(r.body).toContain('监管一处');
    expect(r.body).toContain('name="viewport"');
    // Only the published piece is listed.
    for (const id of [unpublishedId, withdrawnId, draftId]) expect(r.body).not.toContain(id);
    expect(r.body).not.toContain('已审批未发布的信息');
    expect(r.body).not.toContain('已撤稿的信息');
    expect(r.body).not.toContain('草稿信息');
  });

  it('shows a piece with its date, division, type and body, and nothing internal', async () => {
    const r = await get(`/portal/items/${published.id}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.body).not.toMatch(/<script/i);
    expect(r.body).toContain('<p>第二段：预算执行监控情况良好。</p>');
    expect(r.body).toContain('发布日期：2026-11-26');
    expect(r.body).toContain('来源：监管一处');
    expect(r.body).toContain('动态');
    // Never: people, comments, history, reviews, report, adoptions, 批示, points, serial number.
    for (const secret of [
      '周科员',
      '孙处长',
      '钱文秘',
      '赵主任',
      '冯保密员',
      '内部意见',
      '处长内部批注',
      '保密审查内部意见',
      '发布意见不公开',
      '批示内容不公开',
      '财政部副部长',
      '内部期号',
      '《财政信息》',
      '信〔',
      '财政部办公厅',
      'points',
      '得分',
    ]) {
      expect(r.body, secret).not.toContain(secret);
    }
  });

  it('answers 404 for anything not published: unpublished, withdrawn, draft, unknown, malformed', async () => {
    for (const id of [unpublishedId, withdrawnId, draftId, '0190f0e0-0000-7000-8000-000000000000', '..%2F..%2Fetc', '%3Cscript%3E']) {
      const r = await get(`/portal/items/${id}`);
      expect(r.statusCode, id).toBe(404);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).not.toMatch(/<script/i);
      expect(r.body).not.toContain('已撤稿的信息');
    }
  });

  it('searches titles and bodies, pages, and refuses a bad page with 400', async () => {
    const hit = await get(`/portal?q=${encodeURIComponent('预算执行监控')}`);
    expect(hit.body).toContain(`/portal/items/${published.id}`);
    const miss = await get(`/portal?q=${encodeURIComponent('撤稿正文')}`);
    expect(miss.body).not.toContain(withdrawnId);
    expect(miss.body).toContain('没有找到相关信息');
    // The query is echoed escaped.
    const echo = await get(`/portal?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(echo.statusCode).toBe(200);
    expect(echo.body).not.toMatch(/<script>x/);
    expect(echo.body).toContain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;');
    expect((await get('/portal?page=0')).statusCode).toBe(400);
    expect((await get('/portal?page=abc')).statusCode).toBe(400);
    expect((await get(`/portal?q=${'长'.repeat(101)}`)).statusCode).toBe(400);
    expect((await get('/portal?page=2')).statusCode).toBe(200);
  });

  it('offers an RSS 2.0 feed with absolute links, guid, pubDate and escaped text', async () => {
    const r = await get('/portal/feed.xml');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect(r.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0">/);
    expect(r.body).toContain(`<link>http://portal.example.gov.cn/portal/items/${published.id}</link>`);
    expect(r.body).toContain(`<guid isPermaLink="true">http://portal.example.gov.cn/portal/items/${published.id}</guid>`);
    expect(r.body).toMatch(/<pubDate>Thu, 26 Nov 2026 \d\d:\d\d:\d\d GMT<\/pubDate>/);
    expect(r.body).not.toMatch(/<script/i);
    expect(r.body).toContain('&lt;script&gt;');
    expect(r.body.match(/<item>/g)?.length).toBe(1);
    for (const secret of ['周科员', '内部意见', '信〔', withdrawnId, unpublishedId]) expect(r.body).not.toContain(secret);
  });

  it('follows 撤稿 at once: the withdrawn piece leaves the list, its page and the feed', async () => {
    const pulled = await fire('secrecy_officer', published, { action: 'unpublish', reason: '临时撤下' });
    expect((await get(`/portal/items/${published.id}`)).statusCode).toBe(404);
    expect((await get('/portal')).body).not.toContain(published.id);
    expect((await get('/portal/feed.xml')).body).not.toContain(published.id);
    // Republishing needs the director and a current cleared, publishable review: still there, so it comes back.
    published = await fire('office_director', pulled, { action: 'publish' });
    expect((await get(`/portal/items/${published.id}`)).statusCode).toBe(200);
  });
  it('ignores a session and a forged Host: no cookie is set, feed links fall back to localhost', async () => {
    const signedIn = await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: s.office_director.cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['set-cookie']).toBeUndefined();
    const forged = await t.app.inject({ method: 'GET', url: '/portal/feed.xml', headers: { host: 'evil.example"><x' } });
    expect(forged.body).toContain('<link>http://localhost/portal</link>');
    expect(forged.body).not.toContain('evil.example');
  });
});
