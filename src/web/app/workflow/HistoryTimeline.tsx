import { Timeline, Typography } from 'antd';
import type { WorkflowHistoryEntry } from '../../../shared/workflow.js';
import { formatDateTime } from '../format.js';

/**
 * An object's 流转记录 as every item page shows it: the action, who (and for
 * whom, when a delegate acted), when, the move between states and the comment.
 */
export function HistoryTimeline(p: {
  history: readonly WorkflowHistoryEntry[];
  actionLabel: (action: string) => string;
  stateLabel: (state: string) => string;
}) {
  return (
    <Timeline
      items={p.history.map((h) => ({
        content: (
          <div>
            <Typography.Text strong>{p.actionLabel(h.action)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {h.actor}
              {h.onBehalfOf ? `（代 ${h.onBehalfOf.name}）` : ''} · {formatDateTime(h.at)}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {h.fromState ? `${p.stateLabel(h.fromState)} → ` : ''}
                {p.stateLabel(h.toState)}
              </Typography.Text>
            </div>
            {h.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{h.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}
