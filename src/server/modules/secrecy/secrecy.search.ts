import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { indexDocument } from '../../core/search/search.service.js';
import { carrierPolicy, sheetPolicy } from './secrecy.policy.js';
import { loadCarrier } from './secrecy.repo.js';
import { loadSheet, sheetTitle, sheetTexts } from './secrecy.inspection.repo.js';

/** A carrier's search entry (title and number, for its readers), in the caller's transaction after each write. */
export async function indexCarrier(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadCarrier(trx, id);
  if (!o) return;
  await indexDocument(trx, deps.dialect, {
    kind: 'carrier',
    id: o.id,
    title: `${o.number} ${o.title}`,
    body: o.source_org,
    tags: [o.number, o.source_doc_number].filter((x): x is string => !!x),
    visibility: carrierPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}

/** A 自查表's entry: its title and the notes and measures written on it. */
export async function indexSheet(deps: Pick<Deps, 'dialect'>, trx: Transaction<Database>, id: string): Promise<void> {
  const o = await loadSheet(trx, id);
  if (!o) return;
  await indexDocument(trx, deps.dialect, {
    kind: 'inspection',
    id: o.id,
    title: await sheetTitle(trx, o),
    body: (await sheetTexts(trx, o.id)).join('\n'),
    visibility: sheetPolicy.searchVisibility(o),
    updatedAt: o.updated_at,
  });
}
