import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { ObjectRights } from '../../../shared/rights.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { attachmentOwnerOf, type ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import { loadItem, type InfoRow } from './info.repo.js';

/*
 * Who may see a 政务信息 and what they may do with it, written once: the
 * workflow, the list, the search index, the attachments and the rights sent
 * to the client all ask here. The office and the bureau's leaders see every
 * item; a unit sees its own.
 */

function seesAll(actor: Actor): boolean {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader');
}

function canSee(actor: Actor, o: Pick<InfoRow, 'unit_id'>): boolean {
  return seesAll(actor) || (actor.unitId !== null && actor.unitId === o.unit_id);
}

/** `canSee` in SQL, for the ledger: row by row the same answer. */
function listFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'info_items'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<SqlBool>`1 = 1`;
    if (!actor.unitId) return sql<SqlBool>`1 = 0`;
    return eb('info_items.unit_id', '=', actor.unitId);
  };
}

/** `canSee` as search tokens. */
function searchVisibility(o: Pick<InfoRow, 'unit_id'>): string[] {
  return [visibility.role('office_clerk'), visibility.role('office_director'), visibility.role('leader'), visibility.unit(o.unit_id)];
}

/** 办结: whoever created it, its unit's head, and the office director (the workflow's `who`; the state is the workflow's). */
export function mayFinish(actor: Actor, o: Pick<InfoRow, 'unit_id' | 'created_by'>): boolean {
  if (actor.id === o.created_by || hasRole(actor, 'office_director')) return true;
  return hasRole(actor, 'division_head') && actor.unitId === o.unit_id;
}

function rightsOf(actor: Actor, o: Pick<InfoRow, 'state' | 'unit_id' | 'created_by'>): ObjectRights {
  return { mayAttach: o.state === 'draft' && mayFinish(actor, o) };
}

/** Anyone of the bureau's business roles who belongs to a unit: the item belongs to that unit. */
function createRefusal(actor: Actor): string | null {
  if (!hasRole(actor, 'leader', 'office_director', 'office_clerk', 'division_head', 'staff')) return '您没有新建政务信息的权限';
  return actor.unitId ? null : '您没有所属处室，不能新建政务信息';
}

const mayCreate = (actor: Actor): boolean => createRefusal(actor) === null;

export const infoPolicy = { canSee, listFilter, searchVisibility, rightsOf, mayCreate, createRefusal } satisfies ObjectPolicy<InfoRow>;

export const infoAttachments = attachmentOwnerOf('info', loadItem, infoPolicy);
