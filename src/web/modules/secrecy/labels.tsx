import { Tag } from 'antd';
import { SECRECY_STATE_LABELS, type SecrecyState } from '../../../shared/secrecy.js';

const STATE_COLOR: Record<SecrecyState, string> = { draft: 'processing', done: 'green' };

export function StateTag({ state }: { state: SecrecyState }) {
  return <Tag color={STATE_COLOR[state]}>{SECRECY_STATE_LABELS[state]}</Tag>;
}
