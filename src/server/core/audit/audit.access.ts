import type { AuditEvent, AuditQuery } from '../../../shared/audit.js';
import { ensureAdmin } from '../auth/guards.js';
import type { Deps } from '../deps.js';
import { type Actor, auditActor } from '../http/actor.js';
import { chainedFieldsOf } from './audit.chain.js';
import { listAuditEvents } from './audit.repo.js';
import { recordAudit, type VerifyResult, verifyAuditChain } from './audit.service.js';

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}

/**
 * 三员分立: only the auditor reads the log. The check lives here rather than in
 * the route so every caller gets it, and a refused attempt is itself recorded.
 */
export async function readAuditLog(deps: Deps, actor: Actor, query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
  await ensureAdmin(deps, actor, 'auditor', 'audit.read');
  const { rows, total } = await listAuditEvents(deps.db, query);
  return {
    total,
    items: rows.map((r) => {
      const { details, ...fields } = chainedFieldsOf(r);
      return { ...fields, outcome: r.outcome, details: parseDetails(details) };
    }),
  };
}

/** Walks the chain for the auditor and records the check with its result. */
export async function verifyAuditLog(deps: Deps, actor: Actor): Promise<VerifyResult> {
  await ensureAdmin(deps, actor, 'auditor', 'audit.verify');
  const result = await verifyAuditChain(deps.db);
  await recordAudit(deps.db, deps.clock, {
    action: 'audit.verify',
    actor: auditActor(actor),
    outcome: result.ok ? 'success' : 'failure',
    details: result.ok ? { count: result.count } : { count: result.count, brokenSeq: result.brokenSeq, reason: result.reason },
  });
  return result;
}
