/** 保密's audit actions beyond its two workflows (`carrier.*`, `inspection.*`). */
export const secrecyAuditEvents = [
  'secrecy.campaign_create',
  'secrecy.campaign_complete',
  'secrecy.personnel_create',
  'secrecy.personnel_update',
  'secrecy.personnel_leave',
  'secrecy.training_create',
  'secrecy.settings',
  'secrecy.export',
  'secrecy.report',
] as const;

declare module '../../core/audit/audit.events.js' {
  interface AuditEventCatalogue {
    secrecy: typeof secrecyAuditEvents;
  }
}
