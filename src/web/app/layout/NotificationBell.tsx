import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationItem } from '../../../shared/notify.js';
import { api } from '../api.js';
import { formatDateTime, notificationKind, relativeTime } from '../format.js';
import { useKindLabel } from '../pageTable.js';
import { NOTIFICATIONS_KEY, RECENT_KEY } from './notifications.js';

const RECENT_SIZE = 20;

/** Unread first, newest first within each: what needs attention is on top. */
function ordered(items: readonly NotificationItem[]): NotificationItem[] {
  return [...items].sort((a, b) => Number(a.read) - Number(b.read) || b.at.localeCompare(a.at));
}

/** The header bell: the unread badge, and on click the recent notifications with 全部已读. */
export function NotificationBell({ unread, compact }: { unread: number; compact: boolean }) {
  const [open, setOpen] = useState(false);
  const kindLabel = useKindLabel();
  /** The module tag of a notification, when an installed module names its kind. */
  const moduleOf = (kind: string | undefined) => {
    const k = notificationKind(kind);
    return k === undefined ? undefined : kindLabel(k);
  };
  const qc = useQueryClient();
  const navigate = useNavigate();
  const recent = useQuery({
    queryKey: RECENT_KEY,
    queryFn: () => api.notifications.list({ page: 1, pageSize: RECENT_SIZE }),
    enabled: open,
    staleTime: 0,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const markRead = useMutation({ mutationFn: (n: NotificationItem) => api.notifications.markRead(n.id), onSettled: refresh });
  const readAll = useMutation({ mutationFn: api.notifications.readAll, onSettled: refresh });

  const openItem = async (n: NotificationItem) => {
    if (!n.read) await markRead.mutateAsync(n).catch(() => undefined);
    if (n.link) {
      setOpen(false);
      await navigate(n.link);
    }
  };

  const items = ordered(recent.data?.items ?? []);
  const content = (
    <div className="zs-notify-panel" data-testid="notification-panel">
      <div className="zs-notify-head">
        <Typography.Text strong>消息通知</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="notifications-read-all"
        >
          全部已读
        </Button>
      </div>
      {recent.isPending ? (
        <div className="zs-notify-empty">
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty className="zs-notify-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
      ) : (
        <List<NotificationItem>
          className="zs-notify-list"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              className={n.read ? 'zs-notify-item' : 'zs-notify-item zs-notify-unread'}
              data-testid="notification-item"
              data-read={n.read ? '1' : '0'}
            >
              <button type="button" className="zs-notify-button" onClick={() => void openItem(n)} aria-label={`${n.read ? '' : '未读：'}${n.title}`}>
                <span className="zs-notify-title">
                  {!n.read && <Badge status="processing" />}
                  <span>{n.title}</span>
                </span>
                <span className="zs-notify-meta">
                  {moduleOf(n.kind) && <Tag bordered={false}>{moduleOf(n.kind)}</Tag>}
                  <time dateTime={n.at} title={formatDateTime(n.at)}>
                    {relativeTime(n.at)}
                  </time>
                </span>
              </button>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      <button
        type="button"
        className="zs-header-action zs-header-button"
        aria-label={`消息通知，${unread} 条未读`}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="notification-bell"
      >
        <Badge count={unread} size="small">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
        {!compact && <span className="zs-header-action-text">消息</span>}
      </button>
    </Popover>
  );
}
