import { type SearchDocumentInput, visibility } from '../../src/server/core/search/search.service.js';
import type { Rng } from '../lib/prng.js';
import { type Vocab, makeBody, makeTitle } from '../lib/vocab.js';
import type { AuditSink } from './audit.js';
import type { Org } from './org.js';

/**
 * 发文 of ten years. The outgoing workflow module has not landed (only its
 * checker and .docx layout exist), so there are no outgoing tables to fill:
 * the documents go into the search index (kind `outgoing`, body plus the
 * attachments' text) and their lifecycle into the audit log. When the module
 * lands, write its rows here the way generate/incoming.ts does.
 */
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface OutgoingDoc {
  id: string;
  title: string;
  body: string;
  docNumber: string;
}

export function generateOutgoing(
  r: Rng,
  v: Vocab,
  org: Org,
  audit: AuditSink,
  opts: { count: number; fromMs: number; nowMs: number },
): { search: SearchDocumentInput[] } {
  const span = opts.nowMs - opts.fromMs;
  const perYear = new Map<number, number>();
  const search: SearchDocumentInput[] = [];
  for (let i = 0; i < opts.count; i++) {
    const ms = opts.fromMs + Math.floor((span * (i + r.next())) / opts.count);
    const year = new Date(ms).getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const id = r.uuid(ms);
    const division = r.pick(org.divisions);
    const drafter = r.pick(org.byUnit.get(division.id) ?? org.clerks);
    const head = org.heads.get(division.id) ?? drafter;
    const leader = r.pick(org.leaders);
    const clerk = r.pick(org.clerks);
    const docNumber = `财监${r.pick(['', '办', '函'])}〔${year}〕${seq}号`;
    const title = makeTitle(r, v, '财政部某某监管局');
    const body = makeBody(r, v, r.between(600, 1600));
    const attachmentText = r.chance(0.4) ? makeBody(r, v, r.between(200, 800)) : '';
    const steps: [string, typeof drafter, number][] = [
      ['create', drafter, 0],
      ['submit', drafter, DAY / 2],
      ['division_review', head, DAY],
      ['office_review', clerk, 2 * DAY],
      ['sign', leader, 3 * DAY],
      ['number', clerk, 3 * DAY + 3_600_000],
      ['print', clerk, 4 * DAY],
      ['archive', clerk, 30 * DAY],
    ];
    for (const [action, actor, dt] of steps) if (ms + dt < opts.nowMs) audit.add(ms + dt, `outgoing.${action}`, actor, 'outgoing', id, {});
    search.push({
      kind: 'outgoing',
      id,
      title,
      body: [body, attachmentText].filter((x) => x !== '').join('\n'),
      tags: [docNumber],
      visibility: [
        visibility.role('office_clerk'),
        visibility.role('office_director'),
        visibility.role('leader'),
        visibility.unit(division.id),
        visibility.user(drafter.id),
      ],
      updatedAt: iso(Math.min(opts.nowMs, ms + 4 * DAY)),
    });
  }
  return { search };
}
