/*
 * An item as it stood at an instant, for the weekly report of a week that
 * ended before it was issued (the server was down on the day): the state
 * comes from the workflow history, the deadline from the extensions decided
 * since, the progress from the updates reported by then. Today's row would
 * hide an overdue week behind a later extension, or show a later suspension.
 */
import type { SupervisionState } from '../../../shared/supervision.js';
import type { Executor } from '../../core/db/executor.js';
import { extensionsApprovedSince, historyBefore, progressBefore } from './supervision.reports.repo.js';
import type { SupervisionItemTable } from './supervision.tables.js';

export interface ItemAsOf {
  state: SupervisionState;
  deadline: string;
  lastUpdateAt: string | null;
  closureRequestedAt: string | null;
  percent: number;
}

/** The actions whose effect stamps `last_update_at` (supervision.workflow.ts). */
const STAMPS_UPDATE = new Set(['accept', 'progress', 'request_closure', 'resume']);
const STATES = new Set<string>(['open', 'in_progress', 'closure_requested', 'closed', 'suspended']);
const isState = (s: string): s is SupervisionState => STATES.has(s);

type Row = Pick<SupervisionItemTable, 'id' | 'state' | 'deadline' | 'percent' | 'last_update_at' | 'closure_requested_at'>;

/** Each of `rows` as it stood just before `at` (ISO UTC instant). */
export async function itemsAsOf(db: Executor, rows: readonly Row[], at: string): Promise<Map<string, ItemAsOf>> {
  const [history, decidedLater, updates] = await Promise.all([historyBefore(db, at), extensionsApprovedSince(db, at), progressBefore(db, at)]);
  const out = new Map<string, ItemAsOf>();
  for (const r of rows) {
    out.set(r.id, { state: r.state, deadline: r.deadline, lastUpdateAt: null, closureRequestedAt: null, percent: 0 });
  }
  for (const h of history) {
    const o = out.get(h.object_id);
    if (!o) continue;
    if (isState(h.to_state)) o.state = h.to_state;
    if (STAMPS_UPDATE.has(h.action)) o.lastUpdateAt = h.at;
    if (h.action === 'request_closure') o.closureRequestedAt = h.at;
    if (h.action === 'reject_closure') o.closureRequestedAt = null;
  }
  // The first extension approved after the instant says what the deadline was before it.
  const seen = new Set<string>();
  for (const e of decidedLater) {
    const o = out.get(e.item_id);
    if (!o || seen.has(e.item_id)) continue;
    seen.add(e.item_id);
    o.deadline = e.previous_deadline;
  }
  for (const u of updates) {
    const o = out.get(u.item_id);
    if (o && u.percent !== null) o.percent = Number(u.percent);
  }
  for (const r of rows) {
    const o = out.get(r.id);
    if (!o) continue;
    if (o.state === 'closed') o.percent = 100;
    // An item without history (written before the workflow kept it) keeps its row's values.
    if (o.lastUpdateAt === null && r.last_update_at !== null && r.last_update_at < at) o.lastUpdateAt = r.last_update_at;
  }
  return out;
}
