import { Tag, Typography } from 'antd';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '../../shared/todos.js';
import { daysUntil, formatDate } from './format.js';

/* Small pieces every module's pages show the same way. */

const URGENCY_COLOR: Record<Urgency, string> = { extra_urgent: 'red', urgent: 'orange', normal: 'default' };

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  return <Tag color={URGENCY_COLOR[urgency]}>{URGENCY_LABELS[urgency]}</Tag>;
}

/** The choices of a 紧急程度 filter or field, most urgent first. */
export const URGENCY_OPTIONS = URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }));

/** A deadline with how far off it is: red once overdue, amber in the last two days. */
export function DeadlineText({ deadline }: { deadline: string | null }) {
  if (!deadline) return <Typography.Text type="secondary">无期限</Typography.Text>;
  const days = daysUntil(deadline);
  const hint = days < 0 ? `已超期 ${-days} 天` : days === 0 ? '今日到期' : `剩 ${days} 天`;
  const type = days < 0 ? 'danger' : days <= 2 ? 'warning' : 'secondary';
  return (
    <span>
      {formatDate(deadline)}{' '}
      <Typography.Text type={type} style={{ fontSize: 12 }}>
        （{hint}）
      </Typography.Text>
    </span>
  );
}
