import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { FINAL_STATES } from '../../../shared/incoming.js';
import type { ObjectRights } from '../../../shared/rights.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { attachmentOwnerOf, type ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import { type IncomingObject, loadIncoming } from './incoming.repo.js';
import type { IncomingDocTable } from './incoming.tables.js';

/**
 * Who may see a 收文 and what they may do with it (API.md's read rule): the
 * office and leaders see all; a division what it leads or assists on; a
 * reader what was sent to them. The workflow's moves have their own `who`.
 */

/** The office and the bureau's leaders see every incoming document. */
export function seesAll(actor: Actor): boolean {
  return hasRole(actor, 'office_clerk', 'office_director', 'leader');
}

function canSee(actor: Actor, o: Pick<IncomingObject, 'units' | 'readers'>): boolean {
  if (seesAll(actor)) return true;
  if (actor.unitId && o.units.some((u) => u.unit_id === actor.unitId)) return true;
  return o.readers.some((r) => r.user_id === actor.id);
}

/** `canSee` in SQL, for lists, statistics and exports, row by row the same answer. */
function listFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { d: IncomingDocTable }, 'd'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<SqlBool>`1 = 1`;
    const ors: Expression<SqlBool>[] = [
      eb.exists(
        eb
          .selectFrom('incoming_readers as r')
          .select(sql<number>`1`.as('one'))
          .whereRef('r.doc_id', '=', 'd.id')
          .where('r.user_id', '=', actor.id),
      ),
    ];
    if (actor.unitId) {
      ors.push(
        eb.exists(
          eb
            .selectFrom('incoming_units as u')
            .select(sql<number>`1`.as('one'))
            .whereRef('u.doc_id', '=', 'd.id')
            .where('u.unit_id', '=', actor.unitId),
        ),
      );
    }
    return eb.or(ors);
  };
}

/** `canSee` as search tokens: the office and leaders by role, the lead and assisting divisions by unit, readers by user. */
function searchVisibility(o: Pick<IncomingObject, 'units' | 'readers'>): string[] {
  return [
    visibility.role('office_clerk'),
    visibility.role('office_director'),
    visibility.role('leader'),
    ...o.units.map((u) => visibility.unit(u.unit_id)),
    ...o.readers.map((r) => visibility.user(r.user_id)),
  ];
}

function rightsOf(actor: Actor, o: Pick<IncomingObject, 'state' | 'units'>): ObjectRights {
  return { mayAttach: mayAttach(actor, o) };
}

/** The office until the file is closed; the divisions add their drafts and replies while they handle it. */
function mayAttach(actor: Actor, o: Pick<IncomingObject, 'state' | 'units'>): boolean {
  if (FINAL_STATES.includes(o.state)) return false;
  if (hasRole(actor, 'office_clerk', 'office_director')) return true;
  return o.state === 'handling' && !!actor.unitId && o.units.some((u) => u.unit_id === actor.unitId);
}

/** 登记 is the office clerk's (机要): the role that handles the paper. */
function createRefusal(actor: Actor): string | null {
  return hasRole(actor, 'office_clerk') ? null : '只有办公室文秘（机要）人员可以登记收文';
}

const mayCreate = (actor: Actor): boolean => createRefusal(actor) === null;

export const incomingPolicy = { canSee, listFilter, searchVisibility, rightsOf, mayCreate, createRefusal } satisfies ObjectPolicy<IncomingObject>;

export const incomingAttachments = attachmentOwnerOf<IncomingObject>('incoming', loadIncoming, incomingPolicy);
