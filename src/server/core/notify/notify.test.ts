import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { NotificationList, NotificationReadResult } from '../../../shared/notify.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { notifyModule } from './notify.routes.js';
import { type NotificationInput, queueNotifications } from './notify.service.js';

describe.each(testDialects())('notifications API on %s', (dialect) => {
  let t: TestApp;
  let staff: Session;
  let other: Session;

  const queue = (items: NotificationInput[]) => t.deps.db.transaction().execute((trx) => queueNotifications(trx, t.clock, items));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    staff = await login(t.app, 'div1_staff');
    other = await login(t.app, 'div2_staff');
    await queue([
      { userId: staff.user.id, title: '收文〔2026〕12号 请办理', link: '/incoming/a1', kind: 'incoming.assigned' },
      { userId: staff.user.id, title: '督办事项即将到期', link: '/supervision/s1', kind: 'supervision.due' },
    ]);
    t.clock.advanceMinutes(1);
    await queue([
      { userId: staff.user.id, title: '会议通知：周例会', link: null, kind: 'meetings.invited' },
      { userId: other.user.id, title: '别人的通知', link: '/incoming/zz', kind: 'incoming.assigned' },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/stream'],
      ['POST', '/api/notifications/read-all'],
      ['POST', '/api/notifications/x/read'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('unauthenticated');
    }
  });

  it('answers 400 with a Chinese message for bad paging or filters', async () => {
    for (const q of ['pageSize=0', 'pageSize=101', 'page=abc', 'unreadOnly=yes', 'sort=title', `page=${'9'.repeat(30)}`]) {
      const res = await injectAs(t.app, staff, { method: 'GET', url: `/api/notifications?${q}` });
      expect(res.statusCode, q).toBe(400);
      const body = json<{ error: { code: string; message: string } }>(res);
      expect(body.error.code).toBe('validation');
      expect(body.error.message).toMatch(/查询参数有误/);
    }
    const long = await injectAs(t.app, staff, { method: 'POST', url: `/api/notifications/${'x'.repeat(65)}/read` });
    expect(long.statusCode).toBe(400);
  });

  it('refuses a state change without the CSRF token (403)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: staff.cookie } });
    expect(res.statusCode).toBe(403);
  });

  it('lists only the user’s own notifications, newest first, with the unread count', async () => {
    const res = await injectAs(t.app, staff, { method: 'GET', url: '/api/notifications' });
    expect(res.statusCode).toBe(200);
    const body = json<NotificationList>(res);
    expect(body.unread).toBe(3);
    expect(body.total).toBe(3);
    expect(body.items.map((i) => i.title).sort()).toEqual(['会议通知：周例会', '督办事项即将到期', '收文〔2026〕12号 请办理'].sort());
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      title: '会议通知：周例会',
      link: null,
      kind: 'meetings.invited',
      read: false,
      at: '2026-11-26T02:01:00.000Z',
    });
    expect(body.items.some((i) => i.title === '别人的通知')).toBe(false);

    const page2 = json<NotificationList>(await injectAs(t.app, staff, { method: 'GET', url: '/api/notifications?page=2&pageSize=2' }));
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(3);
  });

  it('answers 404 for someone else’s notification and for one that does not exist', async () => {
    const theirs = json<NotificationList>(await injectAs(t.app, other, { method: 'GET', url: '/api/notifications' })).items[0];
    expect(theirs).toBeDefined();
    const res = await injectAs(t.app, staff, { method: 'POST', url: `/api/notifications/${theirs?.id ?? ''}/read` });
    expect(res.statusCode).toBe(404);
    expect(json<{ error: { code: string; message: string } }>(res).error).toEqual({ code: 'not_found', message: '通知不存在或不属于您' });
    const missing = await injectAs(t.app, staff, { method: 'POST', url: '/api/notifications/0192f0c4-0000-7000-8000-000000000000/read' });
    expect(missing.statusCode).toBe(404);
    // And it stayed unread for its owner.
    expect(json<NotificationList>(await injectAs(t.app, other, { method: 'GET', url: '/api/notifications' })).unread).toBe(1);
  });

  it('marks one read (idempotently), filters unread, then marks all read', async () => {
    const list = json<NotificationList>(await injectAs(t.app, staff, { method: 'GET', url: '/api/notifications' }));
    const target = list.items[1];
    if (!target) throw new Error('no notification');
    const first = await injectAs(t.app, staff, { method: 'POST', url: `/api/notifications/${target.id}/read` });
    expect(first.statusCode).toBe(200);
    expect(json<NotificationReadResult>(first)).toEqual({ id: target.id, read: true, unread: 2 });
    const again = await injectAs(t.app, staff, { method: 'POST', url: `/api/notifications/${target.id}/read` });
    expect(json<NotificationReadResult>(again).unread).toBe(2);

    const unreadOnly = json<NotificationList>(await injectAs(t.app, staff, { method: 'GET', url: '/api/notifications?unreadOnly=true' }));
    expect(unreadOnly.items.map((i) => i.id)).not.toContain(target.id);
    expect(unreadOnly.total).toBe(2);
    const all = json<NotificationList>(await injectAs(t.app, staff, { method: 'GET', url: '/api/notifications' }));
    expect(all.items.find((i) => i.id === target.id)?.read).toBe(true);

    const readAll = await injectAs(t.app, staff, { method: 'POST', url: '/api/notifications/read-all' });
    expect(readAll.statusCode).toBe(200);
    expect(json(readAll)).toEqual({ updated: 2, unread: 0 });
    expect(json<NotificationList>(await injectAs(t.app, other, { method: 'GET', url: '/api/notifications' })).unread).toBe(1);
  });

  describe('stream', () => {
    let base: string;

    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });

    /** Opens the stream and collects parsed `unread` events as they arrive. */
    function openStream(s: Session, extraHeaders: Record<string, string> = {}) {
      const events: number[] = [];
      let raw = '';
      let res: IncomingMessage | null = null;
      const ended = new Promise<void>((resolveEnd) => {
        const req = httpRequest(`${base}/api/notifications/stream`, { headers: { cookie: s.cookie, accept: 'text/event-stream', ...extraHeaders } }, (r) => {
          res = r;
          r.setEncoding('utf8');
          r.on('data', (chunk: string) => {
            raw += chunk;
            for (const m of chunk.matchAll(/event: unread\ndata: (\{.*\})\n\n/g)) events.push((JSON.parse(m[1] ?? '{}') as { unread: number }).unread);
          });
          r.on('end', () => resolveEnd());
          r.on('close', () => resolveEnd());
        });
        req.on('error', () => resolveEnd());
        req.end();
      });
      const waitFor = async (pred: () => boolean, ms = 6000) => {
        const until = Date.now() + ms;
        while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        return pred();
      };
      return { events, ended, waitFor, response: () => res, raw: () => raw };
    }

    it('sends the unread count on connect, then the change when a notification arrives from any instance', async () => {
      const s = openStream(other, { 'accept-encoding': 'gzip, deflate, br' });
      expect(await s.waitFor(() => s.events.length >= 1)).toBe(true);
      expect(s.events).toEqual([1]);
      const res = s.response();
      expect(res?.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      // Hooks that rewrite bodies (compression, onSend) are bypassed: nothing may be encoded or buffered.
      expect(res?.headers['content-encoding']).toBeUndefined();
      expect(res?.headers['x-content-type-options']).toBe('nosniff');
      expect(res?.headers['cache-control']).toMatch(/no-transform/);
      expect(s.raw()).toMatch(/^retry: 5000\n\n/);

      // Written by "another instance": only the database knows; the stream's poll finds it (default every 3 s).
      await queue([{ userId: other.user.id, title: '新的收文待办', link: '/incoming/b2', kind: 'incoming.assigned' }]);
      expect(await s.waitFor(() => s.events.length >= 2, 8000)).toBe(true);
      expect(s.events).toEqual([1, 2]);

      // A change made through this instance is pushed at once.
      const res2 = await injectAs(t.app, other, { method: 'POST', url: '/api/notifications/read-all' });
      expect(res2.statusCode).toBe(200);
      expect(await s.waitFor(() => s.events.length >= 3, 1000)).toBe(true);
      expect(s.events).toEqual([1, 2, 0]);

      // An unchanged count is not sent again.
      await notifyModule.hub()?.poll();
      expect(s.events).toEqual([1, 2, 0]);
    });

    it('ends open streams when the app closes, so shutdown does not hang', async () => {
      const s = openStream(staff);
      expect(await s.waitFor(() => s.events.length >= 1)).toBe(true);
      expect(notifyModule.hub()?.size).toBeGreaterThan(0);
      const started = Date.now();
      await t.app.close();
      await s.ended;
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});
