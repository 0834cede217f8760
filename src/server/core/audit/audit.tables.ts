export interface AuditEventTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  /** The leader in whose name a delegate acted (委托/代理). */
  on_behalf_of_id: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  details: string;
  prev_hash: string;
  hash: string;
}

/** One row: the end of the chain. Updating it serialises appenders on PostgreSQL. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditTables {
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
}
