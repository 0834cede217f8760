import type { Role } from '../../../shared/roles.js';
import type { UnitKind } from '../../../shared/org.js';

export interface UnitTable {
  id: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  sort: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  /** Stored lower-case; unique. */
  username: string;
  name: string;
  unit_id: string | null;
  /** Where notifications are e-mailed; null when the user has none on record. */
  email: string | null;
  /** argon2id PHC string. */
  password_hash: string;
  password_changed_at: string;
  /** 1 after creation by the sysadmin or a reset: the next sign-in must change it. */
  must_change_password: number;
  /** 1 for demo accounts only: exempt from the policy's expiry. */
  password_never_expires: number;
  disabled: number;
  /** Consecutive failures since the last success or lockout. */
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
  granted_at: string;
  granted_by: string | null;
}

export interface OrgTables {
  units: UnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  delegations: DelegationTable;
}

/** 委托/代理: the principal's queue may be worked by the delegate between two instants. */
export interface DelegationTable {
  id: string;
  principal_id: string;
  delegate_id: string;
  starts_at: string;
  ends_at: string;
  reason: string | null;
  created_at: string;
  revoked_at: string | null;
}
