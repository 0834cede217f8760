import type { Transaction } from 'kysely';
import { z } from 'zod';
import { dateSchema } from '../../../shared/calendar.js';
import {
  type CirculationMode,
  circulationModeSchema,
  idRefSchema,
  incomingSupervisionSchema,
  INCOMING_STATE_LABELS,
  line,
  para,
  RETENTION_CODES,
  RETENTION_LABELS,
  retentionSchema,
} from '../../../shared/incoming.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { validation } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { localDate } from '../../core/scheduler/scheduler.periods.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { createFromIncoming } from '../supervision/supervision.service.js';
import { divisionHeads, getUnitsByIds, getUsersByIds, listDivisions, usersWithRole } from '../../core/org/org.service.js';
import { incomingPolicy } from './incoming.policy.js';
import {
  decideExtension,
  type IncomingObject,
  insertExtension,
  insertFeedback,
  insertInstruction,
  insertReaders,
  insertUnits,
  loadIncoming,
  markRead,
  updateDoc,
} from './incoming.repo.js';
import { indexIncoming } from './incoming.search.js';

/** 全宗号 of the bureau in DA/T 22 archival numbers; an installation sets ZHONGSHU_FONDS_CODE. */
export function fondsCode(): string {
  const v = process.env['ZHONGSHU_FONDS_CODE']?.trim();
  return v && /^[A-Z0-9]{1,8}$/.test(v) ? v : 'Z001';
}
/** 机构（问题）代码: 收文 are filed by the office (办公室, BGS), which keeps the 收文 ledger. */
export const ARCHIVE_ORG_CODE = 'BGS';

// Intl's formatToParts is the dearest step of a ledger page after the SQL;
// the date cannot change within a clock minute (every zone's offset is whole
// minutes), so the answer is kept for the minute it was computed in.
let lastToday: { minute: number; day: string } | null = null;

/** Today in Beijing (deadlines are office days, not UTC days). */
export function today(deps: Pick<Deps, 'clock'>): string {
  const now = deps.clock.now();
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastToday?.minute === minute) return lastToday.day;
  const d = localDate(now, 'Asia/Shanghai');
  const day = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  lastToday = { minute, day };
  return day;
}

const link = (id: string) => `/incoming/${id}`;
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

export function idsOf(json: string | null): string[] {
  const v: unknown = json ? JSON.parse(json) : [];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function leaderIdsOf(o: Pick<IncomingObject, 'proposed_leader_ids'>): string[] {
  return idsOf(o.proposed_leader_ids);
}

/** The leaders asked to instruct now: the 拟办's, or the one the 批示 chain has reached. */
export function awaitingLeaderIds(o: Pick<IncomingObject, 'proposed_leader_ids' | 'awaiting_leader_ids'>): string[] {
  return o.awaiting_leader_ids === null ? idsOf(o.proposed_leader_ids) : idsOf(o.awaiting_leader_ids);
}

/**
 * Whether this 批示 sends the document on to another leader (it stays 待批办):
 * when it names further leaders, or when it neither assigns nor circulates
 * while leaders named by an earlier 批示 are still to come.
 */
export function passesOn(
  p: { nextLeaderIds?: string[] | undefined; leadDivisionId?: string | undefined; circulate?: string[] | undefined },
  o: Pick<IncomingObject, 'leader_queue'>,
): boolean {
  if (p.nextLeaderIds?.length) return true;
  return !p.leadDivisionId && !p.circulate && idsOf(o.leader_queue).length > 0;
}

/** The id a leader acts under: the leader's own, or the leader's in whose name a delegate acts. */
const principalId = (actor: Actor) => actor.onBehalfOf?.id ?? actor.id;

const isLeadHead = (actor: Actor, o: IncomingObject) => hasRole(actor, 'division_head') && !!actor.unitId && actor.unitId === o.lead_division_id;
/**
 * The lead division's part is not yet 办结 (readers may still be reading). Outside 承办 it says nothing,
 * so an action fired in the wrong state is still answered as such (409), not as someone else's (403).
 */
const divisionOpen = (o: IncomingObject) => o.state !== 'handling' || o.division_done_at === null;
const inTakingPart = (actor: Actor, o: IncomingObject) =>
  hasRole(actor, 'division_head', 'staff') && !!actor.unitId && o.units.some((u) => u.unit_id === actor.unitId);
/** Both names of an extension decision: the leader's, and the delegate's when one acts in the leader's name. */
const decidedBy = (actor: Actor) => ({
  decided_by_name: actor.onBehalfOf?.name ?? actor.name,
  decided_on_behalf_of_name: actor.onBehalfOf ? actor.name : null,
});
const isInstructingLeader = (actor: Actor, o: IncomingObject) => hasRole(actor, 'leader') && o.instructed_by === principalId(actor);

/** Whose turn it is to read: any unread reader in a parallel circulation, the first unread one in a sequential one. */
export function readerMayRead(o: Pick<IncomingObject, 'readers' | 'circulation_mode'>, userId: string): boolean {
  const unread = o.readers.filter((r) => r.read_at === null);
  if (o.circulation_mode === 'sequential') return unread[0]?.user_id === userId;
  return unread.some((r) => r.user_id === userId);
}

const reason = (label: string) => para(500, label).min(1, { error: `请填写${label}` });
const text = (label: string, max = 2000) => para(max, label).min(1, { error: `请填写${label}` });
const workdays = z
  .number({ error: '工作日数须为数字' })
  .int({ error: '工作日数须为整数' })
  .min(1, { error: '工作日数至少为 1' })
  .max(250, { error: '工作日数不能超过 250' });

/** Loads divisions by id and refuses anything that is not a 处室. */
async function requireDivisions(trx: Transaction<Database>, ids: readonly string[], field: string) {
  if (ids.length === 0) return [];
  const divisions = new Map((await listDivisions({ db: trx })).map((u) => [u.id, u]));
  return ids.map((id) => {
    const d = divisions.get(id);
    if (!d) throw validation(`${field}须为本局的处室`, { fields: [{ field, message: '不是处室' }] });
    return d;
  });
}

async function headsOf(trx: Transaction<Database>, unitIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of uniq(unitIds)) out.push(...(await divisionHeads({ db: trx }, id)).map((u) => u.id));
  return out;
}

async function officeClerks(trx: Transaction<Database>): Promise<string[]> {
  return (await usersWithRole({ db: trx }, 'office_clerk')).map((u) => u.id);
}

function notes(userIds: readonly string[], title: string, id: string, kind: string): NotificationInput[] {
  return uniq(userIds).map((userId) => ({ userId, title: title.slice(0, 200), link: link(id), kind }));
}

/** Re-indexes the document after a transition (its readers may have changed). */
async function reindexAfter(deps: Deps, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadIncoming(trx, id);
  if (o) await indexIncoming(deps, trx, o);
}

/** Refuses anything but serving 局领导. */
async function requireLeaders(trx: Transaction<Database>, ids: readonly string[], field: string): Promise<void> {
  const leaders = await getUsersByIds({ db: trx }, ids);
  if (leaders.length !== uniq(ids).length || leaders.some((u) => u.disabled || !u.roles.includes('leader'))) {
    throw validation('呈批对象须为在职的局领导', { fields: [{ field, message: '不是局领导' }] });
  }
}

/** 传阅: the readers in order, and the notice to those whose turn it is. */
async function circulateTo(
  trx: Transaction<Database>,
  object: IncomingObject,
  readerIds: readonly string[],
  mode: CirculationMode | undefined,
): Promise<NotificationInput[]> {
  const users = await getUsersByIds({ db: trx }, readerIds);
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = readerIds.map((id, i) => {
    const u = byId.get(id);
    if (!u || u.disabled || !u.roles.some((r) => r !== 'sysadmin' && r !== 'secadmin' && r !== 'auditor')) {
      throw validation('传阅人须为在职的业务人员', { fields: [{ field: 'circulate', message: `未找到用户 ${id}` }] });
    }
    return { doc_id: object.id, user_id: id, user_name: u.name, position: i + 1, read_at: null, comment: null };
  });
  await insertReaders(trx, rows);
  const first = mode === 'sequential' ? readerIds.slice(0, 1) : readerIds;
  return notes(first, `请阅：${object.reg_no} ${object.title}`, object.id, 'incoming.circulate');
}

const wf = workflowFor<IncomingObject>();

const instructPayload = z
  .strictObject({
    instruction: text('批示意见'),
    leadDivisionId: idRefSchema.optional(),
    assistDivisionIds: z.array(idRefSchema).max(20, { error: '协办处室最多 20 个' }).optional(),
    circulate: z.array(idRefSchema).min(1, { error: '请至少选择一位传阅人' }).max(50, { error: '传阅人最多 50 位' }).optional(),
    circulationMode: circulationModeSchema.optional(),
    /** 批示 chain: send the document on to these leaders, in order (it stays 待批办). */
    nextLeaderIds: z.array(idRefSchema).min(1, { error: '请选择下一位批示的局领导' }).max(10, { error: '最多 10 位局领导' }).optional(),
    /** 办理时限 as a date (a day off moves it to the next working day) … */
    deadline: dateSchema.optional(),
    /** … or as a number of workdays from today. */
    deadlineWorkdays: workdays.optional(),
    /** 列入督办: the 批示 also becomes a 督办 item, in this transaction. */
    supervision: incomingSupervisionSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.supervision && !p.leadDivisionId) ctx.addIssue({ code: 'custom', path: ['supervision'], message: '列入督办须指定主办处室（交办）' });
    if (p.nextLeaderIds && (p.leadDivisionId || p.circulate || p.supervision || p.deadline || p.deadlineWorkdays))
      ctx.addIssue({ code: 'custom', path: ['nextLeaderIds'], message: '呈其他局领导阅示时不能同时交办、传阅、列入督办或定时限，请由最后批示的领导办理' });
    if (p.nextLeaderIds && new Set(p.nextLeaderIds).size !== p.nextLeaderIds.length)
      ctx.addIssue({ code: 'custom', path: ['nextLeaderIds'], message: '局领导不能重复' });
    if (p.deadline && p.deadlineWorkdays) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '办理时限请填写日期或工作日数，二者选其一' });
    if (p.assistDivisionIds?.length && !p.leadDivisionId)
      ctx.addIssue({ code: 'custom', path: ['assistDivisionIds'], message: '指定协办处室时须同时指定主办处室' });
    if (p.leadDivisionId && p.assistDivisionIds?.includes(p.leadDivisionId))
      ctx.addIssue({ code: 'custom', path: ['assistDivisionIds'], message: '主办处室不能同时是协办处室' });
    if (p.circulate && new Set(p.circulate).size !== p.circulate.length) ctx.addIssue({ code: 'custom', path: ['circulate'], message: '传阅人不能重复' });
  });

const extensionPayload = z
  .strictObject({ reason: reason('延期理由'), deadline: dateSchema.optional(), deadlineWorkdays: workdays.optional() })
  .superRefine((p, ctx) => {
    if (!p.deadline === !p.deadlineWorkdays) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '请填写延期后的日期或延长的工作日数，二者选其一' });
  });

export const incomingWorkflow = wf.define({
  kind: 'incoming',
  label: '收文',
  table: 'incoming_docs',
  initial: 'registered',
  states: INCOMING_STATE_LABELS,
  canSee: incomingPolicy.canSee,
  load: (trx, id) => loadIncoming(trx, id),
  actions: {
    return: wf.action({
      label: '退文',
      from: ['registered'],
      to: 'returned',
      payload: z.strictObject({ reason: reason('退文理由') }),
      who: (actor) => hasRole(actor, 'office_clerk'),
      async effect({ deps, trx, object, payload }) {
        await updateDoc(trx, object.id, { return_reason: payload.reason });
        await reindexAfter(deps, trx, object.id);
      },
    }),
    propose: wf.action({
      label: '拟办',
      from: ['registered'],
      to: 'proposed',
      payload: z.strictObject({
        opinion: text('拟办意见'),
        leadDivisionId: idRefSchema.optional(),
        leaderIds: z.array(idRefSchema).min(1, { error: '请选择呈批的局领导' }).max(10),
      }),
      who: (actor) => hasRole(actor, 'office_clerk', 'office_director'),
      async effect({ deps, trx, object, payload }) {
        if (payload.leadDivisionId) await requireDivisions(trx, [payload.leadDivisionId], 'leadDivisionId');
        await requireLeaders(trx, payload.leaderIds, 'leaderIds');
        await updateDoc(trx, object.id, {
          proposal_opinion: payload.opinion,
          proposed_lead_division_id: payload.leadDivisionId ?? null,
          proposed_leader_ids: JSON.stringify(uniq(payload.leaderIds)),
        });
        await reindexAfter(deps, trx, object.id);
        return notes(payload.leaderIds, `请批示：${object.reg_no} ${object.title}`, object.id, 'incoming.proposed');
      },
    }),
    instruct: wf.action({
      label: '批办',
      from: ['proposed'],
      to: {
        among: ['proposed', 'handling', 'circulating'],
        choose: ({ payload, object }) => (passesOn(payload, object) ? 'proposed' : payload.leadDivisionId ? 'handling' : 'circulating'),
      },
      payload: instructPayload,
      who: (actor, o) => {
        if (!hasRole(actor, 'leader')) return false;
        const asked = awaitingLeaderIds(o);
        return asked.length === 0 || asked.includes(principalId(actor));
      },
      comment: (p) => p.instruction,
      async effect({ deps, trx, object, payload, actor, at }) {
        const byName = actor.onBehalfOf?.name ?? actor.name;
        const chainRow = {
          id: uuidv7(),
          doc_id: object.id,
          leader_id: principalId(actor),
          leader_name: byName,
          on_behalf_of_name: actor.onBehalfOf ? actor.name : null,
          text: payload.instruction,
          at,
        };
        if (passesOn(payload, object)) {
          // 圈阅 and on to the next leader: the rest of an earlier chain follows the leaders named now.
          const named = uniq(payload.nextLeaderIds ?? []);
          const queue = uniq([...named, ...idsOf(object.leader_queue)]);
          if (named.length) await requireLeaders(trx, named, 'nextLeaderIds');
          const [next, ...rest] = queue;
          if (!next || next === principalId(actor))
            throw validation('下一位批示的局领导不能是本人', { fields: [{ field: 'nextLeaderIds', message: '不能呈送本人' }] });
          await insertInstruction(trx, { ...chainRow, next_leader_ids: JSON.stringify(named) });
          await updateDoc(trx, object.id, {
            instruction: payload.instruction,
            instructed_by: principalId(actor),
            instructed_by_name: byName,
            instructed_on_behalf_of: actor.onBehalfOf ? actor.name : null,
            instructed_at: at,
            awaiting_leader_ids: JSON.stringify([next]),
            leader_queue: JSON.stringify(rest),
          });
          await reindexAfter(deps, trx, object.id);
          return notes([next], `请阅示：${object.reg_no} ${object.title}（${byName}已批示）`, object.id, 'incoming.proposed');
        }
        if (!payload.leadDivisionId && !payload.circulate) {
          throw validation('请指定主办处室（交办）、传阅人员（传阅）或下一位批示的局领导', { fields: [{ field: 'leadDivisionId', message: '请指定' }] });
        }
        await insertInstruction(trx, { ...chainRow, next_leader_ids: '[]' });
        const now = today(deps);
        const cal = await getCalendar(deps, trx);
        let deadline: string | null = null;
        let entered: string | null = null;
        let provisional = false;
        if (payload.deadline) {
          if (payload.deadline < now) throw validation('办理时限不能早于今天', { fields: [{ field: 'deadline', message: '早于今天' }] });
          // A time limit that ends on a day off ends on the next working day (the usual rule of periods).
          const on = cal.workdayOnOrAfter(payload.deadline);
          deadline = on.date;
          provisional = on.provisional;
          if (on.date !== payload.deadline) entered = payload.deadline;
        } else if (payload.deadlineWorkdays) {
          const r = cal.addWorkdays(now, payload.deadlineWorkdays);
          deadline = r.date;
          provisional = r.provisional;
        } else if (object.deadline) {
          deadline = object.deadline;
        }
        // 条例第二十四条: 紧急公文应当明确办理时限.
        if (!deadline && object.urgency !== 'normal' && payload.leadDivisionId) {
          throw validation('紧急公文须明确办理时限（日期或工作日数）', { fields: [{ field: 'deadline', message: '紧急公文须明确办理时限' }] });
        }
        await updateDoc(trx, object.id, {
          instruction: payload.instruction,
          instructed_by: principalId(actor),
          instructed_by_name: byName,
          instructed_on_behalf_of: actor.onBehalfOf ? actor.name : null,
          instructed_at: at,
          lead_division_id: payload.leadDivisionId ?? null,
          handling_deadline: deadline,
          deadline_entered: entered,
          deadline_provisional: provisional ? 1 : 0,
          circulation_mode: payload.circulate ? (payload.circulationMode ?? 'parallel') : null,
          awaiting_leader_ids: null,
          leader_queue: '[]',
        });
        const readerNotes = payload.circulate ? await circulateTo(trx, object, payload.circulate, payload.circulationMode) : [];
        if (payload.leadDivisionId) {
          const assist = uniq(payload.assistDivisionIds ?? []);
          await requireDivisions(trx, [payload.leadDivisionId, ...assist], 'assistDivisionIds');
          await insertUnits(trx, [
            { doc_id: object.id, unit_id: payload.leadDivisionId, role: 'lead' as const },
            ...assist.map((u) => ({ doc_id: object.id, unit_id: u, role: 'assist' as const })),
          ]);
          await reindexAfter(deps, trx, object.id);
          if (payload.supervision) {
            // 督办 needs a 办结时限 of its own; the 批办 must give one rather than the item inventing it.
            if (!deadline) throw validation('列入督办须明确办理时限（日期或工作日数）', { fields: [{ field: 'deadline', message: '列入督办须明确办理时限' }] });
            // Same transaction: the document, the item and their link commit
            // together, and a second item for this document is refused by 督办 (409 duplicate).
            await createFromIncoming(
              deps,
              actor,
              {
                incomingId: object.id,
                title: object.title,
                content: `${object.source_org}${object.source_doc_number ? ` ${object.source_doc_number}` : ''}《${object.title}》`,
                instruction: payload.instruction,
                leadDivisionId: payload.leadDivisionId,
                ...(assist.length ? { assistDivisionIds: assist } : {}),
                deadline,
                sourceRef: object.reg_no,
                ...(payload.supervision.kind ? { kind: payload.supervision.kind } : {}),
              },
              trx,
            );
          }
          const leadHeads = await headsOf(trx, [payload.leadDivisionId]);
          const assistHeads = await headsOf(trx, assist);
          return [
            ...notes(leadHeads, `请主办：${object.reg_no} ${object.title}${deadline ? `（时限 ${deadline}）` : ''}`, object.id, 'incoming.assigned'),
            ...notes(assistHeads, `请协办：${object.reg_no} ${object.title}`, object.id, 'incoming.assigned'),
            ...readerNotes,
          ];
        }
        await reindexAfter(deps, trx, object.id);
        return readerNotes;
      },
    }),
    feedback: wf.action({
      label: '反馈',
      from: ['handling'],
      to: 'handling',
      payload: z.strictObject({ content: text('反馈内容') }),
      who: (actor, o) => inTakingPart(actor, o) && divisionOpen(o),
      async effect({ trx, object, payload, actor, at }) {
        const [unit] = actor.unitId ? await getUnitsByIds({ db: trx }, [actor.unitId]) : [];
        await insertFeedback(trx, {
          id: uuidv7(),
          doc_id: object.id,
          unit_id: actor.unitId,
          unit_name: unit?.name ?? '',
          user_id: actor.id,
          user_name: actor.name,
          content: payload.content,
          at,
        });
        if (actor.unitId === object.lead_division_id) return [];
        // An assisting division's feedback is for the lead division to take into its answer.
        return notes(
          await headsOf(trx, object.lead_division_id ? [object.lead_division_id] : []),
          `协办反馈：${object.reg_no} ${object.title}`,
          object.id,
          'incoming.feedback',
        );
      },
    }),
    request_extension: wf.action({
      label: '申请延期',
      from: ['handling'],
      to: 'handling',
      payload: extensionPayload,
      who: (actor, o) => isLeadHead(actor, o) && divisionOpen(o) && o.pendingExtension === null && o.handling_deadline !== null,
      async effect({ deps, trx, object, payload, actor, at }) {
        const current = object.handling_deadline ?? today(deps);
        const cal = await getCalendar(deps, trx);
        // A date typed in is the leader's to judge; one counted in workdays may be provisional.
        const counted = payload.deadline ? null : cal.addWorkdays(current, payload.deadlineWorkdays ?? 1);
        // A date on a day off means the next working day, as at 批办.
        const requested = payload.deadline ? cal.workdayOnOrAfter(payload.deadline).date : (counted?.date ?? current);
        if (requested <= current) throw validation(`延期后的时限须晚于现时限 ${current}`, { fields: [{ field: 'deadline', message: '不晚于现时限' }] });
        await insertExtension(trx, {
          id: uuidv7(),
          doc_id: object.id,
          requested_by: actor.id,
          requested_by_name: actor.name,
          reason: payload.reason,
          requested_deadline: requested,
          requested_provisional: counted?.provisional ? 1 : 0,
          state: 'pending',
          decided_by_name: null,
          decided_on_behalf_of_name: null,
          decided_at: null,
          comment: null,
          at,
        });
        return notes(
          object.instructed_by ? [object.instructed_by] : [],
          `延期申请：${object.reg_no} ${object.title}（申请至 ${requested}）`,
          object.id,
          'incoming.extension',
        );
      },
    }),
    approve_extension: wf.action({
      label: '同意延期',
      from: ['handling'],
      to: 'handling',
      payload: z.strictObject({ comment: para(500, '意见').optional() }),
      who: (actor, o) => isInstructingLeader(actor, o) && o.pendingExtension !== null,
      comment: (p) => p.comment || '同意延期',
      async effect({ trx, object, payload, actor, at }) {
        const ext = object.pendingExtension;
        if (!ext) return [];
        await decideExtension(trx, ext.id, { state: 'approved', ...decidedBy(actor), decided_at: at, comment: payload.comment ?? null });
        await updateDoc(trx, object.id, {
          handling_deadline: ext.requested_deadline,
          deadline_provisional: Number(ext.requested_provisional) === 1 ? 1 : 0,
        });
        return notes([ext.requested_by], `同意延期至 ${ext.requested_deadline}：${object.reg_no} ${object.title}`, object.id, 'incoming.extension_decided');
      },
    }),
    refuse_extension: wf.action({
      label: '不同意延期',
      from: ['handling'],
      to: 'handling',
      payload: z.strictObject({ reason: reason('不同意的理由') }),
      who: (actor, o) => isInstructingLeader(actor, o) && o.pendingExtension !== null,
      async effect({ trx, object, payload, actor, at }) {
        const ext = object.pendingExtension;
        if (!ext) return [];
        await decideExtension(trx, ext.id, { state: 'refused', ...decidedBy(actor), decided_at: at, comment: payload.reason });
        return notes(
          [ext.requested_by],
          `不同意延期，仍按 ${object.handling_deadline ?? ''} 办结：${object.reg_no} ${object.title}`,
          object.id,
          'incoming.extension_decided',
        );
      },
    }),
    complete: wf.action({
      label: '办结',
      from: ['handling'],
      // 承办 and 传阅 together: the document is 办结 when the division's result and the last reader's 阅知 are both in.
      to: { among: ['handling', 'completed'], choose: ({ object }) => (object.readers.some((r) => r.read_at === null) ? 'handling' : 'completed') },
      payload: z.strictObject({ result: text('办理结果'), handledBy: line(50, '承办人').optional() }),
      who: (actor, o) => isLeadHead(actor, o) && divisionOpen(o),
      async effect({ deps, trx, object, payload, actor, at, to }) {
        const handledBy = payload.handledBy || actor.name;
        if (to === 'handling') {
          await updateDoc(trx, object.id, { result: payload.result, division_done_at: at, handled_by_name: handledBy });
          return [];
        }
        await updateDoc(trx, object.id, { result: payload.result, completed_at: at, division_done_at: at, handled_by_name: handledBy });
        await reindexAfter(deps, trx, object.id);
        return notes(await officeClerks(trx), `已办结待归档：${object.reg_no} ${object.title}`, object.id, 'incoming.completed');
      },
    }),
    read: wf.action({
      label: '阅知',
      from: ['circulating', 'handling'],
      to: {
        among: ['circulating', 'handling', 'completed'],
        choose: ({ object, actor }) => {
          const last = object.readers.filter((r) => r.read_at === null && r.user_id !== actor.id).length === 0;
          // Beside a division's 承办, the last 阅知 completes the document only once the division has its result in.
          if (object.state === 'handling') return last && object.division_done_at !== null ? 'completed' : 'handling';
          return last ? 'completed' : 'circulating';
        },
      },
      payload: z.strictObject({ comment: para(1000, '阅知意见').optional() }),
      who: (actor, o) => readerMayRead(o, actor.id),
      comment: (p) => p.comment || '已阅',
      async effect({ trx, object, payload, actor, at, to }) {
        await markRead(trx, object.id, actor.id, at, payload.comment ?? null);
        if (to === 'completed' && object.state === 'handling') {
          await updateDoc(trx, object.id, { completed_at: at });
          return notes(await officeClerks(trx), `已办结待归档：${object.reg_no} ${object.title}`, object.id, 'incoming.completed');
        }
        if (to === 'completed') {
          await updateDoc(trx, object.id, { completed_at: at, result: '传阅完毕' });
          return notes(await officeClerks(trx), `传阅完毕待归档：${object.reg_no} ${object.title}`, object.id, 'incoming.completed');
        }
        if (object.circulation_mode === 'sequential') {
          const next = object.readers.find((r) => r.read_at === null && r.user_id !== actor.id);
          return next ? notes([next.user_id], `请阅：${object.reg_no} ${object.title}`, object.id, 'incoming.circulate') : [];
        }
        return [];
      },
    }),
    archive: wf.action({
      label: '归档',
      from: ['completed'],
      to: 'archived',
      payload: z.strictObject({ retention: retentionSchema }),
      who: (actor) => hasRole(actor, 'office_clerk'),
      comment: (p) => `保管期限：${RETENTION_LABELS[p.retention]}`,
      async effect({ deps, trx, object, payload, at }) {
        const year = object.reg_year;
        const code = RETENTION_CODES[payload.retention];
        // 件号 runs per 年度, 保管期限 and 机构 (the lowest class of DA/T 22), gapless like 收文编号.
        const n = await allocateNumber(trx, `incoming-archive:${fondsCode()}:${year}:${code}:${ARCHIVE_ORG_CODE}`);
        const archivalNo = `${fondsCode()}-WS·${year}-${code}-${ARCHIVE_ORG_CODE}-${String(n).padStart(4, '0')}`;
        await updateDoc(trx, object.id, { retention: payload.retention, archival_no: archivalNo, archived_at: at });
        await reindexAfter(deps, trx, object.id);
      },
    }),
    void: wf.action({
      label: '作废',
      from: ['registered', 'proposed', 'handling', 'circulating', 'completed'],
      to: 'voided',
      payload: z.strictObject({ reason: reason('作废理由') }),
      who: (actor) => hasRole(actor, 'office_director'),
      async effect({ deps, trx, object, payload }) {
        await updateDoc(trx, object.id, { void_reason: payload.reason });
        await reindexAfter(deps, trx, object.id);
        return notes([object.registered_by], `已作废：${object.reg_no} ${object.title}`, object.id, 'incoming.voided');
      },
    }),
  },
});

export type IncomingAction = keyof typeof incomingWorkflow.actions;
