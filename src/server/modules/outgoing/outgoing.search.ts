import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument } from '../../core/search/search.service.js';
import { outgoingPolicy } from './outgoing.policy.js';
import { draftOf, type OutgoingObject } from './outgoing.repo.js';

/** The search entry of one 发文, in the caller's transaction; its readers are the policy's. */
export async function indexOutgoing(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, o: OutgoingObject): Promise<void> {
  const draft = draftOf(o);
  await indexDocument(trx, deps.dialect, {
    kind: 'outgoing',
    id: o.id,
    title: o.title,
    body: [draft.body, ...draft.mainRecipients, ...draft.copyTo, o.return_comment ?? ''].join('\n'),
    tags: [o.doc_type, ...(o.doc_number ? [o.doc_number] : []), ...(o.archival_no ? [o.archival_no] : [])],
    visibility: outgoingPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}
