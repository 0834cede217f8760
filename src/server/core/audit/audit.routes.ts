import { auditListSchema, auditQuerySchema, auditVerifySchema } from '../../../shared/audit.js';
import type { ServerModule } from '../../modules/index.js';
import { auditActor, requireActor, requireRole } from '../http/actor.js';
import { chainedFieldsOf } from './audit.chain.js';
import { listAuditEvents } from './audit.repo.js';
import { recordAudit, verifyAuditChain } from './audit.service.js';

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}

/** The auditor's window on the chain (三员: only the auditor reads it, and that reading is itself recorded). */
export const auditModule: ServerModule = {
  name: 'audit',
  register(app, deps) {
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], summary: '查询审计日志（安全审计员）', querystring: auditQuerySchema, response: { 200: auditListSchema } } },
      async (req) => {
        const actor = requireActor(req);
        requireRole(actor, 'auditor');
        const { rows, total } = await listAuditEvents(deps.db, req.query);
        return {
          total,
          items: rows.map((r) => {
            const { details, ...fields } = chainedFieldsOf(r);
            return { ...fields, outcome: r.outcome, details: parseDetails(details) };
          }),
        };
      },
    );

    app.post(
      '/api/audit/verify',
      { schema: { tags: ['audit'], summary: '校验审计日志哈希链（安全审计员）', response: { 200: auditVerifySchema } } },
      async (req) => {
        const actor = requireActor(req);
        requireRole(actor, 'auditor');
        const result = await verifyAuditChain(deps.db);
        await recordAudit(deps.db, deps.clock, {
          action: 'audit.verify',
          actor: auditActor(actor),
          outcome: result.ok ? 'success' : 'failure',
          details: result.ok ? { count: result.count } : { count: result.count, brokenSeq: result.brokenSeq, reason: result.reason },
        });
        return { ...result, checkedAt: deps.clock.now().toISOString() };
      },
    );
  },
};
