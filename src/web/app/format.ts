import dayjs from 'dayjs';
import type { Urgency } from '../../shared/todos.js';

/** Chinese dates and times, in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY年M月D日 HH:mm') : '—';
}

export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const d = dayjs(date);
  return d.isValid() ? d.format('YYYY年M月D日') : '—';
}

/** Whole days from today to a `YYYY-MM-DD` deadline; negative when overdue. */
export function daysUntil(date: string, today = dayjs()): number {
  return dayjs(date).startOf('day').diff(today.startOf('day'), 'day');
}

export const URGENCY_RANK: Record<Urgency, number> = { extra_urgent: 0, urgent: 1, normal: 2 };

/**
 * The kind of a notification, whose kinds are `<kind>.<event>`
 * (incoming.overdue, supervision.update_missing, guard.classified_refused…).
 */
export function notificationKind(kind: string | undefined): string | undefined {
  if (!kind) return undefined;
  const dot = kind.indexOf('.');
  return dot < 0 ? kind : kind.slice(0, dot);
}

/** "刚刚", "5分钟前", "3小时前", "昨天 14:20", "4天前", then the date: how a notification list reads. */
export function relativeTime(iso: string, now = dayjs()): string {
  const t = dayjs(iso);
  if (!t.isValid()) return '—';
  const minutes = now.diff(t, 'minute');
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  if (now.isSame(t, 'day')) return `${now.diff(t, 'hour')}小时前`;
  if (now.subtract(1, 'day').isSame(t, 'day')) return `昨天 ${t.format('HH:mm')}`;
  const days = now.startOf('day').diff(t.startOf('day'), 'day');
  if (days < 7) return `${days}天前`;
  return t.format(now.isSame(t, 'year') ? 'M月D日' : 'YYYY年M月D日');
}
