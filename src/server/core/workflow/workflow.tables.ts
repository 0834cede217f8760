/**
 * One row per step of any workflow object, shared by every module: the
 * history a GET shows, numbered 1, 2, 3 … per object without gaps.
 */
export interface WorkflowHistoryTable {
  kind: string;
  object_id: string;
  seq: number;
  action: string;
  /** Null on the row that records the creation. */
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  /** The leader in whose name a delegate acted (委托/代理). */
  on_behalf_of_id: string | null;
  on_behalf_of_name: string | null;
  comment: string | null;
  /** The validated payload as JSON text. */
  payload: string;
  at: string;
}

export interface WorkflowTables {
  workflow_history: WorkflowHistoryTable;
}
