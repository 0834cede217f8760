import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument } from '../../core/search/search.service.js';
import { incomingPolicy } from './incoming.policy.js';
import type { IncomingObject } from './incoming.repo.js';

/** The search index entry of one document, written in the caller's transaction; its readers are the policy's. */
export async function indexIncoming(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, o: IncomingObject): Promise<void> {
  const body = [o.remarks, o.proposal_opinion, o.instruction, o.result, o.return_reason, o.void_reason].filter((x): x is string => !!x).join('\n');
  await indexDocument(trx, deps.dialect, {
    kind: 'incoming',
    id: o.id,
    title: o.title,
    body,
    tags: [o.reg_no, o.source_org, o.source_doc_number, o.doc_type, ...(o.archival_no ? [o.archival_no] : [])].filter((t) => t !== ''),
    visibility: incomingPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}
