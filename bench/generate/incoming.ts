import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/core/db/database.js';
import { type SearchDocumentInput, visibility } from '../../src/server/core/search/search.service.js';
import { type Cell, insertRows } from '../lib/db.js';
import type { Rng } from '../lib/prng.js';
import { type Vocab, makeBody, makeTitle } from '../lib/vocab.js';
import type { AuditSink } from './audit.js';
import type { Org, OrgUser } from './org.js';

/**
 * 收文 of ten years, written with batched inserts into the incoming module's
 * tables (incoming_docs, incoming_units, incoming_readers, incoming_feedback),
 * its workflow history and attachments, because registerInTransaction costs a
 * transaction, an audit append and an index write per document. Follows
 * src/server/modules/incoming/incoming.tables.ts and incoming.search.ts (the
 * search entry is built the same way, plus the attachment's text); keep it in
 * step with them. Lifecycle events go to the audit sink.
 */
const DAY = 86_400_000;

export interface IncomingResult {
  count: number;
  search: SearchDocumentInput[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

export async function generateIncoming(
  db: Kysely<Database>,
  r: Rng,
  v: Vocab,
  org: Org,
  audit: AuditSink,
  opts: { count: number; fromMs: number; nowMs: number; progress: (n: number) => void },
): Promise<IncomingResult> {
  const span = opts.nowMs - opts.fromMs;
  const perYear = new Map<number, number>();
  const perSender = new Map<string, number>();
  const search: SearchDocumentInput[] = [];
  let docs: Record<string, Cell>[] = [];
  let units: Record<string, Cell>[] = [];
  let readers: Record<string, Cell>[] = [];
  let feedback: Record<string, Cell>[] = [];
  let history: Record<string, Cell>[] = [];
  let attachments: Record<string, Cell>[] = [];
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'incoming_docs', docs);
      await insertRows(trx, 'incoming_units', units);
      await insertRows(trx, 'incoming_readers', readers);
      await insertRows(trx, 'incoming_feedback', feedback);
      await insertRows(trx, 'workflow_history', history);
      await insertRows(trx, 'attachments', attachments);
    });
    docs = [];
    units = [];
    readers = [];
    feedback = [];
    history = [];
    attachments = [];
  };
  const senders = v.senders;
  for (let i = 0; i < opts.count; i++) {
    // Received dates in order, with jitter: the ledger numbers them per year as the office did.
    const ms = opts.fromMs + Math.floor((span * (i + r.next())) / opts.count);
    const year = new Date(ms).getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const id = r.uuid(ms);
    const ageDays = (opts.nowMs - ms) / DAY;
    const state: string =
      ageDays < 3
        ? r.pick(['registered', 'proposed'])
        : ageDays < 45
          ? r.weighted([
              ['handling', 60],
              ['circulating', 15],
              ['completed', 20],
              ['proposed', 5],
            ])
          : r.weighted([
              ['archived', 75],
              ['completed', 17],
              ['voided', 3],
              ['returned', 3],
              ['handling', 2],
            ]);
    const kind = state === 'circulating' ? 'read' : r.chance(0.75) ? 'handle' : 'read';
    const urgency = r.weighted([
      ['normal', 85],
      ['urgent', 12],
      ['extra_urgent', 3],
    ]);
    const clerk = r.pick(org.clerks);
    const leader = r.pick(org.leaders);
    const lead = r.pick(org.divisions);
    const head = org.heads.get(lead.id) ?? leader;
    const sender = r.pick(senders);
    // Unique per sender and year, as real 来文字号 are (the module refuses a second registration of one).
    const senderKey = `${sender}:${year}`;
    const senderSeq = (perSender.get(senderKey) ?? 0) + 1;
    perSender.set(senderKey, senderSeq);
    const docNo = `${sender.slice(0, 2)}${['发', '函', '办', '字'][sender.length % 4] ?? '发'}〔${year}〕${senderSeq}号`;
    const title = makeTitle(r, v, r.chance(0.3) ? sender : '');
    const received = date(ms);
    const proposed = state !== 'registered' && state !== 'returned';
    const instructed = proposed && state !== 'proposed';
    const handled = instructed && kind === 'handle';
    const deadline = handled ? date(ms + r.between(5, 30) * DAY) : null;
    const completedMs = ['completed', 'archived'].includes(state) ? ms + r.between(2, 40) * DAY : null;
    const result = completedMs ? `已按要求办理。${r.pick(v.sentences)}` : null;
    const instruction = instructed ? `请${lead.name}${r.pick(['研究办理', '牵头办理', '阅知', '提出意见', '抓好落实'])}。` : null;
    const opinion = proposed ? `拟请${leader.name}阅示，${lead.name}办理。` : null;
    const updatedMs = completedMs ?? ms + (instructed ? 2 * DAY : 0);
    let version = 1;
    let hseq = 0;
    const hist = (action: string, from: string | null, to: string, actor: OrgUser, atMs: number, comment: string | null) => {
      history.push({
        kind: 'incoming',
        object_id: id,
        seq: ++hseq,
        action,
        from_state: from,
        to_state: to,
        actor_id: actor.id,
        actor_name: actor.name,
        on_behalf_of_id: null,
        on_behalf_of_name: null,
        comment,
        payload: '{}',
        at: iso(atMs),
      });
      audit.add(atMs, `incoming.${action}`, actor, 'incoming', id, { from, to });
    };
    hist('create', null, 'registered', clerk, ms, null);
    if (state === 'returned') {
      hist('return', 'registered', 'returned', clerk, ms + DAY / 4, '非本机关职责范围');
      version++;
    }
    if (proposed) {
      hist('propose', 'registered', 'proposed', clerk, ms + DAY / 3, opinion);
      version++;
    }
    if (instructed) {
      hist('instruct', 'proposed', kind === 'handle' ? 'handling' : 'circulating', leader, ms + DAY, instruction);
      version++;
    }
    if (handled) {
      units.push({ doc_id: id, unit_id: lead.id, role: 'lead' });
      if (r.chance(0.3)) {
        const assist = r.pick(org.divisions);
        if (assist.id !== lead.id) units.push({ doc_id: id, unit_id: assist.id, role: 'assist' });
      }
      const n = r.between(0, 2);
      for (let k = 0; k < n; k++) {
        const at = ms + (2 + k) * DAY;
        feedback.push({
          id: r.uuid(at),
          doc_id: id,
          unit_id: lead.id,
          unit_name: lead.name,
          user_id: head.id,
          user_name: head.name,
          content: r.pick(v.sentences),
          at: iso(at),
        });
        if (state === 'handling' || completedMs) {
          hist('feedback', 'handling', 'handling', head, at, null);
          version++;
        }
      }
    }
    const docReaders: OrgUser[] = [];
    if (instructed && kind === 'read') {
      const pool = org.users.filter((u) => u.roles.includes('leader') || u.roles.includes('division_head'));
      const n = r.between(2, 6);
      for (let k = 0; k < n; k++) {
        const u = pool[(i + k * 7) % pool.length];
        if (u && !docReaders.includes(u)) docReaders.push(u);
      }
      docReaders.forEach((u, k) =>
        readers.push({
          doc_id: id,
          user_id: u.id,
          user_name: u.name,
          position: k + 1,
          read_at: state === 'circulating' && k >= 1 ? null : iso(ms + 2 * DAY),
          comment: null,
        }),
      );
    }
    if (completedMs) {
      hist('complete', kind === 'handle' ? 'handling' : 'circulating', 'completed', head, completedMs, result);
      version++;
    }
    const retention =
      state === 'archived'
        ? r.weighted([
            ['10y', 6],
            ['30y', 3],
            ['permanent', 1],
          ])
        : null;
    if (state === 'archived') {
      hist('archive', 'completed', 'archived', clerk, (completedMs ?? ms) + DAY, null);
      version++;
    }
    if (state === 'voided') {
      hist('void', 'registered', 'voided', clerk, ms + DAY, '重复登记');
      version++;
    }
    docs.push({
      id,
      state,
      version,
      updated_at: iso(updatedMs),
      reg_no: `收〔${year}〕${seq}号`,
      reg_year: year,
      reg_seq: seq,
      source_org: sender,
      source_doc_number: docNo,
      title,
      doc_type: r.pick(v.docTypes),
      classification: r.chance(0.2) ? 'internal' : 'none',
      urgency,
      kind,
      copies: r.between(1, 3),
      received_date: received,
      deadline: r.chance(0.3) ? date(ms + r.between(7, 30) * DAY) : null,
      remarks: r.chance(0.2) ? r.pick(v.sentences).slice(0, 60) : null,
      registered_by: clerk.id,
      registered_by_name: clerk.name,
      registered_at: iso(ms),
      duplicate_of: null,
      duplicate_reason: null,
      proposal_opinion: opinion,
      proposed_lead_division_id: proposed ? lead.id : null,
      proposed_leader_ids: proposed ? JSON.stringify([leader.id]) : '[]',
      instruction,
      instructed_by: instructed ? leader.id : null,
      instructed_by_name: instructed ? leader.name : null,
      instructed_on_behalf_of: null,
      instructed_at: instructed ? iso(ms + DAY) : null,
      lead_division_id: handled ? lead.id : null,
      handling_deadline: deadline,
      deadline_provisional: 0,
      circulation_mode: instructed && kind === 'read' ? 'parallel' : null,
      result,
      completed_at: completedMs ? iso(completedMs) : null,
      return_reason: state === 'returned' ? '非本机关职责范围' : null,
      void_reason: state === 'voided' ? '重复登记' : null,
      retention,
      archival_no: retention
        ? `Z001-WS·${year}-${retention === 'permanent' ? 'Y' : retention === '30y' ? 'D30' : 'D10'}-BGS-${String(seq).padStart(4, '0')}`
        : null,
      archived_at: retention ? iso((completedMs ?? ms) + DAY) : null,
      legacy_reg_no: null,
    });
    // The 来文 itself arrives as an attachment (its text extracted for search).
    const attText = makeBody(r, v, r.between(200, 700));
    attachments.push({
      id: r.uuid(ms),
      owner_kind: 'incoming',
      owner_id: id,
      name: `${title.slice(0, 40)}.pdf`,
      size: attText.length * 3 + 20_000,
      content_type: 'application/pdf',
      format: 'pdf',
      sm3: id.replace(/-/g, '').padEnd(64, '0'),
      text_scanned: 0,
      uploaded_by: clerk.id,
      created_at: iso(ms),
      voided: 0,
      voided_at: null,
      voided_by: null,
    });
    const tokens = [visibility.role('office_clerk'), visibility.role('office_director'), visibility.role('leader')];
    if (handled) for (const u of units.filter((x) => x.doc_id === id)) tokens.push(visibility.unit(String(u.unit_id)));
    for (const u of docReaders) tokens.push(visibility.user(u.id));
    search.push({
      kind: 'incoming',
      id,
      title,
      body: [docs[docs.length - 1]?.remarks, opinion, instruction, result, attText].filter((x): x is string => typeof x === 'string' && x !== '').join('\n'),
      tags: [`收〔${year}〕${seq}号`, sender, String(docs[docs.length - 1]?.source_doc_number ?? '')].filter((t) => t !== ''),
      visibility: tokens,
      updatedAt: iso(updatedMs),
    });
    if (docs.length >= 1000) {
      await flush();
      opts.progress(i + 1);
    }
  }
  await flush();
  opts.progress(opts.count);
  await insertRows(
    db,
    'counters',
    [...perYear].map(([year, n]): Record<string, Cell> => ({ key: `incoming:${year}`, value: n })),
  );
  return { count: opts.count, search };
}
