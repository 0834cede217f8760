/** 信息报送's audit actions beyond its workflow moves. */
export const infoAuditEvents = [
  'info.edit',
  'info.scoring',
  'info.targets',
  'info.penalty',
  'info.penalty_revoke',
  'info.bulletin_issue',
  'info.export',
] as const;

declare module '../../core/audit/audit.events.js' {
  interface AuditEventCatalogue {
    info: typeof infoAuditEvents;
  }
}
