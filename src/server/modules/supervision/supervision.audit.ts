/** 督办's audit actions beyond its workflow moves. */
export const supervisionAuditEvents = ['supervision.import', 'supervision.export', 'supervision.settings', 'supervision.auto_remind'] as const;

declare module '../../core/audit/audit.events.js' {
  interface AuditEventCatalogue {
    supervision: typeof supervisionAuditEvents;
  }
}
