import type { Db } from '../../src/server/core/db/connect.js';
import { type SearchDocumentInput, visibility } from '../../src/server/core/search/search.service.js';
import { type Cell, columnsOf, insertRows, tableExists } from '../lib/db.js';
import type { Rng } from '../lib/prng.js';
import { type Vocab, makeBody, makeTitle } from '../lib/vocab.js';
import type { AuditSink } from './audit.js';
import type { Org } from './org.js';

/**
 * 督办事项 with their weekly updates (一周一督), written with batched inserts
 * into the supervision module's tables (supervision_items, supervision_units,
 * supervision_updates), following src/server/modules/supervision/
 * supervision.tables.ts; keep it in step. The module is being written while
 * this runs: only columns its current migration created are filled, and
 * nothing is generated when its tables do not exist yet (reported as a gap).
 */
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function isoWeek(ms: number): string {
  // Beijing time, as the module counts weeks.
  const d = new Date(ms + 8 * 3_600_000);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const y = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / DAY - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${y}-W${String(week).padStart(2, '0')}`;
}

export async function generateSupervision(
  db: Db,
  r: Rng,
  v: Vocab,
  org: Org,
  audit: AuditSink,
  opts: { count: number; fromMs: number; nowMs: number; progress: (n: number) => void },
): Promise<{ count: number; updates: number; search: SearchDocumentInput[]; missing: boolean }> {
  if (!(await tableExists(db, 'supervision_items'))) return { count: 0, updates: 0, search: [], missing: true };
  const itemCols = new Set(await columnsOf(db, 'supervision_items'));
  const updCols = new Set(await columnsOf(db, 'supervision_updates'));
  const keep = (cols: Set<string>, row: Record<string, Cell>) => Object.fromEntries(Object.entries(row).filter(([k]) => cols.has(k)));
  const span = opts.nowMs - opts.fromMs;
  const perYear = new Map<number, number>();
  const search: SearchDocumentInput[] = [];
  let items: Record<string, Cell>[] = [];
  let units: Record<string, Cell>[] = [];
  let updates: Record<string, Cell>[] = [];
  let updateCount = 0;
  const flush = async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await insertRows(trx, 'supervision_items', items);
      await insertRows(trx, 'supervision_units', units);
      await insertRows(trx, 'supervision_updates', updates);
    });
    items = [];
    units = [];
    updates = [];
  };
  for (let i = 0; i < opts.count; i++) {
    const ms = opts.fromMs + Math.floor((span * (i + r.next())) / opts.count);
    const year = new Date(ms).getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const id = r.uuid(ms);
    const lead = r.pick(org.divisions);
    const head = org.heads.get(lead.id) ?? r.pick(org.leaders);
    const staff = r.pick(org.byUnit.get(lead.id) ?? [head]);
    const creator = r.pick(org.users.filter((u) => u.unitId === org.office.id));
    const weeks = r.between(2, 16);
    const deadlineMs = ms + weeks * 7 * DAY;
    const ended = deadlineMs + r.between(-10, 10) * DAY < opts.nowMs;
    const state = ended
      ? r.weighted([
          ['closed', 92],
          ['suspended', 3],
          ['in_progress', 5],
        ])
      : r.weighted([
          ['in_progress', 80],
          ['open', 10],
          ['closure_requested', 10],
        ]);
    const title = makeTitle(r, v, '')
      .replace(/^关于/, '督办：')
      .replace(/的[^的]{0,3}$/, '');
    const content = makeBody(r, v, r.between(120, 400));
    let lastUpdate: number | null = null;
    let percent = 0;
    const untilMs = Math.min(opts.nowMs, deadlineMs);
    for (let w = ms + 7 * DAY; w <= untilMs; w += 7 * DAY) {
      percent = Math.min(100, percent + r.between(5, 25));
      lastUpdate = w;
      updateCount++;
      updates.push(
        keep(updCols, {
          id: r.uuid(w),
          item_id: id,
          week: isoWeek(w),
          content: r.pick(v.sentences),
          percent,
          coordination: r.chance(0.05) ? r.pick(v.sentences) : null,
          unit_id: lead.id,
          unit_name: lead.name,
          user_id: staff.id,
          user_name: staff.name,
          at: iso(w),
        }),
      );
      audit.add(w, 'supervision.update', staff, 'supervision', id, { week: isoWeek(w), percent });
    }
    const closed = state === 'closed';
    items.push(
      keep(itemCols, {
        id,
        state,
        version: 2 + (lastUpdate ? 1 : 0) + (closed ? 2 : 0),
        updated_at: iso(lastUpdate ?? ms),
        number: `督〔${year}〕${seq}号`,
        num_year: year,
        num_seq: seq,
        title,
        content,
        source: r.pick(['party_meeting', 'director_meeting', 'leader_instruction', 'superior_assigned', 'key_meeting', 'hot_issue']),
        source_ref: null,
        instruction: r.chance(0.5) ? `请${lead.name}抓紧落实，按时报送进展。` : null,
        kind: r.weighted([
          ['active', 6],
          ['key', 3],
          ['concentrated', 1],
        ]),
        lead_division_id: lead.id,
        owner_id: staff.id,
        owner_name: staff.name,
        assigned_date: iso(ms).slice(0, 10),
        deadline: iso(deadlineMs).slice(0, 10),
        original_deadline: iso(deadlineMs).slice(0, 10),
        percent: closed ? 100 : percent,
        created_by: creator.id,
        created_by_name: creator.name,
        created_at: iso(ms),
        last_update_at: lastUpdate ? iso(lastUpdate) : null,
        closure_result: closed ? r.pick(v.sentences) : null,
        closure_requested_at: closed || state === 'closure_requested' ? iso(untilMs) : null,
        closed_at: closed ? iso(untilMs + DAY) : null,
        closed_by_name: closed ? r.pick(org.leaders).name : null,
        review_comment: null,
        suspend_reason: state === 'suspended' ? '根据工作安排暂缓办理' : null,
        incoming_id: null,
        remarks: null,
        legacy_number: null,
      }),
    );
    units.push({ item_id: id, unit_id: lead.id, role: 'lead' });
    audit.add(ms, 'supervision.create', creator, 'supervision', id, {});
    if (closed) audit.add(Math.min(untilMs + DAY, opts.nowMs - 1), 'supervision.close', r.pick(org.leaders), 'supervision', id, {});
    search.push({
      kind: 'supervision',
      id,
      title,
      body: content,
      tags: [`督〔${year}〕${seq}号`],
      visibility: [visibility.role('office_clerk'), visibility.role('office_director'), visibility.role('leader'), visibility.unit(lead.id)],
      updatedAt: iso(lastUpdate ?? ms),
    });
    if (items.length >= 1000) {
      await flush();
      opts.progress(i + 1);
    }
  }
  await flush();
  opts.progress(opts.count);
  await insertRows(
    db.kysely,
    'counters',
    [...perYear].map(([year, n]): Record<string, Cell> => ({ key: `supervision:${year}`, value: n })),
  );
  return { count: opts.count, updates: updateCount, search, missing: false };
}
