import type { ObjectRights } from '../../shared/rights.js';
import type { Deps } from './deps.js';
import type { AttachmentOwner } from './files/files.owners.js';
import type { Actor } from './http/actor.js';

/**
 * Who may see an object and what they may do with it, written once per
 * module in `<m>.policy.ts`. The workflow's `canSee`, the list filter in SQL,
 * the search index's visibility tokens, the attachment owner and the
 * `rights` sent with each object all come from it, so they cannot drift
 * apart.
 */
export interface ObjectPolicy<O, R extends ObjectRights = ObjectRights> {
  canSee(actor: Actor, o: O): boolean;
  /** `canSee` in SQL, row by row the same answer: a Kysely where-expression over the module's own table alias. */
  listFilter(actor: Actor): unknown;
  /** The search index's tokens for the object: the same readers as `canSee`. */
  searchVisibility(o: O): string[];
  /** What the actor may do with the object now; sent with the object as `rights`. */
  rightsOf(actor: Actor, o: O): R;
  /** May the actor create one (the module's create route and the ledger's button)? */
  mayCreate(actor: Actor): boolean;
  /** Why not, in the 403's Chinese message; null when `mayCreate`. */
  createRefusal(actor: Actor): string | null;
}

/** The attachment owner a policy implies: seeing the object lets one see its files, `mayAttach` lets one add or remove them. */
export function attachmentOwnerOf<O>(
  kind: string,
  load: (db: Deps['db'], id: string) => Promise<O | undefined>,
  policy: Pick<ObjectPolicy<O>, 'canSee' | 'rightsOf'>,
): AttachmentOwner {
  return {
    kind,
    async canSee(deps, actor, id) {
      const o = await load(deps.db, id);
      return o !== undefined && policy.canSee(actor, o);
    },
    async canAttach(deps, actor, id) {
      const o = await load(deps.db, id);
      return o !== undefined && policy.canSee(actor, o) && policy.rightsOf(actor, o).mayAttach;
    },
  };
}
