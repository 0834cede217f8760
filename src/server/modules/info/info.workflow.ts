import type { Transaction } from 'kysely';
import {
  INFO_RECIPIENT_LABELS,
  INFO_REVIEW_STATES,
  INFO_STATE_LABELS,
  type InfoState,
  infoAdoptionSchema,
  infoCommentSchema,
  infoInstructionSchema,
  infoReasonSchema,
  infoReportSchema,
  infoReturnSchema,
  infoSecrecyReviewSchema,
} from '../../../shared/info.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { duplicate, invalidTransition, validation } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { divisionHeads, usersWithRole } from '../../core/org/org.service.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { scoringTables, yearOfDate } from './info.points.js';
import { clearedNow, infoPolicy, isEditor, isHeadOf, isOffice, publishableNow } from './info.policy.js';
import {
  hasAdoption,
  insertAdoption,
  insertInstruction,
  insertPublication,
  insertReview,
  loadItem,
  loadRequest,
  updateItem,
  type InfoObject,
} from './info.repo.js';
import { requestWorkflow } from './info.request.workflow.js';
import { indexItem } from './info.search.js';
import { beijingToday } from './info.time.js';

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

export function notes(userIds: readonly string[], title: string, link: string, kind: string): NotificationInput[] {
  return uniq(userIds).map((userId) => ({ userId, title: title.slice(0, 200), link, kind }));
}
const itemNotes = (userIds: readonly string[], title: string, o: InfoObject, event: string) =>
  notes(userIds, `${title}：${o.title}`, `/info/${o.id}`, `info.${event}`);

export async function headsOf(db: Transaction<Database>, unitId: string): Promise<string[]> {
  return (await divisionHeads({ db }, unitId)).map((u) => u.id);
}
export async function withRoles(db: Transaction<Database>, ...roles: ('leader' | 'office_director' | 'office_clerk' | 'secrecy_officer')[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roles) out.push(...(await usersWithRole({ db }, r)).map((u) => u.id));
  return uniq(out);
}
const drafterAndHeads = async (trx: Transaction<Database>, o: InfoObject) => [o.drafter_id, ...(await headsOf(trx, o.unit_id))];

const isDrafterOrHead = (actor: Actor, o: InfoObject) => actor.id === o.drafter_id || isHeadOf(actor, o.unit_id);

/** Who approves (and may return) a piece in each review state. */
const APPROVER: Partial<Record<InfoState, (actor: Actor, o: InfoObject) => boolean>> = {
  division_review: (actor, o) => isHeadOf(actor, o.unit_id),
  office_review: (actor) => isEditor(actor),
  director_review: (actor) => hasRole(actor, 'office_director'),
  leader_review: (actor) => hasRole(actor, 'leader'),
};
function approverAt(actor: Actor, o: InfoObject): boolean {
  const rule = APPROVER[o.state];
  // Outside the review states anyone who approves somewhere is told the state is wrong (409), not 403.
  return rule ? rule(actor, o) : isHeadOf(actor, o.unit_id) || isOffice(actor) || hasRole(actor, 'leader');
}

const NEXT: Partial<Record<InfoState, (o: InfoObject) => InfoState>> = {
  division_review: () => 'office_review',
  office_review: () => 'director_review',
  director_review: (o) => (o.info_type === 'special' ? 'leader_review' : 'approved'),
  leader_review: () => 'approved',
};

/** The next actor after an approval, told by notification. */
async function nextActors(trx: Transaction<Database>, to: InfoState): Promise<string[]> {
  if (to === 'office_review') return withRoles(trx, 'office_clerk', 'secrecy_officer');
  if (to === 'director_review') return withRoles(trx, 'office_director');
  if (to === 'leader_review') return withRoles(trx, 'leader');
  if (to === 'approved') return withRoles(trx, 'office_clerk', 'office_director');
  return [];
}

/** A date of an event after 报送: real, not after today, not before the report. */
function checkEventDate(deps: Deps, o: InfoObject, date: string, field: string, label: string): void {
  if (date > beijingToday(deps)) throw validation(`${label}不能晚于今天`, { fields: [{ field, message: '晚于今天' }] });
  if (o.reported_date && date < o.reported_date) {
    throw validation(`${label}不能早于报送日期 ${o.reported_date}`, { fields: [{ field, message: '早于报送日期' }] });
  }
}

const wf = workflowFor<InfoObject>();
const FINISHED = ['approved', 'submitted', 'adopted'] as const satisfies readonly InfoState[];

export const infoWorkflow = wf.define({
  kind: 'info',
  label: '政务信息',
  table: 'info_items',
  initial: 'draft',
  states: INFO_STATE_LABELS,
  canSee: infoPolicy.canSee,
  load: (trx, id) => loadItem(trx, id),
  actions: {
    submit: wf.action({
      label: '提交审核',
      from: ['draft'],
      to: 'division_review',
      payload: infoCommentSchema,
      who: isDrafterOrHead,
      // draft → division_review: the same readers, the same text; the search entry stands.
      async effect({ trx, object }) {
        return itemNotes(await headsOf(trx, object.unit_id), '待审核政务信息', object, 'submit');
      },
    }),
    approve: wf.action({
      label: '审核通过',
      from: [...INFO_REVIEW_STATES],
      to: {
        among: ['office_review', 'director_review', 'leader_review', 'approved'],
        choose: ({ object, from }) => (NEXT[from] ?? (() => from))(object),
      },
      payload: infoCommentSchema,
      who: approverAt,
      async effect({ deps, trx, object, from, to, actor }) {
        if (from === 'office_review' && !clearedNow(object)) {
          throw invalidTransition('当前稿尚无通过的保密审查（或审查后又作了修改），请先完成保密审查', { revision: object.revision });
        }
        if (from === 'division_review') {
          if (object.request_id) await answerRequest(deps, trx, object, actor);
          // It leaves the division: the office, leaders and the secrecy officer may find it now.
          await indexItem(deps, trx, object.id);
        }
        return itemNotes(await nextActors(trx, to), `待办政务信息（${INFO_STATE_LABELS[to]}）`, object, 'approve');
      },
    }),
    return: wf.action({
      label: '退回修改',
      from: [...INFO_REVIEW_STATES],
      to: 'draft',
      payload: infoReturnSchema,
      who: approverAt,
      async effect({ deps, trx, object, from }) {
        // Back in the division: only its members may find it again.
        if (from !== 'division_review') await indexItem(deps, trx, object.id);
        return itemNotes(await drafterAndHeads(trx, object), '政务信息被退回修改', object, 'return');
      },
    }),
    secrecy_review: wf.action({
      label: '保密审查',
      from: ['office_review'],
      to: 'office_review',
      payload: infoSecrecyReviewSchema,
      who: (actor) => isEditor(actor) || hasRole(actor, 'secrecy_officer'),
      comment: (p) => `${p.conclusion === 'cleared' ? '审查通过' : '审查未通过'}，${p.publishable ? '可以公开' : '不予公开'}：${p.opinion}`,
      async effect({ trx, object, payload, actor, at }) {
        if (payload.conclusion === 'not_cleared' && payload.publishable) {
          throw validation('审查未通过的信息不能标为可以公开', { fields: [{ field: 'publishable', message: '审查未通过时须为否' }] });
        }
        await insertReview(trx, {
          id: uuidv7(),
          item_id: object.id,
          revision: object.revision,
          conclusion: payload.conclusion,
          publishable: payload.publishable ? 1 : 0,
          opinion: payload.opinion,
          reviewer_id: actor.id,
          reviewer_name: actor.name,
          at,
        });
        if (payload.conclusion === 'cleared') return [];
        return itemNotes(await withRoles(trx, 'office_clerk'), '保密审查未通过', object, 'secrecy_review');
      },
    }),
    report: wf.action({
      label: '报送',
      from: ['approved'],
      to: 'submitted',
      payload: infoReportSchema,
      who: isOffice,
      comment: (p) =>
        `报送${uniq(p.recipients)
          .map((r) => INFO_RECIPIENT_LABELS[r])
          .join('、')}`,
      async effect({ deps, trx, object, payload }) {
        const day = beijingToday(deps);
        const year = yearOfDate(day);
        const n = await allocateNumber(trx, `info:${year}`);
        await updateItem(trx, object.id, { serial_no: `信〔${year}〕${n}号`, recipients: JSON.stringify(uniq(payload.recipients)), reported_date: day });
        await indexItem(deps, trx, object.id);
        return itemNotes(await drafterAndHeads(trx, object), '政务信息已报送', object, 'report');
      },
    }),
    record_adoption: wf.action({
      label: '登记采用',
      from: ['submitted', 'adopted'],
      to: 'adopted',
      payload: infoAdoptionSchema,
      who: isOffice,
      comment: (p) => `采用渠道 ${p.channel}${p.publication ? `（${p.publication}）` : ''}，${p.adoptedDate}`,
      async effect({ deps, trx, object, payload, actor, at }) {
        checkEventDate(deps, object, payload.adoptedDate, 'adoptedDate', '采用日期');
        const table = (await scoringTables(trx))(yearOfDate(payload.adoptedDate));
        const channel = table.channels.find((c) => c.code === payload.channel && c.active);
        if (!channel) {
          throw validation(`采用渠道“${payload.channel}”不在 ${yearOfDate(payload.adoptedDate)} 年的考核表中`, {
            fields: [{ field: 'channel', message: '未知或已停用的渠道' }],
          });
        }
        if (await hasAdoption(trx, object.id, channel.code)) throw duplicate(`该信息已登记过“${channel.name}”的采用`, { channel: channel.code });
        await insertAdoption(trx, {
          id: uuidv7(),
          item_id: object.id,
          channel: channel.code,
          channel_name: channel.name,
          level: channel.level,
          publication: payload.publication || null,
          adopted_date: payload.adoptedDate,
          recorded_by_name: actor.name,
          at,
        });
        return itemNotes(await drafterAndHeads(trx, object), `政务信息被${channel.name}采用`, object, 'record_adoption');
      },
    }),
    record_instruction: wf.action({
      label: '登记批示',
      from: ['submitted', 'adopted'],
      to: 'adopted',
      payload: infoInstructionSchema,
      who: isOffice,
      comment: (p) => `${p.leaderTitle}批示（${p.instructedDate}）：${p.content}`,
      async effect({ deps, trx, object, payload, actor, at }) {
        checkEventDate(deps, object, payload.instructedDate, 'instructedDate', '批示日期');
        await insertInstruction(trx, {
          id: uuidv7(),
          item_id: object.id,
          level: payload.level,
          leader_title: payload.leaderTitle,
          content: payload.content,
          instructed_date: payload.instructedDate,
          recorded_by_name: actor.name,
          at,
        });
        return itemNotes(await drafterAndHeads(trx, object), `${payload.leaderTitle}对政务信息作出批示`, object, 'record_instruction');
      },
    }),
    publish: wf.action({
      label: '门户发布',
      from: [...FINISHED],
      to: { among: [...FINISHED], choose: ({ from }) => from },
      payload: infoCommentSchema,
      who: (actor) => hasRole(actor, 'office_director'),
      async effect({ trx, object, payload, actor, at }) {
        if (object.pub_state === 'published') throw invalidTransition('该信息已在门户发布', { publication: 'published' });
        if (!publishableNow(object)) throw invalidTransition('当前稿没有“审查通过、可以公开”的保密审查，不能在门户发布');
        await updateItem(trx, object.id, { pub_state: 'published', published_at: at, withdrawn_at: null, withdraw_reason: null });
        await insertPublication(trx, { id: uuidv7(), item_id: object.id, action: 'publish', reason: payload.comment || null, actor_name: actor.name, at });
        return itemNotes(await drafterAndHeads(trx, object), '政务信息已在门户发布', object, 'publish');
      },
    }),
    unpublish: wf.action({
      label: '撤稿',
      from: [...FINISHED],
      to: { among: [...FINISHED], choose: ({ from }) => from },
      payload: infoReasonSchema,
      who: (actor) => isOffice(actor) || hasRole(actor, 'secrecy_officer'),
      async effect({ trx, object, payload, actor, at }) {
        if (object.pub_state !== 'published') throw invalidTransition('该信息未在门户发布，无需撤稿');
        await updateItem(trx, object.id, { pub_state: 'withdrawn', withdrawn_at: at, withdraw_reason: payload.reason });
        await insertPublication(trx, { id: uuidv7(), item_id: object.id, action: 'unpublish', reason: payload.reason, actor_name: actor.name, at });
        return itemNotes(await drafterAndHeads(trx, object), '政务信息已从门户撤下', object, 'unpublish');
      },
    }),
    void: wf.action({
      label: '作废',
      from: ['draft'],
      to: 'voided',
      payload: infoReasonSchema,
      who: isDrafterOrHead,
      // Its readers stay the division's members: the search entry stands.
    }),
  },
});

/** An item naming a 约稿 first reached the office: the 约稿 is answered (history `answer`). */
async function answerRequest(deps: Deps, trx: Transaction<Database>, o: InfoObject, actor: Actor): Promise<void> {
  const r = o.request_id ? await loadRequest(trx, o.request_id) : undefined;
  if (r?.state !== 'open') return;
  await fireTransition(deps, requestWorkflow, { id: r.id, action: 'answer', version: r.version, payload: { itemId: o.id }, actor }, { trx });
}
