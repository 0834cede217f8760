import type { AnswerResult, RectificationState, SheetState } from '../../../shared/secrecy.inspection.js';
import type { CarrierState, CarrierType, Classification } from '../../../shared/secrecy.js';
import type { PersonnelCategory } from '../../../shared/secrecy.people.js';
import type { TemplateKey } from '../../../shared/secrecy.templates.js';

/** One 涉密载体 (paper carrier): metadata only, never content. The workflow row (id, state, version, updated_at) and its own columns. */
export interface CarrierTable {
  id: string;
  state: CarrierState;
  version: number;
  updated_at: string;
  number: string;
  year: number;
  seq: number;
  title: string;
  classification: Classification;
  copy_no: string;
  source_org: string;
  source_doc_number: string | null;
  /** sourceOrg + sourceDocNumber + copyNo when a 文号 is given: unique (the same copy is not registered twice). */
  dedupe_key: string | null;
  issued_date: string;
  received_date: string;
  period_years: number | null;
  period_months: number | null;
  declassify_date: string | null;
  declassify_condition: string | null;
  period_end: string | null;
  period_defaulted: number;
  carrier_type: CarrierType | null;
  pages: number | null;
  remarks: string | null;
  custodian_id: string;
  custodian_name: string;
  borrower_id: string | null;
  borrower_name: string | null;
  lend_mode: 'lend' | 'circulate' | null;
  lend_purpose: string | null;
  due_date: string | null;
  /** JSON [{role, userId, name, at}]: the approvals of the pending 清退 or 销毁 request. */
  approvals: string;
  /** JSON of the 清退 request and hand-over; of the 销毁 request and record; of the last 解密审核; of 作废. */
  withdrawal: string | null;
  destruction: string | null;
  review: string | null;
  voided: string | null;
  /** 清退 or 销毁 date: the register's 清退/销毁日期. */
  closed_date: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

/** One 涉密人员 record: the person's post and category while in post, then the 脱密期. */
export interface PersonnelTable {
  id: string;
  name: string;
  user_id: string | null;
  /** `user_id` while in post, null after 离岗: unique. */
  active_user_id: string | null;
  unit_id: string;
  category: PersonnelCategory;
  post: string;
  since: string;
  left_date: string | null;
  leave_reason: 'retired' | 'transferred' | 'resigned' | 'post_changed' | null;
  separation_end: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CampaignTable {
  id: string;
  title: string;
  template: TemplateKey;
  due_date: string;
  rectify_workdays: number;
  status: 'open' | 'completed';
  created_by: string;
  created_by_name: string;
  created_at: string;
  completed_at: string | null;
}

/** The checklist a campaign was started with, copied so later template changes leave it alone. */
export interface CampaignItemTable {
  campaign_id: string;
  code: string;
  section_code: string;
  section_name: string;
  text: string;
  sort: number;
}

/** One 自查表: a unit's (处室) or a person's (个人), a workflow row. */
export interface SheetTable {
  id: string;
  state: SheetState;
  version: number;
  updated_at: string;
  campaign_id: string;
  template: TemplateKey;
  unit_id: string;
  unit_name: string;
  respondent_id: string | null;
  respondent_name: string | null;
  due_date: string;
}

export interface AnswerTable {
  sheet_id: string;
  item_code: string;
  result: AnswerResult;
  note: string | null;
  answered_by: string;
  answered_at: string;
}

export interface RectificationTable {
  id: string;
  sheet_id: string;
  campaign_id: string;
  item_code: string;
  problem: string;
  deadline: string;
  state: RectificationState;
  measure: string | null;
  comment: string | null;
  reported_at: string | null;
  verified_at: string | null;
}

export interface TrainingTable {
  id: string;
  title: string;
  kind: 'lecture' | 'training' | 'visit' | 'exam' | 'online';
  date: string;
  /** Hours × 2: 学时 come in halves. */
  half_hours: number;
  pass_score: number;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

export interface AttendeeTable {
  training_id: string;
  user_id: string;
  name: string;
  score: number | null;
}

export interface SecrecySettingsTable {
  id: number;
  version: number;
  updated_at: string;
  loan_days: number;
  review_lead_days: number;
  separation_core: number;
  separation_important: number;
  separation_general: number;
  rectify_workdays: number;
}

export interface SecrecyTables {
  secrecy_carriers: CarrierTable;
  secrecy_personnel: PersonnelTable;
  secrecy_campaigns: CampaignTable;
  secrecy_campaign_items: CampaignItemTable;
  secrecy_sheets: SheetTable;
  secrecy_answers: AnswerTable;
  secrecy_rectifications: RectificationTable;
  secrecy_trainings: TrainingTable;
  secrecy_attendees: AttendeeTable;
  secrecy_settings: SecrecySettingsTable;
}

declare module '../../core/db/database.js' {
  interface Database extends SecrecyTables {}
}
