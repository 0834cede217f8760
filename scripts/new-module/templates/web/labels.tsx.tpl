import { Tag } from 'antd';
import { __NAME___STATE_LABELS, type __Name__State } from '../../../shared/__name__.js';

const STATE_COLOR: Record<__Name__State, string> = { draft: 'processing', done: 'green' };

export function StateTag({ state }: { state: __Name__State }) {
  return <Tag color={STATE_COLOR[state]}>{__NAME___STATE_LABELS[state]}</Tag>;
}
