import { Tag } from 'antd';
import { INCOMING_STATE_LABELS, type IncomingState } from '../../../shared/incoming.js';

export const STATE_COLOR: Record<IncomingState, string> = {
  registered: 'blue',
  proposed: 'geekblue',
  handling: 'processing',
  circulating: 'cyan',
  completed: 'green',
  returned: 'default',
  archived: 'purple',
  voided: 'default',
};

export function StateTag({ state, overdue }: { state: IncomingState; overdue?: boolean }) {
  return (
    <>
      <Tag color={STATE_COLOR[state]}>{INCOMING_STATE_LABELS[state]}</Tag>
      {overdue && <Tag color="red">超期</Tag>}
    </>
  );
}
