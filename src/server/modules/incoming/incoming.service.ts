import type { Transaction } from 'kysely';
import {
  CLASSIFICATION_LABELS,
  type IncomingCreate,
  type IncomingFields,
  type IncomingFilter,
  type IncomingList,
  type IncomingListItem,
  type IncomingListQuery,
  type IncomingOptions,
  type IncomingSettings,
  type IncomingSettingsUpdate,
  STORABLE_CLASSIFICATIONS,
} from '../../../shared/incoming.js';
import { isAdminRole, BUSINESS_ROLES } from '../../../shared/roles.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { appendAudit, recordAudit } from '../../core/audit/audit.service.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { classifiedRefused, duplicate, forbidden, validation } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { guardText } from '../../core/guard/guard.service.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { matchingIds } from '../../core/search/search.service.js';
import type { Executor } from '../../core/db/executor.js';
import { isUniqueViolation } from '../../core/db/unique-violation.js';
import { availableActions, createWithWorkflow, buildWorkflowView } from '../../core/workflow/workflow.engine.js';
import { getUnitsByIds, getUsersByIds, listDivisions, listUnits, usersWithRole } from '../../core/org/org.service.js';
import {
  docRef,
  type DocRow,
  extensionsOf,
  feedbackOf,
  findBySource,
  type IncomingObject,
  insertDoc,
  incomingSettings,
  insertSupervisionResult,
  instructionsOf,
  instructionsOfMany,
  loadIncoming,
  loadIncomingMany,
  remindersOf,
  supervisionResultsOf,
} from './incoming.repo.js';
import { type LedgerWhere, ledgerPage, todoCandidateIds, unitsOfDocs } from './incoming.lists.repo.js';
import { incomingPolicy } from './incoming.policy.js';
import { indexIncoming } from './incoming.search.js';
import type { LinkHookCall } from '../../core/links/links.service.js';
import { itemForIncoming } from '../supervision/supervision.service.js';
import { uuidv7 } from '../../core/ids.js';
import { awaitingLeaderIds, idsOf, incomingWorkflow, leaderIdsOf, today } from './incoming.workflow.js';

/** The registration number of API.md: 收〔2026〕12号. */
export const regNoOf = (year: number, seq: number) => `收〔${year}〕${seq}号`;

const CLASSIFIED_MESSAGE =
  '本系统为非涉密系统，不能登记涉密公文。请将纸质件登记在涉密载体登记簿中，交机要人员按机要渠道办理；' +
  '本系统只登记密级为“无”或“内部”的来文。此次拒绝已记录。';

/**
 * Everything that must be refused before the registration's transaction
 * opens (the refusal is audited in a short transaction of its own, which on
 * SQLite cannot start while another is open): role, declared 密级, and
 * classification markings in the typed text.
 */
export async function checkRegistration(deps: Deps, actor: Actor, body: IncomingCreate): Promise<void> {
  const refusal = incomingPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  if (!STORABLE_CLASSIFICATIONS.includes(body.classification)) {
    await recordAudit(deps.db, deps.clock, {
      action: 'incoming.classified_refused',
      actor: auditActor(actor),
      targetType: 'incoming',
      outcome: 'denied',
      // The title is left out on purpose: it may itself be classified.
      details: { classification: body.classification, sourceOrg: body.sourceOrg, sourceDocNumber: body.sourceDocNumber },
    });
    throw classifiedRefused(`来文密级为“${CLASSIFICATION_LABELS[body.classification]}”。${CLASSIFIED_MESSAGE}`, {
      classification: body.classification,
      register: '涉密载体登记簿',
    });
  }
  await guardText(
    deps,
    actor,
    { title: body.title, sourceDocNumber: body.sourceDocNumber, remarks: body.remarks, duplicateReason: body.duplicateOverride?.reason },
    { targetType: 'incoming', what: '收文登记', fieldLabels: { title: '标题', sourceDocNumber: '来文字号', remarks: '备注', duplicateReason: '重复登记理由' } },
  );
}

export interface RegisterOptions {
  /** The year of the 收文编号; by default this year. An imported row takes the year of its 收文日期. */
  numberYear?: number;
  /** Kept from an old paper ledger on import. */
  legacyRegNo?: string | null;
  /** Imported rows may arrive already completed. */
  state?: 'registered' | 'completed';
  result?: string | null;
  completedAt?: string | null;
}

/** Registers one document inside `trx`: duplicate check, gapless number, row, history, index, audit. */
export async function registerInTransaction(
  deps: Deps,
  actor: Actor,
  body: IncomingCreate,
  trx: Transaction<Database>,
  opts: RegisterOptions = {},
  beforeAudit?: (t: Transaction<Database>, o: IncomingObject) => Promise<void>,
): Promise<IncomingObject> {
  const existing = await findBySource(trx, body.sourceOrg, body.sourceDocNumber);
  if (existing && !body.duplicateOverride) {
    throw duplicate(`该来文已登记：${body.sourceOrg}“${body.sourceDocNumber}”即 ${existing.reg_no}（${existing.title}）。如确需再次登记，请填写重复登记理由`, {
      existing: { id: existing.id, regNo: existing.reg_no, state: existing.state, title: existing.title },
    });
  }
  const year = opts.numberYear ?? Number(today(deps).slice(0, 4));
  const seq = await allocateNumber(trx, `incoming:${year}`);
  const regNo = regNoOf(year, seq);
  return createWithWorkflow(
    deps,
    incomingWorkflow,
    {
      actor,
      ...(opts.state ? { state: opts.state } : {}),
      payload: { ...body, regNo },
      comment: body.duplicateOverride ? `重复登记：${body.duplicateOverride.reason}` : null,
      insert: async (t, base) => {
        await insertDoc(t, {
          ...base,
          state: base.state,
          reg_no: regNo,
          reg_year: year,
          reg_seq: seq,
          source_org: body.sourceOrg,
          source_doc_number: body.sourceDocNumber,
          title: body.title,
          doc_type: body.docType,
          classification: body.classification,
          urgency: body.urgency,
          kind: body.kind,
          copies: body.copies,
          received_date: body.receivedDate,
          deadline: body.deadline ?? null,
          source_date: body.sourceDate ?? null,
          pages: body.pages ?? null,
          remarks: body.remarks || null,
          registered_by: actor.id,
          registered_by_name: actor.name,
          registered_at: base.updated_at,
          duplicate_of: body.duplicateOverride && existing ? existing.id : null,
          duplicate_reason: body.duplicateOverride && existing ? body.duplicateOverride.reason : null,
          proposal_opinion: null,
          proposed_lead_division_id: null,
          proposed_leader_ids: '[]',
          instruction: null,
          instructed_by: null,
          instructed_by_name: null,
          instructed_on_behalf_of: null,
          instructed_at: null,
          lead_division_id: null,
          handling_deadline: null,
          deadline_provisional: 0,
          circulation_mode: null,
          result: opts.result ?? null,
          completed_at: opts.completedAt ?? null,
          return_reason: null,
          void_reason: null,
          retention: null,
          archival_no: null,
          archived_at: null,
          legacy_reg_no: opts.legacyRegNo ?? null,
        });
        const o = await loadIncoming(t, base.id);
        if (o) await indexIncoming(deps, t, o);
      },
      notify: async (t, o) => {
        if (o.urgency === 'normal') return [];
        // 急件急办: the office director hears of an urgent arrival at once, not at the next look at the desk.
        const directors = await usersWithRole({ db: t }, 'office_director');
        return directors.map((u) => ({
          userId: u.id,
          title: `${o.urgency === 'extra_urgent' ? '特急' : '加急'}来文已登记：${o.reg_no} ${o.title}`.slice(0, 200),
          link: `/incoming/${o.id}`,
          kind: 'incoming.urgent',
        }));
      },
    },
    { trx, ...(beforeAudit ? { beforeAudit } : {}) },
  );
}

/** `POST /api/incoming`: checks, then the registration under the request's Idempotency-Key. */
export async function createIncoming(deps: Deps, actor: Actor, body: IncomingCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  await checkRegistration(deps, actor, body);
  for (let attempt = 1; ; attempt++) {
    try {
      return await idem.transaction(deps, actor, async (trx, save) => {
        let view: unknown = null;
        await registerInTransaction(deps, actor, body, trx, {}, async (t, o) => {
          view = await buildWorkflowView(t, deps, incomingWorkflow, actor, o, await presentIncoming(deps, o, { db: t, actor }));
          await save(201, view);
        });
        return { status: 201, body: view };
      });
    } catch (err) {
      // Two registrations of the same sender's number raced past the duplicate
      // check and the unique index stopped the second: run it again, and the
      // check now sees the first one and answers 409 duplicate.
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

// ───────────────────────── presentation ─────────────────────────

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];
const named = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? '（已撤销的处室）' } : null);

export function isOverdue(o: Pick<DocRow, 'state' | 'handling_deadline'>, day: string): boolean {
  return (o.state === 'handling' || o.state === 'circulating') && o.handling_deadline !== null && o.handling_deadline < day;
}

/** The module's fields of the GET view: explicit, never a whole row. */
export async function presentIncoming(
  deps: Pick<Deps, 'clock'>,
  o: IncomingObject,
  ctx: { db: Transaction<Database> | Executor; actor: Actor },
): Promise<IncomingFields> {
  const db = ctx.db;
  const unitIds = [...o.units.map((u) => u.unit_id), ...(o.proposed_lead_division_id ? [o.proposed_lead_division_id] : [])];
  const units = new Map((await getUnitsByIds({ db }, unitIds)).map((u) => [u.id, u.name]));
  const leaderIds = leaderIdsOf(o);
  const [feedback, extensions, dup, closures, item, chain, reminders, chaser] = await Promise.all([
    feedbackOf(db, o.id),
    extensionsOf(db, o.id),
    o.duplicate_of ? docRef(db, o.duplicate_of) : Promise.resolve(undefined),
    supervisionResultsOf(db, o.id),
    itemForIncoming({ db }, o.id),
    instructionsOf(db, o.id),
    remindersOf(db, o.id),
    chasersOf(db),
  ]);
  const waiting = o.state === 'proposed' ? awaitingLeaderIds(o) : [];
  const queue = o.state === 'proposed' ? idsOf(o.leader_queue) : [];
  const chainIds = chain.flatMap((c) => idsOf(c.next_leader_ids));
  const leaders = new Map((await getUsersByIds({ db }, uniq([...leaderIds, ...waiting, ...queue, ...chainIds]))).map((u) => [u.id, u.name]));
  const person = (id: string) => ({ id, name: leaders.get(id) ?? '' });
  const day = today(deps);
  return {
    regNo: o.reg_no,
    title: o.title,
    sourceOrg: o.source_org,
    sourceDocNumber: o.source_doc_number,
    docType: o.doc_type,
    classification: o.classification,
    urgency: o.urgency,
    kind: o.kind,
    copies: Number(o.copies),
    receivedDate: o.received_date,
    deadline: o.deadline,
    remarks: o.remarks,
    registeredBy: o.registered_by_name,
    registeredAt: o.registered_at,
    duplicateOf: dup ? { id: dup.id, regNo: dup.reg_no } : null,
    duplicateReason: o.duplicate_reason,
    proposal:
      o.proposal_opinion === null
        ? null
        : {
            opinion: o.proposal_opinion,
            leadDivision: named(o.proposed_lead_division_id, units),
            leaders: leaderIds.map((id) => ({ id, name: leaders.get(id) ?? '' })),
          },
    instruction:
      o.instruction === null ? null : { text: o.instruction, by: o.instructed_by_name ?? '', onBehalfOf: o.instructed_on_behalf_of, at: o.instructed_at ?? '' },
    instructions: chain.map((c) => ({
      leaderId: c.leader_id,
      by: c.leader_name,
      onBehalfOf: c.on_behalf_of_name,
      text: c.text,
      at: c.at,
      nextLeaders: idsOf(c.next_leader_ids).map(person),
    })),
    awaitingLeaders: waiting.map(person),
    leaderQueue: queue.map(person),
    divisionDoneAt: o.division_done_at,
    sourceDate: o.source_date,
    pages: o.pages === null ? null : Number(o.pages),
    handledBy: o.handled_by_name,
    deadlineEntered: o.deadline_entered,
    reminders: reminders.map((r) => ({ kind: r.kind, deadline: r.deadline, sentAt: r.sent_at })),
    chaser,
    leadDivision: named(o.lead_division_id, units),
    assistDivisions: o.units.filter((u) => u.role === 'assist').map((u) => ({ id: u.unit_id, name: units.get(u.unit_id) ?? '' })),
    handlingDeadline: o.handling_deadline,
    deadlineProvisional: Number(o.deadline_provisional) === 1,
    overdue: isOverdue(o, day),
    circulation:
      o.circulation_mode === null
        ? null
        : {
            mode: o.circulation_mode,
            readers: o.readers.map((r) => ({ userId: r.user_id, name: r.user_name, order: Number(r.position), readAt: r.read_at, comment: r.comment })),
          },
    feedback: feedback.map((f) => ({ id: f.id, unitName: f.unit_name, userName: f.user_name, content: f.content, at: f.at })),
    extensions: extensions.map((e) => ({
      id: e.id,
      requestedBy: e.requested_by_name,
      reason: e.reason,
      requestedDeadline: e.requested_deadline,
      requestedDeadlineProvisional: Number(e.requested_provisional) === 1,
      state: e.state,
      decidedBy: e.decided_by_name,
      decidedOnBehalfOf: e.decided_on_behalf_of_name,
      decidedAt: e.decided_at,
      comment: e.comment,
      at: e.at,
    })),
    result: o.result,
    completedAt: o.completed_at,
    returnReason: o.return_reason,
    voidReason: o.void_reason,
    retention: o.retention,
    archivalNo: o.archival_no,
    archivedAt: o.archived_at,
    supervisionItem: item ? { id: item.id, number: item.number } : null,
    supervisionResults: closures.map((c) => ({
      itemId: c.item_id,
      number: c.item_number,
      result: c.result,
      comment: c.comment,
      by: c.by_name,
      onBehalfOf: c.on_behalf_of_name,
      at: c.at,
    })),
    rights: incomingPolicy.rightsOf(ctx.actor, o),
  };
}

// ───────────────────────── 督办 write-back ─────────────────────────

/**
 * Our hook for `supervision.closed` (incoming.links.ts): core/links calls it
 * inside 督办's 销号 transaction when an item linked with one of our
 * documents is closed. The
 * result goes into our own table rather than the workflow history: the
 * engine writes history only for transitions of the document itself, and
 * this is not one (the document's state and version stay as they are).
 * The audit event is ours too, so the 收文's trail shows the write-back;
 * it comes before 督办's own event in the same transaction, which is fine
 * since both hold the chain's head lock until commit.
 */
export async function recordSupervisionClosure(
  deps: Pick<Deps, 'clock'>,
  trx: Transaction<Database>,
  { id, payload: c }: LinkHookCall<'supervision.closed'>,
): Promise<void> {
  const doc = await docRef(trx, id);
  // A document that is gone has nothing to show; the closure itself must not fail for it.
  if (!doc) return;
  const by = c.actor.onBehalfOf ? c.actor.onBehalfOf.name : c.actor.name;
  const onBehalfOf = c.actor.onBehalfOf ? c.actor.name : null;
  await insertSupervisionResult(trx, {
    id: uuidv7(),
    doc_id: doc.id,
    item_id: c.itemId,
    item_number: c.number,
    result: c.result,
    comment: c.comment,
    by_name: by,
    on_behalf_of_name: onBehalfOf,
    at: c.closedAt,
  });
  await appendAudit(trx, deps.clock, {
    action: 'incoming.supervision_closed',
    actor: auditActor(c.actor),
    targetType: 'incoming',
    targetId: doc.id,
    details: { itemId: c.itemId, number: c.number, result: c.result, comment: c.comment },
  });
}

// ───────────────────────── the ledger (收文登记簿) ─────────────────────────

/**
 * What narrows the ledger for this actor and these filters, and whether the
 * keyword filter saw only the newest of the documents whose text matches
 * (the search service's block), so the ledger can say so.
 */
export async function ledgerWhere(deps: Deps, actor: Actor, f: IncomingFilter): Promise<{ where: LedgerWhere; keywordCapped: boolean }> {
  // Words go through the search service (Chinese bigrams); numbers and senders also match literally.
  const { ids: keywordHits, capped } = f.q && /[\p{L}\p{N}]/u.test(f.q) ? await matchingIds(deps, actor, f.q, 'incoming') : { ids: [], capped: false };
  return { where: { visible: incomingPolicy.listFilter(actor), filter: f, day: today(deps), keywordHits }, keywordCapped: capped };
}

export async function listIncoming(deps: Deps, actor: Actor, query: IncomingListQuery): Promise<IncomingList> {
  const { where, keywordCapped } = await ledgerWhere(deps, actor, query);
  const { rows, total } = await ledgerPage(deps.db, where, query);
  return {
    items: await toListItems(deps, rows),
    total,
    ...(keywordCapped ? { keywordCapped } : {}),
    rights: { mayCreate: incomingPolicy.mayCreate(actor) },
  };
}

export async function toListItems(deps: Deps, rows: readonly DocRow[]): Promise<IncomingListItem[]> {
  const docIds = rows.map((r) => r.id);
  const [parts, chains] = await Promise.all([unitsOfDocs(deps.db, docIds), instructionsOfMany(deps.db, docIds)]);
  const ids = [...rows.filter((r) => r.lead_division_id).map((r) => r.lead_division_id ?? ''), ...parts.map((p) => p.unit_id)];
  const units = new Map((await getUnitsByIds(deps, ids)).map((u) => [u.id, u.name]));
  const assists = new Map<string, { id: string; name: string }[]>();
  for (const p of parts) {
    if (p.role === 'assist') assists.set(p.doc_id, [...(assists.get(p.doc_id) ?? []), { id: p.unit_id, name: units.get(p.unit_id) ?? '' }]);
  }
  const day = today(deps);
  return rows.map((r) => ({
    id: r.id,
    regNo: r.reg_no,
    title: r.title,
    sourceOrg: r.source_org,
    sourceDocNumber: r.source_doc_number,
    docType: r.doc_type,
    classification: r.classification,
    urgency: r.urgency,
    kind: r.kind,
    receivedDate: r.received_date,
    state: r.state,
    version: Number(r.version),
    leadDivision: named(r.lead_division_id, units),
    handlingDeadline: r.handling_deadline,
    overdue: isOverdue(r, day),
    completedAt: r.completed_at,
    archivalNo: r.archival_no,
    sourceDate: r.source_date,
    pages: r.pages === null ? null : Number(r.pages),
    proposalOpinion: r.proposal_opinion,
    instructions: (chains.get(r.id) ?? []).map((c) => ({ by: c.leader_name, text: c.text, at: c.at })),
    assistDivisions: assists.get(r.id) ?? [],
    handledBy: r.handled_by_name,
    result: r.result,
  }));
}

// ───────────────────────── 催办 person (settings) ─────────────────────────

/** Who chases the office's 收文 (催办): the designated person, or every office clerk when none is set. */
export async function chasersOf(db: Executor): Promise<{ id: string; name: string }[]> {
  const set = await incomingSettings.load(db);
  if (set.chaser_user_id) {
    const [u] = await getUsersByIds({ db }, [set.chaser_user_id]);
    if (u && !u.disabled) return [{ id: u.id, name: u.name }];
  }
  return (await usersWithRole({ db }, 'office_clerk')).map((u) => ({ id: u.id, name: u.name }));
}

export async function getIncomingSettings(deps: Deps, actor: Actor): Promise<IncomingSettings> {
  if (!hasRole(actor, 'office_clerk', 'office_director', 'leader')) throw forbidden('收文设置仅办公室和局领导可以查看');
  const set = await incomingSettings.load(deps.db);
  return { version: Number(set.version), chaserUserId: set.chaser_user_id, chaser: await chasersOf(deps.db) };
}

/** The office director names the 催办 person; a stale version is 409. */
export async function saveIncomingSettings(deps: Deps, actor: Actor, body: IncomingSettingsUpdate): Promise<IncomingSettings> {
  if (!hasRole(actor, 'office_director')) throw forbidden('只有办公室主任可以指定催办人');
  await deps.db.transaction().execute(async (trx) => {
    if (body.chaserUserId) {
      const [u] = await getUsersByIds({ db: trx }, [body.chaserUserId]);
      if (!u || u.disabled || u.roles.some(isAdminRole))
        throw validation('催办人须为在职的业务人员', { fields: [{ field: 'chaserUserId', message: '未找到用户' }] });
    }
    const { before, after } = await incomingSettings.save(trx, body.version, { chaser_user_id: body.chaserUserId }, deps.clock.now().toISOString());
    await appendAudit(trx, deps.clock, {
      action: 'incoming.settings',
      actor: auditActor(actor),
      targetType: 'incoming',
      details: { before: { chaserUserId: before.chaser_user_id }, after: { chaserUserId: after.chaser_user_id } },
    });
  });
  return getIncomingSettings(deps, actor);
}

// ───────────────────────── choices for the forms ─────────────────────────

export async function incomingOptions(deps: Deps): Promise<IncomingOptions> {
  const [leaders, divisions, units] = await Promise.all([usersWithRole(deps, 'leader'), listDivisions(deps), listUnits(deps)]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const people = new Map<string, { id: string; name: string; unitName: string }>();
  for (const role of BUSINESS_ROLES) {
    for (const u of await usersWithRole(deps, role)) {
      if (u.roles.some(isAdminRole)) continue;
      people.set(u.id, { id: u.id, name: u.name, unitName: u.unitId ? (unitNames.get(u.unitId) ?? '') : '' });
    }
  }
  return {
    leaders: leaders.map((u) => ({ id: u.id, name: u.name })),
    divisions: divisions.map((d) => ({ id: d.id, name: d.name })),
    people: [...people.values()],
  };
}

// ───────────────────────── to-dos ─────────────────────────

/**
 * The actor's to-dos: candidates are narrowed in SQL by state and by the
 * actor's roles, unit and reader rows; each is then kept only if an action
 * is the actor's to fire now (the same rule the action panel uses).
 */
export async function incomingTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  const states: DocRow['state'][] = [];
  if (hasRole(actor, 'office_clerk')) states.push('registered', 'completed');
  if (hasRole(actor, 'office_director')) states.push('registered');
  if (hasRole(actor, 'leader')) states.push('proposed');
  const ids = await todoCandidateIds(deps.db, {
    userId: actor.id,
    states,
    // Extension requests wait for the leader who gave the instruction.
    instructedBy: hasRole(actor, 'leader') ? (actor.onBehalfOf?.id ?? actor.id) : null,
    unitId: actor.unitId && hasRole(actor, 'division_head', 'staff') ? actor.unitId : null,
  });
  const now = deps.clock.now();
  const out: TodoInput[] = [];
  for (const o of await loadIncomingMany(deps.db, ids)) {
    // Feedback alone keeps a division's document on its desk only for the lead division; others act when asked.
    const actions = availableActions(incomingWorkflow, actor, o, now).filter((a) => a !== 'void' && !(a === 'feedback' && actor.unitId !== o.lead_division_id));
    if (actions.length === 0) continue;
    out.push({ kind: 'incoming', id: o.id, title: `${o.reg_no} ${o.title}`, urgency: o.urgency, deadline: o.handling_deadline ?? o.deadline, state: o.state });
  }
  return out;
}
