import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { InfoState } from '../../../shared/info.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { attachmentOwnerOf, type ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import { loadItem, type InfoObject, type InfoRow, type RequestRow } from './info.repo.js';

/*
 * Who may see a 政务信息 or a 约稿 and what they may do with it, written once
 * (../shared/api/info.md): the workflow, the lists, the search index, the
 * attachments and the rights sent to the client all ask here.
 *
 * The contract's information editor (`info_editor`, 陈信息员) is not yet a
 * role of the platform (src/shared/roles.ts): until it is, the office's
 * 文秘 (office_clerk) does the editor's work, and an account that holds
 * `info_editor` will be recognised the day the role exists.
 */

export function isEditor(actor: Actor): boolean {
  return (actor.roles as readonly string[]).includes('info_editor') || hasRole(actor, 'office_clerk');
}
/** "Office" = the information editor and the office director. */
export function isOffice(actor: Actor): boolean {
  return isEditor(actor) || hasRole(actor, 'office_director');
}
export function isHeadOf(actor: Actor, unitId: string): boolean {
  return hasRole(actor, 'division_head') && actor.unitId === unitId;
}
function isMemberOf(actor: Actor, unitId: string): boolean {
  return hasRole(actor, 'staff', 'division_head') && actor.unitId === unitId;
}

/** The division's own states: only its members see a piece there. */
const DIVISION_ONLY: readonly InfoState[] = ['draft', 'division_review', 'voided'];

function canSee(actor: Actor, o: Pick<InfoRow, 'unit_id' | 'state'>): boolean {
  if (isMemberOf(actor, o.unit_id)) return true;
  if (DIVISION_ONLY.includes(o.state)) return false;
  return isOffice(actor) || hasRole(actor, 'leader', 'secrecy_officer');
}

/** `canSee` in SQL, for the ledger: row by row the same answer. */
function listFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'info_items'>): Expression<SqlBool> => {
    const own = hasRole(actor, 'staff', 'division_head') && actor.unitId ? eb('info_items.unit_id', '=', actor.unitId) : null;
    const reader = isOffice(actor) || hasRole(actor, 'leader', 'secrecy_officer');
    const past = eb('info_items.state', 'not in', [...DIVISION_ONLY]);
    if (reader) return own ? eb.or([own, past]) : past;
    return own ?? sql<SqlBool>`1 = 0`;
  };
}

/** `canSee` as search tokens: the division's members always, the office, leaders and secrecy officers once it left the division. */
function searchVisibility(o: Pick<InfoRow, 'unit_id' | 'state'>): string[] {
  const own = [visibility.unitRole(o.unit_id, 'staff'), visibility.unitRole(o.unit_id, 'division_head')];
  if (DIVISION_ONLY.includes(o.state)) return own;
  return [
    ...own,
    visibility.role('office_clerk'),
    visibility.role('office_director'),
    visibility.role('leader'),
    visibility.role('secrecy_officer'),
    'role:info_editor',
  ];
}

/** PUT: the drafter while drafting, the head in 处室审核, the editor in 办公室编审. */
export function mayEdit(actor: Actor, o: Pick<InfoRow, 'state' | 'unit_id' | 'drafter_id'>): boolean {
  if (o.state === 'draft') return actor.id === o.drafter_id;
  if (o.state === 'division_review') return isHeadOf(actor, o.unit_id);
  if (o.state === 'office_review') return isEditor(actor);
  return false;
}

/** The current text has a 保密审查 that cleared it (for 审核通过 at the office). */
export function clearedNow(o: InfoObject): boolean {
  return o.review !== null && o.review.revision === o.revision && o.review.conclusion === 'cleared';
}
/** … and found it fit for the portal (上网信息不涉密). */
export function publishableNow(o: InfoObject): boolean {
  return clearedNow(o) && o.review?.publishable === 1;
}

export interface InfoRights {
  mayAttach: boolean;
  canEdit: boolean;
  mayPublish: boolean;
  mayUnpublish: boolean;
}

/** What the reader may do now (publishing needs a cleared, publishable review of the current text). */
function rightsOf(actor: Actor, o: InfoObject): InfoRights {
  const finished = ['approved', 'submitted', 'adopted'].includes(o.state);
  return {
    mayAttach: mayEdit(actor, o),
    canEdit: mayEdit(actor, o),
    mayPublish: finished && hasRole(actor, 'office_director') && o.pub_state !== 'published' && publishableNow(o),
    mayUnpublish: finished && (isOffice(actor) || hasRole(actor, 'secrecy_officer')) && o.pub_state === 'published',
  };
}

/** Staff and heads of a division write pieces for it. */
function createRefusal(actor: Actor): string | null {
  if (!hasRole(actor, 'staff', 'division_head')) return '只有处室工作人员和处室负责人可以拟写政务信息';
  return actor.unitId ? null : '您没有所属处室，不能拟写政务信息';
}

const mayCreate = (actor: Actor): boolean => createRefusal(actor) === null;

export const infoPolicy = { canSee, listFilter, searchVisibility, rightsOf, mayCreate, createRefusal } satisfies ObjectPolicy<InfoObject, InfoRights>;

export const infoAttachments = attachmentOwnerOf('info', loadItem, infoPolicy);

// ── 约稿 ──

function canSeeRequest(actor: Actor, r: Pick<RequestRow, 'unit_id'>): boolean {
  return isOffice(actor) || hasRole(actor, 'leader') || isMemberOf(actor, r.unit_id);
}

function requestListFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'info_requests'>): Expression<SqlBool> => {
    if (isOffice(actor) || hasRole(actor, 'leader')) return sql<SqlBool>`1 = 1`;
    if (hasRole(actor, 'staff', 'division_head') && actor.unitId) return eb('info_requests.unit_id', '=', actor.unitId);
    return sql<SqlBool>`1 = 0`;
  };
}

function requestSearchVisibility(r: Pick<RequestRow, 'unit_id'>): string[] {
  return [
    visibility.unitRole(r.unit_id, 'staff'),
    visibility.unitRole(r.unit_id, 'division_head'),
    visibility.role('office_clerk'),
    visibility.role('office_director'),
    visibility.role('leader'),
    'role:info_editor',
  ];
}

function requestCreateRefusal(actor: Actor): string | null {
  return isOffice(actor) ? null : '只有办公室可以发出约稿';
}

export const requestPolicy = {
  canSee: canSeeRequest,
  listFilter: requestListFilter,
  searchVisibility: requestSearchVisibility,
  rightsOf: () => ({ mayAttach: false }),
  mayCreate: (actor: Actor) => requestCreateRefusal(actor) === null,
  createRefusal: requestCreateRefusal,
} satisfies ObjectPolicy<RequestRow>;
