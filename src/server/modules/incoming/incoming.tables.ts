import type { Generated } from 'kysely';
import type { Classification, CirculationMode, IncomingKind, IncomingState, Retention } from '../../../shared/incoming.js';
import type { Urgency } from '../../../shared/todos.js';

/** One incoming document (收文): the workflow row plus the ledger's columns. */
export interface IncomingDocTable {
  id: string;
  state: IncomingState;
  version: number;
  updated_at: string;
  /** 收〔2026〕12号 */
  reg_no: string;
  reg_year: number;
  reg_seq: number;
  source_org: string;
  source_doc_number: string;
  title: string;
  doc_type: string;
  classification: Classification;
  urgency: Urgency;
  kind: IncomingKind;
  copies: number;
  received_date: string;
  /** 来文要求时限 */
  deadline: string | null;
  remarks: string | null;
  registered_by: string;
  registered_by_name: string;
  registered_at: string;
  /** Set when the clerk registered a known duplicate on purpose. */
  duplicate_of: string | null;
  duplicate_reason: string | null;
  proposal_opinion: string | null;
  proposed_lead_division_id: string | null;
  /** JSON array of user ids: the leaders asked to instruct. */
  proposed_leader_ids: string;
  instruction: string | null;
  instructed_by: string | null;
  instructed_by_name: string | null;
  instructed_on_behalf_of: string | null;
  instructed_at: string | null;
  lead_division_id: string | null;
  /** 办理时限 set at 批办 (or moved by an approved extension). */
  handling_deadline: string | null;
  deadline_provisional: number;
  circulation_mode: CirculationMode | null;
  result: string | null;
  completed_at: string | null;
  return_reason: string | null;
  void_reason: string | null;
  retention: Retention | null;
  archival_no: string | null;
  archived_at: string | null;
  /** The registration number of the old paper ledger, for imported rows. */
  legacy_reg_no: string | null;
  /** JSON array of user ids: the leaders asked to instruct now, when the chain moved on from the 拟办's (null: proposed_leader_ids). */
  awaiting_leader_ids: string | null;
  /** JSON array of user ids: the leaders a 批示 sent the document on to, after the one asked now, in order. */
  leader_queue: Generated<string>;
  /** The lead division's 办结 while 传阅 readers are still reading (承办 and 传阅 together). */
  division_done_at: string | null;
  /** The 来文's 成文日期 and page count (收文登记簿). */
  source_date: string | null;
  pages: number | null;
  /** 承办人: who handled it in the lead division (named at 办结). */
  handled_by_name: string | null;
  /** The 办理时限 as entered, when it fell on a day off and was moved to the next working day. */
  deadline_entered: string | null;
}

/** Each leader's 批示 in the order given (the document's instruction columns hold the last). */
export interface IncomingInstructionTable {
  id: string;
  doc_id: string;
  leader_id: string;
  leader_name: string;
  /** The delegate who wrote it in the leader's name. */
  on_behalf_of_name: string | null;
  text: string;
  /** JSON array of user ids the 批示 sent the document on to. */
  next_leader_ids: string;
  at: string;
}

/** The module's settings: the designated 催办 person (null: the office clerks). */
export interface IncomingSettingsTable {
  id: number;
  version: number;
  updated_at: string;
  chaser_user_id: string | null;
}

/** Divisions taking part: the lead (主办) and the assisting (协办) ones; visibility follows these rows. */
export interface IncomingUnitTable {
  doc_id: string;
  unit_id: string;
  role: 'lead' | 'assist';
}

/** Circulation (传阅) readers with their read receipts. */
export interface IncomingReaderTable {
  doc_id: string;
  user_id: string;
  user_name: string;
  /** 1, 2, 3 … the order of a sequential circulation. */
  position: number;
  read_at: string | null;
  comment: string | null;
}

export interface IncomingFeedbackTable {
  id: string;
  doc_id: string;
  unit_id: string | null;
  unit_name: string;
  user_id: string;
  user_name: string;
  content: string;
  at: string;
}

export interface IncomingExtensionTable {
  id: string;
  doc_id: string;
  requested_by: string;
  requested_by_name: string;
  reason: string;
  requested_deadline: string;
  state: 'pending' | 'approved' | 'refused';
  /** 0/1: the requested deadline was counted into a year without an official calendar. */
  requested_provisional: number;
  /** The leader in whose name the decision was made. */
  decided_by_name: string | null;
  /** The delegate who made it, when it was not the leader in person. */
  decided_on_behalf_of_name: string | null;
  decided_at: string | null;
  comment: string | null;
  at: string;
}

/** A 督办 item's closure (销号) written back onto the document it came from. */
export interface IncomingSupervisionResultTable {
  id: string;
  doc_id: string;
  item_id: string;
  item_number: string;
  result: string;
  /** The approving leader's 审核意见. */
  comment: string | null;
  by_name: string;
  /** The leader in whose name a delegate approved. */
  on_behalf_of_name: string | null;
  at: string;
}

/** Reminders and escalations that went out: one per document, kind and deadline, never twice. */
export interface IncomingReminderTable {
  doc_id: string;
  /** half: 特急 at half the time; before: 平件 2, 加急 1 working day ahead; due: on the day (urgent); overdue; source: the 来文时限 nears before 批办. */
  kind: 'half' | 'before' | 'due' | 'overdue' | 'source';
  deadline: string;
  sent_at: string;
}

/** The daily check's latest findings (one row per run). */
export interface IncomingCheckTable {
  id: string;
  at: string;
  /** JSON array of findings. */
  findings: string;
}

export interface IncomingTables {
  incoming_docs: IncomingDocTable;
  incoming_units: IncomingUnitTable;
  incoming_readers: IncomingReaderTable;
  incoming_feedback: IncomingFeedbackTable;
  incoming_extensions: IncomingExtensionTable;
  incoming_reminders: IncomingReminderTable;
  incoming_checks: IncomingCheckTable;
  incoming_supervision_results: IncomingSupervisionResultTable;
  incoming_instructions: IncomingInstructionTable;
  incoming_settings: IncomingSettingsTable;
}

declare module '../../core/db/database.js' {
  interface Database extends IncomingTables {}
}
