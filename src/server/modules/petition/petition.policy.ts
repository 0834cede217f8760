import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { PetitionRights } from '../../../shared/petition.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { attachmentOwnerOf, type ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import { isOfficer, officerToken } from './petition.officer.js';
import { loadItem, type PetitionRow } from './petition.repo.js';

/*
 * Who may see a 信访件 and what they may do with it, written once (contract
 * "Who"): the officer, the leaders and the office director read all; a
 * division (head, staff) reads what is assigned to it, from 交办 on; others
 * get 403 on lists and 404 on objects. The workflow, the list, the search
 * index, the attachments and the rights sent to the client all ask here.
 */

type Row = Pick<PetitionRow, 'state' | 'division_id' | 'notice_date'>;

export function seesAll(actor: Actor): boolean {
  return isOfficer(actor) || hasRole(actor, 'leader', 'office_director');
}

/** A member of the division the petition is assigned to. */
export function inAssignedDivision(actor: Actor, o: Pick<PetitionRow, 'division_id'>): boolean {
  return o.division_id !== null && actor.unitId === o.division_id && hasRole(actor, 'division_head', 'staff');
}

export function isAssignedHead(actor: Actor, o: Pick<PetitionRow, 'division_id'>): boolean {
  return o.division_id !== null && actor.unitId === o.division_id && hasRole(actor, 'division_head');
}

function canSee(actor: Actor, o: Row): boolean {
  return seesAll(actor) || inAssignedDivision(actor, o);
}

/** May the actor open the ledger at all (others: 403)? */
export function mayList(actor: Actor): boolean {
  return seesAll(actor) || (actor.unitId !== null && hasRole(actor, 'division_head', 'staff'));
}

/** `canSee` in SQL, for the ledger: row by row the same answer. */
function listFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'petition_items'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<SqlBool>`1 = 1`;
    if (!actor.unitId || !hasRole(actor, 'division_head', 'staff')) return sql<SqlBool>`1 = 0`;
    return eb('petition_items.division_id', '=', actor.unitId);
  };
}

/** `canSee` as search tokens. */
function searchVisibility(o: Row): string[] {
  const tokens = [officerToken, visibility.role('leader'), visibility.role('office_director')];
  if (o.division_id) tokens.push(visibility.unitRole(o.division_id, 'division_head'), visibility.unitRole(o.division_id, 'staff'));
  return tokens;
}

/** 显示完整信息 and the lookup by ID number or phone: the officer and the leaders. */
export function mayReadPersonalData(actor: Actor): boolean {
  return isOfficer(actor) || hasRole(actor, 'leader');
}

const REPLY_STATES: readonly string[] = ['reply_review', 'replied', 'closed'];

function rightsOf(actor: Actor, o: Row): PetitionRights {
  const docs = mayReadPersonalData(actor);
  return {
    mayAttach: isOfficer(actor) || (o.state === 'handling' && inAssignedDivision(actor, o)),
    mayReadPersonalData: docs,
    mayDownloadReply: docs && REPLY_STATES.includes(o.state),
    mayDownloadNotice: docs && o.notice_date !== null,
  };
}

function createRefusal(actor: Actor): string | null {
  return isOfficer(actor) ? null : '只有信访工作人员可以登记信访件';
}

const mayCreate = (actor: Actor): boolean => createRefusal(actor) === null;

/** The statistics: the officer, the office director and the leaders. */
export function mayReadStats(actor: Actor): boolean {
  return seesAll(actor);
}

export const petitionPolicy = { canSee, listFilter, searchVisibility, rightsOf, mayCreate, createRefusal } satisfies ObjectPolicy<Row, PetitionRights>;

export const petitionAttachments = attachmentOwnerOf('petition', loadItem, petitionPolicy);
