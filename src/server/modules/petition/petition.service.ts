import type { Transaction } from 'kysely';
import {
  type ClearPetitioner,
  type Lookup,
  type LookupResult,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhone,
  type PetitionCreate,
  type PetitionFields,
  type PetitionFilter,
  type PetitionList,
  type PetitionListItem,
  type PetitionListQuery,
  type PetitionStats,
  normaliseIdNumber,
  normalisePhone,
} from '../../../shared/petition.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, invalidTransition, notFound, validation } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import { type Actor, auditActor, hasRole } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { buildWorkflowView, createWithWorkflow } from '../../core/workflow/workflow.engine.js';
import { beijingToday, daysBetween, noticeDeadline, objectionDeadline, runningView, warningBounds } from './petition.deadlines.js';
import { isOfficer } from './petition.officer.js';
import { mayList, mayReadPersonalData, mayReadStats, petitionPolicy } from './petition.policy.js';
import {
  byPerson,
  followUpsOf,
  hearingsOf,
  inStates,
  insertItem,
  lastSamePerson,
  listAll,
  listPage,
  loadItem,
  noticesOf,
  type PetitionRow,
  readKeyCheck,
  refsByIds,
  repeatsOf,
  runningCounts,
  syncRunning,
  writeKeyCheck,
  yearRows,
} from './petition.repo.js';
import { indexItem } from './petition.search.js';
import { type Vault, vaultFor, WRONG_KEY_MESSAGE } from '../../core/vault/vault.js';
import { petitionWorkflow } from './petition.workflow.js';
import { itemsFollowingUp } from '../supervision/supervision.service.js';

/* 信访's service: what the routes, the seed, the jobs and other modules call. It checks, then acts in one transaction. */

const FIELD_LABELS = { subject: '事由', content: '信访内容', transferredFrom: '转送机关', address: '通信地址' };

/** The vault of this installation; the database's key-check value must match it (written with the first petition). */
export async function vaultOf(deps: Pick<Deps, 'config'>, db: Executor, at?: string): Promise<Vault> {
  const vault = vaultFor(deps.config.dataDir);
  const stored = await readKeyCheck(db);
  if (stored === undefined && at) await writeKeyCheck(db, vault.keyCheck, at);
  else if (stored !== undefined && stored !== vault.keyCheck) throw new Error(WRONG_KEY_MESSAGE);
  return vault;
}

/**
 * At start-up: a key that does not match the data already sealed stops the
 * server with a clear message, rather than serve petitions no one can read.
 * An unmigrated database (no table yet) is left to the migrations.
 */
export async function checkVaultAtStart(deps: Deps): Promise<void> {
  const vault = vaultFor(deps.config.dataDir);
  let stored: string | undefined;
  try {
    stored = await readKeyCheck(deps.db);
  } catch {
    return;
  }
  if (stored !== undefined && stored !== vault.keyCheck) throw new Error(WRONG_KEY_MESSAGE);
}

type Sealed = Pick<
  PetitionRow,
  'name_enc' | 'id_number_enc' | 'phone_enc' | 'address_enc' | 'name_mask' | 'id_number_mask' | 'phone_mask' | 'address_mask' | 'id_index' | 'phone_index'
>;

function seal(vault: Vault, p: NonNullable<PetitionCreate['petitioner']>): Sealed {
  const idNumber = p.idNumber ? normaliseIdNumber(p.idNumber) : null;
  const phone = p.phone ? normalisePhone(p.phone) : null;
  return {
    name_enc: vault.encrypt(p.name),
    id_number_enc: idNumber ? vault.encrypt(idNumber) : null,
    phone_enc: phone ? vault.encrypt(phone) : null,
    address_enc: p.address ? vault.encrypt(p.address) : null,
    name_mask: maskName(p.name) ?? '',
    id_number_mask: maskIdNumber(idNumber),
    phone_mask: maskPhone(phone),
    address_mask: maskAddress(p.address),
    id_index: idNumber ? vault.blindIndex('id', idNumber) : null,
    phone_index: phone ? vault.blindIndex('phone', phone) : null,
  };
}

const copySealed = (o: Sealed): Sealed => ({
  name_enc: o.name_enc,
  id_number_enc: o.id_number_enc,
  phone_enc: o.phone_enc,
  address_enc: o.address_enc,
  name_mask: o.name_mask,
  id_number_mask: o.id_number_mask,
  phone_mask: o.phone_mask,
  address_mask: o.address_mask,
  id_index: o.id_index,
  phone_index: o.phone_index,
});

const samePerson = (a: Sealed, b: Sealed) => (a.id_index !== null && a.id_index === b.id_index) || (a.phone_index !== null && a.phone_index === b.phone_index);

/** `信〔2026〕12号` */
export const numberOf = (year: number, seq: number) => `信〔${year}〕${seq}号`;

function fieldError(field: string, message: string): never {
  throw validation(message, { fields: [{ field, message }] });
}

/** `POST /api/petition`: the policy and the classification guard, then the new petition under the request's Idempotency-Key. */
export async function createPetition(deps: Deps, actor: Actor, body: PetitionCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = petitionPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  await guardText(
    deps,
    actor,
    { subject: body.subject, content: body.content, transferredFrom: body.transferredFrom, address: body.petitioner?.address },
    { targetType: 'petition', what: '登记信访件', fieldLabels: FIELD_LABELS },
  );
  return idem.transaction(deps, actor, async (trx, save) => {
    let view: unknown = null;
    await createInTransaction(deps, actor, trx, body, async (t, o) => {
      view = await buildWorkflowView(t, deps, petitionWorkflow, actor, o, await presentPetition(o, { db: t, actor, deps }));
      await save(201, view);
    });
    return { status: 201, body: view };
  });
}

/**
 * A new petition in the caller's transaction (the request's, or the demo
 * seed's); the caller has checked the policy and the texts. `beforeAudit`
 * runs just before the audit event: the response is built there.
 */
export async function createInTransaction(
  deps: Deps,
  actor: Actor,
  trx: Transaction<Database>,
  body: PetitionCreate,
  beforeAudit?: (t: Transaction<Database>, o: PetitionRow) => Promise<void>,
): Promise<PetitionRow> {
  const today = beijingToday(deps);
  if (body.receivedDate > today) fieldError('receivedDate', `收到日期不能晚于今天（${today}）`);
  if (body.receivedDate < '2000-01-01') fieldError('receivedDate', '收到日期不能早于 2000 年');
  const at = deps.clock.now().toISOString();
  const vault = await vaultOf(deps, trx, at);

  let parent: PetitionRow | undefined;
  if (body.parentId) {
    parent = await loadItem(trx, body.parentId);
    if (!parent) fieldError('parentId', '原信访件不存在');
    const want = body.type === 'review' ? 'initial' : 'review';
    if (parent.type !== want) fieldError('parentId', body.type === 'review' ? '复查请求须针对一件初次信访' : '复核请求须针对一件复查');
    if (!parent.delivered_date || !parent.review_request_deadline)
      throw invalidTransition(`原信访件（${parent.number}）尚未送达书面答复，不能请求${body.type === 'review' ? '复查' : '复核'}`);
    if (body.receivedDate > parent.review_request_deadline) {
      throw invalidTransition(`请求须在收到书面答复之日起 30 日内提出（至 ${parent.review_request_deadline}），已超过期限`);
    }
  }
  if (!body.petitioner && !parent) fieldError('petitioner', '请填写信访人');
  const person: Sealed = body.petitioner ? seal(vault, body.petitioner) : copySealed(parent as Sealed);

  let repeatOf: PetitionRow | undefined;
  if (body.type === 'initial') {
    if (body.repeatOfId) {
      repeatOf = await loadItem(trx, body.repeatOfId);
      if (!repeatOf) fieldError('repeatOfId', '所指的原信访件不存在');
      if (!samePerson(person, repeatOf)) fieldError('repeatOfId', '所指的原信访件不是同一信访人的（身份证号、联系电话均不同）');
    } else {
      repeatOf = await lastSamePerson(trx, { idIndex: person.id_index, phoneIndex: person.phone_index, topic: body.topic });
    }
  }

  const cal = await getCalendar(deps, trx);
  const notice = noticeDeadline(cal, body.receivedDate);
  const objection = body.source === 'transferred_in' ? objectionDeadline(cal, body.receivedDate) : null;
  const year = Number(today.slice(0, 4));
  const seq = await allocateNumber(trx, `petition:${year}`);
  const number = numberOf(year, seq);

  // History and audit hold the masked petitioner only.
  const payload: Record<string, unknown> = {
    ...body,
    number,
    petitioner: { name: person.name_mask, idNumber: person.id_number_mask, phone: person.phone_mask, address: person.address_mask },
    ...(repeatOf ? { repeatOfId: repeatOf.id } : {}),
  };
  return createWithWorkflow(
    deps,
    petitionWorkflow,
    {
      actor,
      payload,
      async insert(t, base) {
        await insertItem(t, {
          ...base,
          number,
          year,
          seq_no: seq,
          type: body.type,
          parent_id: parent?.id ?? null,
          channel: body.channel,
          source: body.source,
          transferred_from: body.source === 'transferred_in' ? (body.transferredFrom ?? null) : null,
          received_date: body.receivedDate,
          category: body.category,
          topic: body.topic,
          subject: body.subject,
          content: body.content,
          visitors: body.channel === 'visit' ? (body.visitors ?? 1) : null,
          repeat_of_id: repeatOf?.id ?? null,
          ...person,
          notice_deadline: notice.date,
          objection_deadline: objection?.date ?? null,
          notice_date: null,
          notice_method: null,
          notice_on_time: null,
          accepted_date: null,
          reject_reason_type: null,
          decision_reason: null,
          other_authority: null,
          to_org: null,
          handling_deadline: null,
          original_handling_deadline: null,
          deadline_provisional: notice.provisional || objection?.provisional ? 1 : 0,
          running_deadline: notice.date,
          division_id: null,
          requirement: null,
          due_date: null,
          ext_days: null,
          ext_reason: null,
          ext_state: null,
          ext_notice_date: null,
          ext_requested_by: null,
          hearing_days: 0,
          opinion: null,
          reply_text: null,
          reply_date: null,
          delivered_date: null,
          delivery_method: null,
          review_request_deadline: null,
          satisfaction: null,
          created_by: actor.id,
          created_by_name: actor.name,
          created_at: base.updated_at,
        });
        await syncRunning(t, base.id);
        await indexItem(deps, t, base.id);
      },
    },
    { trx, ...(beforeAudit ? { beforeAudit } : {}) },
  );
}

const maskedOf = (o: Sealed) => ({ name: o.name_mask || null, idNumber: o.id_number_mask, phone: o.phone_mask, address: o.address_mask });

async function divisionNames(db: Executor, rows: readonly Pick<PetitionRow, 'division_id'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.division_id ? [r.division_id] : [])))];
  return new Map((await getUnitsByIds({ db }, ids)).map((u) => [u.id, u.name]));
}

function listItemOf(r: PetitionRow, today: string, names: Map<string, string>): PetitionListItem {
  const run = runningView(r, today);
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    channel: r.channel,
    source: r.source,
    category: r.category,
    topic: r.topic,
    subject: r.subject,
    receivedDate: r.received_date,
    state: r.state,
    version: r.version,
    petitioner: maskedOf(r),
    division: r.division_id ? { id: r.division_id, name: names.get(r.division_id) ?? '（已撤销的处室）' } : null,
    noticeDeadline: r.notice_deadline,
    handlingDeadline: r.handling_deadline,
    replyDate: r.reply_date,
    daysLeft: run.daysLeft,
    warning: run.warning,
    overdue: run.overdue,
    repeat: r.repeat_of_id !== null,
  };
}

export async function toListItems(deps: Pick<Deps, 'clock'>, db: Executor, rows: readonly PetitionRow[]): Promise<PetitionListItem[]> {
  const today = beijingToday(deps);
  const names = await divisionNames(db, rows);
  return rows.map((r) => listItemOf(r, today, names));
}

/** The module's fields of the GET view: explicit, never a whole row; the petitioner masked. */
export async function presentPetition(o: PetitionRow, ctx: { db: Executor; actor: Actor; deps: Pick<Deps, 'clock'> }): Promise<PetitionFields> {
  const [item] = await toListItems(ctx.deps, ctx.db, [o]);
  if (!item) throw new Error('petition: list item missing');
  const { id: _id, state: _state, version: _version, ...listFields } = item;
  const [refs, followUps, repeats, notices, hearings, supervised] = await Promise.all([
    refsByIds(
      ctx.db,
      [o.parent_id, o.repeat_of_id].filter((x): x is string => x !== null),
    ),
    followUpsOf(ctx.db, o.id),
    repeatsOf(ctx.db, o.id),
    noticesOf(ctx.db, o.id),
    hearingsOf(ctx.db, o.id),
    itemsFollowingUp({ db: ctx.db }, { kind: 'petition', id: o.id }),
  ]);
  const supervision = supervised[0];
  const ref = (id: string | null) => (id ? (refs.get(id) ?? null) : null);
  return {
    ...listFields,
    parent: ref(o.parent_id),
    followUps: followUps.map((f) => ({ id: f.id, number: f.number, type: f.type })),
    repeatOf: ref(o.repeat_of_id),
    repeats,
    transferredFrom: o.transferred_from,
    content: o.content,
    visitors: o.visitors,
    objectionDeadline: o.objection_deadline,
    originalHandlingDeadline: o.original_handling_deadline,
    reviewRequestDeadline: o.review_request_deadline,
    deadlineProvisional: o.deadline_provisional === 1,
    noticeDate: o.notice_date,
    noticeOnTime: o.notice_on_time === null ? null : o.notice_on_time === 1,
    noticeMethod: o.notice_method,
    acceptedDate: o.accepted_date,
    deliveredDate: o.delivered_date,
    deliveryMethod: o.delivery_method,
    onTime: o.reply_date && o.handling_deadline ? o.reply_date <= o.handling_deadline : null,
    decision:
      o.reject_reason_type || o.to_org
        ? { reasonType: o.reject_reason_type, reason: o.decision_reason, otherAuthority: o.other_authority, toOrg: o.to_org }
        : null,
    requirement: o.requirement,
    dueDate: o.due_date,
    extension: o.ext_state && o.ext_days !== null ? { days: o.ext_days, reason: o.ext_reason ?? '', state: o.ext_state, noticeDate: o.ext_notice_date } : null,
    hearings: hearings.map((h) => ({ start: h.start_date, end: h.end_date, days: h.days, summary: h.summary })),
    notices: notices.map((n) => ({ kind: n.kind, method: n.method, date: n.notice_date, onTime: n.on_time === 1 })),
    opinion: o.opinion,
    replyText: o.reply_text,
    satisfaction: o.satisfaction,
    supervision: supervision ? { id: supervision.id, number: supervision.number, state: supervision.state } : null,
    createdBy: o.created_by_name,
    createdAt: o.created_at,
    rights: petitionPolicy.rightsOf(ctx.actor, o),
  };
}

function refuseList(actor: Actor): void {
  if (!mayList(actor)) throw forbidden('您没有查看信访台账的权限');
}

/** `GET /api/petition`: the ledger, as far as the policy lets the actor see. */
export async function listPetition(deps: Deps, actor: Actor, query: PetitionListQuery): Promise<PetitionList> {
  refuseList(actor);
  const bounds = warningBounds(beijingToday(deps));
  const { rows, total } = await listPage(deps.db, petitionPolicy.listFilter(actor), query, bounds, query);
  return { items: await toListItems(deps, deps.db, rows), total, rights: { mayCreate: petitionPolicy.mayCreate(actor) } };
}

/** Rows for the .xlsx export (same filters as the ledger), checked and audited by the caller. */
export async function ledgerRows(deps: Deps, actor: Actor, f: PetitionFilter, cap: number): Promise<PetitionRow[]> {
  refuseList(actor);
  return listAll(deps.db, petitionPolicy.listFilter(actor), f, warningBounds(beijingToday(deps)), cap);
}

async function visibleOr404(db: Executor, actor: Actor, id: string): Promise<PetitionRow> {
  const o = await loadItem(db, id);
  if (!o || !petitionPolicy.canSee(actor, o)) throw notFound('该信访件不存在或您无权查看');
  return o;
}

/** `GET /api/petition/:id/petitioner`: the clear values, officer and leader only, audited. */
export async function readPetitioner(deps: Deps, actor: Actor, id: string): Promise<ClearPetitioner> {
  return deps.db.transaction().execute(async (trx) => {
    const o = await visibleOr404(trx, actor, id);
    if (!mayReadPersonalData(actor)) throw forbidden('只有信访工作人员和局领导可以查看信访人完整信息');
    const vault = await vaultOf(deps, trx);
    const open = (s: string | null) => (s ? vault.decrypt(s) : null);
    const clear = { name: open(o.name_enc), idNumber: open(o.id_number_enc), phone: open(o.phone_enc), address: open(o.address_enc) };
    await appendAudit(trx, deps.clock, {
      action: 'petition.personal_data_read',
      actor: auditActor(actor),
      targetType: 'petition',
      targetId: o.id,
      details: { number: o.number, fields: Object.entries(clear).flatMap(([k, v]) => (v ? [k] : [])) },
    });
    return clear;
  });
}

/** `POST /api/petition/lookup`: a person's petitions by blind index (officer, leader), audited without the searched value. */
export async function lookupPetitions(deps: Deps, actor: Actor, q: Lookup): Promise<LookupResult> {
  if (!mayReadPersonalData(actor)) throw forbidden('只有信访工作人员和局领导可以按身份证号或电话查询');
  return deps.db.transaction().execute(async (trx) => {
    const vault = await vaultOf(deps, trx);
    const idNumber = q.idNumber ? normaliseIdNumber(q.idNumber) : undefined;
    const phone = q.phone ? normalisePhone(q.phone) : undefined;
    const rows = await byPerson(trx, {
      ...(idNumber ? { idIndex: vault.blindIndex('id', idNumber) } : {}),
      ...(phone ? { phoneIndex: vault.blindIndex('phone', phone) } : {}),
    });
    await appendAudit(trx, deps.clock, {
      action: 'petition.personal_data_lookup',
      actor: auditActor(actor),
      targetType: 'petition',
      targetId: null,
      details: { idNumber: maskIdNumber(idNumber), phone: maskPhone(phone), found: rows.length },
    });
    return { items: await toListItems(deps, trx, rows) };
  });
}

/** `GET /api/petition/stats?year=`: a year's figures (received that year), and today's open, due and overdue of all years. */
export async function petitionStats(deps: Deps, actor: Actor, year: number): Promise<PetitionStats> {
  if (!mayReadStats(actor)) throw forbidden('您没有查看信访统计的权限');
  return yearStats(deps, year);
}

/** The statistics themselves, for the route above and the 驾驶舱 (whose readers its own guard decides). */
export async function yearStats(deps: Deps, year: number): Promise<PetitionStats> {
  const rows = await yearRows(deps.db, year);
  const byChannel = { letter: 0, visit: 0, online: 0, phone: 0 };
  const byMonth = Array.from({ length: 12 }, () => 0);
  const divisions = new Map<string, { assigned: number; replied: number; repliedOnTime: number }>();
  let noticed = 0;
  let noticedOnTime = 0;
  let replied = 0;
  let repliedOnTime = 0;
  for (const r of rows) {
    byChannel[r.channel]++;
    const m = Number(r.received_date.slice(5, 7)) - 1;
    byMonth[m] = (byMonth[m] ?? 0) + 1;
    if (r.notice_date) {
      noticed++;
      if (r.notice_on_time === 1) noticedOnTime++;
    }
    const onTime = r.reply_date !== null && r.handling_deadline !== null && r.reply_date <= r.handling_deadline;
    if (r.reply_date) {
      replied++;
      if (onTime) repliedOnTime++;
    }
    if (r.division_id) {
      const d = divisions.get(r.division_id) ?? { assigned: 0, replied: 0, repliedOnTime: 0 };
      d.assigned++;
      if (r.reply_date) d.replied++;
      if (onTime) d.repliedOnTime++;
      divisions.set(r.division_id, d);
    }
  }
  const names = new Map((await getUnitsByIds(deps, [...divisions.keys()])).map((u) => [u.id, { name: u.name, sort: u.sort }]));
  const { today, plus5 } = warningBounds(beijingToday(deps));
  const running = await runningCounts(deps.db, today, plus5);
  return {
    year,
    total: rows.length,
    byChannel,
    byMonth,
    byDivision: [...divisions.entries()]
      .map(([divisionId, d]) => ({ divisionId, name: names.get(divisionId)?.name ?? '（已撤销的处室）', ...d }))
      .sort((a, b) => (names.get(a.divisionId)?.sort ?? 0) - (names.get(b.divisionId)?.sort ?? 0)),
    noticed,
    noticedOnTime,
    replied,
    repliedOnTime,
    onTimeRate: replied === 0 ? null : Math.round((repliedOnTime / replied) * 10_000) / 10_000,
    ...running,
  };
}

/** A petition for another module's or the seed's use (no policy: the caller has checked). */
export async function petitionRef(db: Executor, id: string): Promise<{ id: string; number: string; subject: string } | undefined> {
  const o = await loadItem(db, id);
  return o ? { id: o.id, number: o.number, subject: o.subject } : undefined;
}

function urgencyOf(deadline: string | null, today: string): TodoInput['urgency'] {
  if (!deadline) return 'normal';
  const left = daysBetween(today, deadline);
  if (left <= 1) return 'extra_urgent';
  if (left <= 5) return 'urgent';
  return 'normal';
}

/**
 * The to-do centre's 信访 items (contract "To-dos"): the officer's registered,
 * objected, accepted, extension approved but untold and replied; the assigned
 * division's handling; the leaders' reply_review and pending extensions.
 */
export async function petitionTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  const today = beijingToday(deps);
  const out: TodoInput[] = [];
  const push = (r: PetitionRow, deadline: string | null) =>
    out.push({ kind: 'petition', id: r.id, title: `${r.number} ${r.subject}`, urgency: urgencyOf(deadline, today), deadline, state: r.state });
  if (isOfficer(actor)) {
    for (const r of await inStates(deps.db, ['registered', 'objected', 'accepted', 'replied', 'handling'])) {
      if (r.state === 'handling' && !(r.ext_state === 'approved' && !r.ext_notice_date)) continue;
      push(r, r.running_deadline);
    }
  }
  if (actor.unitId && hasRole(actor, 'division_head', 'staff')) {
    for (const r of await inStates(deps.db, ['handling'], actor.unitId)) push(r, r.due_date ?? r.running_deadline);
  }
  if (hasRole(actor, 'leader')) {
    for (const r of await inStates(deps.db, ['reply_review', 'handling'])) {
      if (r.state === 'handling' && r.ext_state !== 'pending') continue;
      push(r, r.running_deadline);
    }
  }
  return out;
}
