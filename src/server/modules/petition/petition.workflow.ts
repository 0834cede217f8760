import type { Transaction } from 'kysely';
import {
  PETITION_STATE_LABELS,
  acceptSchema,
  approveReplySchema,
  assignSchema,
  closeSchema,
  commentSchema,
  feedbackSchema,
  holdHearingSchema,
  notifyExtensionSchema,
  optionalCommentSchema,
  reasonSchema,
  recordDeliverySchema,
  refuseExtensionSchema,
  rejectSchema,
  requestExtensionSchema,
  submitReplySchema,
  superviseSchema,
  transferSchema,
} from '../../../shared/petition.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { invalidTransition, validation } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { divisionHeads, getUnit, usersWithRole } from '../../core/org/org.service.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { createInTransaction as createSupervision, itemsFollowingUp } from '../supervision/supervision.service.js';
import { beijingToday, extendBy, handlingDeadline, reviewRequestDeadline } from './petition.deadlines.js';
import { isOfficer, officerIds } from './petition.officer.js';
import { inAssignedDivision, isAssignedHead, petitionPolicy } from './petition.policy.js';
import { addHearing, addNotice, type PetitionRow, updateItem } from './petition.repo.js';
import { indexItem } from './petition.search.js';

const wf = workflowFor<PetitionRow>();

/** A date outside its allowed range: 400 naming the field. */
function outOfRange(field: string, message: string): never {
  throw validation(message, { fields: [{ field, message }] });
}

function checkRange(field: string, label: string, value: string, lo: string, hi: string, loLabel: string, hiLabel = '今天'): void {
  if (value < lo) outOfRange(field, `${label}不能早于${loLabel}（${lo}）`);
  if (value > hi) outOfRange(field, `${label}不能晚于${hiLabel}（${hi}）`);
}

const officer = (actor: Actor) => isOfficer(actor);
const leader = (actor: Actor) => hasRole(actor, 'leader');
const link = (o: Pick<PetitionRow, 'id'>) => `/petition/${o.id}`;
const title = (o: Pick<PetitionRow, 'number' | 'subject'>, what: string) => `【信访】${what}：${o.number} ${o.subject}`.slice(0, 200);

async function notes(userIds: Iterable<string>, o: PetitionRow, what: string, kind: string): Promise<NotificationInput[]> {
  return [...new Set(userIds)].map((userId) => ({ userId, title: title(o, what), link: link(o), kind }));
}

const leaderIds = async (trx: Transaction<Database>) => (await usersWithRole({ db: trx }, 'leader')).map((u) => u.id);

/** A 告知 (受理, 不予受理, 转送): on record with its method and whether it kept the 15 日. */
async function recordNotice(
  deps: Deps,
  trx: Transaction<Database>,
  o: PetitionRow,
  kind: 'accept' | 'reject' | 'transfer',
  p: { noticeMethod: PetitionRow['notice_method'] & string; noticeDate: string },
) {
  checkRange('noticeDate', '告知日期', p.noticeDate, o.received_date, beijingToday(deps), '收到日期');
  const onTime = p.noticeDate <= o.notice_deadline;
  await addNotice(trx, { petition_id: o.id, kind, method: p.noticeMethod, notice_date: p.noticeDate, on_time: onTime ? 1 : 0 });
  return { notice_date: p.noticeDate, notice_method: p.noticeMethod, notice_on_time: onTime ? 1 : 0 };
}

/**
 * 信访: 登记 → {受理 | 不予受理 | 转送 | 异议} → 交办 → 办理 (60 日, 延期 ≤30 日,
 * 复核可听证) → 答复审定 → 送达 → 办结. `who` names the role (403 otherwise);
 * a condition of the contract's who-column that the role meets but the
 * petition does not (a late objection, a second extension …) is a 409 from
 * the effect, which rolls the move back.
 */
export const petitionWorkflow = wf.define({
  kind: 'petition',
  label: '信访件',
  table: 'petition_items',
  initial: 'registered',
  states: PETITION_STATE_LABELS,
  canSee: petitionPolicy.canSee,
  actions: {
    accept: wf.action({
      label: '受理',
      from: ['registered'],
      to: 'accepted',
      payload: acceptSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        const notice = await recordNotice(deps, trx, o, 'accept', payload);
        const cal = await getCalendar(deps, trx);
        const h = handlingDeadline(cal, o.type, payload.noticeDate, o.received_date);
        await updateItem(trx, o.id, {
          ...notice,
          accepted_date: payload.noticeDate,
          handling_deadline: h.date,
          original_handling_deadline: h.date,
          deadline_provisional: h.provisional || o.deadline_provisional === 1 ? 1 : 0,
        });
      },
    }),
    reject: wf.action({
      label: '不予受理',
      from: ['registered'],
      to: 'not_accepted',
      payload: rejectSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        const notice = await recordNotice(deps, trx, o, 'reject', payload);
        await updateItem(trx, o.id, {
          ...notice,
          reject_reason_type: payload.reasonType,
          decision_reason: payload.reason,
          other_authority: payload.otherAuthority ?? null,
        });
      },
    }),
    transfer: wf.action({
      label: '转送',
      from: ['registered'],
      to: 'transferred',
      payload: transferSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        const notice = await recordNotice(deps, trx, o, 'transfer', payload);
        await updateItem(trx, o.id, { ...notice, to_org: payload.toOrg, decision_reason: payload.reason });
      },
    }),
    raise_objection: wf.action({
      label: '提出异议',
      from: ['registered'],
      to: 'objected',
      payload: reasonSchema('异议理由'),
      who: officer,
      async effect({ deps, trx, object: o }) {
        if (o.source !== 'transferred_in' || !o.objection_deadline) throw invalidTransition('只有上级转送、交办的信访件可以提出异议');
        if (beijingToday(deps) > o.objection_deadline) throw invalidTransition(`异议须在收到之日起 5 个工作日内提出（至 ${o.objection_deadline}），已超过期限`);
        await updateItem(trx, o.id, {});
      },
    }),
    objection_upheld: wf.action({
      label: '异议成立退回',
      from: ['objected'],
      to: 'returned',
      payload: commentSchema('意见'),
      who: officer,
      async effect({ trx, object: o }) {
        await updateItem(trx, o.id, {});
      },
    }),
    objection_overruled: wf.action({
      label: '异议不成立',
      from: ['objected'],
      to: 'registered',
      payload: commentSchema('意见'),
      who: officer,
      async effect({ trx, object: o }) {
        await updateItem(trx, o.id, {});
      },
    }),
    assign: wf.action({
      label: '交办',
      from: ['accepted', 'handling'],
      to: 'handling',
      payload: assignSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        const unit = await getUnit({ db: trx }, payload.divisionId);
        if (!unit || unit.kind !== 'division') outOfRange('divisionId', '承办单位须为一个处室');
        if (payload.dueDate) {
          checkRange('dueDate', '处室办理期限', payload.dueDate, beijingToday(deps), o.handling_deadline ?? payload.dueDate, '今天', '办理期限');
        }
        await updateItem(trx, o.id, { division_id: unit.id, requirement: payload.requirement ?? null, due_date: payload.dueDate ?? null });
        await indexItem(deps, trx, o.id);
        const heads = (await divisionHeads({ db: trx }, unit.id)).map((u) => u.id);
        return notes(heads, o, '请办理', 'petition.assign');
      },
    }),
    feedback: wf.action({
      label: '反馈进展',
      from: ['handling'],
      to: 'handling',
      payload: feedbackSchema,
      who: (actor, o) => inAssignedDivision(actor, o),
      async effect({ trx, object: o }) {
        await updateItem(trx, o.id, {});
        return notes(await officerIds({ db: trx }), o, '处室反馈进展', 'petition.feedback');
      },
    }),
    request_extension: wf.action({
      label: '申请延期',
      from: ['handling'],
      to: 'handling',
      payload: requestExtensionSchema,
      who: (actor, o) => officer(actor) || isAssignedHead(actor, o),
      async effect({ deps, trx, actor, object: o, payload }) {
        if (o.type !== 'initial') throw invalidTransition('复查、复核不能延期（30 日内出具意见）');
        if (o.ext_state === 'pending' || o.ext_state === 'approved') throw invalidTransition('该信访件已申请过延期');
        if (!o.handling_deadline || beijingToday(deps) > o.handling_deadline)
          throw invalidTransition(`延期须在办理期限（${o.handling_deadline ?? ''}）届满前申请`);
        await updateItem(trx, o.id, {
          ext_days: payload.days,
          ext_reason: payload.reason,
          ext_state: 'pending',
          ext_notice_date: null,
          ext_requested_by: actor.id,
        });
        return notes(await leaderIds(trx), o, `申请延期 ${payload.days} 日，请审批`, 'petition.request_extension');
      },
    }),
    approve_extension: wf.action({
      label: '批准延期',
      from: ['handling'],
      to: 'handling',
      payload: optionalCommentSchema,
      who: leader,
      async effect({ deps, trx, object: o }) {
        if (o.ext_state !== 'pending' || !o.ext_days || !o.handling_deadline) throw invalidTransition('没有待批准的延期申请');
        const cal = await getCalendar(deps, trx);
        const d = extendBy(cal, o.handling_deadline, o.ext_days);
        await updateItem(trx, o.id, {
          ext_state: 'approved',
          handling_deadline: d.date,
          deadline_provisional: d.provisional || o.deadline_provisional === 1 ? 1 : 0,
        });
        return notes(
          [...(o.ext_requested_by ? [o.ext_requested_by] : []), ...(await officerIds({ db: trx }))],
          o,
          '延期已批准，请告知信访人',
          'petition.approve_extension',
        );
      },
    }),
    refuse_extension: wf.action({
      label: '不批准延期',
      from: ['handling'],
      to: 'handling',
      payload: refuseExtensionSchema,
      who: leader,
      async effect({ trx, object: o }) {
        if (o.ext_state !== 'pending') throw invalidTransition('没有待批准的延期申请');
        await updateItem(trx, o.id, { ext_state: 'refused' });
        return notes([...(o.ext_requested_by ? [o.ext_requested_by] : []), ...(await officerIds({ db: trx }))], o, '延期未获批准', 'petition.refuse_extension');
      },
    }),
    notify_extension: wf.action({
      label: '告知延期',
      from: ['handling'],
      to: 'handling',
      payload: notifyExtensionSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        if (o.ext_state !== 'approved') throw invalidTransition('延期尚未批准，不能告知');
        if (o.ext_notice_date) throw invalidTransition('已告知过延期');
        checkRange('noticeDate', '告知日期', payload.noticeDate, o.received_date, beijingToday(deps), '收到日期');
        const onTime = payload.noticeDate <= (o.original_handling_deadline ?? payload.noticeDate);
        await addNotice(trx, { petition_id: o.id, kind: 'extension', method: payload.noticeMethod, notice_date: payload.noticeDate, on_time: onTime ? 1 : 0 });
        await updateItem(trx, o.id, { ext_notice_date: payload.noticeDate });
      },
    }),
    hold_hearing: wf.action({
      label: '听证',
      from: ['handling'],
      to: 'handling',
      payload: holdHearingSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        if (o.type !== 'recheck') throw invalidTransition('只有复核可以举行听证');
        if (o.accepted_date && payload.hearingStart < o.accepted_date) outOfRange('hearingStart', `听证开始日期不能早于受理日期（${o.accepted_date}）`);
        const days = Math.round((Date.parse(payload.hearingEnd) - Date.parse(payload.hearingStart)) / 86_400_000) + 1;
        if (days > 60) outOfRange('hearingEnd', '听证期间不能超过 60 日');
        const cal = await getCalendar(deps, trx);
        const d = extendBy(cal, o.handling_deadline ?? payload.hearingEnd, days);
        await addHearing(trx, { petition_id: o.id, start_date: payload.hearingStart, end_date: payload.hearingEnd, days, summary: payload.summary });
        await updateItem(trx, o.id, {
          hearing_days: o.hearing_days + days,
          handling_deadline: d.date,
          deadline_provisional: d.provisional || o.deadline_provisional === 1 ? 1 : 0,
        });
      },
    }),
    supervise: wf.action({
      label: '督办',
      from: ['handling'],
      to: 'handling',
      payload: superviseSchema,
      who: (actor) => hasRole(actor, 'leader', 'office_director'),
      async effect({ deps, trx, actor, object: o, payload }) {
        if (!o.division_id) throw invalidTransition('尚未交办处室，不能督办');
        const [existing] = await itemsFollowingUp({ db: trx }, { kind: 'petition', id: o.id });
        if (existing) throw invalidTransition(`该信访件已立项督办：${existing.number}`);
        // 督办 has no source 'petition' yet: 热点难点, with the petition named as the basis and linked (core/links).
        await createSupervision(
          deps,
          actor,
          trx,
          {
            title: `信访事项督办：${o.subject}`.slice(0, 200),
            content: `信访件${o.number}（${o.subject}）由承办处室办理，办理期限${o.handling_deadline ?? ''}。请按期办结，并书面答复信访人。`,
            source: 'hot_issue',
            sourceRef: `信访件 ${o.number}`,
            leadDivisionId: o.division_id,
            deadline: payload.deadline,
            kind: payload.kind,
          },
          { from: { kind: 'petition', id: o.id } },
        );
        await updateItem(trx, o.id, {});
      },
    }),
    submit_reply: wf.action({
      label: '提交答复',
      from: ['handling'],
      to: 'reply_review',
      payload: submitReplySchema,
      who: (actor, o) => isAssignedHead(actor, o),
      async effect({ deps, trx, object: o, payload }) {
        await updateItem(trx, o.id, { opinion: payload.opinion, reply_text: payload.replyText });
        await indexItem(deps, trx, o.id);
        return notes(await leaderIds(trx), o, '答复意见待审定', 'petition.submit_reply');
      },
    }),
    return_reply: wf.action({
      label: '退回答复',
      from: ['reply_review'],
      to: 'handling',
      payload: commentSchema('退回意见'),
      who: leader,
      async effect({ trx, object: o }) {
        await updateItem(trx, o.id, {});
        const heads = o.division_id ? (await divisionHeads({ db: trx }, o.division_id)).map((u) => u.id) : [];
        return notes([...heads, ...(await officerIds({ db: trx }))], o, '答复意见被退回', 'petition.return_reply');
      },
    }),
    approve_reply: wf.action({
      label: '审定答复',
      from: ['reply_review'],
      to: 'replied',
      payload: approveReplySchema,
      who: leader,
      async effect({ deps, trx, object: o, payload }) {
        const today = beijingToday(deps);
        const replyDate = payload.replyDate ?? today;
        checkRange('replyDate', '答复日期', replyDate, o.accepted_date ?? o.received_date, today, '受理日期');
        await updateItem(trx, o.id, { reply_date: replyDate });
        const heads = o.division_id ? (await divisionHeads({ db: trx }, o.division_id)).map((u) => u.id) : [];
        return notes([...heads, ...(await officerIds({ db: trx }))], o, '答复已审定，请送达', 'petition.approve_reply');
      },
    }),
    record_delivery: wf.action({
      label: '送达',
      from: ['replied'],
      to: 'replied',
      payload: recordDeliverySchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        if (o.delivered_date) throw invalidTransition('已登记过送达');
        checkRange('deliveredDate', '送达日期', payload.deliveredDate, o.reply_date ?? o.received_date, beijingToday(deps), '答复日期');
        const cal = await getCalendar(deps, trx);
        const window = reviewRequestDeadline(cal, payload.deliveredDate);
        await updateItem(trx, o.id, { delivered_date: payload.deliveredDate, delivery_method: payload.deliveryMethod, review_request_deadline: window.date });
      },
    }),
    close: wf.action({
      label: '办结',
      from: ['replied'],
      to: 'closed',
      payload: closeSchema,
      who: officer,
      async effect({ deps, trx, object: o, payload }) {
        if (!o.delivered_date) throw invalidTransition('答复送达后才能办结');
        await updateItem(trx, o.id, { satisfaction: payload.satisfaction });
        await indexItem(deps, trx, o.id);
      },
    }),
  },
});
