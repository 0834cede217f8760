import { Tag } from 'antd';
import { OUTGOING_STATE_LABELS, type OutgoingState } from '../../../shared/outgoing.js';

export const STATE_COLOR: Record<OutgoingState, string> = {
  draft: 'default',
  division_review: 'blue',
  cosign: 'cyan',
  office_review: 'geekblue',
  signoff: 'orange',
  numbered: 'green',
  issued: 'success',
  archived: 'purple',
};

export function StateTag({ state }: { state: OutgoingState }) {
  return <Tag color={STATE_COLOR[state]}>{OUTGOING_STATE_LABELS[state]}</Tag>;
}
