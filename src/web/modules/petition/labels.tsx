import { Tag } from 'antd';
import { PETITION_STATE_LABELS, type PetitionState } from '../../../shared/petition.js';

const STATE_COLOR: Record<PetitionState, string> = { draft: 'processing', done: 'green' };

export function StateTag({ state }: { state: PetitionState }) {
  return <Tag color={STATE_COLOR[state]}>{PETITION_STATE_LABELS[state]}</Tag>;
}
