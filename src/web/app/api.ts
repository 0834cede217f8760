import type { AuditQuery, AuditVerifyResult } from '../../shared/audit.js';
import type { auditListSchema } from '../../shared/audit.js';
import type { okSchema, sessionListSchema } from '../../shared/auth.js';
import type {
  ChangePasswordBody,
  LoginBody,
  LoginResponse,
  MeResponse,
  PasswordPolicyResponse,
  SecurityPolicy,
  UpdateSecurityPolicyBody,
} from '../../shared/auth.js';
import type { CalendarUpdate, CalendarYearView } from '../../shared/calendar.js';
import type { NotificationList, NotificationListQuery, NotificationReadAllResult, NotificationReadResult } from '../../shared/notify.js';
import type {
  AdminUser,
  adminUserListSchema,
  CreateDelegationBody,
  delegationListSchema,
  CreateUnitBody,
  Delegation,
  CreateUserBody,
  SetRolesBody,
  Unit,
  UnitNode,
  unitListSchema,
  UpdateUnitBody,
  UpdateUserBody,
} from '../../shared/org.js';
import type { TodoList } from '../../shared/todos.js';
import type { z } from 'zod';
import { request } from './http.js';

/**
 * The typed API client: one function per endpoint, typed from the shared zod
 * schemas (`src/shared/*`, type-only imports so no validator code reaches the
 * login page's bundle).
 */

export type Ok = z.infer<typeof okSchema>;
export type AdminUserList = z.infer<typeof adminUserListSchema>;
export type AuditList = z.infer<typeof auditListSchema>;
export type AuditFilter = Partial<Omit<AuditQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

export type { NotificationItem, NotificationList } from '../../shared/notify.js';

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
}

const enc = encodeURIComponent;

export const api = {
  auth: {
    login: (body: LoginBody) => request<LoginResponse>('POST', '/api/auth/login', { body }),
    logout: () => request<Ok>('POST', '/api/auth/logout', { body: {}, sessionProbe: true }),
    passwordPolicy: () => request<PasswordPolicyResponse>('GET', '/api/auth/password-policy'),
  },
  me: {
    get: () => request<MeResponse>('GET', '/api/me', { sessionProbe: true }),
    changePassword: (body: ChangePasswordBody) => request<Ok>('POST', '/api/me/password', { body }),
    sessions: () => request<z.infer<typeof sessionListSchema>>('GET', '/api/me/sessions'),
    endSession: (id: string) => request<Ok>('DELETE', `/api/me/sessions/${enc(id)}`),
    delegations: () => request<z.infer<typeof delegationListSchema>>('GET', '/api/me/delegations'),
    delegate: (body: CreateDelegationBody) => request<Delegation>('POST', '/api/me/delegations', { body }),
    revokeDelegation: (id: string) => request<Ok>('DELETE', `/api/me/delegations/${enc(id)}`),
  },
  org: {
    units: () => request<UnitNode[]>('GET', '/api/org/units'),
  },
  admin: {
    users: (q: UserListQuery) => request<AdminUserList>('GET', '/api/admin/users', { query: { ...q } }),
    createUser: (body: CreateUserBody) => request<AdminUser>('POST', '/api/admin/users', { body }),
    updateUser: (id: string, body: UpdateUserBody) => request<AdminUser>('PATCH', `/api/admin/users/${enc(id)}`, { body }),
    resetPassword: (id: string, password: string) => request<Ok>('POST', `/api/admin/users/${enc(id)}/reset-password`, { body: { password } }),
    setRoles: (id: string, body: SetRolesBody) => request<AdminUser>('PUT', `/api/admin/users/${enc(id)}/roles`, { body }),
    unlock: (id: string) => request<AdminUser>('POST', `/api/admin/users/${enc(id)}/unlock`, { body: {} }),
    units: () => request<z.infer<typeof unitListSchema>>('GET', '/api/admin/units'),
    createUnit: (body: CreateUnitBody) => request<Unit>('POST', '/api/admin/units', { body }),
    updateUnit: (id: string, body: UpdateUnitBody) => request<Unit>('PATCH', `/api/admin/units/${enc(id)}`, { body }),
    policy: () => request<SecurityPolicy>('GET', '/api/admin/policy'),
    updatePolicy: (body: UpdateSecurityPolicyBody) => request<SecurityPolicy>('PUT', '/api/admin/policy', { body }),
  },
  audit: {
    list: (q: AuditFilter) => request<AuditList>('GET', '/api/audit', { query: { ...q } }),
    verify: () => request<AuditVerifyResult>('POST', '/api/audit/verify', { body: {} }),
  },
  todos: {
    /** Also polled for the header badge, hence a background read. */
    list: () => request<TodoList>('GET', '/api/todos', { background: true }),
  },
  notifications: {
    /** `background` for the badge's polling; the list the user opens is a foreground read. */
    list: (q: Partial<NotificationListQuery>, opts: { background?: boolean } = {}) =>
      request<NotificationList>('GET', '/api/notifications', { query: { ...q }, background: opts.background === true }),
    markRead: (id: string) => request<NotificationReadResult>('POST', `/api/notifications/${enc(id)}/read`, { body: {} }),
    readAll: () => request<NotificationReadAllResult>('POST', '/api/notifications/read-all', { body: {} }),
  },
  calendar: {
    year: (year: number) => request<CalendarYearView>('GET', `/api/calendar/${year}`),
    save: (year: number, body: CalendarUpdate) => request<CalendarYearView>('PUT', `/api/calendar/${year}`, { body }),
    /** Back to the shipped schedule (or weekends only); `version` guards against a concurrent edit. */
    resetOverride: (year: number, version?: number) => request<CalendarYearView>('DELETE', `/api/calendar/${year}/override`, { query: { version } }),
  },
};
