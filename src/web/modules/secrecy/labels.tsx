import { Tag } from 'antd';
import { CARRIER_STATE_LABELS, type CarrierState, CLASSIFICATION_LABELS, type Classification } from '../../../shared/secrecy.js';
import { RECTIFICATION_LABELS, type RectificationState, SHEET_STATE_LABELS, type SheetState } from '../../../shared/secrecy.inspection.js';

const CARRIER_COLOR: Record<CarrierState, string> = {
  in_custody: 'blue',
  lent: 'gold',
  withdrawal_pending: 'orange',
  withdrawal_approved: 'cyan',
  withdrawn: 'default',
  destruction_pending: 'orange',
  destruction_approved: 'cyan',
  destroyed: 'default',
  declassified: 'green',
  voided: 'default',
};
export function CarrierStateTag({ state }: { state: CarrierState }) {
  return <Tag color={CARRIER_COLOR[state]}>{CARRIER_STATE_LABELS[state]}</Tag>;
}

const LEVEL_COLOR: Record<Classification, string> = { top_secret: 'red', confidential: 'volcano', secret: 'orange' };
/** 密级 as the register's enum, never as marking text. */
export function LevelTag({ level }: { level: Classification }) {
  return <Tag color={LEVEL_COLOR[level]}>{CLASSIFICATION_LABELS[level]}</Tag>;
}

const SHEET_COLOR: Record<SheetState, string> = { pending: 'default', submitted: 'processing', rectifying: 'orange', closed: 'green' };
export function SheetStateTag({ state }: { state: SheetState }) {
  return <Tag color={SHEET_COLOR[state]}>{SHEET_STATE_LABELS[state]}</Tag>;
}

const RECT_COLOR: Record<RectificationState, string> = { open: 'red', reported: 'processing', verified: 'green' };
export function RectificationTag({ state }: { state: RectificationState }) {
  return <Tag color={RECT_COLOR[state]}>{RECTIFICATION_LABELS[state]}</Tag>;
}
