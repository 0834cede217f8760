import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument } from '../../core/search/search.service.js';
import { petitionPolicy } from './petition.policy.js';
import { loadItem } from './petition.repo.js';

/**
 * The petition's search entry, in the caller's transaction, after each write
 * that changes its text or its readers. Number, 事由, content and the answer:
 * never the petitioner's personal data (only sealed in the table).
 */
export async function indexItem(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadItem(trx, id);
  if (!o) return;
  await indexDocument(trx, deps.dialect, {
    kind: 'petition',
    id: o.id,
    title: `${o.number} ${o.subject}`,
    body: [o.content, o.reply_text].filter((x): x is string => !!x).join('\n'),
    visibility: petitionPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}
