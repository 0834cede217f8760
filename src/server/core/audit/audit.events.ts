/**
 * Every audit action, declared by the module that records it. `appendAudit`,
 * `recordAudit` and `ensureAdmin` accept a literal action only when it is listed
 * here, so a misspelt or undeclared event does not compile. Workflow
 * transitions are the exception: the engine builds `<kind>.<action>` from the
 * module's state machine declaration, which is where those names are declared.
 * The stored text is unchanged.
 */
export const AUDIT_EVENTS = {
  auth: ['auth.login', 'auth.lockout', 'auth.logout', 'auth.password_change', 'auth.session_revoke'],
  security: ['security.policy_read', 'security.policy_update'],
  org: [
    'org.user_list',
    'org.user_create',
    'org.user_update',
    'org.user_disable',
    'org.user_enable',
    'org.user_unlock',
    'org.password_reset',
    'org.role_grant',
    'org.role_revoke',
    'org.unit_list',
    'org.unit_create',
    'org.unit_update',
    'org.delegation_create',
    'org.delegation_revoke',
  ],
  audit: ['audit.read', 'audit.verify'],
  calendar: ['calendar.update', 'calendar.reset'],
  files: ['files.upload', 'files.download', 'files.void'],
  guard: ['guard.classified_refused'],
  incoming: ['incoming.import', 'incoming.export', 'incoming.classified_refused', 'incoming.supervision_closed'],
  supervision: ['supervision.import', 'supervision.export', 'supervision.settings'],
  outgoing: ['outgoing.edit', 'outgoing.settings'],
  /** Appended by the chain's own tests (audit, backup); never by the product. */
  test: ['test.write', 'test.concurrent'],
} as const;

export type AuditModule = keyof typeof AUDIT_EVENTS;
export type AuditAction = (typeof AUDIT_EVENTS)[AuditModule][number];

/**
 * `A` itself when it is a declared action, or when it was built at run time
 * from a module's workflow declaration (its module part is not a literal);
 * `never` for any other literal, which makes the call fail to compile.
 */
export type DeclaredAction<A extends string> = A extends AuditAction ? A : A extends `${infer Module}.${string}` ? (string extends Module ? A : never) : never;

export const ALL_AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AUDIT_EVENTS).flat();
