import { z } from 'zod';
import {
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationReadAllResultSchema,
  notificationReadResultSchema,
} from '../../../shared/notify.js';
import type { ServerModule } from '../module.js';
import { requireActor } from '../http/actor.js';
import { registerPoller } from '../scheduler/scheduler.registry.js';
import { emailDeliveryPoll } from './notify.email.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notify.service.js';
import { NotificationStreamHub, type StreamHubOptions } from './notify.stream.js';

const TAGS = ['notifications'];

/** The notification routes, the stream hub behind them, and the e-mail poller. Options are for tests. */
export function createNotifyModule(opts: { stream?: StreamHubOptions } = {}): ServerModule & { hub: () => NotificationStreamHub | null } {
  let current: NotificationStreamHub | null = null;
  return {
    name: 'notify',
    hub: () => current,
    register(app, deps) {
      const hub = new NotificationStreamHub(deps, opts.stream);
      current = hub;
      // preClose, not onClose: the HTTP server only finishes closing once
      // every response has ended, and a stream never ends by itself.
      app.addHook('preClose', async () => {
        await hub.close();
      });
      registerPoller({ name: 'notify.email_delivery', everyMs: 10_000, run: emailDeliveryPoll });

      app.get(
        '/api/notifications',
        {
          schema: {
            tags: TAGS,
            summary: '我的通知（分页），附未读数',
            querystring: notificationListQuerySchema,
            response: { 200: notificationListSchema },
          },
        },
        async (req) => listNotifications(deps, requireActor(req), req.query),
      );

      app.post(
        '/api/notifications/read-all',
        { schema: { tags: TAGS, summary: '全部标为已读', response: { 200: notificationReadAllResultSchema } } },
        async (req) => {
          const actor = requireActor(req);
          const r = await markAllNotificationsRead(deps, actor);
          void hub.refresh([actor.id]).catch(() => undefined);
          return { updated: r.updated, unread: 0 as const };
        },
      );

      app.post(
        '/api/notifications/:id/read',
        {
          schema: {
            tags: TAGS,
            summary: '标为已读（只能是自己的通知）',
            params: notificationIdParamsSchema,
            response: { 200: notificationReadResultSchema },
          },
        },
        async (req) => {
          const actor = requireActor(req);
          const r = await markNotificationRead(deps, actor, req.params.id);
          // Other open tabs of the same user see the new count at once, not at the next poll.
          void hub.refresh([actor.id]).catch(() => undefined);
          return { id: r.id, read: true as const, unread: r.unread };
        },
      );

      app.get(
        '/api/notifications/stream',
        {
          schema: {
            tags: TAGS,
            summary: '未读数推送（text/event-stream，事件 unread）',
            querystring: z.strictObject({}),
          },
        },
        async (req, reply) => {
          const actor = requireActor(req);
          // Hijacked: Fastify's onSend hooks (security headers, any
          // compression plugin) would buffer or re-encode the body and break
          // the stream; the headers that matter are written here instead.
          reply.hijack();
          try {
            await hub.open(actor.id, reply.raw, {
              'X-Content-Type-Options': 'nosniff',
              'X-Request-Id': String(req.id),
              'Referrer-Policy': 'no-referrer',
            });
          } catch (err) {
            req.log.warn({ err }, 'notification stream failed to open');
            if (!reply.raw.headersSent) reply.raw.writeHead(503);
            reply.raw.end();
          }
        },
      );
    },
  };
}

export const notifyModule = createNotifyModule();
