import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { IncomingFilter } from '../../../shared/incoming.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import { type DocRow, likeText, urgentRank } from './incoming.repo.js';
import type { IncomingDocTable, IncomingUnitTable } from './incoming.tables.js';

/* The list-shaped reads: the ledger and its export, the statistics, the to-do candidates. */

/** A condition on `incoming_docs as d`: the policy's list filter is one. */
export type IncomingWhere = (eb: ExpressionBuilder<Database & { d: IncomingDocTable }, 'd'>) => Expression<SqlBool>;

/** What narrows the ledger: who may see, the user's filters, today (for 超期) and the search service's hits for the keyword. */
export interface LedgerWhere {
  visible: IncomingWhere;
  filter: IncomingFilter;
  day: string;
  keywordHits: readonly string[];
}

function ledgerQuery(db: Executor, { visible, filter: f, day, keywordHits }: LedgerWhere) {
  let qb = db.selectFrom('incoming_docs as d').where(visible);
  if (f.state) qb = qb.where('d.state', '=', f.state);
  if (f.urgency) qb = qb.where('d.urgency', '=', f.urgency);
  if (f.kind) qb = qb.where('d.kind', '=', f.kind);
  if (f.sourceOrg) {
    const org = f.sourceOrg;
    qb = qb.where((eb) => likeText(eb, 'd.source_org', org));
  }
  if (f.from) qb = qb.where('d.received_date', '>=', f.from);
  if (f.to) qb = qb.where('d.received_date', '<=', f.to);
  if (f.divisionId) {
    const unit = f.divisionId;
    qb = qb.where((eb) =>
      eb.exists(eb.selectFrom('incoming_units as fu').select('fu.doc_id').whereRef('fu.doc_id', '=', 'd.id').where('fu.unit_id', '=', unit)),
    );
  }
  if (f.overdue !== undefined) {
    qb = f.overdue
      ? qb.where('d.state', 'in', ['handling', 'circulating']).where('d.handling_deadline', '<', day)
      : qb.where((eb) =>
          eb.or([eb('d.state', 'not in', ['handling', 'circulating']), eb('d.handling_deadline', 'is', null), eb('d.handling_deadline', '>=', day)]),
        );
  }
  if (f.q) {
    const q = f.q;
    // Numbers and senders match literally; words also through the search service's hits.
    qb = qb.where((eb) =>
      eb.or([
        likeText(eb, 'd.reg_no', q),
        likeText(eb, 'd.source_doc_number', q),
        likeText(eb, 'd.source_org', q),
        likeText(eb, 'd.title', q),
        ...(keywordHits.length > 0 ? [eb('d.id', 'in', [...keywordHits])] : []),
      ]),
    );
  }
  return qb;
}

/** One page of the ledger, open and urgent first, then newest. */
export async function ledgerPage(db: Executor, where: LedgerWhere, page: { page: number; pageSize: number }): Promise<{ rows: DocRow[]; total: number }> {
  const qb = ledgerQuery(db, where);
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll('d')
    .orderBy(urgentRank)
    .orderBy('d.received_date', 'desc')
    .orderBy('d.reg_year', 'desc')
    .orderBy('d.reg_seq', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** The ledger in registration order, at most `limit` rows. */
export async function ledgerRows(db: Executor, where: LedgerWhere, limit: number): Promise<DocRow[]> {
  return ledgerQuery(db, where).selectAll('d').orderBy('d.reg_year').orderBy('d.reg_seq').limit(limit).execute();
}

export async function unitsOfDocs(db: Executor, ids: readonly string[]): Promise<IncomingUnitTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('incoming_units')
    .select(['doc_id', 'unit_id', 'role'])
    .where('doc_id', 'in', [...ids])
    .execute();
}

/** The visible documents received in `year` that are work to be done (not voided or returned), with their lead division. */
export async function statsRows(db: Executor, visible: IncomingWhere, year: number) {
  return db
    .selectFrom('incoming_docs as d')
    .leftJoin('incoming_units as u', (j) => j.onRef('u.doc_id', '=', 'd.id').on('u.role', '=', 'lead'))
    .select(['d.state', 'd.received_date', 'd.handling_deadline', 'd.completed_at', 'u.unit_id'])
    .where(visible)
    .where('d.received_date', '>=', `${year}-01-01`)
    .where('d.received_date', '<=', `${year}-12-31`)
    .where('d.state', 'not in', ['voided', 'returned'])
    .execute();
}

/** Whom a to-do may be for: the reader, the states the actor's roles act in, the instructing leader, the taking-part division. */
export interface TodoReach {
  userId: string;
  states: readonly DocRow['state'][];
  instructedBy: string | null;
  unitId: string | null;
}

/** Ids of documents that may be on the actor's desk (at most 500); the workflow decides which are. */
export async function todoCandidateIds(db: Executor, reach: TodoReach): Promise<string[]> {
  const rows = await db
    .selectFrom('incoming_docs as d')
    .select('d.id')
    .where((eb) => {
      const ors = [
        eb.and([
          // 传阅 alone, or beside a division's 承办.
          eb('d.state', 'in', ['circulating', 'handling']),
          eb.exists(
            eb
              .selectFrom('incoming_readers as r')
              .select('r.doc_id')
              .whereRef('r.doc_id', '=', 'd.id')
              .where('r.user_id', '=', reach.userId)
              .where('r.read_at', 'is', null),
          ),
        ]),
      ];
      if (reach.states.length > 0) ors.push(eb('d.state', 'in', [...new Set(reach.states)]));
      if (reach.instructedBy !== null) ors.push(eb.and([eb('d.state', '=', 'handling'), eb('d.instructed_by', '=', reach.instructedBy)]));
      if (reach.unitId !== null) {
        const unit = reach.unitId;
        ors.push(
          eb.and([
            eb('d.state', '=', 'handling'),
            eb.exists(eb.selectFrom('incoming_units as u').select('u.doc_id').whereRef('u.doc_id', '=', 'd.id').where('u.unit_id', '=', unit)),
          ]),
        );
      }
      return eb.or(ors);
    })
    .limit(500)
    .execute();
  return rows.map((r) => r.id);
}
