import type { Retention } from '../../../shared/incoming.js';
import type { Direction, DocType, OutgoingState } from '../../../shared/outgoing.js';

/** One outgoing document (发文): the workflow row plus the current draft and what sign-off, 核发 and 归档 add. */
export interface OutgoingDocTable {
  id: string;
  state: OutgoingState;
  version: number;
  updated_at: string;
  created_at: string;
  doc_type: DocType;
  direction: Direction;
  title: string;
  /** The whole current draft as JSON (`OutgoingDraft`); title and doc_type are copied out for lists and search. */
  draft: string;
  urgency: 'normal' | 'urgent' | 'extra_urgent';
  drafting_unit_id: string;
  drafter_id: string;
  drafter_name: string;
  /** Number of the latest saved version (第 N 稿). */
  round: number;
  division_reviewed: number;
  office_reviewed: number;
  return_comment: string | null;
  /** 机关代字, year and sequence of the 发文字号 once signed; kept when a signed text goes back to the signer. */
  agency_code: string | null;
  doc_year: number | null;
  doc_seq: number | null;
  doc_number: string | null;
  /** 成文日期 (YYYY-MM-DD): the sign-off date. */
  sign_date: string | null;
  signer_id: string | null;
  signer_name: string | null;
  /** The version the leader signed: a later substantive change sends the document back. */
  signed_round: number | null;
  /** JSON `Distribution` recorded at 核发. */
  distribution: string | null;
  issued_at: string | null;
  issued_by_name: string | null;
  retention: Retention | null;
  archival_no: string | null;
  archived_at: string | null;
}

/** Co-sign (会签) divisions and whether each has signed in the current round. */
export interface OutgoingCosignTable {
  doc_id: string;
  unit_id: string;
  signed_at: string | null;
  signed_by_name: string | null;
  comment: string | null;
}

/** Every saved version (稿) of the draft, for 修改痕迹. */
export interface OutgoingVersionTable {
  doc_id: string;
  round: number;
  state: string;
  author_id: string;
  author_name: string;
  at: string;
  note: string | null;
  /** JSON `OutgoingDraft`. */
  draft: string;
}

/** One row (id = 1): 机关代字, 发文机关 and the 主要负责人 who signs 上行文. */
export interface OutgoingSettingsTable {
  id: number;
  agency_code: string;
  org_name: string;
  principal_leader_id: string | null;
  version: number;
  updated_at: string;
}

export interface OutgoingTables {
  outgoing_docs: OutgoingDocTable;
  outgoing_cosigns: OutgoingCosignTable;
  outgoing_versions: OutgoingVersionTable;
  outgoing_settings: OutgoingSettingsTable;
}

declare module '../../core/db/database.js' {
  interface Database extends OutgoingTables {}
}
