import { z } from 'zod';
import { pagingShape } from './paging.js';

/**
 * Query-string booleans arrive as text; only these spellings are accepted so a
 * typo (`unreadOnly=yes`) is a 400 rather than silently "false".
 */
const queryBoolean = z.enum(['true', 'false', '1', '0'], { message: '只能是 true 或 false' }).transform((v) => v === 'true' || v === '1');

export const notificationListQuerySchema = z.strictObject({
  ...pagingShape({ maxPage: 100_000, maxPageSize: 100 }),
  unreadOnly: queryBoolean.default(false),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationIdParamsSchema = z.strictObject({
  id: z.string().trim().min(1).max(64),
});

export const notificationItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Client route to open, e.g. `/incoming/<id>`; null when there is nothing to open. */
  link: z.string().nullable(),
  kind: z.string(),
  read: z.boolean(),
  /** When it was queued (ISO-8601 UTC). */
  at: z.string(),
});
export type NotificationItem = z.infer<typeof notificationItemSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationItemSchema),
  /** Rows matching the filter, for the pager. */
  total: z.number().int(),
  /** The user's unread count, whatever the filter: the badge. */
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationReadResultSchema = z.object({
  id: z.string(),
  read: z.literal(true),
  unread: z.number().int(),
});
export type NotificationReadResult = z.infer<typeof notificationReadResultSchema>;

export const notificationReadAllResultSchema = z.object({
  /** How many were unread and are now read. */
  updated: z.number().int(),
  unread: z.literal(0),
});
export type NotificationReadAllResult = z.infer<typeof notificationReadAllResultSchema>;

/**
 * `GET /api/notifications/stream` (text/event-stream) sends `event: unread`
 * with this JSON as `data` on connect and whenever the count changes. The
 * server ends the stream after a while (and on shutdown); EventSource
 * reconnects by itself, which also re-checks the session.
 */
export const NOTIFICATION_STREAM_EVENT = 'unread';
export const notificationStreamEventSchema = z.object({ unread: z.number().int() });
export type NotificationStreamEvent = z.infer<typeof notificationStreamEventSchema>;
