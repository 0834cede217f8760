import type { Executor } from '../db/executor.js';
import type { ClassificationLevel } from './guard.scan.js';

/** One refusal the guard recorded (`guard.classified_refused` in the audit log): who, when, where, which markings — never the text around them. */
export interface GuardRefusal {
  /** The audit event's sequence number. */
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** The owner kind being written (`incoming`, `carrier`, `attachment`…). */
  targetType: string | null;
  what: string | null;
  findings: { marking: string; level: ClassificationLevel; field: string; line: number }[];
}

interface StoredDetails {
  what?: string | null;
  findings?: { marking?: unknown; level?: unknown; field?: unknown; line?: unknown }[];
}

/**
 * The refusals the guard recorded, newest first: read from the audit events
 * `recordRefusal` appends (the one place they are kept), between two instants
 * and optionally of one actor, for the secrecy officer's 拦截记录.
 */
export async function listGuardRefusals(
  db: Executor,
  q: { fromAt?: string; toAt?: string; actorId?: string; limit: number; offset: number },
): Promise<{ items: GuardRefusal[]; total: number }> {
  let base = db.selectFrom('audit_events').where('action', '=', 'guard.classified_refused');
  if (q.fromAt) base = base.where('at', '>=', q.fromAt);
  if (q.toAt) base = base.where('at', '<=', q.toAt);
  if (q.actorId) base = base.where('actor_id', '=', q.actorId);
  const [rows, count] = await Promise.all([
    base.select(['seq', 'at', 'actor_id', 'actor_name', 'target_type', 'details']).orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => {
    const d = JSON.parse(r.details) as StoredDetails;
    return {
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      targetType: r.target_type,
      what: typeof d.what === 'string' ? d.what : null,
      findings: (d.findings ?? []).map((f) => ({
        marking: String(f.marking ?? ''),
        level: (f.level === '绝密' || f.level === '机密' ? f.level : '秘密') as ClassificationLevel,
        field: String(f.field ?? ''),
        line: Number(f.line ?? 0),
      })),
    };
  });
  return { items, total: Number(count.n) };
}
