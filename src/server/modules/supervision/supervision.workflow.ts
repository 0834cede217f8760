import type { Transaction } from 'kysely';
import { z } from 'zod';
import { dateSchema } from '../../../shared/calendar.js';
import { deadlineWorkdaysSchema, paragraph, refIdSchema, requiredText, SUPERVISION_STATE_LABELS } from '../../../shared/supervision.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { invalidTransition, validation } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import { linkEvent } from '../../core/links/links.service.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { indexDocument } from '../../core/search/search.service.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { divisionHeads, getUnitsByIds, usersWithRole } from '../../core/org/org.service.js';
import { beijingDate, computeLight, weekOf } from './supervision.lights.js';
import { supervisionPolicy } from './supervision.policy.js';
import {
  decideExtension,
  insertExtension,
  insertReminder,
  insertUpdate,
  loadItem,
  loadRules,
  markMilestonesDone,
  type SupervisionObject,
  updateItem,
} from './supervision.repo.js';

const extensionPayload = z
  .strictObject({ reason: requiredText(1000, '延期理由'), deadline: dateSchema.optional(), deadlineWorkdays: deadlineWorkdaysSchema.optional() })
  .superRefine((p, ctx) => {
    if (!p.deadline === !p.deadlineWorkdays) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '请填写延期后的日期或延长的工作日数，二者选其一' });
  });

/** Today in Beijing: deadlines are office days, not UTC days. */
export const today = (deps: Pick<Deps, 'clock'>) => beijingDate(deps.clock.now());

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];
const link = (id: string) => `/supervision/${id}`;

export function notes(userIds: readonly string[], title: string, id: string, kind: string): NotificationInput[] {
  return uniq(userIds).map((userId) => ({ userId, title: title.slice(0, 200), link: link(id), kind }));
}

export async function headsOf(db: Transaction<Database>, unitIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of uniq(unitIds)) out.push(...(await divisionHeads({ db }, id)).map((u) => u.id));
  return out;
}

async function withRoles(db: Transaction<Database>, ...roles: ('leader' | 'office_director' | 'office_clerk')[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roles) out.push(...(await usersWithRole({ db }, r)).map((u) => u.id));
  return uniq(out);
}

const isLeadHead = (actor: Actor, o: SupervisionObject) => hasRole(actor, 'division_head') && !!actor.unitId && actor.unitId === o.lead_division_id;
const isLeadMember = (actor: Actor, o: SupervisionObject) => hasRole(actor, 'division_head', 'staff') && !!actor.unitId && actor.unitId === o.lead_division_id;
const isOffice = (actor: Actor) => hasRole(actor, 'office_clerk', 'office_director');
const label = (o: SupervisionObject) => `${o.number} ${o.title}`;

/** The search entry of one item, in the caller's transaction; its readers are the policy's. */
export async function indexItem(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadItem(trx, id);
  if (!o) return;
  await indexDocument(trx, deps.dialect, {
    kind: 'supervision',
    id: o.id,
    title: o.title,
    body: [o.content, o.instruction, o.closure_result, o.remarks].filter((x): x is string => !!x).join('\n'),
    tags: [o.number, ...(o.source_ref ? [o.source_ref] : []), ...(o.legacy_number ? [o.legacy_number] : [])],
    visibility: supervisionPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}

const wf = workflowFor<SupervisionObject>();

export const supervisionWorkflow = wf.define({
  kind: 'supervision',
  label: '督办事项',
  table: 'supervision_items',
  initial: 'open',
  states: SUPERVISION_STATE_LABELS,
  canSee: supervisionPolicy.canSee,
  load: (trx, id) => loadItem(trx, id),
  actions: {
    accept: wf.action({
      label: '签收',
      from: ['open'],
      to: 'in_progress',
      payload: z.strictObject({ comment: paragraph(500, '签收意见').optional() }),
      who: isLeadHead,
      comment: (p) => p.comment || '已签收，开始办理',
      async effect({ trx, object, at }) {
        // Taking the item on is this week's first report: 一周一督 counts from here.
        await updateItem(trx, object.id, { last_update_at: at });
      },
    }),
    progress: wf.action({
      label: '报送进展',
      from: ['in_progress'],
      to: 'in_progress',
      payload: z.strictObject({
        content: requiredText(2000, '进展情况'),
        percent: z
          .number({ error: '完成进度须为数字' })
          .int({ error: '完成进度须为整数' })
          .min(0, { error: '完成进度须在 0 至 100 之间' })
          .max(100, { error: '完成进度须在 0 至 100 之间' })
          .optional(),
        /** 需协调事项: goes to the office and into the weekly report. */
        coordination: paragraph(1000, '需协调事项').optional(),
        milestonesDone: z.array(refIdSchema).max(20, { error: '节点最多 20 个' }).optional(),
      }),
      who: isLeadMember,
      async effect({ deps, trx, object, payload, actor, at }) {
        const done = uniq(payload.milestonesDone ?? []);
        const known = new Set(object.milestones.map((m) => m.id));
        if (done.some((id) => !known.has(id))) throw validation('所选节点不属于该督办事项', { fields: [{ field: 'milestonesDone', message: '节点不存在' }] });
        const [unit] = actor.unitId ? await getUnitsByIds({ db: trx }, [actor.unitId]) : [];
        await insertUpdate(trx, {
          id: uuidv7(),
          item_id: object.id,
          week: weekOf(beijingDate(at)),
          content: payload.content,
          percent: payload.percent ?? null,
          coordination: payload.coordination || null,
          unit_id: actor.unitId,
          unit_name: unit?.name ?? '',
          user_id: actor.id,
          user_name: actor.name,
          at,
        });
        await updateItem(trx, object.id, { last_update_at: at, ...(payload.percent === undefined ? {} : { percent: payload.percent }) });
        await markMilestonesDone(trx, object.id, done, at);
        await indexItem(deps, trx, object.id);
        if (!payload.coordination) return [];
        return notes(await withRoles(trx, 'office_director'), `需协调：${label(object)}`, object.id, 'supervision.coordination');
      },
    }),
    request_extension: wf.action({
      label: '申请延期',
      from: ['open', 'in_progress'],
      to: { among: ['open', 'in_progress'], choose: ({ from }) => from },
      payload: extensionPayload,
      who: (actor, o) => isLeadHead(actor, o) && o.pendingExtension === null,
      async effect({ deps, trx, object, payload, actor, at }) {
        const day = today(deps);
        // 延期须到期前申请: once late, the item is measured against its deadline as it stands.
        if (day > object.deadline) {
          throw invalidTransition(`办结时限 ${object.deadline} 已过，不能再申请延期；逾期事项按原时限考核`, { deadline: object.deadline });
        }
        const cal = await getCalendar(deps, trx);
        // A date on a day off means the next working day, as at 立项; workdays count on from the deadline in force.
        const requested = payload.deadline ? cal.workdayOnOrAfter(payload.deadline).date : cal.addWorkdays(object.deadline, payload.deadlineWorkdays ?? 1).date;
        const entered = payload.deadline && payload.deadline !== requested ? payload.deadline : null;
        if (requested <= object.deadline)
          throw validation(`延期后的时限须晚于现时限 ${object.deadline}`, { fields: [{ field: 'deadline', message: '不晚于现时限' }] });
        await insertExtension(trx, {
          id: uuidv7(),
          item_id: object.id,
          requested_by: actor.id,
          requested_by_name: actor.name,
          reason: payload.reason,
          previous_deadline: object.deadline,
          requested_deadline: requested,
          requested_entered: entered,
          state: 'pending',
          decided_by_name: null,
          decided_at: null,
          comment: null,
          at,
        });
        return notes(await withRoles(trx, 'leader'), `延期申请：${label(object)}（申请延至 ${requested}）`, object.id, 'supervision.extension');
      },
    }),
    approve_extension: wf.action({
      label: '同意延期',
      from: ['open', 'in_progress'],
      to: { among: ['open', 'in_progress'], choose: ({ from }) => from },
      payload: z.strictObject({ comment: paragraph(500, '意见').optional() }),
      who: (actor, o) => hasRole(actor, 'leader') && o.pendingExtension !== null,
      comment: (p) => p.comment || '同意延期',
      async effect({ trx, object, payload, actor, at }) {
        const ext = object.pendingExtension;
        if (!ext) return [];
        await decideExtension(trx, ext.id, { state: 'approved', decided_by_name: actor.name, decided_at: at, comment: payload.comment || null });
        await updateItem(trx, object.id, { deadline: ext.requested_deadline, deadline_entered: ext.requested_entered });
        return notes([ext.requested_by], `同意延期至 ${ext.requested_deadline}：${label(object)}`, object.id, 'supervision.extension_decided');
      },
    }),
    refuse_extension: wf.action({
      label: '不同意延期',
      from: ['open', 'in_progress'],
      to: { among: ['open', 'in_progress'], choose: ({ from }) => from },
      payload: z.strictObject({ reason: requiredText(500, '不同意的理由') }),
      who: (actor, o) => hasRole(actor, 'leader') && o.pendingExtension !== null,
      async effect({ trx, object, payload, actor, at }) {
        const ext = object.pendingExtension;
        if (!ext) return [];
        await decideExtension(trx, ext.id, { state: 'refused', decided_by_name: actor.name, decided_at: at, comment: payload.reason });
        return notes([ext.requested_by], `不同意延期，仍按 ${object.deadline} 办结：${label(object)}`, object.id, 'supervision.extension_decided');
      },
    }),
    request_closure: wf.action({
      label: '申请办结',
      from: ['in_progress'],
      to: 'closure_requested',
      payload: z.strictObject({ result: requiredText(4000, '办理结果') }),
      who: isLeadHead,
      async effect({ deps, trx, object, payload, at }) {
        await updateItem(trx, object.id, { closure_result: payload.result, closure_requested_at: at, last_update_at: at });
        await indexItem(deps, trx, object.id);
        return notes(await withRoles(trx, 'leader'), `申请销号：${label(object)}`, object.id, 'supervision.closure_requested');
      },
    }),
    approve_closure: wf.action({
      label: '同意销号',
      from: ['closure_requested'],
      to: 'closed',
      payload: z.strictObject({ comment: paragraph(1000, '审核意见').optional() }),
      who: (actor) => hasRole(actor, 'leader'),
      comment: (p) => p.comment || '同意销号',
      async effect({ deps, trx, object, payload, actor, at }) {
        await updateItem(trx, object.id, {
          closed_at: at,
          closed_by_name: actor.onBehalfOf ? `${actor.onBehalfOf.name}（${actor.name}代）` : actor.name,
          review_comment: payload.comment || null,
          percent: 100,
        });
        // The objects this item follows up (a 收文 …) learn of the 销号 in this transaction.
        await linkEvent(deps, trx, 'supervision.closed', object.id, {
          itemId: object.id,
          number: object.number,
          title: object.title,
          result: object.closure_result ?? '',
          comment: payload.comment || null,
          closedAt: at,
          actor,
        });
        await indexItem(deps, trx, object.id);
        return notes([...(await headsOf(trx, [object.lead_division_id])), object.created_by], `已销号：${label(object)}`, object.id, 'supervision.closed');
      },
    }),
    reject_closure: wf.action({
      label: '退回重办',
      from: ['closure_requested'],
      to: 'in_progress',
      payload: z.strictObject({ comment: requiredText(1000, '退回意见') }),
      who: (actor) => hasRole(actor, 'leader'),
      async effect({ trx, object, payload }) {
        await updateItem(trx, object.id, { review_comment: payload.comment, closure_requested_at: null });
        return notes(await headsOf(trx, [object.lead_division_id]), `销号申请被退回：${label(object)}`, object.id, 'supervision.closure_rejected');
      },
    }),
    suspend: wf.action({
      label: '暂缓',
      from: ['open', 'in_progress'],
      to: 'suspended',
      payload: z.strictObject({ reason: requiredText(500, '暂缓理由') }),
      who: (actor) => hasRole(actor, 'leader', 'office_director'),
      async effect({ trx, object, payload }) {
        await updateItem(trx, object.id, { suspend_reason: payload.reason });
        return notes(await headsOf(trx, [object.lead_division_id]), `暂缓办理：${label(object)}`, object.id, 'supervision.suspended');
      },
    }),
    resume: wf.action({
      label: '恢复办理',
      from: ['suspended'],
      to: 'in_progress',
      payload: z.strictObject({ comment: paragraph(500, '说明').optional() }),
      who: (actor) => hasRole(actor, 'leader', 'office_director'),
      comment: (p) => p.comment || '恢复办理',
      async effect({ trx, object, at }) {
        // The weeks spent suspended owe nothing: the clock of 一周一督 restarts now.
        await updateItem(trx, object.id, { suspend_reason: null, last_update_at: at });
        return notes(await headsOf(trx, [object.lead_division_id]), `恢复办理：${label(object)}`, object.id, 'supervision.resumed');
      },
    }),
    remind: wf.action({
      label: '催办',
      from: ['open', 'in_progress'],
      to: { among: ['open', 'in_progress'], choose: ({ from }) => from },
      payload: z.strictObject({ message: requiredText(1000, '催办事由') }),
      who: isOffice,
      email: true,
      async effect({ deps, trx, object, payload, actor, at }) {
        const cal = await getCalendar(deps, trx);
        const rules = await loadRules(trx);
        const lit = computeLight(
          {
            state: object.state,
            deadline: object.deadline,
            createdAt: object.created_at,
            lastUpdateAt: object.last_update_at,
            closureRequestedAt: object.closure_requested_at,
            milestones: object.milestones.map((m) => ({ title: m.title, dueDate: m.due_date, doneAt: m.done_at })),
          },
          today(deps),
          cal,
          rules,
        );
        const id = uuidv7();
        await insertReminder(trx, { id, item_id: object.id, message: payload.message, sent_by_name: actor.name, light: lit.light, at });
        const to = [...(await headsOf(trx, [object.lead_division_id])), ...(object.owner_id ? [object.owner_id] : [])];
        return notes(to, `【催办】${label(object)}：${payload.message}`, object.id, 'supervision.remind');
      },
    }),
  },
});

export type SupervisionAction = keyof typeof supervisionWorkflow.actions;
