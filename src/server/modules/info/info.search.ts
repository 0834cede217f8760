import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument } from '../../core/search/search.service.js';
import { infoPolicy, requestPolicy } from './info.policy.js';
import { loadItem, loadRequest } from './info.repo.js';

/** The item's search entry, in the caller's transaction, after each write that changes its text or its readers. */
export async function indexItem(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadItem(trx, id);
  if (!o) return;
  await indexDocument(trx, deps.dialect, {
    kind: 'info',
    id: o.id,
    title: o.title,
    body: [o.summary, o.body].filter((x): x is string => !!x).join('\n'),
    tags: o.serial_no ? [o.serial_no] : [],
    visibility: infoPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}

/** A 约稿's search entry: its topic and requirements, for the office, leaders and its division. */
export async function indexRequest(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, id: string): Promise<void> {
  const r = await loadRequest(trx, id);
  if (!r) return;
  await indexDocument(trx, deps.dialect, {
    kind: 'info_request',
    id: r.id,
    title: `${r.number} ${r.topic}`,
    body: r.requirements,
    tags: [r.number],
    visibility: requestPolicy.searchVisibility(r),
    updatedAt: r.updated_at,
  });
}
