import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { OutgoingRights } from '../../../shared/outgoing.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { attachmentOwnerOf, type ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import { loadOutgoing, type OutgoingObject } from './outgoing.repo.js';
import type { OutgoingDocTable } from './outgoing.tables.js';

/** What the rules read of a document: its step, its drafting side and its co-sign divisions. */
type Access = Pick<OutgoingObject, 'state' | 'drafter_id' | 'drafting_unit_id' | 'draftingUnitIsOffice'> & { cosigns: readonly { unit_id: string }[] };

/**
 * Who may see a 发文 and what they may do with it: the office and leaders see
 * all; a division what it drafts or co-signs; a drafter their own. The
 * workflow's moves have their own `who`.
 */

/** The office and the bureau's leaders see every outgoing document. */
export function seesAll(actor: Actor): boolean {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader');
}

export const isOffice = (actor: Actor): boolean => hasRole(actor, 'office_clerk', 'office_director');

/** The head of the drafting division; for a draft of the office itself, the office director. */
export function isDraftingHead(actor: Actor, o: Pick<OutgoingObject, 'drafting_unit_id' | 'draftingUnitIsOffice'>): boolean {
  if (!actor.unitId || actor.unitId !== o.drafting_unit_id) return false;
  return hasRole(actor, 'division_head') || (o.draftingUnitIsOffice && hasRole(actor, 'office_director'));
}

function canSee(actor: Actor, o: Omit<Access, 'state' | 'draftingUnitIsOffice'>): boolean {
  if (seesAll(actor) || o.drafter_id === actor.id) return true;
  if (!actor.unitId) return false;
  return actor.unitId === o.drafting_unit_id || o.cosigns.some((c) => c.unit_id === actor.unitId);
}

/** `canSee` in SQL (lists, to-dos), row by row the same answer. */
function listFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { d: OutgoingDocTable }, 'd'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<SqlBool>`1 = 1`;
    const ors: Expression<SqlBool>[] = [eb('d.drafter_id', '=', actor.id)];
    if (actor.unitId) {
      const unit = actor.unitId;
      ors.push(eb('d.drafting_unit_id', '=', unit));
      ors.push(
        eb.exists(
          eb
            .selectFrom('outgoing_cosigns as c')
            .select(sql<number>`1`.as('one'))
            .whereRef('c.doc_id', '=', 'd.id')
            .where('c.unit_id', '=', unit),
        ),
      );
    }
    return eb.or(ors);
  };
}

/** `canSee` as search tokens: office and leaders by role, the drafting and co-sign divisions by unit, the drafter by user. */
function searchVisibility(o: Omit<Access, 'state' | 'draftingUnitIsOffice'>): string[] {
  return [
    visibility.role('office_clerk'),
    visibility.role('office_director'),
    visibility.role('leader'),
    visibility.unit(o.drafting_unit_id),
    ...o.cosigns.map((c) => visibility.unit(c.unit_id)),
    visibility.user(o.drafter_id),
  ];
}

/** Who may change the text now: the drafter's side while drafting, each reviewer at their step, the office after numbering. */
function canEdit(actor: Actor, o: Access): boolean {
  switch (o.state) {
    case 'draft':
      return (
        o.drafter_id === actor.id ||
        (!!actor.unitId && actor.unitId === o.drafting_unit_id && hasRole(actor, 'staff', 'division_head', 'office_clerk', 'office_director'))
      );
    case 'division_review':
      return isDraftingHead(actor, o);
    case 'office_review':
    case 'numbered':
      return isOffice(actor);
    case 'cosign':
    case 'signoff':
    case 'issued':
    case 'archived':
      return false;
  }
}

/** Attachments travel with the text until it is issued: the office at every step, the drafting side while drafting. */
function mayAttach(actor: Actor, o: Access): boolean {
  if (!canSee(actor, o) || o.state === 'archived' || o.state === 'issued') return false;
  if (isOffice(actor)) return true;
  return o.state === 'draft' && (o.drafter_id === actor.id || actor.unitId === o.drafting_unit_id);
}

function rightsOf(actor: Actor, o: Access): OutgoingRights {
  return { mayAttach: mayAttach(actor, o), canEdit: canEdit(actor, o) };
}

/** Why the actor may not draft, or null when they may: a division's staff or head, or the office, drafting for their own unit. */
function createRefusal(actor: Actor): string | null {
  if (!hasRole(actor, 'staff', 'division_head', 'office_clerk', 'office_director')) return '只有处室工作人员、处室负责人和办公室人员可以拟稿';
  if (!actor.unitId) return '您没有所属处室，不能拟稿';
  return null;
}

const mayCreate = (actor: Actor): boolean => createRefusal(actor) === null;

export const outgoingPolicy = { canSee, listFilter, searchVisibility, rightsOf, mayCreate, createRefusal } satisfies ObjectPolicy<
  OutgoingObject,
  OutgoingRights
>;

export const outgoingAttachments = attachmentOwnerOf<OutgoingObject>('outgoing', loadOutgoing, outgoingPolicy);
