import type { Transaction } from 'kysely';
import type { RequestCreate, RequestFields, RequestList } from '../../../shared/info.scoring.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, validation } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import type { Actor } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { getUnitsByIds, listDivisions } from '../../core/org/org.service.js';
import { buildWorkflowView, createWithWorkflow } from '../../core/workflow/workflow.engine.js';
import { requestPolicy } from './info.policy.js';
import { insertRequest, itemsOfRequest, requestList, type RequestRow } from './info.repo.js';
import { requestWorkflow } from './info.request.workflow.js';
import { indexRequest } from './info.search.js';
import { beijingToday } from './info.time.js';
import { headsOf, notes } from './info.workflow.js';

/* 约稿 (kind `info_request`): the office asks a division for a piece by a deadline on the work calendar. */

export const isOverdue = (r: Pick<RequestRow, 'state' | 'deadline'>, today: string) => r.state === 'open' && today > r.deadline;

export async function createRequest(deps: Deps, actor: Actor, body: RequestCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = requestPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  await guardText(
    deps,
    actor,
    { topic: body.topic, requirements: body.requirements },
    { targetType: 'info_request', what: '发出约稿', fieldLabels: { topic: '约稿主题', requirements: '约稿要求' } },
  );
  return idem.transaction(deps, actor, async (trx, save) => {
    let view: unknown = null;
    await createRequestIn(deps, actor, trx, body, async (t, r) => {
      view = await buildWorkflowView(t, deps, requestWorkflow, actor, r, await presentRequest(r, { db: t, actor }, deps));
      await save(201, view);
    });
    return { status: 201, body: view };
  });
}

export async function createRequestIn(
  deps: Deps,
  actor: Actor,
  trx: Transaction<Database>,
  body: RequestCreate,
  beforeAudit?: (t: Transaction<Database>, r: RequestRow) => Promise<void>,
): Promise<RequestRow> {
  const divisions = await listDivisions({ db: trx });
  if (!divisions.some((d) => d.id === body.divisionId)) throw validation('约稿对象须为处室', { fields: [{ field: 'divisionId', message: '不是处室' }] });
  const today = beijingToday(deps);
  const cal = await getCalendar(deps, trx);
  let deadline: string;
  let provisional = false;
  if (body.deadline !== undefined) {
    if (body.deadline < today) throw validation('截止日期不能早于今天', { fields: [{ field: 'deadline', message: '早于今天' }] });
    deadline = body.deadline;
    provisional = cal.isProvisionalYear(Number(deadline.slice(0, 4)));
  } else {
    const r = cal.addWorkdays(today, body.deadlineWorkdays ?? 1);
    deadline = r.date;
    provisional = r.provisional;
  }
  const year = Number(today.slice(0, 4));
  const n = await allocateNumber(trx, `info_request:${year}`);
  return createWithWorkflow(
    deps,
    requestWorkflow,
    {
      actor,
      payload: { topic: body.topic, divisionId: body.divisionId, deadline },
      async insert(t, base) {
        await insertRequest(t, {
          ...base,
          number: `约〔${year}〕${n}号`,
          topic: body.topic,
          requirements: body.requirements,
          unit_id: body.divisionId,
          deadline,
          deadline_provisional: provisional ? 1 : 0,
          created_by: actor.id,
          created_by_name: actor.name,
          created_at: base.updated_at,
          answered_at: null,
          answered_item_id: null,
          penalty_id: null,
          reminded_on: null,
        });
        await indexRequest(deps, t, base.id);
      },
      notify: async (t, r) => notes(await headsOf(t, r.unit_id), `约稿：${r.topic}（${r.deadline} 前报送）`, `/info/requests/${r.id}`, 'info.request'),
    },
    { trx, ...(beforeAudit ? { beforeAudit } : {}) },
  );
}

export async function presentRequest(r: RequestRow, ctx: { db: Executor; actor: Actor }, deps: Pick<Deps, 'clock'>): Promise<RequestFields> {
  const [unit] = await getUnitsByIds({ db: ctx.db }, [r.unit_id]);
  const answers = await itemsOfRequest(ctx.db, r.id);
  return {
    number: r.number,
    topic: r.topic,
    requirements: r.requirements,
    division: { id: r.unit_id, name: unit?.name ?? '（已撤销的处室）' },
    deadline: r.deadline,
    deadlineProvisional: r.deadline_provisional === 1,
    overdue: isOverdue(r, beijingToday(deps)),
    answeredAt: r.answered_at,
    penaltyId: r.penalty_id,
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    // Only the answers the reader may open: the office does not see a division's drafts.
    answers: answers
      .filter((i) => ctx.actor.unitId === i.unit_id || !['draft', 'division_review', 'voided'].includes(i.state))
      .map((i) => ({ id: i.id, title: i.title, state: i.state })),
    rights: requestPolicy.rightsOf(),
  };
}

export async function listRequests(
  deps: Deps,
  actor: Actor,
  q: { state?: RequestRow['state'] | undefined; divisionId?: string | undefined; overdue?: boolean | undefined },
): Promise<RequestList> {
  const today = beijingToday(deps);
  const rows = await requestList(deps.db, requestPolicy.listFilter(actor), {
    state: q.state,
    divisionId: q.divisionId,
    ...(q.overdue === true ? { overdueBefore: today } : {}),
    ...(q.overdue === false ? { notOverdueFrom: today } : {}),
  });
  const names = new Map((await getUnitsByIds(deps, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      topic: r.topic,
      division: { id: r.unit_id, name: names.get(r.unit_id) ?? '（已撤销的处室）' },
      state: r.state,
      version: r.version,
      deadline: r.deadline,
      overdue: isOverdue(r, today),
      answeredAt: r.answered_at,
      createdAt: r.created_at,
    })),
    total: rows.length,
    rights: { mayCreate: requestPolicy.mayCreate(actor) },
  };
}
