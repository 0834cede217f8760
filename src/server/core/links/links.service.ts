import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { hooksFor, type LinkEventCatalogue, type LinkEventName, type ObjectLink, type ObjectRef } from './links.events.js';
import type { ObjectLinkTable } from './links.tables.js';

export type { LinkEventCatalogue, LinkEventName, LinkHook, LinkHookCall, ObjectLink, ObjectRef } from './links.events.js';
export { linkHook } from './links.events.js';

/** A transaction or the pool: reads may use either, writes take the caller's transaction. */
type Executor = Kysely<Database>;

export interface NewLink {
  source: ObjectRef;
  target: ObjectRef;
  relation: string;
  /** The instant of the write that makes the link (the caller's transaction time). */
  at: string;
  /** The user who made it. */
  by: string;
}

const toLink = (r: Selectable<ObjectLinkTable>): ObjectLink => ({
  id: r.id,
  source: { kind: r.source_kind, id: r.source_id },
  target: { kind: r.target_kind, id: r.target_id },
  relation: r.relation,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/**
 * Links two objects inside the caller's transaction, so the link commits
 * with the objects it joins. Each module checks its own rules (who may,
 * how many) before calling; the same link twice is a unique violation.
 */
export async function link(trx: Transaction<Database>, l: NewLink): Promise<ObjectLink> {
  const row = {
    id: uuidv7(),
    source_kind: l.source.kind,
    source_id: l.source.id,
    target_kind: l.target.kind,
    target_id: l.target.id,
    relation: l.relation,
    created_at: l.at,
    created_by: l.by,
  };
  await trx.insertInto('object_links').values(row).execute();
  return toLink(row);
}

/** Links leaving `source`, oldest first; optionally only those to one kind or of one relation. */
export async function linksFrom(db: Executor, source: ObjectRef, only: { targetKind?: string; relation?: string } = {}): Promise<ObjectLink[]> {
  let q = db.selectFrom('object_links').selectAll().where('source_kind', '=', source.kind).where('source_id', '=', source.id);
  if (only.targetKind) q = q.where('target_kind', '=', only.targetKind);
  if (only.relation) q = q.where('relation', '=', only.relation);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toLink);
}

/** Links arriving at `target`, oldest first; optionally only those from one kind or of one relation. */
export async function linksTo(db: Executor, target: ObjectRef, only: { sourceKind?: string; relation?: string } = {}): Promise<ObjectLink[]> {
  let q = db.selectFrom('object_links').selectAll().where('target_kind', '=', target.kind).where('target_id', '=', target.id);
  if (only.sourceKind) q = q.where('source_kind', '=', only.sourceKind);
  if (only.relation) q = q.where('relation', '=', only.relation);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toLink);
}

/**
 * Tells the objects linked with `<kind>`/`id` (either way) that `<event>`
 * happened, e.g. `linkEvent(deps, trx, 'supervision.closed', item.id, {...})`:
 * each linked object whose kind has a hook for that event gets it called, in
 * link order, inside `trx`. A hook that throws fails the firing transaction,
 * and a rollback undoes the hooks' writes too. Returns how many hooks ran.
 */
export async function linkEvent<E extends LinkEventName>(
  deps: Deps,
  trx: Transaction<Database>,
  on: E,
  id: string,
  payload: LinkEventCatalogue[E],
): Promise<number> {
  const listening = hooksFor(on);
  if (listening.size === 0) return 0;
  const kind = on.slice(0, on.indexOf('.'));
  const kinds = [...listening.keys()];
  const [arriving, leaving] = await Promise.all([
    trx.selectFrom('object_links').selectAll().where('target_kind', '=', kind).where('target_id', '=', id).where('source_kind', 'in', kinds).execute(),
    trx.selectFrom('object_links').selectAll().where('source_kind', '=', kind).where('source_id', '=', id).where('target_kind', 'in', kinds).execute(),
  ]);
  const calls = [
    ...arriving.map((r) => ({ link: toLink(r), peer: { kind: r.source_kind, id: r.source_id } })),
    ...leaving.map((r) => ({ link: toLink(r), peer: { kind: r.target_kind, id: r.target_id } })),
  ].sort((a, b) => a.link.createdAt.localeCompare(b.link.createdAt) || a.link.id.localeCompare(b.link.id));
  let ran = 0;
  for (const c of calls) {
    const hook = listening.get(c.peer.kind);
    if (!hook) continue;
    await hook.handle(deps, trx, { id: c.peer.id, link: c.link, payload });
    ran++;
  }
  return ran;
}
