import type { PetitionState } from '../../../shared/petition.js';
import type { Urgency } from '../../../shared/urgency.js';

/** One 信访件: the workflow row (id, state, version, updated_at) and its own columns. */
export interface PetitionItemTable {
  id: string;
  state: PetitionState;
  version: number;
  updated_at: string;
  title: string;
  content: string;
  urgency: Urgency;
  /** The unit (处室) it belongs to: the creator's, and the one that may see it besides the office and leaders. */
  unit_id: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
  result: string | null;
  done_at: string | null;
}

export interface PetitionTables {
  petition_items: PetitionItemTable;
}

declare module '../../core/db/database.js' {
  interface Database extends PetitionTables {}
}
