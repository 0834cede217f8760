import type { OutgoingDraft } from '../../../shared/outgoing.js';
import type { Clock } from '../../core/clock.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { withoutIdempotencyKey } from '../../core/idempotency/idempotency.request.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { SEED_DOCS } from './outgoing.seed-data.js';
import { createOutgoing, updateOutgoing } from './outgoing.service.js';
import { outgoingWorkflow } from './outgoing.workflow.js';

type Target = 'archived' | 'issued' | 'numbered' | 'signoff' | 'office_review' | 'cosign' | 'division_review' | 'returned' | 'draft' | 'draft_with_error';
/** Where each corpus document stands, in SEED_DOCS order: one of every state, oldest first. */
const PLAN: readonly { target: Target; cosign?: boolean; up?: boolean }[] = [
  { target: 'archived', cosign: true },
  { target: 'issued' },
  { target: 'numbered', up: true },
  { target: 'numbered' },
  { target: 'signoff' },
  { target: 'signoff', up: true },
  { target: 'office_review' },
  { target: 'cosign', cosign: true },
  { target: 'division_review' },
  { target: 'returned' },
  { target: 'draft' },
  { target: 'draft_with_error' },
];

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

const HOUR = 3_600_000;

/**
 * `seed-demo`: twelve 发文 in every state, drafted and moved through the real
 * workflow (history, versions, audit, counters and index stay consistent).
 * The principal leader for 上行文 is 王局长 (leader1). Does nothing when any
 * outgoing document exists.
 */
export async function seedDemoOutgoing(deps: Deps): Promise<{ created: number }> {
  const seeded = await deps.db.selectFrom('outgoing_docs').select('id').limit(1).executeTakeFirst();
  if (seeded) return { created: 0 };
  const actor = async (username: string): Promise<Actor | null> => {
    const a = await getAccountByUsername(deps, username);
    return a
      ? { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null }
      : null;
  };
  const [clerk, director, leader1, leader2, div1Head, div1Staff, div2Head, div2Staff] = await Promise.all(
    ['office_clerk', 'office_director', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff'].map(actor),
  );
  if (!clerk || !director || !leader1 || !leader2 || !div1Head || !div1Staff || !div2Head || !div2Staff) return { created: 0 };
  const divisions = await listDivisions(deps);
  const div1 = divisions.find((d) => d.name === '监管一处');
  const div2 = divisions.find((d) => d.name === '监管二处');

  const existing = await deps.db.selectFrom('outgoing_settings').select('id').executeTakeFirst();
  if (!existing) {
    await deps.db
      .insertInto('outgoing_settings')
      .values({
        id: 1,
        agency_code: '财监办',
        org_name: '财政部某某监管局',
        principal_leader_id: leader1.id,
        version: 1,
        updated_at: deps.clock.now().toISOString(),
      })
      .execute();
  }

  // Three weeks of work ending now: each document starts a day and a half after the previous one.
  const clock = new SeedClock(deps.clock.now().getTime() - 21 * 24 * HOUR);
  const d: Deps = { ...deps, clock };
  let created = 0;
  for (const [i, src] of SEED_DOCS.entries()) {
    const plan = PLAN[i];
    if (!plan) break;
    clock.t += 36 * HOUR;
    const drafter = i % 2 === 0 ? div1Staff : div2Staff;
    const head = i % 2 === 0 ? div1Head : div2Head;
    // The other 监管处 co-signs.
    const other = i % 2 === 0 ? { unit: div2, head: div2Head } : { unit: div1, head: div1Head };
    const draft: OutgoingDraft = {
      docType: plan.up ? (src.docType === '请示' ? '请示' : '报告') : src.docType,
      title: src.title,
      mainRecipients: plan.up ? ['财政部'] : src.mainRecipients,
      copyTo: [],
      body: plan.target === 'draft_with_error' ? src.body.replace(/（一）/, '(一)').replace(/。/, '.') : src.body,
      attachments: src.attachments,
      classification: 'internal',
      urgency: i === 4 ? 'urgent' : 'normal',
      disclosure: i % 3 === 0 ? 'public' : 'not_public',
      cosignDivisionIds: plan.cosign && other.unit ? [other.unit.id] : [],
      ...(src.docType === '请示' ? { contact: { name: drafter.name, phone: '010-68551234' } } : {}),
    };
    const out = await createOutgoing(d, drafter, draft, withoutIdempotencyKey);
    const view = out.body as { id: string; version: number };
    let version = view.version;
    const id = view.id;
    created++;
    const fire = async (who: Actor, action: string, payload: Record<string, unknown> = {}) => {
      clock.t += HOUR;
      const r = await fireTransition(d, outgoingWorkflow, { id, action, version, payload, actor: who });
      version = r.version;
      return r;
    };
    const edit = async (who: Actor, change: Partial<OutgoingDraft>, note: string) => {
      clock.t += HOUR;
      const r = await updateOutgoing(d, who, id, { ...draft, ...change, version, note }, withoutIdempotencyKey);
      version = (r.body as { version: number }).version;
    };
    if (plan.target === 'draft' || plan.target === 'draft_with_error') continue;
    await fire(drafter, 'submit');
    if (plan.target === 'returned') {
      await fire(head, 'return', { comment: '请补充政策依据，并压缩篇幅' });
      await edit(drafter, { body: `${draft.body}\n特此通知。` }, '按处长意见补充结束语');
      continue;
    }
    if (plan.target === 'division_review') continue;
    await fire(head, 'approve', { comment: '同意，请办公室核稿' });
    if (draft.cosignDivisionIds.length > 0) {
      if (plan.target === 'cosign') continue;
      await fire(other.head, 'cosign', { comment: '无意见' });
    }
    if (plan.target === 'cosign' || plan.target === 'office_review') continue;
    await fire(director, 'approve', { comment: '文字已核，拟同意印发' });
    if (plan.target === 'signoff') continue;
    await fire(plan.up ? leader1 : leader2, 'sign', { comment: '同意' });
    if (plan.target === 'numbered') continue;
    await fire(clerk, 'issue', { distribution: { copies: 20, recipients: draft.mainRecipients.slice(0, 20), note: '纸质件与电子件同时分发' } });
    if (plan.target === 'issued') continue;
    await fire(clerk, 'archive', { retention: '30y' });
  }
  return { created };
}
