import type { Light, SupervisionKind, SupervisionSource, SupervisionState } from '../../../shared/supervision.js';

/** One 督办事项: the workflow row plus the 台账 columns of REFERENCE.md §7. */
export interface SupervisionItemTable {
  id: string;
  state: SupervisionState;
  version: number;
  updated_at: string;
  /** 督〔2026〕12号 */
  number: string;
  num_year: number;
  num_seq: number;
  title: string;
  content: string;
  source: SupervisionSource;
  source_ref: string | null;
  instruction: string | null;
  kind: SupervisionKind;
  lead_division_id: string;
  owner_id: string | null;
  owner_name: string | null;
  /** 交办日期 */
  assigned_date: string;
  /** The deadline in force: only an approved extension moves it. */
  deadline: string;
  /** The date as entered when it fell on a day off and `deadline` is the next working day. */
  deadline_entered: string | null;
  /** As first set: reported beside the current one, and kept for 考核. */
  original_deadline: string;
  percent: number;
  created_by: string;
  created_by_name: string;
  created_at: string;
  /** Instant of the latest weekly update (or of acceptance). */
  last_update_at: string | null;
  closure_result: string | null;
  closure_requested_at: string | null;
  closed_at: string | null;
  closed_by_name: string | null;
  /** 审核意见 of the leader who approved or rejected closure. */
  review_comment: string | null;
  suspend_reason: string | null;
  remarks: string | null;
  /** The 台账 number of an imported paper ledger. */
  legacy_number: string | null;
}

export interface SupervisionUnitTable {
  item_id: string;
  unit_id: string;
  role: 'lead' | 'assist';
}

export interface SupervisionMilestoneTable {
  id: string;
  item_id: string;
  position: number;
  title: string;
  due_date: string;
  done_at: string | null;
}

/** 一周一督: one row per weekly progress report. */
export interface SupervisionUpdateTable {
  id: string;
  item_id: string;
  /** ISO week of the report, `2026-W48` (Beijing time). */
  week: string;
  content: string;
  percent: number | null;
  /** 需协调事项 raised with the update. */
  coordination: string | null;
  unit_id: string | null;
  unit_name: string;
  user_id: string;
  user_name: string;
  at: string;
}

export interface SupervisionExtensionTable {
  id: string;
  item_id: string;
  requested_by: string;
  requested_by_name: string;
  reason: string;
  previous_deadline: string;
  requested_deadline: string;
  /** The date as entered when it fell on a day off. */
  requested_entered: string | null;
  state: 'pending' | 'approved' | 'refused';
  decided_by_name: string | null;
  decided_at: string | null;
  comment: string | null;
  at: string;
}

/** 催办: each notice, from which its 催办单 .docx is rendered on request. */
export interface SupervisionReminderTable {
  id: string;
  item_id: string;
  message: string;
  sent_by_name: string;
  /** The light at the time of sending, printed on the 催办单. */
  light: Light;
  at: string;
}

/** A week whose update was missing when the weekly check ran: counts against the lead division. */
export interface SupervisionMissedTable {
  item_id: string;
  week: string;
  unit_id: string;
  flagged_at: string;
}

/** Issued weekly reports (督办周报), stored as issued. */
export interface SupervisionReportTable {
  week: string;
  generated_at: string;
  /** The report as JSON text (`WeeklyReport`). */
  data: string;
}

/** One row (id = 1): the office's settings for 一周一督 and the lights. */
export interface SupervisionSettingsTable {
  id: number;
  update_weekday: number;
  due_soon_workdays: number;
  version: number;
  updated_at: string;
}

export interface SupervisionTables {
  supervision_items: SupervisionItemTable;
  supervision_units: SupervisionUnitTable;
  supervision_milestones: SupervisionMilestoneTable;
  supervision_updates: SupervisionUpdateTable;
  supervision_extensions: SupervisionExtensionTable;
  supervision_reminders: SupervisionReminderTable;
  supervision_missed: SupervisionMissedTable;
  supervision_reports: SupervisionReportTable;
  supervision_settings: SupervisionSettingsTable;
}

declare module '../../core/db/database.js' {
  interface Database extends SupervisionTables {}
}
