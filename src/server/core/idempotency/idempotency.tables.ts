/**
 * The first response to a create or transition sent with an
 * `Idempotency-Key`, kept 24 h so that a retry gets the same answer.
 */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  /** SHA-256 of method, path and canonical body: the same key for another request is refused. */
  fingerprint: string;
  status: number;
  /** Response body as JSON text. */
  response: string;
  created_at: string;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeyTable;
}
