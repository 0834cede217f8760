import { Space, Tag, Tooltip } from 'antd';
import { PETITION_STATE_LABELS, PETITION_TYPE_LABELS, type PetitionState, type PetitionType, WARNING_LABELS, type Warning } from '../../../shared/petition.js';

const STATE_COLOR: Record<PetitionState, string> = {
  registered: 'processing',
  objected: 'purple',
  returned: 'default',
  not_accepted: 'default',
  transferred: 'default',
  accepted: 'cyan',
  handling: 'blue',
  reply_review: 'gold',
  replied: 'lime',
  closed: 'green',
};

export function StateTag({ state }: { state: PetitionState }) {
  return <Tag color={STATE_COLOR[state]}>{PETITION_STATE_LABELS[state]}</Tag>;
}

const WARNING_COLOR: Record<Warning, string> = { due_soon: 'gold', imminent: 'orange', overdue: 'red' };

/** The running deadline's countdown, coloured by its warning level. */
export function CountdownTag({ daysLeft, warning, deadline }: { daysLeft: number | null; warning: Warning | null; deadline: string | null }) {
  if (daysLeft === null || !deadline) return <span style={{ color: '#999' }}>—</span>;
  const text = daysLeft < 0 ? `逾期 ${-daysLeft} 天` : daysLeft === 0 ? '今日到期' : `剩 ${daysLeft} 天`;
  return (
    <Tooltip title={`期限 ${deadline}${warning ? `（${WARNING_LABELS[warning]}）` : ''}`}>
      <Tag color={warning ? WARNING_COLOR[warning] : 'default'} data-testid="countdown">
        {text}
      </Tag>
    </Tooltip>
  );
}

/** 重复信访, 复查 and 复核 marks beside the number. */
export function Badges({ repeat, type }: { repeat: boolean; type: PetitionType }) {
  return (
    <Space size={2}>
      {repeat && <Tag color="magenta">重复</Tag>}
      {type !== 'initial' && <Tag color="geekblue">{PETITION_TYPE_LABELS[type]}</Tag>}
    </Space>
  );
}
