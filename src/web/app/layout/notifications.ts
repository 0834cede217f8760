import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NOTIFICATION_STREAM_EVENT, type NotificationList } from '../../../shared/notify.js';
import { api } from '../api.js';

/** Everything about notifications; the badge and the open list live below it. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
const BADGE_KEY = [...NOTIFICATIONS_KEY, 'badge'] as const;
export const RECENT_KEY = [...NOTIFICATIONS_KEY, 'recent'] as const;
const POLL_MS = 60_000;

/** The unread count (one row is enough: the server sends the count whatever the page). Polled, hence a background read. */
export function unreadQuery(enabled: boolean, poll: boolean) {
  return queryOptions({
    queryKey: BADGE_KEY,
    queryFn: () => api.notifications.list({ page: 1, pageSize: 1 }, { background: true }),
    enabled,
    refetchInterval: poll ? POLL_MS : false,
    meta: { silent: true },
  });
}

/**
 * Keeps the unread count live over `GET /api/notifications/stream` while
 * `enabled` (signed in, password change not forced). Returns whether the
 * stream is carrying the count; when it is not (no EventSource, the server
 * refused it, or it dropped and is reconnecting) the caller polls instead.
 * The stream closes when the layout unmounts, i.e. on logout.
 */
export function useUnreadStream(enabled: boolean): boolean {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream', { withCredentials: true });
    const onUnread = (ev: MessageEvent<string>) => {
      let unread: number;
      try {
        const data: unknown = JSON.parse(ev.data);
        if (typeof data !== 'object' || data === null || typeof (data as { unread?: unknown }).unread !== 'number') return;
        unread = (data as { unread: number }).unread;
      } catch {
        return;
      }
      setLive(true);
      const before = qc.getQueryData<NotificationList>(BADGE_KEY);
      qc.setQueryData<NotificationList>(BADGE_KEY, (old) => (old ? { ...old, unread } : { items: [], total: 0, unread }));
      // A new notification arrived: an open list should show it.
      if (before && before.unread !== unread) void qc.invalidateQueries({ queryKey: RECENT_KEY });
    };
    source.addEventListener(NOTIFICATION_STREAM_EVENT, onUnread);
    source.onerror = () => {
      // EventSource retries by itself after a dropped connection (CONNECTING);
      // a refused one (401, wrong type) is CLOSED for good. Either way the
      // badge polls until the stream speaks again.
      setLive(false);
      if (source.readyState === EventSource.CLOSED) source.close();
    };
    return () => {
      source.close();
      setLive(false);
    };
  }, [enabled, qc]);
  return live;
}
