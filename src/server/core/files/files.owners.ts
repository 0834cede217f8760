import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';

/**
 * How a module lets the attachment service know who may see and who may add
 * attachments to its objects. The service asks the owner, never the owner's
 * tables: permission stays with the module that owns the object.
 */
export interface AttachmentOwner {
  /** The path segment in `/api/<kind>/<id>/attachments`, e.g. `incoming`. */
  kind: string;
  /** May the actor see the object (and so its attachments)? False → 404. */
  canSee(deps: Deps, actor: Actor, id: string): Promise<boolean>;
  /** May the actor add (or remove) attachments now? False for someone who may see → 403. */
  canAttach(deps: Deps, actor: Actor, id: string): Promise<boolean>;
}

const owners = new Map<string, AttachmentOwner>();

/**
 * Called from a module's `register`. Registering a kind again replaces it
 * (each test builds its own app; the last registration is the live one).
 */
export function registerAttachmentOwner(owner: AttachmentOwner): void {
  if (!/^[a-z][a-z0-9_-]{0,39}$/u.test(owner.kind)) throw new Error(`invalid attachment owner kind: ${owner.kind}`);
  owners.set(owner.kind, owner);
}

export function attachmentOwner(kind: string): AttachmentOwner | undefined {
  return owners.get(kind);
}
