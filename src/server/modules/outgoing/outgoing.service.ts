import type { Transaction } from 'kysely';
import {
  type Direction,
  DOC_TYPE_DIRECTION,
  distributionSchema,
  type Finding,
  type OutgoingCreate,
  type OutgoingDiff,
  type OutgoingDraft,
  type OutgoingFields,
  type OutgoingList,
  type OutgoingListQuery,
  type OutgoingOptions,
  type OutgoingSettings,
  type OutgoingSettingsUpdate,
  type OutgoingUpdate,
  type OutgoingVersion,
  outgoingDraftSchema,
} from '../../../shared/outgoing.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, invalidTransition, notFound, validation, versionConflict } from '../../core/errors.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import { guardText } from '../../core/guard/guard.service.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { availableActions, buildWorkflowView, createWithWorkflow, fireTransition, loadVisible } from '../../core/workflow/workflow.engine.js';
import { getUnitsByIds, getUser, listDivisions, usersWithRole } from '../../core/org/org.service.js';
import { checkOutgoing } from './checker/index.js';
import { DEFAULT_ORG_CONTEXT, isSuperior } from './checker/org-context.js';
import { diffText } from './outgoing.diff.js';
import { outgoingPolicy } from './outgoing.policy.js';
import {
  advanceVersion,
  currentState,
  draftOf,
  insertCosigns,
  insertDoc,
  insertVersion,
  listPage,
  loadOutgoing,
  loadSettings,
  type OutgoingObject,
  outgoingSettings,
  replaceCosigns,
  todoCandidateIds,
  updateDraft,
  versionOf,
  versionsOf,
} from './outgoing.repo.js';
import { indexOutgoing } from './outgoing.search.js';
import { checkInputOf, outgoingWorkflow, printedDate } from './outgoing.workflow.js';

export type OutgoingView = WorkflowView<OutgoingFields>;

/** 意见 goes any way: 上行文 when addressed to a superior; the other 文种 keep their statutory direction. */
export function directionOf(draft: Pick<OutgoingDraft, 'docType' | 'mainRecipients'>): Direction {
  if (draft.docType === '意见' && draft.mainRecipients.some((r) => isSuperior(DEFAULT_ORG_CONTEXT, r))) return 'up';
  return DOC_TYPE_DIRECTION[draft.docType];
}

/** Every text of a draft through the classification guard, before any transaction opens. */
async function guardDraft(deps: Deps, actor: Actor, d: OutgoingDraft, what: string): Promise<void> {
  await guardText(
    deps,
    actor,
    {
      title: d.title,
      body: d.body,
      mainRecipients: d.mainRecipients.join('、'),
      copyTo: d.copyTo.join('、'),
      attachments: d.attachments.map((a) => a.title).join('、'),
      contact: d.contact ? `${d.contact.name} ${d.contact.phone}` : '',
    },
    {
      targetType: 'outgoing',
      what,
      fieldLabels: { title: '标题', body: '正文', mainRecipients: '主送机关', copyTo: '抄送机关', attachments: '附件名称', contact: '联系人' },
    },
  );
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const hasControl = (v: unknown): boolean =>
  typeof v === 'string'
    ? CONTROL.test(v)
    : Array.isArray(v)
      ? v.some(hasControl)
      : v !== null && typeof v === 'object'
        ? Object.values(v).some(hasControl)
        : false;
/** PostgreSQL refuses NUL in text and no control character belongs in a 公文: a 400, not a 500. */
function refuseControlChars(d: OutgoingDraft): void {
  if (hasControl(d)) throw validation('内容含有不可见的控制字符，请删除后重试');
}

/** Co-sign divisions must be 处室 of the bureau, other than the drafting one, each once. */
async function checkCosigns(trx: Transaction<Database>, ids: readonly string[], draftingUnitId: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length) throw validation('会签处室不能重复', { fields: [{ field: 'cosignDivisionIds', message: '重复' }] });
  if (unique.includes(draftingUnitId)) throw validation('拟稿处室不能同时是会签处室', { fields: [{ field: 'cosignDivisionIds', message: '拟稿处室' }] });
  const divisions = new Set((await listDivisions({ db: trx })).map((u) => u.id));
  for (const id of unique)
    if (!divisions.has(id)) throw validation('会签单位须为本局的处室', { fields: [{ field: 'cosignDivisionIds', message: `不是处室：${id}` }] });
  return unique;
}

async function viewOf(deps: Deps, trx: Transaction<Database>, actor: Actor, id: string): Promise<OutgoingView> {
  const o = await loadOutgoing(trx, id);
  if (!o) throw notFound('该发文不存在或您无权查看');
  return buildWorkflowView(trx, deps, outgoingWorkflow, actor, o, await presentOutgoing(o, { db: trx, actor }));
}

async function saveVersion(
  trx: Transaction<Database>,
  o: { id: string; state: string },
  round: number,
  draft: OutgoingDraft,
  actor: Actor,
  at: string,
  note: string | null,
): Promise<void> {
  await insertVersion(trx, { doc_id: o.id, round, state: o.state, author_id: actor.id, author_name: actor.name, at, note, draft: JSON.stringify(draft) });
}

/** `POST /api/outgoing`: a new draft (第 1 稿) of the actor's division. */
export async function createOutgoing(deps: Deps, actor: Actor, body: OutgoingCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = outgoingPolicy.createRefusal(actor);
  // The policy refuses anyone without a unit, so past this line the draft has its division.
  if (refusal !== null || !actor.unitId) throw forbidden(refusal ?? undefined);
  refuseControlChars(body);
  await guardDraft(deps, actor, body, '发文拟稿');
  const unitId = actor.unitId;
  return idem.transaction(deps, actor, async (trx, save) => {
    const cosigns = await checkCosigns(trx, body.cosignDivisionIds, unitId);
    let view: unknown = null;
    await createWithWorkflow(
      deps,
      outgoingWorkflow,
      {
        actor,
        payload: { docType: body.docType, title: body.title },
        comment: '拟稿（第 1 稿）',
        insert: async (t, base) => {
          await insertDoc(t, {
            ...base,
            created_at: base.updated_at,
            doc_type: body.docType,
            direction: directionOf(body),
            title: body.title,
            draft: JSON.stringify(body),
            urgency: body.urgency,
            drafting_unit_id: unitId,
            drafter_id: actor.id,
            drafter_name: actor.name,
            round: 1,
            division_reviewed: 0,
            office_reviewed: 0,
            return_comment: null,
            agency_code: null,
            doc_year: null,
            doc_seq: null,
            doc_number: null,
            sign_date: null,
            signer_id: null,
            signer_name: null,
            signed_round: null,
            distribution: null,
            issued_at: null,
            issued_by_name: null,
            retention: null,
            archival_no: null,
            archived_at: null,
          });
          await insertCosigns(t, base.id, cosigns);
          await saveVersion(t, { id: base.id, state: base.state }, 1, body, actor, base.updated_at, '第 1 稿');
          const o = await loadOutgoing(t, base.id);
          if (o) await indexOutgoing(deps, t, o);
        },
      },
      {
        trx,
        beforeAudit: async (t, o) => {
          view = await buildWorkflowView(t, deps, outgoingWorkflow, actor, o, await presentOutgoing(o, { db: t, actor }));
          await save(201, view);
        },
      },
    );
    return { status: 201, body: view };
  });
}

/** Whitespace aside, did the words the signer approved change (标题、正文、主送、附件、文种)? 条例第二十五条: such a change goes back to the signer. */
export function isSubstantiveChange(before: OutgoingDraft, after: OutgoingDraft): boolean {
  const norm = (d: OutgoingDraft) =>
    JSON.stringify([d.docType, d.title, d.body, d.mainRecipients, d.attachments.map((a) => a.title)]).replace(/[\s\u3000]+/g, '');
  return norm(before) !== norm(after);
}

/**
 * `PUT /api/outgoing/<id>`: saves the next version (稿) of the text. The
 * drafter edits while drafting, each reviewer at their step; after sign-off
 * the office may correct, and a substantive change sends the document back
 * to the signer (state 待签发, the number kept).
 */
export async function updateOutgoing(deps: Deps, actor: Actor, id: string, body: OutgoingUpdate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const { version, note, ...draft } = body;
  refuseControlChars(draft);
  await guardDraft(deps, actor, draft, '发文修改');
  return idem.transaction(deps, actor, async (trx, save) => {
    const o = await loadVisible(trx, outgoingWorkflow, actor, id);
    if (!['draft', 'division_review', 'office_review', 'numbered'].includes(o.state)) {
      throw invalidTransition(`该发文当前为“${outgoingWorkflow.states[o.state]}”，不能修改正文`, { state: o.state });
    }
    if (!outgoingPolicy.rightsOf(actor, o).canEdit) throw forbidden('您不能在此环节修改该发文');
    if (o.version !== version) throw versionConflict({ currentVersion: o.version });
    const before = draftOf(o);
    const current = o.cosigns.map((c) => c.unit_id).sort();
    const wanted = [...draft.cosignDivisionIds].sort();
    const cosignsChanged = JSON.stringify(current) !== JSON.stringify(wanted);
    if (cosignsChanged && o.state !== 'draft')
      throw validation('会签处室只能在拟稿时调整', { fields: [{ field: 'cosignDivisionIds', message: '只能在拟稿时调整' }] });
    const cosigns = cosignsChanged ? await checkCosigns(trx, draft.cosignDivisionIds, o.drafting_unit_id) : current;
    if (JSON.stringify(before) === JSON.stringify(draft)) {
      const view = await viewOf(deps, trx, actor, id);
      return { status: 200, body: view };
    }
    const at = deps.clock.now().toISOString();
    const round = Number(o.round) + 1;
    const write = async (t: Transaction<Database>, newVersion: number) => {
      await updateDraft(t, o.id, {
        draft: JSON.stringify(draft),
        title: draft.title,
        doc_type: draft.docType,
        direction: directionOf(draft),
        urgency: draft.urgency,
        round,
        version: newVersion,
        updated_at: at,
      });
      if (cosignsChanged) await replaceCosigns(t, o.id, cosigns);
      const state = await currentState(t, o.id);
      await saveVersion(t, { id: o.id, state }, round, draft, actor, at, note || null);
      const fresh = await loadOutgoing(t, o.id);
      if (fresh) await indexOutgoing(deps, t, fresh);
    };
    let view: unknown = null;
    if (o.state === 'numbered' && isSubstantiveChange(before, draft)) {
      await fireTransition(
        deps,
        outgoingWorkflow,
        { id, action: 'reopen', version, payload: { comment: `签发后有实质性修改（第 ${round} 稿），退回签发人复审` }, actor },
        {
          trx,
          beforeAudit: async (t, r) => {
            await write(t, r.version);
            view = await viewOf(deps, t, actor, id);
            await save(200, view);
          },
        },
      );
      return { status: 200, body: view };
    }
    // Only the version moves (guarded like a transition: a concurrent writer makes this a 409).
    if (!(await advanceVersion(trx, o.id, version))) throw versionConflict();
    await write(trx, version + 1);
    view = await viewOf(deps, trx, actor, id);
    await save(200, view);
    await appendAudit(trx, deps.clock, {
      action: 'outgoing.edit',
      actor: auditActor(actor),
      targetType: 'outgoing',
      targetId: o.id,
      details: { round, state: o.state, version: version + 1, substantive: isSubstantiveChange(before, draft) },
    });
    return { status: 200, body: view };
  });
}

// ───────────────────────── reading ─────────────────────────

async function withVisible<T>(deps: Deps, actor: Actor, id: string, fn: (trx: Transaction<Database>, o: OutgoingObject) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (trx) => fn(trx, await loadVisible(trx, outgoingWorkflow, actor, id)));
}

async function pendingNames(db: Transaction<Database>, o: OutgoingObject): Promise<string[]> {
  const pending = o.cosigns.filter((c) => c.signed_at === null).map((c) => c.unit_id);
  return (await getUnitsByIds({ db }, pending)).map((u) => u.name);
}

/** `GET /api/outgoing/<id>/findings`: the checker on the stored text; the chain's state counts once it awaits sign-off. */
export async function storedFindings(deps: Deps, actor: Actor, id: string): Promise<{ findings: Finding[] }> {
  return withVisible(deps, actor, id, async (trx, o) => {
    const procedure = o.state === 'signoff';
    return { findings: checkOutgoing(checkInputOf(o, draftOf(o), { procedure, pendingNames: procedure ? await pendingNames(trx, o) : [] })) };
  });
}

export async function loadForPrint(deps: Deps, actor: Actor, id: string): Promise<OutgoingObject> {
  return withVisible(deps, actor, id, async (_trx, o) => o);
}

export async function listVersions(deps: Deps, actor: Actor, id: string) {
  return withVisible(deps, actor, id, async (trx) => {
    const rows = await versionsOf(trx, id);
    return {
      items: rows.map((r) => ({
        round: Number(r.round),
        state: r.state,
        author: r.author_name,
        at: r.at,
        note: r.note,
        title: outgoingDraftSchema.parse(JSON.parse(r.draft)).title,
      })),
    };
  });
}

async function versionRow(trx: Transaction<Database>, id: string, round: number) {
  const r = await versionOf(trx, id, round);
  if (!r) throw notFound(`该发文没有第 ${round} 稿`);
  return r;
}

export async function getVersion(deps: Deps, actor: Actor, id: string, round: number): Promise<OutgoingVersion> {
  return withVisible(deps, actor, id, async (trx) => {
    const r = await versionRow(trx, id, round);
    return { round: Number(r.round), state: r.state, author: r.author_name, at: r.at, note: r.note, draft: outgoingDraftSchema.parse(JSON.parse(r.draft)) };
  });
}

const DIFF_FIELDS: { field: string; label: string; text(d: OutgoingDraft): string }[] = [
  { field: 'docType', label: '文种', text: (d) => d.docType },
  { field: 'title', label: '标题', text: (d) => d.title },
  { field: 'mainRecipients', label: '主送', text: (d) => d.mainRecipients.join('\n') },
  { field: 'body', label: '正文', text: (d) => d.body },
  { field: 'attachments', label: '附件', text: (d) => d.attachments.map((a) => a.title).join('\n') },
  { field: 'copyTo', label: '抄送', text: (d) => d.copyTo.join('\n') },
];

/** `GET /api/outgoing/<id>/diff?from=&to=`: 修改痕迹 between two versions, per field that changed. */
export async function diffVersions(deps: Deps, actor: Actor, id: string, from: number, to: number): Promise<OutgoingDiff> {
  return withVisible(deps, actor, id, async (trx) => {
    const a = outgoingDraftSchema.parse(JSON.parse((await versionRow(trx, id, from)).draft));
    const b = outgoingDraftSchema.parse(JSON.parse((await versionRow(trx, id, to)).draft));
    const fields = DIFF_FIELDS.filter((f) => f.text(a) !== f.text(b)).map((f) => ({ field: f.field, label: f.label, lines: diffText(f.text(a), f.text(b)) }));
    return { from, to, fields };
  });
}

/** The module's fields of the GET view: explicit, never a whole row. */
export async function presentOutgoing(o: OutgoingObject, ctx: { db: Transaction<Database>; actor: Actor }): Promise<OutgoingFields> {
  const db = ctx.db;
  const draft = draftOf(o);
  const units = new Map((await getUnitsByIds({ db }, [o.drafting_unit_id, ...o.cosigns.map((c) => c.unit_id)])).map((u) => [u.id, u.name]));
  // A document back for re-signing names the leader who signed it; a 上行文 otherwise names the 主要负责人.
  const requiredId = o.signer_id ?? (o.direction === 'up' ? o.principalLeaderId : null);
  const principal = requiredId ? await getUser({ db }, requiredId) : undefined;
  const findings = checkOutgoing(checkInputOf(o, draft, { procedure: false }));
  const dist = o.distribution ? distributionSchema.safeParse(JSON.parse(o.distribution)) : null;
  const rights = outgoingPolicy.rightsOf(ctx.actor, o);
  return {
    draft,
    direction: o.direction,
    draftingUnit: { id: o.drafting_unit_id, name: units.get(o.drafting_unit_id) ?? '' },
    drafter: { id: o.drafter_id, name: o.drafter_name },
    createdAt: o.created_at,
    round: Number(o.round),
    docNumber: o.doc_number,
    signDate: o.sign_date ? printedDate(o.sign_date) : null,
    signDateIso: o.sign_date,
    signer: o.signer_name,
    requiredSigner: principal ? { id: principal.id, name: principal.name } : null,
    divisionReviewed: Number(o.division_reviewed) === 1,
    officeReviewed: Number(o.office_reviewed) === 1,
    cosigns: o.cosigns.map((c) => ({
      unitId: c.unit_id,
      unitName: units.get(c.unit_id) ?? '',
      signedAt: c.signed_at,
      signedBy: c.signed_by_name,
      comment: c.comment,
    })),
    returnComment: o.return_comment,
    distribution: dist?.success ? dist.data : null,
    issuedAt: o.issued_at,
    retention: o.retention,
    archivalNo: o.archival_no,
    archivedAt: o.archived_at,
    blockingFindings: findings.filter((f) => f.severity === 'error').length,
    canEdit: rights.canEdit,
    rights,
  };
}

export async function listOutgoing(deps: Deps, actor: Actor, query: OutgoingListQuery): Promise<OutgoingList> {
  const { rows, total } = await listPage(
    deps.db,
    { visible: outgoingPolicy.listFilter(actor), state: query.state, drafterId: query.mine === 'true' ? actor.id : undefined, q: query.q },
    query,
  );
  const units = new Map((await getUnitsByIds(deps, [...new Set(rows.map((r) => r.drafting_unit_id))])).map((u) => [u.id, u.name]));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      docType: r.doc_type,
      title: r.title,
      state: r.state,
      version: Number(r.version),
      urgency: r.urgency,
      draftingUnit: units.get(r.drafting_unit_id) ?? '',
      drafter: r.drafter_name,
      docNumber: r.doc_number,
      signDate: r.sign_date ? printedDate(r.sign_date) : null,
      updatedAt: r.updated_at,
      round: Number(r.round),
    })),
    rights: { mayCreate: outgoingPolicy.mayCreate(actor) },
  };
}

// ───────────────────────── settings and options ─────────────────────────

export async function getSettings(deps: Deps): Promise<OutgoingSettings> {
  const s = await loadSettings(deps.db);
  const leader = s.principal_leader_id ? await getUser(deps, s.principal_leader_id) : undefined;
  return { agencyCode: s.agency_code, orgName: s.org_name, principalLeader: leader ? { id: leader.id, name: leader.name } : null, version: Number(s.version) };
}

/** 发文设置 (办公室主任): 机关代字, 发文机关 and the 主要负责人 who signs 上行文. */
export async function updateSettings(deps: Deps, actor: Actor, body: OutgoingSettingsUpdate): Promise<OutgoingSettings> {
  if (!hasRole(actor, 'office_director')) throw forbidden('只有办公室主任可以修改发文设置');
  if (body.principalLeaderId) {
    const u = await getUser(deps, body.principalLeaderId);
    if (!u || u.disabled || !u.roles.includes('leader'))
      throw validation('主要负责人须为在职的局领导', { fields: [{ field: 'principalLeaderId', message: '不是局领导' }] });
  }
  await deps.db.transaction().execute(async (trx) => {
    const values = { agency_code: body.agencyCode, org_name: body.orgName, principal_leader_id: body.principalLeaderId };
    await outgoingSettings.save(trx, body.version, values, deps.clock.now().toISOString());
    await appendAudit(trx, deps.clock, {
      action: 'outgoing.settings',
      actor: auditActor(actor),
      targetType: 'outgoing',
      details: { agencyCode: body.agencyCode, orgName: body.orgName, principalLeaderId: body.principalLeaderId },
    });
  });
  return getSettings(deps);
}

export async function outgoingOptions(deps: Deps): Promise<OutgoingOptions> {
  const [divisions, leaders] = await Promise.all([listDivisions(deps), usersWithRole(deps, 'leader')]);
  return {
    divisions: divisions.map((d) => ({ id: d.id, name: d.name })),
    leaders: leaders.filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name })),
  };
}

// ───────────────────────── to-dos ─────────────────────────

/** Documents where an action is the actor's to fire now (the same rule as the action panel). */
export async function outgoingTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  const ids = await todoCandidateIds(deps.db, outgoingPolicy.listFilter(actor));
  const now = deps.clock.now();
  const out: TodoInput[] = [];
  for (const id of ids) {
    const o = await loadOutgoing(deps.db, id);
    if (!o) continue;
    const actions = availableActions(outgoingWorkflow, actor, o, now).filter((a) => a !== 'reopen');
    // A draft waits for its drafter only once it came back with comments.
    if (actions.length === 0 || (o.state === 'draft' && o.return_comment === null)) continue;
    out.push({ kind: 'outgoing', id: o.id, title: `${o.doc_number ? `${o.doc_number} ` : ''}${o.title}`, urgency: o.urgency, deadline: null, state: o.state });
  }
  return out;
}
