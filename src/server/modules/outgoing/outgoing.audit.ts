/** 发文's audit actions beyond its workflow moves. */
export const outgoingAuditEvents = ['outgoing.edit', 'outgoing.settings'] as const;

declare module '../../core/audit/audit.events.js' {
  interface AuditEventCatalogue {
    outgoing: typeof outgoingAuditEvents;
  }
}
