import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { InfoCreate, InfoFields, InfoList, InfoListQuery, InfoRecipient, InfoState, InfoUpdate } from '../../../shared/info.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, invalidTransition, validation, versionConflict } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { uuidv7 } from '../../core/ids.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { buildWorkflowView, createWithWorkflow, loadVisible } from '../../core/workflow/workflow.engine.js';
import { itemPoints, scoringTables } from './info.points.js';
import { clearedNow, infoPolicy, isEditor, mayEdit } from './info.policy.js';
import {
  adoptionsOf,
  advanceVersion,
  insertItem,
  insertRevision,
  instructionsOf,
  itemsInStates,
  listPage,
  loadItem,
  loadRequest,
  openRequests,
  returnedIds,
  revisionsOf,
  updateItem,
  type InfoObject,
} from './info.repo.js';
import { indexItem } from './info.search.js';
import { infoWorkflow } from './info.workflow.js';

/* 信息报送's service for the pieces themselves: what the routes, the seed and the jobs call. It checks, then acts in one transaction. */

const FIELD_LABELS = { title: '标题', body: '正文', summary: '摘要', writers: '执笔人' };
const writersOf = (json: string) => z.array(z.string()).catch([]).parse(JSON.parse(json));
const recipientsOf = (json: string | null) => (json ? (JSON.parse(json) as InfoRecipient[]) : []);

async function guardPiece(deps: Deps, actor: Actor, body: Pick<InfoCreate, 'title' | 'body' | 'summary' | 'writers'>, what: string, id?: string) {
  await guardText(
    deps,
    actor,
    { title: body.title, body: body.body, summary: body.summary, writers: (body.writers ?? []).join('、') },
    { targetType: 'info', ...(id ? { targetId: id } : {}), what, fieldLabels: FIELD_LABELS },
  );
}

/** `POST /api/info`: the policy, the 约稿 it answers and the classification guard, then the new piece under the request's Idempotency-Key. */
export async function createInfo(deps: Deps, actor: Actor, body: InfoCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = infoPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  await guardPiece(deps, actor, body, '拟写政务信息');
  return idem.transaction(deps, actor, async (trx, save) => {
    let view: unknown = null;
    await createInTransaction(deps, actor, trx, body, async (t, o) => {
      view = await buildWorkflowView(t, deps, infoWorkflow, actor, o, await presentInfo(o, { db: t, actor }));
      await save(201, view);
    });
    return { status: 201, body: view };
  });
}

/** A new piece in the caller's transaction (the request's, or the demo seed's), in the drafter's division. */
export async function createInTransaction(
  deps: Deps,
  actor: Actor,
  trx: Transaction<Database>,
  body: InfoCreate,
  beforeAudit?: (t: Transaction<Database>, o: InfoObject) => Promise<void>,
): Promise<InfoObject> {
  const unitId = actor.unitId;
  if (!unitId) throw forbidden('您没有所属处室，不能拟写政务信息');
  if (body.requestId) {
    const r = await loadRequest(trx, body.requestId);
    if (!r || r.unit_id !== unitId || (r.state !== 'open' && r.state !== 'answered')) {
      throw validation('所答约稿不存在、不属于本处室或已取消', { fields: [{ field: 'requestId', message: '不是本处室可答的约稿' }] });
    }
  }
  return createWithWorkflow(
    deps,
    infoWorkflow,
    {
      actor,
      payload: { title: body.title, infoType: body.infoType, ...(body.requestId ? { requestId: body.requestId } : {}) },
      async insert(t, base) {
        await insertItem(t, {
          ...base,
          title: body.title,
          info_type: body.infoType,
          body: body.body,
          summary: body.summary || null,
          urgent: body.urgent ? 1 : 0,
          writers: JSON.stringify(body.writers ?? []),
          revision: 1,
          request_id: body.requestId ?? null,
          unit_id: unitId,
          drafter_id: actor.id,
          drafter_name: actor.name,
          created_at: base.updated_at,
          serial_no: null,
          recipients: null,
          reported_date: null,
          pub_state: 'unpublished',
          published_at: null,
          withdrawn_at: null,
          withdraw_reason: null,
        });
        await insertRevision(t, {
          id: uuidv7(),
          item_id: base.id,
          revision: 1,
          title: body.title,
          info_type: body.infoType,
          body: body.body,
          summary: body.summary || null,
          author_id: actor.id,
          author_name: actor.name,
          at: base.updated_at,
        });
        await indexItem(deps, t, base.id);
      },
    },
    { trx, ...(beforeAudit ? { beforeAudit } : {}) },
  );
}

/**
 * `PUT /api/info/<id>`: the drafter while drafting, the head in 处室审核, the
 * editor in 办公室编审 save a new text; the old one stays as a revision, and
 * a 保密审查 of it no longer counts as current.
 */
export async function updateInfo(deps: Deps, actor: Actor, id: string, body: InfoUpdate): Promise<WorkflowView<InfoFields>> {
  const { version, ...text } = body;
  await guardPiece(deps, actor, text, '修改政务信息', id);
  return deps.db.transaction().execute(async (trx) => {
    const o = await loadVisible(trx, infoWorkflow, actor, id);
    if (!['draft', 'division_review', 'office_review'].includes(o.state)) {
      throw invalidTransition(`该政务信息当前为“${infoWorkflow.states[o.state]}”，不能修改`, { state: o.state });
    }
    if (!mayEdit(actor, o)) throw forbidden('您不能在此环节修改该政务信息');
    if (o.version !== version) throw versionConflict({ currentVersion: o.version });
    const at = deps.clock.now().toISOString();
    if (!(await advanceVersion(trx, o.id, version, at))) throw versionConflict();
    const revision = o.revision + 1;
    await updateItem(trx, o.id, {
      title: text.title,
      info_type: text.infoType,
      body: text.body,
      summary: text.summary || null,
      urgent: text.urgent ? 1 : 0,
      writers: JSON.stringify(text.writers ?? []),
      revision,
    });
    await insertRevision(trx, {
      id: uuidv7(),
      item_id: o.id,
      revision,
      title: text.title,
      info_type: text.infoType,
      body: text.body,
      summary: text.summary || null,
      author_id: actor.id,
      author_name: actor.name,
      at,
    });
    await indexItem(deps, trx, o.id);
    const fresh = await loadItem(trx, o.id);
    if (!fresh) throw new Error(`info ${o.id} vanished`);
    const view = await buildWorkflowView(trx, deps, infoWorkflow, actor, fresh, await presentInfo(fresh, { db: trx, actor }));
    await appendAudit(trx, deps.clock, {
      action: 'info.edit',
      actor: auditActor(actor),
      targetType: 'info',
      targetId: o.id,
      details: { state: o.state, version: version + 1, revision },
    });
    return view;
  });
}

/** The module's fields of the GET view: explicit, never a whole row. */
export async function presentInfo(o: InfoObject, ctx: { db: Executor; actor: Actor }): Promise<InfoFields> {
  const [unit] = await getUnitsByIds({ db: ctx.db }, [o.unit_id]);
  const [revisions, adoptions, instructions, table] = await Promise.all([
    revisionsOf(ctx.db, o.id),
    adoptionsOf(ctx.db, [o.id]),
    instructionsOf(ctx.db, [o.id]),
    scoringTables(ctx.db),
  ]);
  const request = o.request_id ? await loadRequest(ctx.db, o.request_id) : undefined;
  const points = itemPoints(table, o, adoptions, instructions);
  const r = o.review;
  return {
    title: o.title,
    infoType: o.info_type,
    body: o.body,
    summary: o.summary,
    urgent: o.urgent === 1,
    writers: writersOf(o.writers),
    revision: o.revision,
    revisions: revisions.map((v) => ({
      revision: v.revision,
      title: v.title,
      infoType: v.info_type,
      body: v.body,
      summary: v.summary,
      author: v.author_name,
      at: v.at,
    })),
    requestId: o.request_id,
    requestNumber: request?.number ?? null,
    serialNo: o.serial_no,
    division: { id: o.unit_id, name: unit?.name ?? '（已撤销的处室）' },
    drafter: { id: o.drafter_id, name: o.drafter_name },
    createdAt: o.created_at,
    secrecyReview: r
      ? {
          conclusion: r.conclusion,
          publishable: r.publishable === 1,
          opinion: r.opinion,
          reviewer: r.reviewer_name,
          at: r.at,
          revision: r.revision,
          current: r.revision === o.revision,
        }
      : null,
    report: o.reported_date ? { recipients: recipientsOf(o.recipients), reportedDate: o.reported_date } : null,
    adoptions: adoptions.map((a, i) => ({
      channel: a.channel,
      channelName: a.channel_name,
      level: a.level,
      publication: a.publication,
      adoptedDate: a.adopted_date,
      points: points.perAdoption[i] ?? 0,
    })),
    instructions: instructions.map((n, i) => ({
      level: n.level,
      leaderTitle: n.leader_title,
      content: n.content,
      instructedDate: n.instructed_date,
      points: points.perInstruction[i] ?? 0,
    })),
    points: { submission: points.submission, adoption: points.adoption, instruction: points.instruction, total: points.total },
    publication: { state: o.pub_state, publishedAt: o.published_at, withdrawnAt: o.withdrawn_at, reason: o.withdraw_reason },
    rights: infoPolicy.rightsOf(ctx.actor, o),
  };
}

/** `GET /api/info`: the ledger, as far as the policy lets the actor see, with each piece's counts and points. */
export async function listInfo(deps: Deps, actor: Actor, query: InfoListQuery): Promise<InfoList> {
  const { rows, total } = await listPage(deps.db, infoPolicy.listFilter(actor), query, query);
  const ids = rows.map((r) => r.id);
  const [units, adoptions, instructions, table] = await Promise.all([
    getUnitsByIds(
      deps,
      rows.map((r) => r.unit_id),
    ),
    adoptionsOf(deps.db, ids),
    instructionsOf(deps.db, ids),
    scoringTables(deps.db),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    items: rows.map((r) => {
      const a = adoptions.filter((x) => x.item_id === r.id);
      const n = instructions.filter((x) => x.item_id === r.id);
      return {
        id: r.id,
        serialNo: r.serial_no,
        title: r.title,
        infoType: r.info_type,
        urgent: r.urgent === 1,
        division: { id: r.unit_id, name: unitName.get(r.unit_id) ?? '（已撤销的处室）' },
        drafter: r.drafter_name,
        state: r.state,
        version: r.version,
        createdAt: r.created_at,
        reportedDate: r.reported_date,
        adoptionCount: a.length,
        instructionCount: n.length,
        points: itemPoints(table, r, a, n).total,
        published: r.pub_state === 'published',
      };
    }),
    total,
    rights: { mayCreate: infoPolicy.mayCreate(actor) },
  };
}

/**
 * The to-do centre (../shared/api/info.md "To-dos"): the drafter's returned
 * pieces, the head's 处室审核 and open 约稿, the editor's 办公室编审 and
 * 待报送, the secrecy officer's pieces without a current review, the
 * director's and the leaders' review steps.
 */
export async function infoTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  const out: TodoInput[] = [];
  const push = (rows: readonly InfoObject[]) => {
    for (const r of rows) {
      if (out.some((t) => t.id === r.id)) continue;
      out.push({ kind: 'info', id: r.id, title: r.title, urgency: r.urgent === 1 ? 'urgent' : 'normal', deadline: null, state: r.state });
    }
  };
  const drafts = await itemsInStates(deps.db, ['draft'], { drafterId: actor.id });
  const returned = await returnedIds(
    deps.db,
    drafts.map((d) => d.id),
  );
  push(drafts.filter((d) => returned.has(d.id)));
  const states: InfoState[] = [];
  if (isEditor(actor)) states.push('office_review', 'approved');
  if (hasRole(actor, 'office_director')) states.push('director_review');
  if (hasRole(actor, 'leader')) states.push('leader_review');
  push(await itemsInStates(deps.db, states));
  if (hasRole(actor, 'secrecy_officer')) push((await itemsInStates(deps.db, ['office_review'])).filter((o) => !clearedNowOrJudged(o)));
  if (hasRole(actor, 'division_head') && actor.unitId) {
    push(await itemsInStates(deps.db, ['division_review'], { unitId: actor.unitId }));
    for (const r of await openRequests(deps.db, actor.unitId)) {
      out.push({ kind: 'info_request', id: r.id, title: `约稿：${r.topic}`, urgency: 'normal', deadline: r.deadline, state: r.state });
    }
  }
  return out;
}

/** A current review (either conclusion): the secrecy officer has nothing left to do on it. */
function clearedNowOrJudged(o: InfoObject): boolean {
  return clearedNow(o) || (o.review !== null && o.review.revision === o.revision);
}
