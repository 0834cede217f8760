import type { Transaction } from 'kysely';
import { z } from 'zod';
import { RETENTION_CODES, RETENTION_LABELS, retentionSchema } from '../../../shared/incoming.js';
import { distributionSchema, type OutgoingCheckInput, type OutgoingDraft, OUTGOING_STATE_LABELS } from '../../../shared/outgoing.js';
import { allocateNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { invalidTransition } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import type { NotificationInput } from '../../core/notify/notify.service.js';
import { localDate } from '../../core/scheduler/scheduler.periods.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { divisionHeads, getUnitsByIds, usersWithRole } from '../../core/org/org.service.js';
import { checkOutgoing, hasBlockingFindings } from './checker/index.js';
import { isDraftingHead, isOffice, outgoingPolicy } from './outgoing.policy.js';
import {
  clearReturnComment,
  draftOf,
  loadOutgoing,
  loadSettings,
  markDivisionReviewed,
  markOfficeReviewed,
  type OutgoingObject,
  recordArchive,
  recordIssue,
  recordReturn,
  recordSignature,
  resetCosigns,
  signCosign,
} from './outgoing.repo.js';
import { indexOutgoing } from './outgoing.search.js';

const link = (id: string) => `/outgoing/${id}`;
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

/** Today in Beijing: 成文日期 is the office's day, not UTC's. */
export function today(deps: Pick<Deps, 'clock'>): { iso: string; year: number; printed: string } {
  const d = localDate(deps.clock.now(), 'Asia/Shanghai');
  const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return { iso, year: d.year, printed: printedDate(iso) };
}

/** 2026-11-06 → 2026年11月6日 (GB/T 9704 7.3.5: Arabic numerals, full year, no leading zeros). */
export function printedDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 全宗号 for DA/T 22 archival numbers (the same setting the 收文 module reads). */
function fondsCode(): string {
  const v = process.env['ZHONGSHU_FONDS_CODE']?.trim();
  return v && /^[A-Z0-9]{1,8}$/.test(v) ? v : 'Z001';
}
/**
 * 问题 code of the archival number: 发文 are filed under their own class so
 * their 件号 run never meets the 收文 run filed under 办公室 (BGS).
 */
const ARCHIVE_CLASS = 'FW';

/** The id a leader acts under: their own, or the principal's when a delegate acts. */
const principalId = (actor: Actor) => actor.onBehalfOf?.id ?? actor.id;

const isDrafterSide = (actor: Actor, o: OutgoingObject) => o.drafter_id === actor.id || isDraftingHead(actor, o);

/**
 * 上行文 are signed by the 主要负责人 (条例第二十二条) once the office has named
 * one; others by any leader. A document that was signed and came back (a
 * substantive change after sign-off) goes to the leader who signed it, so no
 * other leader can put a new signature over theirs; a 上行文 may also be
 * re-signed by the 主要负责人 named now.
 */
export function maySign(actor: Actor, o: OutgoingObject): boolean {
  if (!hasRole(actor, 'leader')) return false;
  const who = principalId(actor);
  const principalSigns = o.direction === 'up' && !!o.principalLeaderId;
  if (o.signer_id) return who === o.signer_id || (principalSigns && who === o.principalLeaderId);
  return !principalSigns || who === o.principalLeaderId;
}

const pendingCosign = (actor: Actor, o: OutgoingObject) =>
  hasRole(actor, 'division_head') && !!actor.unitId && o.cosigns.some((c) => c.unit_id === actor.unitId && c.signed_at === null);

/** The checker's input for a stored document: the draft, its direction, and what the chain has done so far. */
export function checkInputOf(o: OutgoingObject, draft: OutgoingDraft, opts: { procedure: boolean; pendingNames?: readonly string[] }): OutgoingCheckInput {
  return {
    ...draft,
    direction: o.direction,
    ...(o.doc_number ? { docNumber: o.doc_number } : {}),
    ...(o.sign_date ? { signDate: printedDate(o.sign_date) } : {}),
    ...(o.doc_number && o.direction === 'up' && o.signer_name ? { issuer: o.signer_name } : {}),
    ...(opts.procedure
      ? { procedure: { divisionReviewed: o.division_reviewed === 1, officeReviewed: o.office_reviewed === 1, cosignsPending: [...(opts.pendingNames ?? [])] } }
      : {}),
  };
}

async function headsOf(trx: Transaction<Database>, unitIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of uniq(unitIds)) out.push(...(await divisionHeads({ db: trx }, id)).map((u) => u.id));
  return out;
}
const withRole = async (trx: Transaction<Database>, role: 'office_clerk' | 'office_director' | 'leader') =>
  (await usersWithRole({ db: trx }, role)).map((u) => u.id);

function notes(userIds: readonly string[], title: string, id: string, kind: string): NotificationInput[] {
  return uniq(userIds).map((userId) => ({ userId, title: title.slice(0, 200), link: link(id), kind }));
}

/** Who signs next: the leader who signed before (re-signing), the 主要负责人 for a 上行文 when one is named, else every leader. */
async function signers(trx: Transaction<Database>, o: OutgoingObject): Promise<string[]> {
  if (o.signer_id) return [o.signer_id];
  if (o.direction === 'up' && o.principalLeaderId) return [o.principalLeaderId];
  return withRole(trx, 'leader');
}

async function reindexAfter(deps: Deps, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadOutgoing(trx, id);
  if (o) await indexOutgoing(deps, trx, o);
}

const comment = (label: string) =>
  z
    .string({ error: `${label}须为文字` })
    .trim()
    .max(1000, { error: `${label}不能超过 1000 个字` });
const optionalComment = z.strictObject({ comment: comment('意见').optional() });
const requiredComment = (label: string) => z.strictObject({ comment: comment(label).min(1, { error: `请填写${label}` }) });

/** Error findings at sign-off: 409 with the findings, so the signer sees what to send back. */
async function refuseWhileErrors(trx: Transaction<Database>, o: OutgoingObject): Promise<void> {
  const pending = o.cosigns.filter((c) => c.signed_at === null).map((c) => c.unit_id);
  const names = (await getUnitsByIds({ db: trx }, pending)).map((u) => u.name);
  const findings = checkOutgoing(checkInputOf(o, draftOf(o), { procedure: true, pendingNames: names }));
  if (!hasBlockingFindings(findings)) return;
  const errors = findings.filter((f) => f.severity === 'error');
  throw invalidTransition(`检查器仍报告 ${errors.length} 处错误，不能签发。请退回修改：${errors[0]?.message ?? ''}`, { findings: errors });
}

const wf = workflowFor<OutgoingObject>();

export const outgoingWorkflow = wf.define({
  kind: 'outgoing',
  label: '发文',
  table: 'outgoing_docs',
  initial: 'draft',
  states: OUTGOING_STATE_LABELS,
  canSee: outgoingPolicy.canSee,
  load: (trx, id) => loadOutgoing(trx, id),
  actions: {
    submit: wf.action({
      label: '送核',
      from: ['draft'],
      to: 'division_review',
      payload: optionalComment,
      who: isDrafterSide,
      async effect({ deps, trx, object }) {
        await clearReturnComment(trx, object.id);
        await reindexAfter(deps, trx, object.id);
        const heads = object.draftingUnitIsOffice ? await withRole(trx, 'office_director') : await headsOf(trx, [object.drafting_unit_id]);
        return notes(heads, `请核稿：${object.title}`, object.id, 'outgoing.submitted');
      },
    }),
    approve: wf.action({
      label: '核稿通过',
      from: ['division_review', 'office_review'],
      to: {
        among: ['cosign', 'office_review', 'signoff'],
        choose: ({ object }) => (object.state === 'office_review' ? 'signoff' : object.cosigns.length > 0 ? 'cosign' : 'office_review'),
      },
      payload: optionalComment,
      who: (actor, o) => (o.state === 'office_review' ? hasRole(actor, 'office_director') : isDraftingHead(actor, o)),
      comment: (p) => p.comment || '同意',
      async effect({ deps, trx, object, to }) {
        if (object.state === 'division_review') {
          await markDivisionReviewed(trx, object.id);
          await reindexAfter(deps, trx, object.id);
          if (to === 'cosign')
            return notes(
              await headsOf(
                trx,
                object.cosigns.map((c) => c.unit_id),
              ),
              `请会签：${object.title}`,
              object.id,
              'outgoing.cosign',
            );
          return notes(await withRole(trx, 'office_director'), `请办公室核稿：${object.title}`, object.id, 'outgoing.office_review');
        }
        await markOfficeReviewed(trx, object.id);
        return notes(await signers(trx, object), `请签发：${object.title}`, object.id, 'outgoing.signoff');
      },
    }),
    cosign: wf.action({
      label: '会签',
      from: ['cosign'],
      to: {
        among: ['cosign', 'office_review'],
        choose: ({ object, actor }) => (object.cosigns.some((c) => c.signed_at === null && c.unit_id !== actor.unitId) ? 'cosign' : 'office_review'),
      },
      payload: optionalComment,
      who: pendingCosign,
      comment: (p) => p.comment || '同意',
      async effect({ trx, object, actor, at, payload, to }) {
        await signCosign(trx, object.id, actor.unitId ?? '', { signed_at: at, signed_by_name: actor.name, comment: payload.comment ?? null });
        if (to === 'office_review')
          return notes(await withRole(trx, 'office_director'), `会签完毕，请办公室核稿：${object.title}`, object.id, 'outgoing.office_review');
        return [];
      },
    }),
    return: wf.action({
      label: '退回修改',
      from: ['division_review', 'cosign', 'office_review', 'signoff'],
      to: 'draft',
      payload: requiredComment('退回意见'),
      who: (actor, o) => {
        if (o.state === 'division_review') return isDraftingHead(actor, o);
        if (o.state === 'cosign') return pendingCosign(actor, o);
        if (o.state === 'office_review') return hasRole(actor, 'office_director', 'office_clerk');
        return maySign(actor, o);
      },
      async effect({ deps, trx, object, payload }) {
        // Each round starts over: the reviews and co-signs of the returned text no longer count.
        await recordReturn(trx, object.id, payload.comment);
        await resetCosigns(trx, object.id);
        await reindexAfter(deps, trx, object.id);
        return notes([object.drafter_id], `发文被退回修改：${object.title}（${payload.comment}）`, object.id, 'outgoing.returned');
      },
    }),
    sign: wf.action({
      label: '签发',
      from: ['signoff'],
      to: 'numbered',
      payload: optionalComment,
      who: maySign,
      comment: (p) => p.comment || '同意',
      async effect({ deps, trx, object, actor }) {
        await refuseWhileErrors(trx, object);
        const day = today(deps);
        let number = { agency_code: object.agency_code, doc_year: object.doc_year, doc_seq: object.doc_seq, doc_number: object.doc_number };
        // A signed text sent back for re-signing keeps its number: numbers never get a gap or a second holder.
        if (!object.doc_number) {
          const settings = await loadSettings(trx);
          const seq = await allocateNumber(trx, `outgoing:${settings.agency_code}:${day.year}`);
          number = { agency_code: settings.agency_code, doc_year: day.year, doc_seq: seq, doc_number: `${settings.agency_code}〔${day.year}〕${seq}号` };
        }
        await recordSignature(trx, object.id, {
          ...number,
          sign_date: day.iso,
          signer_id: principalId(actor),
          signer_name: actor.onBehalfOf?.name ?? actor.name,
          signed_round: object.round,
        });
        await reindexAfter(deps, trx, object.id);
        return [
          ...notes(await withRole(trx, 'office_clerk'), `已签发待印制核发：${number.doc_number ?? ''} ${object.title}`, object.id, 'outgoing.signed'),
          ...notes([object.drafter_id], `已签发：${number.doc_number ?? ''} ${object.title}`, object.id, 'outgoing.signed'),
        ];
      },
    }),
    reopen: wf.action({
      label: '退回签发人复审',
      from: ['numbered'],
      to: 'signoff',
      payload: requiredComment('复审理由'),
      who: (actor) => isOffice(actor),
      async effect({ trx, object, payload }) {
        return notes(
          await signers(trx, object),
          `签发后有实质性修改，请复审：${object.doc_number ?? ''} ${object.title}（${payload.comment}）`,
          object.id,
          'outgoing.reopened',
        );
      },
    }),
    issue: wf.action({
      label: '核发',
      from: ['numbered'],
      to: 'issued',
      payload: z.strictObject({ distribution: distributionSchema.optional() }),
      who: (actor) => hasRole(actor, 'office_clerk'),
      comment: (p) => (p.distribution ? `印制 ${p.distribution.copies} 份，分送 ${p.distribution.recipients.length} 个单位` : '核发'),
      async effect({ deps, trx, object, payload, actor, at }) {
        const draft = draftOf(object);
        // Without an explicit record the 分送范围 is the 主送 and 抄送 of the document itself.
        const distribution = payload.distribution ?? {
          copies: draft.mainRecipients.length + draft.copyTo.length || 1,
          recipients: [...draft.mainRecipients, ...draft.copyTo],
        };
        await recordIssue(trx, object.id, { distribution: JSON.stringify(distribution), issued_at: at, issued_by_name: actor.name });
        await reindexAfter(deps, trx, object.id);
        return notes([object.drafter_id], `已核发：${object.doc_number ?? ''} ${object.title}`, object.id, 'outgoing.issued');
      },
    }),
    archive: wf.action({
      label: '归档',
      from: ['issued'],
      to: 'archived',
      payload: z.strictObject({ retention: retentionSchema }),
      who: (actor) => hasRole(actor, 'office_clerk'),
      comment: (p) => `保管期限：${RETENTION_LABELS[p.retention]}`,
      async effect({ deps, trx, object, payload, at }) {
        const year = object.doc_year ?? today(deps).year;
        const code = RETENTION_CODES[payload.retention];
        const n = await allocateNumber(trx, `outgoing-archive:${fondsCode()}:${year}:${code}:${ARCHIVE_CLASS}`);
        const archivalNo = `${fondsCode()}-WS·${year}-${code}-${ARCHIVE_CLASS}-${String(n).padStart(4, '0')}`;
        await recordArchive(trx, object.id, { retention: payload.retention, archival_no: archivalNo, archived_at: at });
        await reindexAfter(deps, trx, object.id);
      },
    }),
  },
});
