/** 信访's audit actions beyond its workflow moves (`petition.create` and `petition.<action>` come from the workflow). */
export const petitionAuditEvents = ['petition.personal_data_read', 'petition.personal_data_lookup', 'petition.export', 'petition.settings_update'] as const;

declare module '../../core/audit/audit.events.js' {
  interface AuditEventCatalogue {
    petition: typeof petitionAuditEvents;
  }
}
