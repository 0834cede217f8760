import { Tag } from 'antd';
import { INFO_STATE_LABELS, INFO_TYPE_LABELS, type InfoState, type InfoType } from '../../../shared/info.js';

const STATE_COLOR: Record<InfoState, string> = {
  draft: 'default',
  division_review: 'processing',
  office_review: 'processing',
  director_review: 'processing',
  leader_review: 'processing',
  approved: 'cyan',
  submitted: 'blue',
  adopted: 'green',
  voided: 'default',
};

export function StateTag({ state }: { state: InfoState }) {
  return <Tag color={STATE_COLOR[state]}>{INFO_STATE_LABELS[state]}</Tag>;
}

const TYPE_COLOR: Record<InfoType, string> = { news: 'geekblue', practice: 'purple', proposal: 'orange', special: 'red' };

export function TypeTag({ type }: { type: InfoType }) {
  return <Tag color={TYPE_COLOR[type]}>{INFO_TYPE_LABELS[type]}</Tag>;
}
