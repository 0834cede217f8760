import type { __Name__State } from '../../../shared/__name__.js';
import type { Urgency } from '../../../shared/urgency.js';

/** One __label__: the workflow row (id, state, version, updated_at) and its own columns. */
export interface __Name__ItemTable {
  id: string;
  state: __Name__State;
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

export interface __Name__Tables {
  __name___items: __Name__ItemTable;
}

declare module '../../core/db/database.js' {
  interface Database extends __Name__Tables {}
}
