import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';

/** One end of a link. */
export interface ObjectRef {
  kind: string;
  id: string;
}

export interface ObjectLink {
  id: string;
  source: ObjectRef;
  target: ObjectRef;
  relation: string;
  createdAt: string;
  createdBy: string;
}

/**
 * What an object may tell the objects linked with it, `<kind>.<event>` → the
 * payload. Each module adds its own events by declaration merging
 * (`declare module '../../core/links/links.events.js'`), so a reacting
 * module gets the payload typed without importing the firing one.
 */
export interface LinkEventCatalogue {}

export type LinkEventName = keyof LinkEventCatalogue & string;

/** What a hook is called with: its own object, the link that reached it, and the event's payload. */
export interface LinkHookCall<E extends LinkEventName> {
  /** The id of the reacting module's object (of the hook's `kind`). */
  id: string;
  link: ObjectLink;
  payload: LinkEventCatalogue[E];
}

/**
 * A module's reaction to an event of an object linked with one of its own,
 * whichever way the link points: "when a `supervision` item linked with an
 * `incoming` document is closed, write the result on the document". It runs
 * inside the firing transaction, so both writes commit or fail together.
 */
export interface LinkHook<E extends LinkEventName = LinkEventName> {
  /** `<kind>.<event>` of the firing object, e.g. `supervision.closed`. */
  on: E;
  /** The kind of the reacting module's objects. */
  kind: string;
  handle(deps: Deps, trx: Transaction<Database>, call: LinkHookCall<E>): Promise<void>;
}

/** Infers the event's payload type for a hook written inline. */
export const linkHook = <E extends LinkEventName>(hook: LinkHook<E>): LinkHook<E> => hook;

const hooks = new Map<string, LinkHook>();
const keyOf = (on: string, kind: string) => `${on}→${kind}`;

/**
 * Called when the modules are installed. One hook per event and reacting
 * kind: registering again replaces it (each test builds its own app; the
 * last registration is the live one). Returns the undo, for tests that
 * listen in for a while.
 */
export function registerLinkHook(hook: LinkHook): () => void {
  if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/u.test(hook.on)) throw new Error(`invalid link event: ${hook.on}`);
  const key = keyOf(hook.on, hook.kind);
  const before = hooks.get(key);
  hooks.set(key, hook);
  return () => {
    if (before) hooks.set(key, before);
    else hooks.delete(key);
  };
}

/** The hooks listening to `<kind>.<event>`, by the kind they react for. */
export function hooksFor(on: string): Map<string, LinkHook> {
  const out = new Map<string, LinkHook>();
  for (const h of hooks.values()) if (h.on === on) out.set(h.kind, h);
  return out;
}
