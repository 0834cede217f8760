import type { Transaction } from 'kysely';
import {
  CARRIER_FINAL_STATES,
  type CarrierCreate,
  type CarrierFields,
  type CarrierFilter,
  type CarrierList,
  type CarrierListItem,
  type CarrierListQuery,
  MAX_PERIOD_YEARS,
} from '../../../shared/secrecy.js';
import { addDaysTo, addMonthsClamped, addYearsClamped } from '../../../shared/secrecy.dates.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { isUniqueViolation } from '../../core/db/unique-violation.js';
import type { Deps } from '../../core/deps.js';
import { duplicate, forbidden, validation } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import type { Actor } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { buildWorkflowView, createWithWorkflow } from '../../core/workflow/workflow.engine.js';
import { approvalsOf, carrierWorkflow, requireQualified } from './secrecy.carrier.workflow.js';
import { todayOf } from './secrecy.personnel.js';
import { carrierPolicy, readsAll } from './secrecy.policy.js';
import { carrierByDedupeKey, type CarrierRow, insertCarrier, listCarrierPage } from './secrecy.repo.js';
import { indexCarrier } from './secrecy.search.js';
import { loadSettings } from './secrecy.settings.js';

/* 涉密载体登记簿's service: 接收登记, the register and the carrier's view. */

const FIELD_LABELS = { title: '标题或代号', sourceOrg: '来文单位', sourceDocNumber: '文号', declassifyCondition: '解密条件', remarks: '备注' };

export interface Period {
  periodYears: number | null;
  periodMonths: number | null;
  declassifyDate: string | null;
  declassifyCondition: string | null;
  periodEnd: string | null;
  periodDefaulted: boolean;
}

/** 保密期限 (§6.1): at most one of years, months, 解密日期, 解密条件; none → the level's maximum. */
export function periodOf(
  body: Pick<CarrierCreate, 'classification' | 'issuedDate' | 'periodYears' | 'periodMonths' | 'declassifyDate' | 'declassifyCondition'>,
): Period {
  const max = MAX_PERIOD_YEARS[body.classification];
  const given = [body.periodYears, body.periodMonths, body.declassifyDate, body.declassifyCondition].filter((v) => v !== undefined && v !== '');
  if (given.length > 1) throw validation('保密期限只能填写年、月、解密日期或解密条件中的一项', { field: 'periodYears' });
  const base = { periodYears: null, periodMonths: null, declassifyDate: null, declassifyCondition: null, periodDefaulted: false };
  if (body.periodYears !== undefined) {
    if (body.periodYears > max) throw validation(`保密期限超过该密级的最长期限（${max} 年）`, { field: 'periodYears' });
    return { ...base, periodYears: body.periodYears, periodEnd: addYearsClamped(body.issuedDate, body.periodYears) };
  }
  if (body.periodMonths !== undefined) return { ...base, periodMonths: body.periodMonths, periodEnd: addMonthsClamped(body.issuedDate, body.periodMonths) };
  if (body.declassifyDate !== undefined) {
    if (body.declassifyDate <= body.issuedDate) throw validation('解密日期须晚于制发日期', { field: 'declassifyDate' });
    if (body.declassifyDate > addYearsClamped(body.issuedDate, max))
      throw validation(`解密日期超过该密级的最长保密期限（${max} 年）`, { field: 'declassifyDate' });
    return { ...base, declassifyDate: body.declassifyDate, periodEnd: body.declassifyDate };
  }
  if (body.declassifyCondition) return { ...base, declassifyCondition: body.declassifyCondition, periodEnd: null };
  return { ...base, periodYears: max, periodEnd: addYearsClamped(body.issuedDate, max), periodDefaulted: true };
}

const dedupeKeyOf = (b: Pick<CarrierCreate, 'sourceOrg' | 'sourceDocNumber' | 'copyNo'>, copyNo: string): string | null =>
  b.sourceDocNumber ? `${b.sourceOrg}\u0001${b.sourceDocNumber}\u0001${copyNo}` : null;

/** `POST /api/carrier` (保密员): checks, the guard, then the new carrier under the request's Idempotency-Key. */
export async function createCarrier(deps: Deps, actor: Actor, body: CarrierCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = carrierPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  checkDates(deps, body);
  periodOf(body);
  await guardText(
    deps,
    actor,
    {
      title: body.title,
      sourceOrg: body.sourceOrg,
      sourceDocNumber: body.sourceDocNumber,
      declassifyCondition: body.declassifyCondition,
      remarks: body.remarks,
    },
    { targetType: 'carrier', what: '涉密载体登记', fieldLabels: FIELD_LABELS },
  );
  try {
    return await idem.transaction(deps, actor, async (trx, save) => {
      let view: unknown = null;
      await createCarrierIn(deps, actor, trx, body, async (t, o) => {
        view = await buildWorkflowView(t, deps, carrierWorkflow, actor, o, await presentCarrier(deps, o, { db: t, actor }));
        await save(201, view);
      });
      return { status: 201, body: view };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate('该来文单位同一文号、同一份号的载体已登记');
    throw e;
  }
}

function checkDates(deps: Deps, body: Pick<CarrierCreate, 'issuedDate' | 'receivedDate'>) {
  if (body.receivedDate > todayOf(deps)) throw validation('接收日期不能晚于今天', { field: 'receivedDate' });
  if (body.issuedDate > body.receivedDate) throw validation('制发日期不能晚于接收日期', { field: 'issuedDate' });
}

/** A new carrier in the caller's transaction (the request's or the demo seed's); the caller has checked the policy and the texts. */
export async function createCarrierIn(
  deps: Deps,
  actor: Actor,
  trx: Transaction<Database>,
  body: CarrierCreate,
  beforeAudit?: (t: Transaction<Database>, o: CarrierRow) => Promise<void>,
): Promise<CarrierRow> {
  const period = periodOf(body);
  const copyNo = body.copyNo.padStart(6, '0');
  const key = dedupeKeyOf(body, copyNo);
  if (key && (await carrierByDedupeKey(trx, key))) throw duplicate('该来文单位同一文号、同一份号的载体已登记', { field: 'copyNo' });
  const custodian = await requireQualified(trx, body.custodianId ?? actor.id, body.classification, '保管人');
  const year = Number(body.receivedDate.slice(0, 4));
  const seq = await allocateNumber(trx, `carrier:${year}`);
  return createWithWorkflow(
    deps,
    carrierWorkflow,
    {
      actor,
      payload: { ...body },
      async insert(t, base) {
        await insertCarrier(t, {
          ...base,
          number: `载〔${year}〕${seq}号`,
          year,
          seq,
          title: body.title,
          classification: body.classification,
          copy_no: copyNo,
          source_org: body.sourceOrg,
          source_doc_number: body.sourceDocNumber || null,
          dedupe_key: key,
          issued_date: body.issuedDate,
          received_date: body.receivedDate,
          period_years: period.periodYears,
          period_months: period.periodMonths,
          declassify_date: period.declassifyDate,
          declassify_condition: period.declassifyCondition,
          period_end: period.periodEnd,
          period_defaulted: period.periodDefaulted ? 1 : 0,
          carrier_type: body.carrierType ?? null,
          pages: body.pages ?? null,
          remarks: body.remarks || null,
          custodian_id: custodian.id,
          custodian_name: custodian.name,
          borrower_id: null,
          borrower_name: null,
          lend_mode: null,
          lend_purpose: null,
          due_date: null,
          approvals: '[]',
          withdrawal: null,
          destruction: null,
          review: null,
          voided: null,
          closed_date: null,
          created_by: actor.id,
          created_by_name: actor.name,
          created_at: base.updated_at,
        });
        await indexCarrier(deps, t, base.id);
      },
    },
    { trx, ...(beforeAudit ? { beforeAudit } : {}) },
  );
}

const isFinal = (s: CarrierRow['state']) => CARRIER_FINAL_STATES.includes(s);
export const isOverdue = (o: Pick<CarrierRow, 'state' | 'due_date'>, today: string): boolean => o.state === 'lent' && o.due_date !== null && o.due_date < today;
export const isReviewDue = (o: Pick<CarrierRow, 'state' | 'period_end'>, reviewBy: string): boolean =>
  !isFinal(o.state) && o.period_end !== null && o.period_end <= reviewBy;
const parsed = (s: string | null): Record<string, unknown> | null => (s ? (JSON.parse(s) as Record<string, unknown>) : null);

/** The dates that decide overdue and review-due today. */
export async function horizon(deps: Deps, db: Executor = deps.db): Promise<{ today: string; reviewBy: string }> {
  const today = todayOf(deps);
  const s = await loadSettings(db);
  return { today, reviewBy: addDaysTo(today, s.review_lead_days) };
}

/** The carrier's fields of the GET view: explicit, never a whole row. */
export async function presentCarrier(deps: Deps, o: CarrierRow, ctx: { db: Executor; actor: Actor }): Promise<CarrierFields> {
  const { today, reviewBy } = await horizon(deps, ctx.db);
  return {
    number: o.number,
    title: o.title,
    classification: o.classification,
    copyNo: o.copy_no,
    sourceOrg: o.source_org,
    sourceDocNumber: o.source_doc_number,
    issuedDate: o.issued_date,
    receivedDate: o.received_date,
    periodYears: o.period_years,
    periodMonths: o.period_months,
    declassifyDate: o.declassify_date,
    declassifyCondition: o.declassify_condition,
    periodEnd: o.period_end,
    periodDefaulted: o.period_defaulted === 1,
    reviewDue: isReviewDue(o, reviewBy),
    carrierType: o.carrier_type,
    pages: o.pages,
    remarks: o.remarks,
    custodian: { id: o.custodian_id, name: o.custodian_name },
    lending:
      o.state === 'lent' && o.borrower_id && o.lend_mode && o.due_date
        ? { borrower: { id: o.borrower_id, name: o.borrower_name ?? '' }, mode: o.lend_mode, purpose: o.lend_purpose ?? '', dueDate: o.due_date }
        : null,
    overdue: isOverdue(o, today),
    approvals: approvalsOf(o).map((a) => ({ role: a.role, userId: a.userId, name: a.name })),
    withdrawal: parsed(o.withdrawal),
    destruction: parsed(o.destruction),
    review: parsed(o.review),
    voided: o.voided ? (JSON.parse(o.voided) as { reason: string; by: string; at: string }) : null,
    createdBy: o.created_by_name,
    createdAt: o.created_at,
    rights: carrierPolicy.rightsOf(),
  };
}

export function listItemOf(r: CarrierRow, today: string, reviewBy: string): CarrierListItem {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    classification: r.classification,
    copyNo: r.copy_no,
    receivedDate: r.received_date,
    periodEnd: r.period_end,
    custodian: { id: r.custodian_id, name: r.custodian_name },
    borrower: r.state === 'lent' && r.borrower_id ? { id: r.borrower_id, name: r.borrower_name ?? '' } : null,
    dueDate: r.state === 'lent' ? r.due_date : null,
    overdue: isOverdue(r, today),
    reviewDue: isReviewDue(r, reviewBy),
    state: r.state,
    version: r.version,
  };
}

export function requireRegisterReader(actor: Actor): void {
  if (!readsAll(actor)) throw forbidden('只有保密员、办公室主任和局领导可以查看涉密载体登记簿');
}

/** `GET /api/carrier`: the register (保密员, 办公室主任, 局领导). */
export async function listCarriers(deps: Deps, actor: Actor, query: CarrierListQuery): Promise<CarrierList> {
  requireRegisterReader(actor);
  const { today, reviewBy } = await horizon(deps);
  const f: CarrierFilter = query;
  const { rows, total } = await listCarrierPage(deps.db, carrierPolicy.listFilter(actor), f, today, reviewBy, query);
  return { items: rows.map((r) => listItemOf(r, today, reviewBy)), total, rights: { mayCreate: carrierPolicy.mayCreate(actor) } };
}
