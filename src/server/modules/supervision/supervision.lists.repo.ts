import { type Expression, type ExpressionBuilder, sql, type SqlBool } from 'kysely';
import type { SupervisionFilter } from '../../../shared/supervision.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { contains } from '../../core/db/like.js';
import type { ItemRow } from './supervision.repo.js';
import type { SupervisionItemTable } from './supervision.tables.js';

/* The list-shaped reads: the ledger (督办台账), its export and import check, the division view and the to-dos. */

/** A condition on `supervision_items as s`: the policy's list filter is one. */
export type SupervisionWhere = (eb: ExpressionBuilder<Database & { s: SupervisionItemTable }, 's'>) => Expression<SqlBool>;

/** What narrows the ledger: who may see, the user's filters, and the search service's hits for the keyword. */
export interface LedgerWhere {
  visible: SupervisionWhere;
  filter: SupervisionFilter;
  keywordHits: readonly string[];
}

/** The filtered, visible items as a query, not yet ordered or paged. */
function ledgerQuery(db: Executor, { visible, filter: f, keywordHits }: LedgerWhere) {
  let qb = db.selectFrom('supervision_items as s').where(visible);
  if (f.state) qb = qb.where('s.state', '=', f.state);
  if (f.source) qb = qb.where('s.source', '=', f.source);
  if (f.kind) qb = qb.where('s.kind', '=', f.kind);
  if (f.from) qb = qb.where('s.assigned_date', '>=', f.from);
  if (f.to) qb = qb.where('s.assigned_date', '<=', f.to);
  if (f.divisionId) {
    const unit = f.divisionId;
    qb = qb.where((eb) =>
      eb.exists(eb.selectFrom('supervision_units as fu').select('fu.item_id').whereRef('fu.item_id', '=', 's.id').where('fu.unit_id', '=', unit)),
    );
  }
  if (f.q) {
    const q = f.q;
    // Numbers and references match literally; words also through the search service's hits.
    qb = qb.where((eb) =>
      eb.or([
        contains(eb.ref('s.number'), q),
        contains(eb.ref('s.title'), q),
        contains(eb.ref('s.source_ref'), q),
        contains(eb.ref('s.legacy_number'), q),
        ...(keywordHits.length > 0 ? [eb('s.id', 'in', [...keywordHits])] : []),
      ]),
    );
  }
  return qb;
}

/** Open work first, by deadline; closed items last, newest first. */
const stateRank = sql<number>`case s.state when 'closure_requested' then 0 when 'in_progress' then 1 when 'open' then 1 when 'suspended' then 2 else 3 end`;

/** One page of the ledger, in ledger order, and how many rows the filters let through. */
export async function ledgerPage(db: Executor, where: LedgerWhere, page: { page: number; pageSize: number }): Promise<{ rows: ItemRow[]; total: number }> {
  const qb = ledgerQuery(db, where);
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll('s')
    .orderBy(stateRank)
    .orderBy('s.deadline')
    .orderBy('s.num_year')
    .orderBy('s.num_seq')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** The ledger in its order, at most `limit` rows. */
export async function ledgerInOrder(db: Executor, where: LedgerWhere, limit: number): Promise<ItemRow[]> {
  return ledgerQuery(db, where).selectAll('s').orderBy(stateRank).orderBy('s.deadline').orderBy('s.num_year').orderBy('s.num_seq').limit(limit).execute();
}

/** Every row under the filters, in ledger order, with only the columns a light needs (lights are computed, not stored). */
export async function ledgerLightRows(db: Executor, where: LedgerWhere) {
  return ledgerQuery(db, where)
    .select(['s.id', 's.state', 's.deadline', 's.created_at', 's.last_update_at', 's.closure_requested_at'])
    .orderBy(stateRank)
    .orderBy('s.deadline')
    .orderBy('s.num_year')
    .orderBy('s.num_seq')
    .execute();
}

/** Full rows of `ids`, in the order given; ids that do not exist are left out. */
export async function itemsInOrder(db: Executor, ids: readonly string[]): Promise<ItemRow[]> {
  const byId = new Map<string, ItemRow>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db
      .selectFrom('supervision_items')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      byId.set(r.id, r);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The text of each item's newest progress report, for the items of `ids` that have one. */
export async function latestUpdateContents(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    // Oldest first, so the newest report of each item is the one left in the map.
    for (const u of await db.selectFrom('supervision_updates').select(['item_id', 'content', 'at']).where('item_id', 'in', chunk).orderBy('at').execute())
      latest.set(u.item_id, u.content);
  }
  return latest;
}

/** The columns the export has beyond a list item's, of the items `ids`. */
export async function exportDetails(db: Executor, ids: readonly string[]) {
  const out: Pick<ItemRow, 'id' | 'content' | 'instruction' | 'assigned_date' | 'review_comment' | 'remarks' | 'legacy_number'>[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('supervision_items')
        .select(['id', 'content', 'instruction', 'assigned_date', 'review_comment', 'remarks', 'legacy_number'])
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return out;
}

/** Items whose number or old (imported) number is one of `numbers`. */
export async function itemsNumbered(db: Executor, numbers: readonly string[]): Promise<Pick<ItemRow, 'number' | 'legacy_number'>[]> {
  const out: Pick<ItemRow, 'number' | 'legacy_number'>[] = [];
  for (let i = 0; i < numbers.length; i += 500) {
    const chunk = numbers.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('supervision_items')
        .select(['number', 'legacy_number'])
        .where((eb) => eb.or([eb('number', 'in', chunk), eb('legacy_number', 'in', chunk)]))
        .execute()),
    );
  }
  return out;
}

// ── the division view (本处室督办) ──

/** The unit's items still being worked on (立项, 办理中, 待销号), by deadline, with the unit's role in each. */
export async function openItemsOfUnit(db: Executor, unitId: string) {
  return db
    .selectFrom('supervision_items as s')
    .innerJoin('supervision_units as u', 'u.item_id', 's.id')
    .selectAll('s')
    .select('u.role as unit_role')
    .where('u.unit_id', '=', unitId)
    .where('s.state', 'in', ['open', 'in_progress', 'closure_requested'])
    .orderBy('s.deadline')
    .execute();
}

/** Which of `itemIds` have an extension request awaiting the leader. */
export async function itemsWithPendingExtension(db: Executor, itemIds: readonly string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('supervision_extensions')
    .select('item_id')
    .where('state', '=', 'pending')
    .where('item_id', 'in', [...itemIds])
    .execute();
  return rows.map((r) => r.item_id);
}

/** How many weekly updates the unit missed in `week`'s year (ISO weeks, `2026-W07`). */
export async function missedCountInYear(db: Executor, unitId: string, week: string): Promise<number> {
  const row = await db
    .selectFrom('supervision_missed')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('week', 'like', `${week.slice(0, 4)}-W%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── to-dos ──

/** Items awaiting a leader (at most 500): a closure request, or an open item's pending extension request. */
export async function itemsAwaitingLeader(db: Executor) {
  return db
    .selectFrom('supervision_items as s')
    .select(['s.id', 's.number', 's.title', 's.deadline', 's.state'])
    .where((eb) =>
      eb.or([
        eb('s.state', '=', 'closure_requested'),
        eb.and([
          eb('s.state', 'in', ['open', 'in_progress']),
          eb.exists(eb.selectFrom('supervision_extensions as e').select('e.id').whereRef('e.item_id', '=', 's.id').where('e.state', '=', 'pending')),
        ]),
      ]),
    )
    .limit(500)
    .execute();
}

/** Open items (立项, 办理中) the division leads, at most 500. */
export async function openItemsLedBy(db: Executor, divisionId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('supervision_items as s')
    .selectAll('s')
    .where('s.lead_division_id', '=', divisionId)
    .where('s.state', 'in', ['open', 'in_progress'])
    .limit(500)
    .execute();
}
