import { readFileSync } from 'node:fs';
import type { Rng } from './prng.js';

/**
 * Office vocabulary from real texts: the 78 published 公文 of the shared
 * corpus (titles, bodies, issuers, 文种) and an office work speech. Titles and
 * bodies are recombined from their pieces, so word and bigram frequencies
 * look like a bureau's, which is what search and the ledger's LIKE care about.
 */
interface RealDoc {
  docType: string;
  title: string;
  issuer: string | null;
  body: string;
}

const CORPUS = process.env.BENCH_CORPUS ?? '/work/shared/corpus/real-gongwen/real-docs.json';
const SPEECH = process.env.BENCH_SPEECH ?? '/work/shared/seed/office-work-speech.zh.txt';

export interface Vocab {
  /** Title cores: what stands between 关于 and 的通知. */
  cores: string[];
  /** Short phrases (4–12 characters) cut from the cores, to recombine. */
  phrases: string[];
  sentences: string[];
  docTypes: string[];
  senders: string[];
}

export function loadVocab(): Vocab {
  const docs = JSON.parse(readFileSync(CORPUS, 'utf8')) as RealDoc[];
  const speech = readFileSync(SPEECH, 'utf8');
  const cores = docs.map((d) => d.title.replace(/^.*?关于/, '').replace(/的[^的]{0,8}$/, '')).filter((c) => c.length >= 4);
  const phrases: string[] = [];
  for (const c of cores) {
    // Cut at the natural joints of a title: 和、及、与 and the verbs that start a clause.
    for (const p of c.split(/[和及与、，“”]|(?=加强|推进|做好|开展|进一步|规范|促进|完善|深化|落实|全面)/u))
      if (p.length >= 4 && p.length <= 16) phrases.push(p);
  }
  const text = [...docs.map((d) => d.body), speech].join('\n');
  const sentences = text
    .split(/(?<=[。；！？])|\n/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12 && s.length <= 160 && /\p{Script=Han}/u.test(s));
  const docTypes = [...new Set(docs.map((d) => d.docType))];
  const senders = [
    ...new Set([
      ...docs.map((d) => d.issuer ?? '').filter((s) => s.length > 1),
      '财政部',
      '财政部办公厅',
      '财政部监督评价局',
      '省财政厅',
      '省人民政府办公厅',
      '市财政局',
      '审计署驻地特派员办事处',
      '国家税务总局省税务局',
      '中国人民银行省分行',
      '省发展和改革委员会',
      '省人力资源和社会保障厅',
      '省国有资产监督管理委员会',
    ]),
  ];
  return { cores, phrases, sentences, docTypes, senders };
}

const TITLE_ENDINGS: readonly (readonly [string, number])[] = [
  ['的通知', 40],
  ['的请示', 12],
  ['的函', 14],
  ['的报告', 10],
  ['的意见', 8],
  ['的批复', 6],
  ['的通报', 5],
  ['的复函', 5],
];

/** 关于 + one real core or two recombined phrases + an ending. */
export function makeTitle(r: Rng, v: Vocab, prefix = ''): string {
  const core = r.chance(0.5) ? r.pick(v.cores) : `${r.pick(v.phrases)}${r.pick(['', '和', '及'])}${r.pick(v.phrases)}`;
  return `${prefix}关于${core.slice(0, 60)}${r.weighted(TITLE_ENDINGS)}`;
}

/** A body of about `chars` characters: sentences in paragraphs. */
export function makeBody(r: Rng, v: Vocab, chars: number): string {
  const paras: string[] = [];
  let para = '';
  let total = 0;
  while (total < chars) {
    const s = r.pick(v.sentences);
    para += s;
    total += s.length;
    if (para.length > 120 || total >= chars) {
      paras.push(para);
      para = '';
    }
  }
  return paras.join('\n');
}
