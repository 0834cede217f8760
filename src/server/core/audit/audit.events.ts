/**
 * Every audit action, declared by the part of the product that records it.
 * `appendAudit`, `recordAudit` and `ensureAdmin` accept a literal action only
 * when it is declared, so a misspelt or undeclared event does not compile.
 * The platform's own events are listed here; a business module declares its
 * list beside its code (`<m>.audit.ts`), puts it on its plug (`auditEvents`)
 * and adds it to `AuditEventCatalogue` by declaration merging, so core never
 * imports a module. Workflow transitions are the exception: the engine builds
 * `<kind>.<action>` from the module's state machine declaration, which is
 * where those names are declared. The stored text is unchanged.
 */
export const PLATFORM_AUDIT_EVENTS = {
  auth: ['auth.login', 'auth.lockout', 'auth.logout', 'auth.password_change', 'auth.session_revoke', 'auth.separation_denied'],
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
  /** Appended by the chain's own tests (audit, backup); never by the product. */
  test: ['test.write', 'test.concurrent'],
} as const;

type PlatformAuditEvents = typeof PLATFORM_AUDIT_EVENTS;

/** Each declaring part's actions, by its name. Modules add their entry with `declare module`. */
export interface AuditEventCatalogue extends PlatformAuditEvents {}

export type AuditModule = keyof AuditEventCatalogue;
export type AuditAction = AuditEventCatalogue[AuditModule][number];

/**
 * `A` itself when it is a declared action, or when it was built at run time
 * from a module's workflow declaration (its module part is not a literal);
 * `never` for any other literal, which makes the call fail to compile.
 */
export type DeclaredAction<A extends string> = A extends AuditAction ? A : A extends `${infer Module}.${string}` ? (string extends Module ? A : never) : never;

/** The platform's actions and those of the given modules' plugs. */
export function declaredAuditActions(modules: readonly { auditEvents?: readonly string[] }[]): string[] {
  return [...Object.values(PLATFORM_AUDIT_EVENTS).flat(), ...modules.flatMap((m) => m.auditEvents ?? [])];
}
