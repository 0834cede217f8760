import { Tag } from 'antd';
import { INFO_STATE_LABELS, type InfoState } from '../../../shared/info.js';

const STATE_COLOR: Record<InfoState, string> = { draft: 'processing', done: 'green' };

export function StateTag({ state }: { state: InfoState }) {
  return <Tag color={STATE_COLOR[state]}>{INFO_STATE_LABELS[state]}</Tag>;
}
