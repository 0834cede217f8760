import type { Transaction } from 'kysely';
import {
  answerSchema,
  rejectRectificationSchema,
  reportRectificationSchema,
  SHEET_ACTION_LABELS,
  SHEET_STATE_LABELS,
  sheetCommentOptional,
  sheetCommentRequired,
  verifyRectificationSchema,
} from '../../../shared/secrecy.inspection.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import type { Database } from '../../core/db/database.js';
import { invalidTransition, validation } from '../../core/errors.js';
import { uuidv7 } from '../../core/ids.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { divisionHeads, usersWithRole } from '../../core/org/org.service.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import {
  answersOf,
  campaignItems,
  insertRectifications,
  loadCampaign,
  rectificationsOf,
  type RectificationRow,
  setCampaignStatus,
  sheetsOfCampaign,
  type SheetRow,
  updateRectification,
  upsertAnswers,
} from './secrecy.inspection.repo.js';
import { todayOf } from './secrecy.personnel.js';
import { isOfficer, mayAnswer, maySubmit, sheetPolicy } from './secrecy.policy.js';
import { indexSheet } from './secrecy.search.js';

/*
 * 自查表: 待自查 → 已提交 → 整改中 → 已完成. 确认 turns every 不符合 into a
 * rectification due the N-th 工作日 after (§10); the sheet closes when the
 * last one is verified, and the campaign when its last sheet closes.
 */

const wf = workflowFor<SheetRow>();

async function rectification(trx: Transaction<Database>, sheetId: string, id: string): Promise<RectificationRow> {
  const r = (await rectificationsOf(trx, [sheetId])).find((x) => x.id === id);
  if (!r) throw validation('该整改项不存在', { field: 'rectificationId' });
  return r;
}

/** Closes the campaign once every sheet is closed (its status follows the sheets, not a button). */
async function completeIfDone(trx: Transaction<Database>, campaignId: string, at: string): Promise<void> {
  const sheets = await sheetsOfCampaign(trx, campaignId);
  if (sheets.length > 0 && sheets.every((s) => s.state === 'closed')) await setCampaignStatus(trx, campaignId, 'completed', at);
}

/** Who answers for a sheet: its respondent, or the unit's heads. */
export async function sheetOwners(trx: Transaction<Database>, o: SheetRow): Promise<string[]> {
  if (o.respondent_id) return [o.respondent_id];
  const heads = (await divisionHeads({ db: trx }, o.unit_id)).map((u) => u.id);
  if (heads.length > 0) return heads;
  return (await usersWithRole({ db: trx }, 'office_director')).map((u) => u.id);
}

const notes = (ids: readonly string[], title: string, o: SheetRow): NotificationInput[] =>
  [...new Set(ids)].map((userId) => ({ userId, title: title.slice(0, 200), link: `/inspection/${o.id}`, kind: 'inspection' }));

export const inspectionWorkflow = wf.define({
  kind: 'inspection',
  label: '自查表',
  table: 'secrecy_sheets',
  initial: 'pending',
  states: SHEET_STATE_LABELS,
  canSee: sheetPolicy.canSee,
  actions: {
    answer: wf.action({
      label: SHEET_ACTION_LABELS.answer ?? '填写',
      from: ['pending'],
      to: 'pending',
      payload: answerSchema,
      who: mayAnswer,
      comment: (p) => `填写 ${p.answers.length} 项`,
      async effect({ deps, trx, object, payload, actor, at }) {
        const codes = new Set((await campaignItems(trx, object.campaign_id)).map((i) => i.code));
        const seen = new Set<string>();
        for (const a of payload.answers) {
          if (!codes.has(a.itemCode)) throw validation(`自查表中没有第 ${a.itemCode} 项`, { field: 'answers', itemCode: a.itemCode });
          if (seen.has(a.itemCode)) throw validation(`第 ${a.itemCode} 项重复填写`, { field: 'answers', itemCode: a.itemCode });
          seen.add(a.itemCode);
          if (a.result === 'noncompliant' && !a.note)
            throw validation(`第 ${a.itemCode} 项为“不符合”，请写明存在的问题`, { field: 'answers', itemCode: a.itemCode });
        }
        await upsertAnswers(
          trx,
          payload.answers.map((a) => ({
            sheet_id: object.id,
            item_code: a.itemCode,
            result: a.result,
            note: a.note || null,
            answered_by: actor.name,
            answered_at: at,
          })),
        );
        await indexSheet(deps, trx, object.id);
      },
    }),
    submit: wf.action({
      label: SHEET_ACTION_LABELS.submit ?? '提交',
      from: ['pending'],
      to: 'submitted',
      payload: sheetCommentOptional,
      who: maySubmit,
      async effect({ trx, object }) {
        const answered = new Set((await answersOf(trx, [object.id])).map((a) => a.item_code));
        const missing = (await campaignItems(trx, object.campaign_id)).map((i) => i.code).filter((c) => !answered.has(c));
        if (missing.length > 0)
          throw validation(`还有 ${missing.length} 项未填写：${missing.slice(0, 10).join('、')}${missing.length > 10 ? '等' : ''}`, { missing });
        return notes(
          (await usersWithRole({ db: trx }, 'secrecy_officer')).map((u) => u.id),
          `${object.respondent_name ?? object.unit_name}已提交保密自查表`,
          object,
        );
      },
    }),
    return: wf.action({
      label: SHEET_ACTION_LABELS.return ?? '退回',
      from: ['submitted'],
      to: 'pending',
      payload: sheetCommentRequired,
      who: isOfficer,
      async effect({ trx, object, payload }) {
        return notes(await sheetOwners(trx, object), `保密自查表被退回：${payload.comment}`, object);
      },
    }),
    confirm: wf.action({
      label: SHEET_ACTION_LABELS.confirm ?? '确认',
      from: ['submitted'],
      to: {
        among: ['rectifying', 'closed'],
        async choose({ trx, object }) {
          return (await answersOf(trx, [object.id])).some((a) => a.result === 'noncompliant') ? 'rectifying' : 'closed';
        },
      },
      payload: sheetCommentOptional,
      who: isOfficer,
      async effect({ deps, trx, object, to, at }) {
        if (to === 'closed') {
          await completeIfDone(trx, object.campaign_id, at);
          return;
        }
        const campaign = await loadCampaign(trx, object.campaign_id);
        const items = new Map((await campaignItems(trx, object.campaign_id)).map((i) => [i.code, i.text]));
        const calendar = await getCalendar(deps, trx);
        const deadline = calendar.addWorkdays(todayOf(deps), campaign?.rectify_workdays ?? 20).date;
        const found = (await answersOf(trx, [object.id])).filter((a) => a.result === 'noncompliant').sort((a, b) => compareCodes(a.item_code, b.item_code));
        await insertRectifications(
          trx,
          found.map((a) => ({
            id: uuidv7(),
            sheet_id: object.id,
            campaign_id: object.campaign_id,
            item_code: a.item_code,
            problem: `${items.get(a.item_code) ?? a.item_code}：${a.note ?? ''}`.slice(0, 1000),
            deadline,
            state: 'open',
            measure: null,
            comment: null,
            reported_at: null,
            verified_at: null,
          })),
        );
        return notes(await sheetOwners(trx, object), `保密自查发现 ${found.length} 个问题，请于${deadline}前整改`, object);
      },
    }),
    report_rectification: wf.action({
      label: SHEET_ACTION_LABELS.report_rectification ?? '报告整改',
      from: ['rectifying'],
      to: 'rectifying',
      payload: reportRectificationSchema,
      who: maySubmit,
      comment: (p) => p.measure,
      async effect({ deps, trx, object, payload, at }) {
        const r = await rectification(trx, object.id, payload.rectificationId);
        if (r.state !== 'open') throw invalidTransition('该整改项已报告或已验收');
        await updateRectification(trx, r.id, { state: 'reported', measure: payload.measure, reported_at: at });
        await indexSheet(deps, trx, object.id);
        return notes(
          (await usersWithRole({ db: trx }, 'secrecy_officer')).map((u) => u.id),
          `${object.respondent_name ?? object.unit_name}报告了整改情况，请验收`,
          object,
        );
      },
    }),
    verify_rectification: wf.action({
      label: SHEET_ACTION_LABELS.verify_rectification ?? '验收整改',
      from: ['rectifying'],
      to: {
        among: ['rectifying', 'closed'],
        async choose({ trx, object, payload }) {
          const all = await rectificationsOf(trx, [object.id]);
          const r = all.find((x) => x.id === payload.rectificationId);
          if (!r) throw validation('该整改项不存在', { field: 'rectificationId' });
          if (r.state !== 'reported') throw invalidTransition('只能验收已报告的整改项');
          return all.every((x) => x.id === r.id || x.state === 'verified') ? 'closed' : 'rectifying';
        },
      },
      payload: verifyRectificationSchema,
      who: isOfficer,
      async effect({ trx, object, payload, at, to }) {
        await updateRectification(trx, payload.rectificationId, { state: 'verified', verified_at: at });
        if (to === 'closed') await completeIfDone(trx, object.campaign_id, at);
      },
    }),
    reject_rectification: wf.action({
      label: SHEET_ACTION_LABELS.reject_rectification ?? '退回整改',
      from: ['rectifying'],
      to: 'rectifying',
      payload: rejectRectificationSchema,
      who: isOfficer,
      async effect({ trx, object, payload }) {
        const r = await rectification(trx, object.id, payload.rectificationId);
        if (r.state !== 'reported') throw invalidTransition('只能退回已报告的整改项');
        await updateRectification(trx, r.id, { state: 'open', comment: payload.comment, reported_at: null });
        return notes(await sheetOwners(trx, object), `整改未通过验收：${payload.comment}`, object);
      },
    }),
  },
});

/** `1.2` before `1.10` before `2.1`. */
export function compareCodes(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}
