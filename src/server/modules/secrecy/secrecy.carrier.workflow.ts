import type { Transaction } from 'kysely';
import {
  CARRIER_ACTION_LABELS,
  CARRIER_STATE_LABELS,
  type Classification,
  commentOptionalSchema,
  commentRequiredSchema,
  destroySchema,
  lendSchema,
  MAX_PERIOD_YEARS,
  requestDestructionSchema,
  requestWithdrawalSchema,
  returnSchema,
  reviewDeclassificationSchema,
  transferSchema,
  voidSchema,
  withdrawSchema,
} from '../../../shared/secrecy.js';
import { addDaysTo, addYearsClamped } from '../../../shared/secrecy.dates.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { invalidTransition, validation } from '../../core/errors.js';
import type { Actor } from '../../core/http/actor.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { getUser, usersWithRole } from '../../core/org/org.service.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { carrierPolicy, isDirector, isOfficer, mayHandleCarrier } from './secrecy.policy.js';
import { qualifiedFor, todayOf } from './secrecy.personnel.js';
import { type CarrierRow, updateCarrier } from './secrecy.repo.js';
import { indexCarrier } from './secrecy.search.js';
import { loadSettings } from './secrecy.settings.js';

/*
 * 涉密载体: 在管 → 借阅中 → 在管; 清退 (申请 → 主任批准 → 移交); 销毁 (申请 →
 * 保密员和主任都批准 → 销毁, with 监销人); 解密审核. Every move is the
 * engine's: permission-checked, versioned, in the history and the audit log.
 */

const wf = workflowFor<CarrierRow>();

export interface Approval {
  role: 'secrecy_officer' | 'office_director';
  userId: string;
  name: string;
  at: string;
}

export const approvalsOf = (o: Pick<CarrierRow, 'approvals'>): Approval[] => JSON.parse(o.approvals) as Approval[];
const json = (v: unknown): string => JSON.stringify(v);
const LEVEL_LABELS: Record<Classification, string> = { top_secret: '绝密', confidential: '机密', secret: '秘密' };

/** A person who may hold the carrier's 密级 (an active 涉密人员 record), else 400 naming the field. */
export async function requireQualified(
  trx: Transaction<Database>,
  userId: string,
  level: Classification,
  label: string,
): Promise<{ id: string; name: string }> {
  const u = await getUser({ db: trx }, userId);
  if (!u) throw validation(`${label}不存在`, { field: label });
  if (!(await qualifiedFor(trx, userId, level)))
    throw validation(`${label}${u.name}没有可知悉${LEVEL_LABELS[level]}级载体的在岗涉密人员登记`, { field: label });
  return { id: u.id, name: u.name };
}

async function officers(trx: Transaction<Database>): Promise<string[]> {
  return (await usersWithRole({ db: trx }, 'secrecy_officer')).map((u) => u.id);
}
async function directors(trx: Transaction<Database>): Promise<string[]> {
  return (await usersWithRole({ db: trx }, 'office_director')).map((u) => u.id);
}
const notes = (ids: readonly string[], title: string, o: CarrierRow): NotificationInput[] =>
  [...new Set(ids)].map((userId) => ({ userId, title: title.slice(0, 200), link: `/carrier/${o.id}`, kind: 'carrier' }));

/** The role this actor approves a 销毁 as: one the carrier has not had yet (a role approving twice → 409). */
function approvingRole(actor: Actor, o: CarrierRow): Approval['role'] {
  const done = new Set(approvalsOf(o).map((a) => a.role));
  const mine: Approval['role'][] = [];
  if (isOfficer(actor)) mine.push('secrecy_officer');
  if (isDirector(actor)) mine.push('office_director');
  const role = mine.find((r) => !done.has(r));
  if (!role) throw invalidTransition('您已批准过该销毁申请，等待另一方批准');
  return role;
}

function notAfterToday(deps: Pick<Deps, 'clock'>, date: string, label: string) {
  if (date > todayOf(deps)) throw validation(`${label}不能晚于今天`, { field: label });
}

export const carrierWorkflow = wf.define({
  kind: 'carrier',
  label: '涉密载体',
  table: 'secrecy_carriers',
  initial: 'in_custody',
  states: CARRIER_STATE_LABELS,
  canSee: carrierPolicy.canSee,
  actions: {
    lend: wf.action({
      label: CARRIER_ACTION_LABELS.lend ?? '借阅',
      from: ['in_custody'],
      to: 'lent',
      payload: lendSchema,
      who: mayHandleCarrier,
      comment: (p) => p.purpose,
      async effect({ deps, trx, object, payload }) {
        const today = todayOf(deps);
        const settings = await loadSettings(trx);
        if (payload.dueDate < today || payload.dueDate > addDaysTo(today, settings.loan_days)) {
          throw validation(`应还日期须在今天至 ${settings.loan_days} 天之内`, { field: 'dueDate' });
        }
        if (payload.borrowerId === object.custodian_id) throw validation('借阅人不能是保管人本人', { field: 'borrowerId' });
        const b = await requireQualified(trx, payload.borrowerId, object.classification, '借阅人');
        await updateCarrier(trx, object.id, {
          borrower_id: b.id,
          borrower_name: b.name,
          lend_mode: payload.mode,
          lend_purpose: payload.purpose,
          due_date: payload.dueDate,
        });
        await indexCarrier(deps, trx, object.id);
        return notes([b.id], `涉密载体${object.number}已借给您，请于${payload.dueDate}前归还`, object);
      },
    }),
    return: wf.action({
      label: CARRIER_ACTION_LABELS.return ?? '归还',
      from: ['lent'],
      to: 'in_custody',
      payload: returnSchema,
      who: mayHandleCarrier,
      comment: (p) => p.note,
      async effect({ deps, trx, object }) {
        await updateCarrier(trx, object.id, { borrower_id: null, borrower_name: null, lend_mode: null, lend_purpose: null, due_date: null });
        await indexCarrier(deps, trx, object.id);
      },
    }),
    transfer: wf.action({
      label: '移交',
      from: ['in_custody'],
      to: 'in_custody',
      payload: transferSchema,
      who: mayHandleCarrier,
      async effect({ deps, trx, object, payload }) {
        if (payload.custodianId === object.custodian_id) throw validation('新保管人与原保管人相同', { field: 'custodianId' });
        const c = await requireQualified(trx, payload.custodianId, object.classification, '新保管人');
        await updateCarrier(trx, object.id, { custodian_id: c.id, custodian_name: c.name });
        await indexCarrier(deps, trx, object.id);
        return notes([c.id], `涉密载体${object.number}已移交您保管`, object);
      },
    }),
    request_withdrawal: wf.action({
      label: CARRIER_ACTION_LABELS.request_withdrawal ?? '申请清退',
      from: ['in_custody'],
      to: 'withdrawal_pending',
      payload: requestWithdrawalSchema,
      who: isOfficer,
      async effect({ trx, object, payload, actor, at }) {
        await updateCarrier(trx, object.id, { withdrawal: json({ ...payload, requestedBy: actor.name, requestedAt: at }), approvals: '[]' });
        return notes(await directors(trx), `请审批涉密载体${object.number}的清退申请`, object);
      },
    }),
    approve_withdrawal: wf.action({
      label: CARRIER_ACTION_LABELS.approve_withdrawal ?? '批准清退',
      from: ['withdrawal_pending'],
      to: 'withdrawal_approved',
      payload: commentOptionalSchema,
      who: isDirector,
      async effect({ trx, object, actor, at, payload }) {
        const w = object.withdrawal ? (JSON.parse(object.withdrawal) as Record<string, unknown>) : {};
        const approvals: Approval[] = [{ role: 'office_director', userId: actor.id, name: actor.name, at }];
        await updateCarrier(trx, object.id, {
          withdrawal: json({ ...w, approvedBy: actor.name, approvedAt: at, approvalComment: payload.comment ?? null }),
          approvals: json(approvals),
        });
        return notes(await officers(trx), `涉密载体${object.number}的清退已批准，请办理移交`, object);
      },
    }),
    withdraw: wf.action({
      label: CARRIER_ACTION_LABELS.withdraw ?? '清退',
      from: ['withdrawal_approved'],
      to: 'withdrawn',
      payload: withdrawSchema,
      who: isOfficer,
      comment: (p) => `移交${p.receiverName}`,
      async effect({ deps, trx, object, payload }) {
        notAfterToday(deps, payload.handedOverDate, '移交日期');
        if (payload.handedOverDate < object.received_date) throw validation('移交日期不能早于接收日期', { field: 'handedOverDate' });
        const w = object.withdrawal ? (JSON.parse(object.withdrawal) as Record<string, unknown>) : {};
        await updateCarrier(trx, object.id, { withdrawal: json({ ...w, ...payload }), closed_date: payload.handedOverDate });
        await indexCarrier(deps, trx, object.id);
      },
    }),
    request_destruction: wf.action({
      label: CARRIER_ACTION_LABELS.request_destruction ?? '申请销毁',
      from: ['in_custody'],
      to: 'destruction_pending',
      payload: requestDestructionSchema,
      who: isOfficer,
      async effect({ trx, object, payload, actor, at }) {
        await updateCarrier(trx, object.id, { destruction: json({ reason: payload.reason, requestedBy: actor.name, requestedAt: at }), approvals: '[]' });
        return notes([...(await directors(trx)), ...(await officers(trx))], `请审批涉密载体${object.number}的销毁申请`, object);
      },
    }),
    approve_destruction: wf.action({
      label: CARRIER_ACTION_LABELS.approve_destruction ?? '批准销毁',
      from: ['destruction_pending'],
      to: {
        among: ['destruction_pending', 'destruction_approved'],
        choose({ actor, object }) {
          const roles = new Set([...approvalsOf(object).map((a) => a.role), approvingRole(actor, object)]);
          return roles.has('secrecy_officer') && roles.has('office_director') ? 'destruction_approved' : 'destruction_pending';
        },
      },
      payload: commentOptionalSchema,
      who: (actor) => isOfficer(actor) || isDirector(actor),
      async effect({ trx, object, actor, at, to }) {
        const approvals = [...approvalsOf(object), { role: approvingRole(actor, object), userId: actor.id, name: actor.name, at }];
        await updateCarrier(trx, object.id, { approvals: json(approvals) });
        if (to === 'destruction_approved') return notes(await officers(trx), `涉密载体${object.number}的销毁已批准，请组织销毁`, object);
      },
    }),
    destroy: wf.action({
      label: CARRIER_ACTION_LABELS.destroy ?? '销毁',
      from: ['destruction_approved'],
      to: 'destroyed',
      payload: destroySchema,
      who: isOfficer,
      comment: (p) => p.place,
      async effect({ deps, trx, object, payload }) {
        notAfterToday(deps, payload.destroyedDate, '销毁日期');
        if (payload.destroyedDate < object.received_date) throw validation('销毁日期不能早于接收日期', { field: 'destroyedDate' });
        if (payload.executorId === payload.supervisorId) throw validation('监销人不能与执行人为同一人', { field: 'supervisorId' });
        const executor = await getUser({ db: trx }, payload.executorId);
        if (!executor) throw validation('执行人不存在', { field: 'executorId' });
        const supervisor = await getUser({ db: trx }, payload.supervisorId);
        if (!supervisor) throw validation('监销人不存在', { field: 'supervisorId' });
        const d = object.destruction ? (JSON.parse(object.destruction) as Record<string, unknown>) : {};
        await updateCarrier(trx, object.id, {
          destruction: json({
            ...d,
            destroyedDate: payload.destroyedDate,
            method: payload.method,
            place: payload.place,
            executor: { id: executor.id, name: executor.name },
            supervisor: { id: supervisor.id, name: supervisor.name },
          }),
          closed_date: payload.destroyedDate,
        });
        await indexCarrier(deps, trx, object.id);
      },
    }),
    reject: wf.action({
      label: CARRIER_ACTION_LABELS.reject ?? '退回申请',
      from: ['withdrawal_pending', 'destruction_pending'],
      to: 'in_custody',
      payload: commentRequiredSchema,
      who: (actor) => isOfficer(actor) || isDirector(actor),
      async effect({ trx, object, from }) {
        await updateCarrier(trx, object.id, from === 'withdrawal_pending' ? { withdrawal: null, approvals: '[]' } : { destruction: null, approvals: '[]' });
      },
    }),
    void: wf.action({
      label: '作废',
      from: ['in_custody', 'withdrawal_pending', 'destruction_pending'],
      to: 'voided',
      payload: voidSchema,
      who: isDirector,
      async effect({ deps, trx, object, payload, actor, at }) {
        // An erroneous entry is kept, marked void with the reason: the register never deletes.
        await updateCarrier(trx, object.id, { voided: json({ reason: payload.reason, by: actor.name, at }), approvals: '[]' });
        await indexCarrier(deps, trx, object.id);
        return notes(await officers(trx), `涉密载体${object.number}已被作废：${payload.reason}`, object);
      },
    }),
    review_declassification: wf.action({
      label: CARRIER_ACTION_LABELS.review_declassification ?? '解密审核',
      from: ['in_custody'],
      to: { among: ['in_custody', 'declassified'], choose: ({ payload }) => (payload.outcome === 'declassified' ? 'declassified' : 'in_custody') },
      payload: reviewDeclassificationSchema,
      who: isOfficer,
      comment: (p) => `${p.outcome === 'declassified' ? '解密' : '继续保密'}：${p.basis}`,
      async effect({ deps, trx, object, payload, actor, at }) {
        const review = { outcome: payload.outcome, basis: payload.basis, newPeriodEnd: payload.newPeriodEnd ?? null, by: actor.name, at };
        if (payload.outcome === 'declassified') {
          if (payload.newPeriodEnd) throw validation('解密时不填写新的届满日期', { field: 'newPeriodEnd' });
          await updateCarrier(trx, object.id, { review: json(review), closed_date: todayOf(deps) });
        } else {
          const patch: Parameters<typeof updateCarrier>[2] = { review: json(review) };
          if (payload.newPeriodEnd) {
            const max = addYearsClamped(object.issued_date, MAX_PERIOD_YEARS[object.classification]);
            if (payload.newPeriodEnd <= todayOf(deps)) throw validation('新的届满日期须晚于今天', { field: 'newPeriodEnd' });
            if (payload.newPeriodEnd > max) throw validation(`新的届满日期超过该密级的最长保密期限（${max}）`, { field: 'newPeriodEnd' });
            patch.period_end = payload.newPeriodEnd;
          }
          await updateCarrier(trx, object.id, patch);
        }
        await indexCarrier(deps, trx, object.id);
      },
    }),
  },
});
