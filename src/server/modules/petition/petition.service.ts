import type { Transaction } from 'kysely';
import type { PetitionCreate, PetitionFields, PetitionList, PetitionListQuery } from '../../../shared/petition.js';
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
import { petitionPolicy } from './petition.policy.js';
import { insertItem, listPage, openItemsOf, type PetitionRow } from './petition.repo.js';
import { indexItem } from './petition.search.js';
import { petitionWorkflow } from './petition.workflow.js';

/* 信访件's service: what the routes, the seed and other modules call. It checks, then acts in one transaction. */

const FIELD_LABELS = { title: '标题', content: '内容' };

/** `POST /api/petition`: the policy and the classification guard, then the new item under the request's Idempotency-Key. */
export async function createPetition(deps: Deps, actor: Actor, body: PetitionCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = petitionPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  await guardText(deps, actor, { title: body.title, content: body.content }, { targetType: 'petition', what: '新建信访件', fieldLabels: FIELD_LABELS });
  return idem.transaction(deps, actor, async (trx, save) => {
    let view: unknown = null;
    await createInTransaction(deps, actor, trx, body, async (t, o) => {
      view = await buildWorkflowView(t, deps, petitionWorkflow, actor, o, await presentPetition(o, { db: t, actor }));
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
  body: PetitionCreate,
  beforeAudit?: (t: Transaction<Database>, o: PetitionRow) => Promise<void>,
): Promise<PetitionRow> {
  const unitId = actor.unitId;
  if (!unitId) throw forbidden('您没有所属处室，不能新建信访件');
  return createWithWorkflow(
    deps,
    petitionWorkflow,
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
export async function presentPetition(o: PetitionRow, ctx: { db: Executor; actor: Actor }): Promise<PetitionFields> {
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
    rights: petitionPolicy.rightsOf(ctx.actor, o),
  };
}

/** `GET /api/petition`: the ledger, as far as the policy lets the actor see. */
export async function listPetition(deps: Deps, actor: Actor, query: PetitionListQuery): Promise<PetitionList> {
  const { rows, total } = await listPage(deps.db, petitionPolicy.listFilter(actor), query, query);
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
    rights: { mayCreate: petitionPolicy.mayCreate(actor) },
  };
}

/** The to-do centre's 信访件 items: the open ones the actor created. */
export async function petitionTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  return (await openItemsOf(deps.db, actor.id)).map((r) => ({
    kind: 'petition',
    id: r.id,
    title: r.title,
    urgency: r.urgency,
    deadline: null,
    state: r.state,
  }));
}
