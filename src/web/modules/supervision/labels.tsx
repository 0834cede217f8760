import { Tag, Tooltip } from 'antd';
import type { Light, SupervisionState } from '../../../shared/supervision.js';
import { LIGHT_LABELS, SUPERVISION_STATE_LABELS } from '../../../shared/supervision.js';

export const LIGHT_COLORS: Record<Light, string> = { red: '#d4380d', yellow: '#d4b106', green: '#389e0d', blue: '#1d39c4' };
const SHORT: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯' };

export const PROVISIONAL_HINT = '节假日安排未公布，期限按暂定日历计算';

/** The light as a dot and a word (never colour alone), with its reasons on hover (and why it may change). */
export function LightBadge({ light, reasons, provisional }: { light: Light; reasons?: readonly string[]; provisional?: boolean }) {
  const badge = (
    <span
      className={`zs-light zs-light-${light}`}
      data-testid="light"
      data-light={light}
      aria-label={LIGHT_LABELS[light]}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}
    >
      <span
        style={{ width: 12, height: 12, borderRadius: 6, background: LIGHT_COLORS[light], display: 'inline-block', boxShadow: '0 0 0 2px rgba(0,0,0,0.06)' }}
      />
      {SHORT[light]}
    </span>
  );
  const why = [...(reasons ?? []), ...(provisional ? [PROVISIONAL_HINT] : [])];
  return why.length > 0 ? <Tooltip title={why.join('；')}>{badge}</Tooltip> : badge;
}

/** Said next to a deadline that rests on a year without a published 放假安排: the light or the count may change. */
export function ProvisionalTag() {
  return (
    <Tooltip title={PROVISIONAL_HINT}>
      <Tag
        color="orange"
        data-testid="deadline-provisional"
        aria-label={PROVISIONAL_HINT}
        style={{ marginInlineStart: 6, marginInlineEnd: 0, fontSize: 12, lineHeight: '18px', paddingInline: 4 }}
      >
        暂定
      </Tag>
    </Tooltip>
  );
}

const STATE_COLORS: Record<SupervisionState, string> = {
  open: 'default',
  in_progress: 'processing',
  closure_requested: 'warning',
  closed: 'success',
  suspended: 'purple',
};

export function StateTag({ state }: { state: SupervisionState }) {
  return <Tag color={STATE_COLORS[state]}>{SUPERVISION_STATE_LABELS[state]}</Tag>;
}

/** `2026-W48` → 2026年第48周 */
export const weekLabel = (week: string) => `${week.slice(0, 4)}年第${Number(week.slice(6))}周`;
