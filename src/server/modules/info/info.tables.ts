import type { ChannelLevel, InfoState, InfoType, InstructionLevel, PublicationState } from '../../../shared/info.js';
import type { RequestState } from '../../../shared/info.scoring.js';

/** One 政务信息: the workflow row (id, state, version, updated_at) and its current text. */
export interface InfoItemTable {
  id: string;
  state: InfoState;
  version: number;
  updated_at: string;
  title: string;
  info_type: InfoType;
  body: string;
  summary: string | null;
  /** 紧急信息, 0/1. */
  urgent: number;
  /** 执笔人, JSON array of names. */
  writers: string;
  /** The text's revision: 1 on create, +1 on each saved edit (the old text stays in info_revisions). */
  revision: number;
  request_id: string | null;
  /** The division (处室) it belongs to. */
  unit_id: string;
  drafter_id: string;
  drafter_name: string;
  created_at: string;
  /** 信〔YYYY〕N号, set on 报送. */
  serial_no: string | null;
  /** JSON array of recipient codes, set on 报送. */
  recipients: string | null;
  reported_date: string | null;
  pub_state: PublicationState;
  published_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
}

/** Every text an item ever had, revision 1 first. */
export interface InfoRevisionTable {
  id: string;
  item_id: string;
  revision: number;
  title: string;
  info_type: InfoType;
  body: string;
  summary: string | null;
  author_id: string;
  author_name: string;
  at: string;
}

/** 保密审查: tied to the revision it judged; only one of the current revision counts. */
export interface InfoReviewTable {
  id: string;
  item_id: string;
  revision: number;
  conclusion: 'cleared' | 'not_cleared';
  publishable: number;
  opinion: string;
  reviewer_id: string;
  reviewer_name: string;
  at: string;
}

export interface InfoAdoptionTable {
  id: string;
  item_id: string;
  channel: string;
  channel_name: string;
  level: ChannelLevel;
  publication: string | null;
  adopted_date: string;
  recorded_by_name: string;
  at: string;
}

export interface InfoInstructionTable {
  id: string;
  item_id: string;
  level: InstructionLevel;
  leader_title: string;
  content: string;
  instructed_date: string;
  recorded_by_name: string;
  at: string;
}

/** The portal's record: each 发布 and 撤稿 with who and why. */
export interface InfoPublicationTable {
  id: string;
  item_id: string;
  action: 'publish' | 'unpublish';
  reason: string | null;
  actor_name: string;
  at: string;
}

/** 约稿: the office asks a division for a piece on a topic by a deadline. */
export interface InfoRequestTable {
  id: string;
  state: RequestState;
  version: number;
  updated_at: string;
  number: string;
  topic: string;
  requirements: string;
  unit_id: string;
  deadline: string;
  deadline_provisional: number;
  created_by: string;
  created_by_name: string;
  created_at: string;
  answered_at: string | null;
  answered_item_id: string | null;
  penalty_id: string | null;
  /** The day the 2-workday reminder went out. */
  reminded_on: string | null;
}

export interface InfoPenaltyTable {
  id: string;
  unit_id: string;
  code: string;
  name: string;
  points: number;
  date: string;
  reason: string;
  item_id: string | null;
  request_id: string | null;
  revoked: number;
  revoke_reason: string | null;
  revoked_at: string | null;
  created_by_name: string;
  created_at: string;
}

/** A year's scoring table or targets (JSON), versioned. */
export interface InfoYearTable {
  year: number;
  version: number;
  body: string;
  updated_at: string;
}

/** An issued 通报: stored once, never changed. */
export interface InfoBulletinTable {
  period: string;
  body: string;
  issued_at: string;
}

export interface InfoTables {
  info_items: InfoItemTable;
  info_revisions: InfoRevisionTable;
  info_reviews: InfoReviewTable;
  info_adoptions: InfoAdoptionTable;
  info_instructions: InfoInstructionTable;
  info_publications: InfoPublicationTable;
  info_requests: InfoRequestTable;
  info_penalties: InfoPenaltyTable;
  info_scoring: InfoYearTable;
  info_targets: InfoYearTable;
  info_bulletins: InfoBulletinTable;
}

declare module '../../core/db/database.js' {
  interface Database extends InfoTables {}
}
