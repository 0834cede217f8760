/** 收文's audit actions beyond its workflow moves. */
export const incomingAuditEvents = [
  'incoming.import',
  'incoming.export',
  'incoming.classified_refused',
  'incoming.supervision_closed',
  'incoming.settings',
] as const;

declare module '../../core/audit/audit.events.js' {
  interface AuditEventCatalogue {
    incoming: typeof incomingAuditEvents;
  }
}
