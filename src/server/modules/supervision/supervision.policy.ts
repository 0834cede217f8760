import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { ObjectRights } from '../../../shared/rights.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { attachmentOwnerOf, type ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import { loadItem, type SupervisionObject } from './supervision.repo.js';
import type { SupervisionItemTable } from './supervision.tables.js';

/**
 * Who may see a 督办 item and what they may do with it: the office and
 * leaders see all; a division's head and staff the items it leads or
 * assists on. The workflow's moves have their own `who`.
 */

/** The office and the bureau's leaders see every item. */
export function seesAll(actor: Actor): boolean {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader');
}

/** A division's head or staff: the people who report on their division's items. */
export const inDivision = (actor: Actor): boolean => !!actor.unitId && hasRole(actor, 'division_head', 'staff');

const takesPart = (actor: Actor, o: Pick<SupervisionObject, 'units'>) => inDivision(actor) && o.units.some((u) => u.unit_id === actor.unitId);

function canSee(actor: Actor, o: Pick<SupervisionObject, 'units'>): boolean {
  return seesAll(actor) || takesPart(actor, o);
}

/** `canSee` in SQL, for lists, reports and exports: others never even count the rows. */
function listFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { s: SupervisionItemTable }, 's'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<SqlBool>`1 = 1`;
    if (!inDivision(actor) || !actor.unitId) return sql<SqlBool>`1 = 0`;
    const unit = actor.unitId;
    return eb.exists(
      eb
        .selectFrom('supervision_units as vu')
        .select(sql<number>`1`.as('one'))
        .whereRef('vu.item_id', '=', 's.id')
        .where('vu.unit_id', '=', unit),
    );
  };
}

/**
 * `canSee` as search tokens: the office and leaders by role, the head and
 * staff of the lead and assisting divisions by unit and role (a bare unit
 * token would also show the item to, say, a division's 保密员, whom `canSee`
 * refuses). Items indexed before this rule keep their unit tokens until
 * they are next indexed (报送进展, 申请销号, 销号).
 */
function searchVisibility(o: Pick<SupervisionObject, 'units'>): string[] {
  return [
    visibility.role('office_clerk'),
    visibility.role('office_director'),
    visibility.role('leader'),
    ...o.units.flatMap((u) => [visibility.unitRole(u.unit_id, 'division_head'), visibility.unitRole(u.unit_id, 'staff')]),
  ];
}

function rightsOf(actor: Actor, o: Pick<SupervisionObject, 'state' | 'units'>): ObjectRights {
  return { mayAttach: mayAttach(actor, o) };
}

/**
 * Evidence is kept as it was when the item was closed: nothing is added or
 * removed after 销号. The office may add material at any other time, a
 * suspended (暂缓) item included; the divisions attach their evidence while
 * they work and with their closure request, not while the item is suspended.
 */
function mayAttach(actor: Actor, o: Pick<SupervisionObject, 'state' | 'units'>): boolean {
  if (o.state === 'closed') return false;
  if (hasRole(actor, 'office_clerk', 'office_director')) return true;
  return (o.state === 'open' || o.state === 'in_progress' || o.state === 'closure_requested') && takesPart(actor, o);
}

/** 立项 is for the office and the bureau's leaders (API.md). */
function createRefusal(actor: Actor): string | null {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader') ? null : '只有办公室和局领导可以督办立项';
}

const mayCreate = (actor: Actor): boolean => createRefusal(actor) === null;

export const supervisionPolicy = { canSee, listFilter, searchVisibility, rightsOf, mayCreate, createRefusal } satisfies ObjectPolicy<SupervisionObject>;

export const supervisionAttachments = attachmentOwnerOf<SupervisionObject>('supervision', loadItem, supervisionPolicy);
