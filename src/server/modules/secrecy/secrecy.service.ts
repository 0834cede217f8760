import type { Transaction } from 'kysely';
import type { SecrecyCreate, SecrecyFields, SecrecyList, SecrecyListQuery } from '../../../shared/secrecy.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import type { Actor } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { buildWorkflowView, createWithWorkflow } from '../../core/workflow/workflow.engine.js';
import { secrecyPolicy } from './secrecy.policy.js';
import { insertItem, listPage, openItemsOf, type SecrecyRow } from './secrecy.repo.js';
import { indexItem } from './secrecy.search.js';
import { secrecyWorkflow } from './secrecy.workflow.js';

/* 涉密载体's service: what the routes, the seed and other modules call. It checks, then acts in one transaction. */

const FIELD_LABELS = { title: '标题', content: '内容' };

/** `POST /api/secrecy`: the policy and the classification guard, then the new item under the request's Idempotency-Key. */
export async function createSecrecy(deps: Deps, actor: Actor, body: SecrecyCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = secrecyPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  await guardText(deps, actor, { title: body.title, content: body.content }, { targetType: 'secrecy', what: '新建涉密载体', fieldLabels: FIELD_LABELS });
  return idem.transaction(deps, actor, async (trx, save) => {
    let view: unknown = null;
    await createInTransaction(deps, actor, trx, body, async (t, o) => {
      view = await buildWorkflowView(t, deps, secrecyWorkflow, actor, o, await presentSecrecy(o, { db: t, actor }));
      await save(201, view);
    });
    return { status: 201, body: view };
  });
}

/**
 * A new item in the caller's transaction (the request's, or the demo seed's),
 * in the creator's unit; the caller has checked the policy and the texts.
 * `beforeAudit` runs just before the audit event: the response is built there.
 */
export async function createInTransaction(
  deps: Deps,
  actor: Actor,
  trx: Transaction<Database>,
  body: SecrecyCreate,
  beforeAudit?: (t: Transaction<Database>, o: SecrecyRow) => Promise<void>,
): Promise<SecrecyRow> {
  const unitId = actor.unitId;
  if (!unitId) throw forbidden('您没有所属处室，不能新建涉密载体');
  return createWithWorkflow(
    deps,
    secrecyWorkflow,
    {
      actor,
      payload: body,
      async insert(t, base) {
        await insertItem(t, {
          ...base,
          title: body.title,
          content: body.content ?? '',
          urgency: body.urgency,
          unit_id: unitId,
          created_by: actor.id,
          created_by_name: actor.name,
          created_at: base.updated_at,
          result: null,
          done_at: null,
        });
        await indexItem(deps, t, base.id);
      },
    },
    { trx, ...(beforeAudit ? { beforeAudit } : {}) },
  );
}

/** The module's fields of the GET view: explicit, never a whole row. */
export async function presentSecrecy(o: SecrecyRow, ctx: { db: Executor; actor: Actor }): Promise<SecrecyFields> {
  const [unit] = await getUnitsByIds({ db: ctx.db }, [o.unit_id]);
  return {
    title: o.title,
    content: o.content,
    urgency: o.urgency,
    unitId: o.unit_id,
    unitName: unit?.name ?? '（已撤销的处室）',
    createdBy: o.created_by_name,
    createdAt: o.created_at,
    result: o.result,
    doneAt: o.done_at,
    rights: secrecyPolicy.rightsOf(ctx.actor, o),
  };
}

/** `GET /api/secrecy`: the ledger, as far as the policy lets the actor see. */
export async function listSecrecy(deps: Deps, actor: Actor, query: SecrecyListQuery): Promise<SecrecyList> {
  const { rows, total } = await listPage(deps.db, secrecyPolicy.listFilter(actor), query, query);
  const units = new Map(
    (
      await getUnitsByIds(
        deps,
        rows.map((r) => r.unit_id),
      )
    ).map((u) => [u.id, u.name]),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      state: r.state,
      urgency: r.urgency,
      unitName: units.get(r.unit_id) ?? '（已撤销的处室）',
      createdBy: r.created_by_name,
      createdAt: r.created_at,
      version: r.version,
    })),
    total,
    rights: { mayCreate: secrecyPolicy.mayCreate(actor) },
  };
}

/** The to-do centre's 涉密载体 items: the open ones the actor created. */
export async function secrecyTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  return (await openItemsOf(deps.db, actor.id)).map((r) => ({ kind: 'secrecy', id: r.id, title: r.title, urgency: r.urgency, deadline: null, state: r.state }));
}
