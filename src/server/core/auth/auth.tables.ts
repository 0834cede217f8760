/** A server-side session. The cookie carries a random token; only its SM3 hash is stored. */
export interface SessionTable {
  /** Public id (UUIDv7), shown in the user's session list; never the token. */
  id: string;
  token_hash: string;
  user_id: string;
  /** Sent back in `x-csrf-token` on every state change (synchroniser token). */
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
  /** logout, idle, absolute, disabled, password_reset, password_change, roles_changed, unit_changed, user */
  revoked_reason: string | null;
}

/** One row (id = 1): the security policy set by the secadmin. */
export interface SecurityPolicyTable {
  id: number;
  lockout_threshold: number;
  lockout_minutes: number;
  password_expiry_days: number;
  idle_timeout_minutes: number;
  absolute_session_hours: number;
  audit_retention_days: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface AuthTables {
  sessions: SessionTable;
  security_policy: SecurityPolicyTable;
}
