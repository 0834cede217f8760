import type { Transaction } from 'kysely';
import {
  type DivisionView,
  type SupervisionCreate,
  supervisionCreateSchema,
  type SupervisionFields,
  type SupervisionFilter,
  type SupervisionKind,
  type SupervisionList,
  type SupervisionListItem,
  type SupervisionListQuery,
  type SupervisionOptions,
  type SupervisionSettings,
} from '../../../shared/supervision.js';
import { isAdminRole } from '../../../shared/roles.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { classifiedRefused, duplicate, forbidden, notFound, validation } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { guardText, scanFields } from '../../core/guard/guard.service.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { uuidv7 } from '../../core/ids.js';
import { KEYWORD_CAPPED_EXPORT } from '../../../shared/search.js';
import { link, linksFrom, linksTo, type ObjectRef } from '../../core/links/links.service.js';
import { matchingIds } from '../../core/search/search.service.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { buildWorkflowView, createWithWorkflow } from '../../core/workflow/workflow.engine.js';
import { getUnitsByIds, getUsersByIds, listDivisions, listUnits, usersWithRole } from '../../core/org/org.service.js';
import { computeLight, type LightCalendar, type LightResult, type LightRules, weekOf, weekRange } from './supervision.lights.js';
import type { Executor } from '../../core/db/executor.js';
import { seesAll, supervisionPolicy } from './supervision.policy.js';
import {
  itemsAwaitingLeader,
  itemsInOrder,
  itemsWithPendingExtension,
  latestUpdateContents,
  ledgerInOrder,
  ledgerLightRows,
  ledgerPage,
  type LedgerWhere,
  missedCountInYear,
  openItemsLedBy,
  openItemsOfUnit,
} from './supervision.lists.repo.js';
import {
  extensionsOf,
  insertItem,
  insertMilestones,
  insertUnits,
  type ItemRow,
  itemRefs,
  loadRelated,
  loadRules,
  missedOf,
  remindersOf,
  type SupervisionObject,
  supervisionSettings,
  updatesOf,
} from './supervision.repo.js';
import { SUPERVISE } from './supervision.links.js';
import type { SupervisionMilestoneTable } from './supervision.tables.js';
import { headsOf, indexItem, notes, supervisionWorkflow, today } from './supervision.workflow.js';

/** The item number of the ledger: 督〔2026〕12号. */
export const numberOf = (year: number, seq: number) => `督〔${year}〕${seq}号`;

const FIELD_LABELS = { title: '事项名称', content: '事项内容', instruction: '领导批示要求', sourceRef: '来源依据', remarks: '备注' };

export interface CreateOptions {
  state?: 'open' | 'in_progress' | 'closed';
  /** The object this item follows up (a 收文 at 批办, …): linked to the item in the same transaction. */
  from?: ObjectRef;
  legacyNumber?: string | null;
  /** 交办日期; today unless an import says otherwise. */
  assignedDate?: string;
  /** Imports keep past deadlines; a new item's deadline may not lie in the past. */
  allowPastDeadline?: boolean;
  /**
   * The deadline was typed into 督办's own form: a date on a day off moves to
   * the next working day. Other modules pass the date they settled on (收文
   * has moved it already at 批办), and imports keep the old ledger's dates.
   */
  onWorkday?: boolean;
  /** An imported closed item: when it was reported done (办结时间) and approved (销号日期). */
  closureRequestedAt?: string | null;
  closedAt?: string | null;
  closureResult?: string | null;
  beforeAudit?: (t: Transaction<Database>, o: SupervisionObject) => Promise<void>;
}

/** Checks the divisions and the owner against the org tree; returns their names. */
async function checkParties(trx: Executor, body: Pick<SupervisionCreate, 'leadDivisionId' | 'assistDivisionIds' | 'ownerId'>) {
  const divisions = new Map((await listDivisions({ db: trx as Transaction<Database> })).map((d) => [d.id, d]));
  if (!divisions.has(body.leadDivisionId)) throw validation('牵头处室须为本局的处室', { fields: [{ field: 'leadDivisionId', message: '不是处室' }] });
  for (const id of body.assistDivisionIds ?? []) {
    if (!divisions.has(id)) throw validation('协办处室须为本局的处室', { fields: [{ field: 'assistDivisionIds', message: '不是处室' }] });
  }
  if (!body.ownerId) return null;
  const [owner] = await getUsersByIds({ db: trx as Transaction<Database> }, [body.ownerId]);
  if (!owner || owner.disabled || owner.unitId !== body.leadDivisionId) {
    throw validation('责任人须为牵头处室的在职人员', { fields: [{ field: 'ownerId', message: '不是牵头处室的人员' }] });
  }
  return owner;
}

/**
 * The deadline of a new item: a date typed in 督办's form that falls on a day
 * off moves to the next working day (the usual rule of periods, as 收文's
 * 办理时限 at 批办), or it is counted in workdays from today.
 */
async function resolveDeadline(
  deps: Deps,
  trx: Transaction<Database>,
  body: Pick<SupervisionCreate, 'deadline' | 'deadlineWorkdays' | 'milestones'>,
  day: string,
  opts: Pick<CreateOptions, 'allowPastDeadline' | 'onWorkday'>,
): Promise<{ deadline: string; entered: string | null }> {
  let deadline: string;
  let entered: string | null = null;
  if (body.deadline) {
    if (!opts.allowPastDeadline && body.deadline < day) throw validation('办结时限不能早于今天', { fields: [{ field: 'deadline', message: '早于今天' }] });
    deadline = opts.onWorkday ? (await getCalendar(deps, trx)).workdayOnOrAfter(body.deadline).date : body.deadline;
    if (deadline !== body.deadline) entered = body.deadline;
  } else deadline = (await getCalendar(deps, trx)).addWorkdays(day, body.deadlineWorkdays ?? 1).date;
  // The schema checks milestones against a typed date; one counted in workdays is known only now.
  for (const [i, m] of (body.milestones ?? []).entries()) {
    if (m.dueDate > deadline) throw validation('节点日期不能晚于办结时限', { fields: [{ field: `milestones.${i}.dueDate`, message: `晚于 ${deadline}` }] });
  }
  return { deadline, entered };
}

/** Creates one item inside `trx`: gapless number, rows, milestones, history, index, notifications, audit. */
export async function createInTransaction(
  deps: Deps,
  actor: Actor,
  trx: Transaction<Database>,
  body: SupervisionCreate,
  opts: CreateOptions = {},
): Promise<SupervisionObject> {
  const day = today(deps);
  const { deadline, entered } = await resolveDeadline(deps, trx, body, day, opts);
  const owner = await checkParties(trx, body);
  const year = Number(day.slice(0, 4));
  const seq = await allocateNumber(trx, `supervision:${year}`);
  const number = numberOf(year, seq);
  const assist = [...new Set(body.assistDivisionIds ?? [])];
  return createWithWorkflow(
    deps,
    supervisionWorkflow,
    {
      actor,
      ...(opts.state ? { state: opts.state } : {}),
      // The history names the source object as `<kind>Id` (`incomingId`), as it did before links were generic.
      payload: { ...body, number, ...(opts.from ? { [`${opts.from.kind}Id`]: opts.from.id } : {}) },
      comment: opts.legacyNumber ? `由原台账导入（原编号 ${opts.legacyNumber}）` : null,
      insert: async (t, base) => {
        await insertItem(t, {
          ...base,
          state: base.state,
          number,
          num_year: year,
          num_seq: seq,
          title: body.title,
          content: body.content,
          source: body.source,
          source_ref: body.sourceRef || null,
          instruction: body.instruction || null,
          kind: body.kind,
          lead_division_id: body.leadDivisionId,
          owner_id: owner?.id ?? null,
          owner_name: owner?.name ?? null,
          assigned_date: opts.assignedDate ?? day,
          deadline,
          deadline_entered: entered,
          original_deadline: deadline,
          percent: opts.state === 'closed' ? 100 : 0,
          created_by: actor.id,
          created_by_name: actor.name,
          created_at: base.updated_at,
          last_update_at: null,
          closure_result: opts.closureResult ?? null,
          closure_requested_at: opts.closureRequestedAt ?? null,
          closed_at: opts.closedAt ?? null,
          closed_by_name: null,
          review_comment: null,
          suspend_reason: null,
          remarks: body.remarks || null,
          legacy_number: opts.legacyNumber ?? null,
        });
        if (opts.from)
          await link(t, { source: opts.from, target: { kind: 'supervision', id: base.id }, relation: SUPERVISE, at: base.updated_at, by: actor.id });
        await insertUnits(t, [
          { item_id: base.id, unit_id: body.leadDivisionId, role: 'lead' as const },
          ...assist.map((u) => ({ item_id: base.id, unit_id: u, role: 'assist' as const })),
        ]);
        await insertMilestones(
          t,
          (body.milestones ?? []).map((m, i) => ({ id: uuidv7(), item_id: base.id, position: i + 1, title: m.title, due_date: m.dueDate, done_at: null })),
        );
        await indexItem(deps, t, base.id);
      },
      notify: async (t, o) => {
        if (o.state !== 'open') return [];
        return [
          ...notes(await headsOf(t, [o.lead_division_id]), `督办交办：${o.number} ${o.title}（时限 ${o.deadline}）`, o.id, 'supervision.assigned'),
          ...notes(await headsOf(t, assist), `督办协办：${o.number} ${o.title}`, o.id, 'supervision.assigned'),
        ];
      },
    },
    { trx, ...(opts.beforeAudit ? { beforeAudit: opts.beforeAudit } : {}) },
  );
}

/** `POST /api/supervision`: role and guard checks, then the creation under the request's Idempotency-Key. */
export async function createItem(deps: Deps, actor: Actor, body: SupervisionCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = supervisionPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  await guardText(
    deps,
    actor,
    { title: body.title, content: body.content, instruction: body.instruction, sourceRef: body.sourceRef, remarks: body.remarks },
    { targetType: 'supervision', what: '督办立项', fieldLabels: FIELD_LABELS },
  );
  return idem.transaction(deps, actor, async (trx, save) => {
    let view: unknown = null;
    await createInTransaction(deps, actor, trx, body, {
      onWorkday: true,
      beforeAudit: async (t, o) => {
        view = await buildWorkflowView(t, deps, supervisionWorkflow, actor, o, await presentItem(deps, o, { db: t, actor }));
        await save(201, view);
      },
    });
    return { status: 201, body: view };
  });
}

export interface FromIncomingInput {
  incomingId: string;
  title: string;
  content: string;
  /** The leader's 批示, which becomes the item's 领导批示要求. */
  instruction: string;
  leadDivisionId: string;
  assistDivisionIds?: string[];
  deadline: string;
  /** The document's 收文编号, shown as the item's 来源依据. */
  sourceRef?: string;
  kind?: SupervisionKind;
}

/**
 * 收文 批办 → 督办 in one step, for the 收文 module to call from its
 * `instruct` effect with its own transaction (so the document and the item
 * commit together, joined by an `incoming → supervision` link that both
 * read). The caller has guarded its texts already;
 * a classification marking is still refused here, without a second
 * transaction (SQLite cannot open one inside the caller's).
 */
export async function createFromIncoming(
  deps: Deps,
  actor: Actor,
  input: FromIncomingInput,
  trx?: Transaction<Database>,
): Promise<{ id: string; number: string }> {
  const refusal = supervisionPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  const parsed = supervisionCreateSchema.safeParse({
    title: input.title.slice(0, 200),
    content: input.content.slice(0, 4000),
    instruction: input.instruction.slice(0, 2000),
    source: 'incoming',
    ...(input.sourceRef ? { sourceRef: input.sourceRef.slice(0, 200) } : {}),
    leadDivisionId: input.leadDivisionId,
    ...(input.assistDivisionIds?.length ? { assistDivisionIds: input.assistDivisionIds } : {}),
    deadline: input.deadline,
    kind: input.kind ?? 'active',
  });
  if (!parsed.success)
    throw validation(`督办立项的内容有误：${parsed.error.issues[0]?.message ?? ''}`, {
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const findings = scanFields({ title: parsed.data.title, content: parsed.data.content, instruction: parsed.data.instruction ?? '' });
  if (findings.length > 0)
    throw classifiedRefused('督办事项的文字含有密级标志，本系统为非涉密系统，不能立项', {
      findings: findings.map((f) => ({ field: f.field, marking: f.marking })),
    });
  const run = async (t: Transaction<Database>) => {
    const from = { kind: 'incoming', id: input.incomingId };
    const [existing] = await itemsFollowingUp({ db: t }, from);
    if (existing) throw duplicate(`该收文已立项督办：${existing.number}`, { existing: { id: existing.id, number: existing.number } });
    const o = await createInTransaction(deps, actor, t, parsed.data, { from });
    return { id: o.id, number: o.number };
  };
  return trx ? run(trx) : deps.db.transaction().execute(run);
}

/**
 * The items following up an object of another module, oldest first: for that
 * module's page to link to them. Pass the caller's transaction as `db` when
 * inside one.
 */
export async function itemsFollowingUp(deps: Pick<Deps, 'db'>, source: ObjectRef): Promise<{ id: string; number: string; state: string }[]> {
  const ids = (await linksFrom(deps.db, source, { targetKind: 'supervision', relation: SUPERVISE })).map((l) => l.target.id);
  if (ids.length === 0) return [];
  const rows = await itemRefs(deps.db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The item made from a 收文, if any: for the 收文 page's link back. */
export async function itemForIncoming(deps: Pick<Deps, 'db'>, incomingId: string): Promise<{ id: string; number: string; state: string } | undefined> {
  return (await itemsFollowingUp(deps, { kind: 'incoming', id: incomingId }))[0];
}

// ───────────────────────── lights ─────────────────────────

type LightRow = Pick<ItemRow, 'state' | 'deadline' | 'created_at' | 'last_update_at' | 'closure_requested_at'>;

export function lightOf(row: LightRow, milestones: readonly SupervisionMilestoneTable[], day: string, cal: LightCalendar, rules: LightRules): LightResult {
  return computeLight(
    {
      state: row.state,
      deadline: row.deadline,
      createdAt: row.created_at,
      lastUpdateAt: row.last_update_at,
      closureRequestedAt: row.closure_requested_at,
      milestones: milestones.map((m) => ({ title: m.title, dueDate: m.due_date, doneAt: m.done_at })),
    },
    day,
    cal,
    rules,
  );
}

// ───────────────────────── presentation ─────────────────────────

const named = (id: string, names: Map<string, string>) => ({ id, name: names.get(id) ?? '（已撤销的处室）' });

export async function presentItem(
  deps: Pick<Deps, 'clock' | 'db' | 'dialect'>,
  o: SupervisionObject,
  ctx: { db: Executor; actor: Actor },
): Promise<SupervisionFields> {
  const db = ctx.db;
  const units = new Map(
    (
      await getUnitsByIds(
        { db: db as Transaction<Database> },
        o.units.map((u) => u.unit_id),
      )
    ).map((u) => [u.id, u.name]),
  );
  const [updates, extensions, reminders, missed] = await Promise.all([updatesOf(db, o.id), extensionsOf(db, o.id), remindersOf(db, o.id), missedOf(db, o.id)]);
  const cal = await getCalendar(deps, db);
  const [fromIncoming] = await linksTo(db, { kind: 'supervision', id: o.id }, { sourceKind: 'incoming', relation: SUPERVISE });
  const rules = await loadRules(db);
  const day = today(deps);
  const lit = lightOf(o, o.milestones, day, cal, rules);
  const missedUnits = new Map(
    (
      await getUnitsByIds(
        { db: db as Transaction<Database> },
        missed.map((m) => m.unit_id),
      )
    ).map((u) => [u.id, u.name]),
  );
  return {
    number: o.number,
    title: o.title,
    content: o.content,
    source: o.source,
    sourceRef: o.source_ref,
    instruction: o.instruction,
    kind: o.kind,
    leadDivision: named(o.lead_division_id, units),
    assistDivisions: o.units.filter((u) => u.role === 'assist').map((u) => named(u.unit_id, units)),
    owner: o.owner_id ? { id: o.owner_id, name: o.owner_name ?? '' } : null,
    assignedDate: o.assigned_date,
    deadline: o.deadline,
    deadlineEntered: o.deadline_entered,
    originalDeadline: o.original_deadline,
    deadlineExtended: o.deadline !== o.original_deadline,
    percent: Number(o.percent),
    createdBy: o.created_by_name,
    createdAt: o.created_at,
    lastUpdateAt: o.last_update_at,
    updateDueDate: lit.updateDueDate,
    updateMissingThisWeek: lit.updateMissing,
    milestones: o.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.due_date,
      doneAt: m.done_at,
      overdue: m.done_at === null && day > m.due_date && (o.state === 'open' || o.state === 'in_progress'),
    })),
    updates: updates.map((u) => ({
      id: u.id,
      week: u.week,
      content: u.content,
      percent: u.percent === null ? null : Number(u.percent),
      coordination: u.coordination,
      unitName: u.unit_name,
      userName: u.user_name,
      at: u.at,
    })),
    extensions: extensions.map((e) => ({
      id: e.id,
      requestedBy: e.requested_by_name,
      reason: e.reason,
      previousDeadline: e.previous_deadline,
      requestedDeadline: e.requested_deadline,
      requestedEntered: e.requested_entered,
      state: e.state,
      decidedBy: e.decided_by_name,
      decidedAt: e.decided_at,
      comment: e.comment,
      at: e.at,
    })),
    reminders: reminders.map((r) => ({
      id: r.id,
      message: r.message,
      sentBy: r.sent_by_name,
      at: r.at,
      noticeUrl: `/api/supervision/${o.id}/reminders/${r.id}/notice.docx`,
    })),
    missedWeeks: missed.map((m) => ({ week: m.week, unitName: missedUnits.get(m.unit_id) ?? '', flaggedAt: m.flagged_at })),
    closureResult: o.closure_result,
    closureRequestedAt: o.closure_requested_at,
    closedAt: o.closed_at,
    closedBy: o.closed_by_name,
    reviewComment: o.review_comment,
    suspendReason: o.suspend_reason,
    incoming: fromIncoming ? { id: fromIncoming.source.id } : null,
    remarks: o.remarks,
    light: lit.light,
    lightReasons: lit.reasons,
    deadlineProvisional: lit.deadlineProvisional,
    rights: supervisionPolicy.rightsOf(ctx.actor, o),
  };
}

// ───────────────────────── the ledger (督办台账) ─────────────────────────

/**
 * What narrows the ledger for the actor (visibility is in SQL), and whether
 * the keyword filter saw only the newest of the items whose text matches (the
 * search service's block), so the ledger can say so.
 */
async function ledgerWhere(deps: Deps, actor: Actor, f: SupervisionFilter): Promise<{ where: LedgerWhere; keywordCapped: boolean }> {
  const q = f.q;
  // Words go through the search service (Chinese bigrams); numbers and references also match literally.
  const { ids: keywordHits, capped } = q && /[\p{L}\p{N}]/u.test(q) ? await matchingIds(deps, actor, q, 'supervision') : { ids: [], capped: false };
  return { where: { visible: supervisionPolicy.listFilter(actor), filter: f, keywordHits }, keywordCapped: capped };
}

/** Export and unfiltered reads stop here; a light filter looks at every row and is not capped. */
export const EXPORT_MAX_ROWS = 5000;

export async function toListItems(deps: Deps, rows: readonly ItemRow[]): Promise<SupervisionListItem[]> {
  const ids = rows.map((r) => r.id);
  const { units, milestones } = await loadRelated(deps.db, ids);
  const unitIds = [...new Set([...units.values()].flat().map((u) => u.unit_id))];
  const names = new Map((await getUnitsByIds(deps, unitIds)).map((u) => [u.id, u.name]));
  const latest = await latestUpdateContents(deps.db, ids);
  const cal = await getCalendar(deps);
  const rules = await loadRules(deps.db);
  const day = today(deps);
  return rows.map((r) => {
    const lit = lightOf(r, milestones.get(r.id) ?? [], day, cal, rules);
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      source: r.source,
      sourceRef: r.source_ref,
      kind: r.kind,
      state: r.state,
      version: Number(r.version),
      leadDivision: named(r.lead_division_id, names),
      assistDivisions: (units.get(r.id) ?? []).filter((u) => u.role === 'assist').map((u) => named(u.unit_id, names)),
      ownerName: r.owner_name,
      deadline: r.deadline,
      originalDeadline: r.original_deadline,
      percent: Number(r.percent),
      lastUpdateAt: r.last_update_at,
      latestUpdate: latest.get(r.id) ?? null,
      closureRequestedAt: r.closure_requested_at,
      closedAt: r.closed_at,
      light: lit.light,
      lightReasons: lit.reasons,
      deadlineProvisional: lit.deadlineProvisional,
    };
  });
}

const wantsLight = (f: SupervisionFilter) => f.light !== undefined || f.overdue !== undefined;

/**
 * The ids of the filtered rows whose light passes the light and overdue
 * filters, in ledger order. Lights are computed, not stored, so every row
 * under the SQL filters is looked at: only the columns the light needs, and
 * milestones only of the items still being worked on.
 */
async function idsByLight(deps: Deps, actor: Actor, f: SupervisionFilter): Promise<{ ids: string[]; keywordCapped: boolean }> {
  const { where, keywordCapped } = await ledgerWhere(deps, actor, f);
  const rows = await ledgerLightRows(deps.db, where);
  const { milestones } = await loadRelated(
    deps.db,
    rows.filter((r) => r.state === 'open' || r.state === 'in_progress').map((r) => r.id),
  );
  const cal = await getCalendar(deps);
  const rules = await loadRules(deps.db);
  const day = today(deps);
  const ids = rows
    .filter((r) => {
      const lit = lightOf(r, milestones.get(r.id) ?? [], day, cal, rules);
      return (
        (f.light === undefined || lit.light === f.light) && (f.overdue === undefined || f.overdue === lit.reasons.some((x) => x.startsWith('已超过办结时限')))
      );
    })
    .map((r) => r.id);
  return { ids, keywordCapped };
}

/** Rows for the export: filtered in SQL (and by light), at most `cap` + 1 so the caller can tell the cap was passed. */
export async function ledgerRows(deps: Deps, actor: Actor, f: SupervisionFilter, cap: number): Promise<SupervisionListItem[]> {
  if (wantsLight(f)) {
    const { ids, keywordCapped } = await idsByLight(deps, actor, f);
    if (keywordCapped) throw validation(KEYWORD_CAPPED_EXPORT);
    return toListItems(deps, await itemsInOrder(deps.db, ids.slice(0, cap + 1)));
  }
  const { where, keywordCapped } = await ledgerWhere(deps, actor, f);
  if (keywordCapped) throw validation(KEYWORD_CAPPED_EXPORT);
  return toListItems(deps, await ledgerInOrder(deps.db, where, cap + 1));
}

export async function listItems(deps: Deps, actor: Actor, query: SupervisionListQuery): Promise<SupervisionList> {
  const start = (query.page - 1) * query.pageSize;
  if (wantsLight(query)) {
    const { ids, keywordCapped } = await idsByLight(deps, actor, query);
    return {
      items: await toListItems(deps, await itemsInOrder(deps.db, ids.slice(start, start + query.pageSize))),
      total: ids.length,
      ...(keywordCapped ? { keywordCapped } : {}),
      rights: { mayCreate: supervisionPolicy.mayCreate(actor) },
    };
  }
  const { where, keywordCapped } = await ledgerWhere(deps, actor, query);
  const { rows, total } = await ledgerPage(deps.db, where, query);
  return {
    items: await toListItems(deps, rows),
    total,
    ...(keywordCapped ? { keywordCapped } : {}),
    rights: { mayCreate: supervisionPolicy.mayCreate(actor) },
  };
}

// ───────────────────────── forms, settings ─────────────────────────

export async function supervisionOptions(deps: Deps): Promise<SupervisionOptions> {
  const [leaders, divisions, units] = await Promise.all([usersWithRole(deps, 'leader'), listDivisions(deps), listUnits(deps)]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const people = new Map<string, SupervisionOptions['people'][number]>();
  for (const role of ['division_head', 'staff'] as const) {
    for (const u of await usersWithRole(deps, role)) {
      if (u.disabled || u.roles.some(isAdminRole)) continue;
      people.set(u.id, { id: u.id, name: u.name, unitId: u.unitId, unitName: u.unitId ? (unitNames.get(u.unitId) ?? '') : '' });
    }
  }
  return {
    leaders: leaders.map((u) => ({ id: u.id, name: u.name })),
    divisions: divisions.map((d) => ({ id: d.id, name: d.name })),
    people: [...people.values()],
  };
}

export async function getSettings(deps: Deps, actor: Actor): Promise<SupervisionSettings> {
  if (!seesAll(actor) && !hasRole(actor, 'division_head', 'staff')) throw forbidden('只有办公室、局领导和处室人员可以查看督办设置');
  return loadRules(deps.db);
}

/** The office director sets the 一周一督 weekday and the yellow-light window. */
export async function updateSettings(deps: Deps, actor: Actor, body: SupervisionSettings): Promise<SupervisionSettings> {
  if (!hasRole(actor, 'office_director')) throw forbidden('只有办公室主任可以修改督办设置');
  return deps.db.transaction().execute(async (trx) => {
    const values = { update_weekday: body.updateWeekday, due_soon_workdays: body.dueSoonWorkdays };
    const { before, after } = await supervisionSettings.save(trx, body.version, values, deps.clock.now().toISOString());
    await appendAudit(trx, deps.clock, {
      action: 'supervision.settings',
      actor: auditActor(actor),
      targetType: 'supervision',
      details: {
        before: { updateWeekday: Number(before.update_weekday), dueSoonWorkdays: Number(before.due_soon_workdays) },
        after: { updateWeekday: body.updateWeekday, dueSoonWorkdays: body.dueSoonWorkdays },
      },
    });
    return { updateWeekday: body.updateWeekday, dueSoonWorkdays: body.dueSoonWorkdays, version: after.version };
  });
}

// ───────────────────────── the division view ─────────────────────────

/** "What my division owes this week": each open item with what is due from the division and when. */
export async function divisionView(deps: Deps, actor: Actor, q: { week?: string | undefined; divisionId?: string | undefined }): Promise<DivisionView> {
  let unitId: string;
  if (q.divisionId && q.divisionId !== actor.unitId) {
    if (!seesAll(actor)) throw forbidden('处室人员只能查看本处室的督办事项');
    unitId = q.divisionId;
  } else if (actor.unitId && hasRole(actor, 'division_head', 'staff')) {
    unitId = actor.unitId;
  } else if (q.divisionId && seesAll(actor)) {
    unitId = q.divisionId;
  } else {
    throw validation('请选择处室', { fields: [{ field: 'divisionId', message: '请选择处室' }] });
  }
  const division = (await listDivisions(deps)).find((d) => d.id === unitId);
  if (!division) throw notFound('该处室不存在');
  const day = today(deps);
  const week = q.week ?? weekOf(day);
  const { from, to } = weekRange(week);
  // Judged as of the week's last day for a past week, as of today for this one.
  const asOf = day < to ? (day < from ? from : day) : to;
  const rows = await openItemsOfUnit(deps.db, unitId);
  const { milestones } = await loadRelated(
    deps.db,
    rows.map((r) => r.id),
  );
  const cal = await getCalendar(deps);
  const rules = await loadRules(deps.db);
  const pending = new Set(
    await itemsWithPendingExtension(
      deps.db,
      rows.map((r) => r.id),
    ),
  );
  let dueDate: string | null = null;
  const items = rows.map((r) => {
    const ms = milestones.get(r.id) ?? [];
    const lit = lightOf(r, ms, asOf, cal, rules);
    if (lit.updateDueDate) dueDate = lit.updateDueDate;
    const thisWeek = ms.filter((m) => m.done_at === null && m.due_date >= from && m.due_date <= to);
    const owes: string[] = [];
    const lead = r.unit_role === 'lead';
    // Acceptance is an open item's report for the week: it owes that, not a progress update it cannot file yet.
    if (lead && r.state === 'open') owes.push('签收并开始办理');
    if (lead && r.state === 'in_progress' && lit.updateDueDate)
      owes.push(lit.updateMissing ? `本周进展未报送（应于 ${lit.updateDueDate} 报送）` : `本周进展（${lit.updateDueDate} 前报送）`);
    for (const m of thisWeek) owes.push(`节点“${m.title}”（${m.due_date}）`);
    for (const m of ms) if (m.done_at === null && m.due_date < from && r.state !== 'closure_requested') owes.push(`逾期节点“${m.title}”（${m.due_date}）`);
    if (r.state !== 'closure_requested') {
      if (r.deadline < asOf) owes.push(`已逾期（时限 ${r.deadline}），按原时限考核`);
      else if (r.deadline <= to) owes.push(`本周到期（${r.deadline}），请按时申请办结`);
    }
    if (pending.has(r.id)) owes.push('延期申请待局领导审批');
    if (!lead && owes.length === 0) owes.push('配合牵头处室办理');
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      role: r.unit_role,
      state: r.state,
      deadline: r.deadline,
      light: lit.light,
      lightReasons: lit.reasons,
      deadlineProvisional: lit.deadlineProvisional,
      updateMissing: lead && lit.updateMissing,
      milestonesThisWeek: thisWeek.map((m) => ({ title: m.title, dueDate: m.due_date })),
      owes,
    };
  });
  const missed = await missedCountInYear(deps.db, unitId, week);
  return { week, division: { id: division.id, name: division.name }, updateDueDate: dueDate, items, missedUpdatesThisYear: missed };
}

// ───────────────────────── to-dos ─────────────────────────

/**
 * The actor's to-dos: leaders see closure and extension requests; the lead
 * division's head the items to accept or close, and its members the items
 * whose weekly update is owed this week and not yet given.
 */
export async function supervisionTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  const out: TodoInput[] = [];
  const cal = await getCalendar(deps);
  const rules = await loadRules(deps.db);
  const day = today(deps);
  if (hasRole(actor, 'leader')) {
    const rows = await itemsAwaitingLeader(deps.db);
    for (const r of rows)
      out.push({
        kind: 'supervision',
        id: r.id,
        title: `${r.state === 'closure_requested' ? '【待销号】' : '【延期申请】'}${r.number} ${r.title}`,
        urgency: 'normal',
        deadline: r.deadline,
        state: r.state,
      });
  }
  if (actor.unitId && hasRole(actor, 'division_head', 'staff')) {
    const rows = await openItemsLedBy(deps.db, actor.unitId);
    const { milestones } = await loadRelated(
      deps.db,
      rows.map((r) => r.id),
    );
    const head = hasRole(actor, 'division_head');
    for (const r of rows) {
      const lit = lightOf(r, milestones.get(r.id) ?? [], day, cal, rules);
      const owesUpdate =
        r.state === 'in_progress' &&
        lit.updateDueDate !== null &&
        (lit.updateMissing || day <= lit.updateDueDate) &&
        !(r.last_update_at && r.last_update_at.slice(0, 10) >= weekRange(weekOf(day)).from);
      if ((r.state === 'open' && head) || owesUpdate || lit.light === 'red') {
        out.push({
          kind: 'supervision',
          id: r.id,
          title: `${r.state === 'open' ? '【待签收】' : owesUpdate ? '【本周进展】' : '【逾期】'}${r.number} ${r.title}`,
          urgency: lit.light === 'red' ? 'urgent' : 'normal',
          deadline: r.deadline,
          state: r.state,
        });
      }
    }
  }
  return out;
}
