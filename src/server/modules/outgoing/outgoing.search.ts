import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument, visibility } from '../../core/search/search.service.js';
import { draftOf, type OutgoingObject } from './outgoing.repo.js';

/**
 * The search entry of one 发文, in the caller's transaction. Tokens mirror
 * `canSeeOutgoing`: office and leaders by role, the drafting and co-sign
 * divisions by unit, the drafter by user.
 */
export async function indexOutgoing(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, o: OutgoingObject): Promise<void> {
  const draft = draftOf(o);
  await indexDocument(trx, deps.dialect, {
    kind: 'outgoing',
    id: o.id,
    title: o.title,
    body: [draft.body, ...draft.mainRecipients, ...draft.copyTo, o.return_comment ?? ''].join('\n'),
    tags: [o.doc_type, ...(o.doc_number ? [o.doc_number] : []), ...(o.archival_no ? [o.archival_no] : [])],
    visibility: [
      visibility.role('office_clerk'),
      visibility.role('office_director'),
      visibility.role('leader'),
      visibility.unit(o.drafting_unit_id),
      ...o.cosigns.map((c) => visibility.unit(c.unit_id)),
      visibility.user(o.drafter_id),
    ],
    updatedAt: o.updated_at,
  });
}
