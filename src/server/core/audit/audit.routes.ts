import { auditListSchema, auditQuerySchema, auditVerifySchema } from '../../../shared/audit.js';
import type { ServerModule } from '../module.js';
import { requireActor } from '../http/actor.js';
import { readAuditLog, verifyAuditLog } from './audit.access.js';

/** The auditor's window on the chain (三员: only the auditor reads it; refusals are recorded as denied). */
export const auditModule: ServerModule = {
  name: 'audit',
  register(app, deps) {
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], summary: '查询审计日志（安全审计员）', querystring: auditQuerySchema, response: { 200: auditListSchema } } },
      async (req) => readAuditLog(deps, requireActor(req), req.query),
    );

    app.post(
      '/api/audit/verify',
      { schema: { tags: ['audit'], summary: '校验审计日志哈希链（安全审计员）', response: { 200: auditVerifySchema } } },
      async (req) => ({ ...(await verifyAuditLog(deps, requireActor(req))), checkedAt: deps.clock.now().toISOString() }),
    );
  },
};
