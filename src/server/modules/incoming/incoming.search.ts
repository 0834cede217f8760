import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument, visibility } from '../../core/search/search.service.js';
import type { IncomingObject } from './incoming.repo.js';

/**
 * The search index entry of one document, written in the caller's
 * transaction. Its tokens mirror `canSeeIncoming`: the office and leaders by
 * role, the lead and assisting divisions by unit, readers by user.
 */
export async function indexIncoming(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, o: IncomingObject): Promise<void> {
  const tokens = [
    visibility.role('office_clerk'),
    visibility.role('office_director'),
    visibility.role('leader'),
    ...o.units.map((u) => visibility.unit(u.unit_id)),
    ...o.readers.map((r) => visibility.user(r.user_id)),
  ];
  const body = [o.remarks, o.proposal_opinion, o.instruction, o.result, o.return_reason, o.void_reason].filter((x): x is string => !!x).join('\n');
  await indexDocument(trx, deps.dialect, {
    kind: 'incoming',
    id: o.id,
    title: o.title,
    body,
    tags: [o.reg_no, o.source_org, o.source_doc_number, o.doc_type, ...(o.archival_no ? [o.archival_no] : [])].filter((t) => t !== ''),
    visibility: tokens,
    updatedAt: o.updated_at,
  });
}
