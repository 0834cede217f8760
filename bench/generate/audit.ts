import { sql } from 'kysely';
import { type AuditOutcome } from '../../src/server/core/audit/audit.service.js';
import { canonicalJson, chainHash, type ChainedFields } from '../../src/server/core/audit/audit.chain.js';
import type { Db } from '../../src/server/core/db/connect.js';
import { type Cell, insertRows } from '../lib/db.js';
import type { Rng } from '../lib/prng.js';
import type { Org, OrgUser } from './org.js';

/**
 * The audit log of ten years: the lifecycle events the module generators
 * recorded (registrations, instructions, feedback, 办结, archiving …) plus
 * what fills a real log (sign-ins, sign-outs, exports, searches), in time
 * order, as one valid SM3 chain (audit.chain.ts). Written straight into
 * audit_events in batches, one transaction per batch, continuing from the
 * chain's current head; audit_head is set at the end. Keep this file next to
 * core/audit: it mirrors appendAudit's fields.
 */
interface Pending {
  ms: number;
  action: string;
  actor: OrgUser;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export class AuditSink {
  private readonly days = new Map<number, Pending[]>();
  count = 0;
  add(
    ms: number,
    action: `${string}.${string}`,
    actor: OrgUser,
    targetType: string | null,
    targetId: string | null,
    details: Record<string, unknown> = {},
  ): void {
    const day = Math.floor(ms / 86_400_000);
    let b = this.days.get(day);
    if (!b) {
      b = [];
      this.days.set(day, b);
    }
    b.push({ ms, action, actor, targetType, targetId, details });
    this.count++;
  }
  /** The events of a day; on the last day also any recorded after it (a lifecycle that would end in the future), moved to its end. */
  take(day: number, last = false): Pending[] {
    const b = this.days.get(day) ?? [];
    this.days.delete(day);
    if (last) {
      for (const [d, later] of this.days) {
        if (d < day) continue;
        for (const e of later) b.push({ ...e, ms: (day + 1) * 86_400_000 - 1 });
        this.days.delete(d);
      }
    }
    return b;
  }
}

const BATCH = 5000;

export async function generateAudit(
  db: Db,
  r: Rng,
  org: Org,
  sink: AuditSink,
  opts: { total: number; fromMs: number; toMs: number; progress: (done: number, total: number) => void },
): Promise<{ events: number; headHash: string }> {
  const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let seq = head.seq;
  let prev = head.hash;
  const firstDay = Math.floor(opts.fromMs / 86_400_000);
  const lastDay = Math.floor(opts.toMs / 86_400_000);
  const days = lastDay - firstDay + 1;
  // What the modules recorded is kept; the rest of the total is spread over the days as filler.
  let fillerLeft = Math.max(0, opts.total - sink.count);
  const business = org.users.filter((u) => !u.roles.some((x) => x === 'sysadmin' || x === 'secadmin' || x === 'auditor'));
  let rows: Record<string, Cell>[] = [];
  let written = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    const part = rows;
    rows = [];
    await db.kysely.transaction().execute(async (trx) => {
      await insertRows(trx, 'audit_events', part);
    });
    written += part.length;
    opts.progress(written, opts.total);
  };
  for (let d = 0; d < days; d++) {
    const day = firstDay + d;
    const events = sink.take(day, d === days - 1);
    const fill = d === days - 1 ? fillerLeft : Math.round(fillerLeft / (days - d));
    fillerLeft -= fill;
    for (let i = 0; i < fill; i++) {
      const actor = r.pick(business);
      const ms = day * 86_400_000 + 3_600_000 * r.between(0, 10) + r.int(3_600_000);
      const kind = r.next();
      if (kind < 0.45) events.push({ ms, action: 'auth.login', actor, targetType: 'user', targetId: actor.id, details: {} });
      else if (kind < 0.75) events.push({ ms, action: 'auth.logout', actor, targetType: 'user', targetId: actor.id, details: {} });
      else if (kind < 0.97) events.push({ ms, action: 'files.download', actor, targetType: 'attachment', targetId: r.uuid(ms), details: { name: '附件.pdf' } });
      else events.push({ ms, action: 'incoming.export', actor, targetType: 'incoming', targetId: null, details: { rows: r.between(20, 2000), filter: {} } });
    }
    events.sort((a, b) => a.ms - b.ms);
    for (const e of events) {
      seq++;
      const outcome: AuditOutcome = 'success';
      const fields: ChainedFields = {
        seq,
        at: new Date(e.ms).toISOString(),
        actorId: e.actor.id,
        actorName: e.actor.name,
        onBehalfOfId: null,
        ip: `10.${16 + (e.actor.username.length % 8)}.${e.actor.name.charCodeAt(0) % 250}.${(e.actor.name.charCodeAt(1) || 7) % 250}`,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        outcome,
        details: canonicalJson(e.details),
      };
      const hash = chainHash(prev, fields);
      rows.push({
        seq,
        at: fields.at,
        actor_id: fields.actorId,
        actor_name: fields.actorName,
        on_behalf_of_id: null,
        ip: fields.ip,
        action: fields.action,
        target_type: fields.targetType,
        target_id: fields.targetId,
        outcome,
        details: fields.details,
        prev_hash: prev,
        hash,
      });
      prev = hash;
      if (rows.length >= BATCH) await flush();
    }
  }
  await flush();
  await sql`update audit_head set seq = ${seq}, hash = ${prev} where id = 1`.execute(db.kysely);
  return { events: seq - head.seq, headHash: prev };
}
