import type {
  Category,
  Channel,
  ExtensionState,
  Method,
  PetitionState,
  PetitionType,
  RejectReason,
  Satisfaction,
  Source,
  Topic,
} from '../../../shared/petition.js';

/**
 * One 信访件: the workflow row (id, state, version, updated_at) and its own
 * columns. The petitioner's data is sealed (`*_enc`, see core/vault/vault.ts)
 * with its masked form beside it for lists, and blind indexes for lookups.
 */
export interface PetitionItemTable {
  id: string;
  state: PetitionState;
  version: number;
  updated_at: string;
  /** 信〔YYYY〕N号, and its parts for ordering. */
  number: string;
  year: number;
  seq_no: number;
  type: PetitionType;
  parent_id: string | null;
  channel: Channel;
  source: Source;
  transferred_from: string | null;
  received_date: string;
  category: Category;
  topic: Topic;
  subject: string;
  content: string;
  visitors: number | null;
  repeat_of_id: string | null;
  name_enc: string;
  id_number_enc: string | null;
  phone_enc: string | null;
  address_enc: string | null;
  name_mask: string;
  id_number_mask: string | null;
  phone_mask: string | null;
  address_mask: string | null;
  id_index: string | null;
  phone_index: string | null;
  notice_deadline: string;
  objection_deadline: string | null;
  notice_date: string | null;
  notice_method: Method | null;
  notice_on_time: number | null;
  accepted_date: string | null;
  reject_reason_type: RejectReason | null;
  decision_reason: string | null;
  other_authority: string | null;
  to_org: string | null;
  /** 办理期限 now (extensions and hearings added), and as first set. */
  handling_deadline: string | null;
  original_handling_deadline: string | null;
  deadline_provisional: number;
  /** The deadline that runs in the current state (告知 or 办理), null when none runs: the ledger orders and filters on it. */
  running_deadline: string | null;
  division_id: string | null;
  requirement: string | null;
  due_date: string | null;
  ext_days: number | null;
  ext_reason: string | null;
  ext_state: ExtensionState | null;
  ext_notice_date: string | null;
  ext_requested_by: string | null;
  hearing_days: number;
  opinion: string | null;
  reply_text: string | null;
  reply_date: string | null;
  delivered_date: string | null;
  delivery_method: Method | null;
  review_request_deadline: string | null;
  satisfaction: Satisfaction | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

/** Each 告知 given: 受理, 不予受理, 转送, 延期. */
export interface PetitionNoticeTable {
  petition_id: string;
  seq: number;
  kind: 'accept' | 'reject' | 'transfer' | 'extension';
  method: Method;
  notice_date: string;
  on_time: number;
}

/** 听证 of a 复核: its days do not count toward the handling period. */
export interface PetitionHearingTable {
  petition_id: string;
  seq: number;
  start_date: string;
  end_date: string;
  days: number;
  summary: string;
}

/** A deadline warning sent: once per petition, deadline and level. */
export interface PetitionWarningTable {
  petition_id: string;
  deadline_kind: 'notice' | 'handling';
  deadline: string;
  level: 'due_soon' | 'imminent' | 'overdue';
  sent_at: string;
}

/** What the database keeps to recognise the personal-data key (never the key). */
export interface PetitionKeyCheckTable {
  id: number;
  key_check: string;
  created_at: string;
}

export interface PetitionSettingsTable {
  id: number;
  version: number;
  updated_at: string;
  /** 上一级机关, named in the remedy sentence of the 答复意见书. */
  superior_org: string;
  /** The bureau's name, signing the 意见书 and 告知书. */
  org_name: string;
}

export interface PetitionTables {
  petition_items: PetitionItemTable;
  petition_notices: PetitionNoticeTable;
  petition_hearings: PetitionHearingTable;
  petition_warnings: PetitionWarningTable;
  petition_key_check: PetitionKeyCheckTable;
  petition_settings: PetitionSettingsTable;
}

declare module '../../core/db/database.js' {
  interface Database extends PetitionTables {}
}
