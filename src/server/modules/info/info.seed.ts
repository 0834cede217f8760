/*
 * Demo 信息报送: a believable year of a 财政部监管局's 政务信息 — about
 * seventy pieces of 监管一处 and 监管二处, four to seven a month, written,
 * reviewed, secrecy-checked, reported, adopted, 批示'd and published through
 * the real workflow on a clock that walks through the past twelve months
 * (history, numbers, search, audit all real), with 约稿 (answered, open and
 * one overdue with its penalty), penalties, the scoring tables and the
 * divisions' targets for this year and last. Idempotent: a database with any
 * piece is left alone.
 */
import type { InfoType, InstructionLevel } from '../../../shared/info.js';
import { addDays } from '../../../shared/calendar.js';
import { DEFAULT_SCORING } from '../../../shared/info.scoring.js';
import type { Clock } from '../../core/clock.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { requestCheck } from './info.jobs.js';
import { hasAnyItem, loadRequest } from './info.repo.js';
import { createPenalty, putScoring, putTargets } from './info.reports.js';
import { createRequestIn } from './info.requests.js';
import { createInTransaction } from './info.service.js';
import { beijingDate } from './info.time.js';
import { infoWorkflow } from './info.workflow.js';

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

const TOPICS = [
  { topic: '预算执行监控', what: '中央部门预算执行', issue: '部分项目支出进度偏慢' },
  { topic: '转移支付资金监管', what: '中央对地方转移支付', issue: '个别县区资金拨付滞后' },
  { topic: '直达资金监控', what: '直达资金', issue: '惠企利民资金落地仍有梗阻' },
  { topic: '会计信息质量检查', what: '会计信息质量', issue: '部分企业收入确认不规范' },
  { topic: '地方政府债务风险防控', what: '地方政府债务', issue: '隐性债务化解压力依然较大' },
  { topic: '专项债券项目穿透式监测', what: '专项债券资金', issue: '部分项目资金闲置' },
  { topic: '财政收入质量分析', what: '地方财政收入', issue: '非税收入占比有所上升' },
  { topic: '国有资产管理监督', what: '行政事业单位国有资产', issue: '资产出租出借管理不够规范' },
  { topic: '政府采购监督', what: '政府采购活动', issue: '个别项目设置不合理条件' },
  { topic: '惠企政策落实', what: '减税降费和惠企政策', issue: '政策知晓度有待提高' },
  { topic: '中央部门所属单位财务监管', what: '中央在地单位财务', issue: '部分单位内控制度执行不到位' },
  { topic: '库款保障监测', what: '基层库款', issue: '个别县区库款保障水平偏低' },
];

const TITLES: Record<InfoType, ((t: (typeof TOPICS)[number], div: string) => string)[]> = {
  news: [
    (t, d) => `${d}召开${t.topic}工作推进会`,
    (t, d) => `${d}扎实开展${t.topic}专项工作`,
    (t) => `我局完成季度${t.topic}并形成分析报告`,
    (t, d) => `${d}赴基层调研${t.what}管理使用情况`,
    (t) => `我局${t.topic}工作取得阶段性成效`,
  ],
  practice: [(t) => `坚持“三个到位”推动${t.topic}提质增效`, (t) => `以数字化手段提升${t.topic}精准度的做法`],
  proposal: [(t) => `关于${t.issue}问题的分析与建议`, (t) => `${t.what}管理中值得关注的问题及对策建议`],
  special: [(t) => `关于${t.what}运行情况的专报`],
};

function bodyOf(t: (typeof TOPICS)[number], type: InfoType, div: string): string {
  return [
    `近期，${div}按照局党组部署，聚焦${t.what}，采取数据分析、实地核查、座谈走访相结合的方式，深入开展${t.topic}工作。`,
    type === 'proposal' || type === 'special'
      ? `从掌握的情况看，${t.issue}，个别地区和单位对相关政策理解不到位、执行有偏差，需引起重视。建议进一步压实主体责任，完善常态化监管机制，加强部门间信息共享。`
      : `工作中，${div}坚持问题导向，建立台账、逐项跟踪，督促有关单位及时整改，推动各项政策落地见效。`,
    `下一步，${div}将持续跟踪${t.what}情况，强化结果运用，切实发挥财政部门属地监管作用。`,
  ].join('\n');
}

type Plan = 'draft' | 'division_review' | 'office_review' | 'director_review' | 'leader_review' | 'approved' | 'reported' | 'voided';

/** A deterministic stream of numbers: the same demo year on every run. */
function lcg(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

const INFO_TYPES_ORDER: readonly InfoType[] = ['news', 'practice', 'proposal', 'special'];

/** The last pieces of the year, oldest first: one waiting at every step. */
const RECENT: readonly Plan[] = ['reported', 'draft', 'division_review', 'office_review', 'director_review', 'leader_review', 'approved', 'reported', 'draft'];

const CHANNELS = DEFAULT_SCORING.channels.map((c) => c.code);

export async function seedDemoInfo(deps: Deps): Promise<void> {
  if (await hasAnyItem(deps.db)) return;
  const who = async (username: string): Promise<Actor | undefined> => {
    const a = await getAccountByUsername(deps, username);
    return a
      ? { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null }
      : undefined;
  };
  const [editor, director, leader, secrecy, h1, s1, h2, s2] = await Promise.all(
    ['office_clerk', 'office_director', 'leader1', 'secrecy_officer', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff'].map(who),
  );
  if (!editor || !director || !leader || !secrecy || !h1 || !s1 || !h2 || !s2) return;
  const divisions = await listDivisions(deps);
  const div1 = divisions.find((d) => d.name === '监管一处');
  const div2 = divisions.find((d) => d.name === '监管二处');
  if (!div1 || !div2) return;
  const sides = [
    { unit: div1, head: h1, staff: s1 },
    { unit: div2, head: h2, staff: s2 },
  ];

  const today = beijingDate(deps.clock.now());
  const clock = new SeedClock(deps.clock.now().getTime());
  const d: Deps = { ...deps, clock };
  const HOUR = 3_600_000;
  /** 10:00 Beijing on the day `ago` days back. */
  const on = (ago: number) => (clock.t = Date.parse(`${addDays(today, -ago)}T02:00:00.000Z`));
  /** Moves on `hours`, landing in office hours: after 18:00 Beijing the next morning at 09:30, weekends skipped. */
  const later = (hours: number) => {
    clock.t += hours * HOUR;
    const local = new Date(clock.t + 8 * HOUR);
    const hour = local.getUTCHours();
    if (hour >= 18 || hour < 9) {
      const next = hour >= 18 ? clock.t + 24 * HOUR : clock.t;
      clock.t = Date.parse(`${beijingDate(new Date(next))}T01:30:00.000Z`);
    }
    while ([0, 6].includes(new Date(clock.t + 8 * HOUR).getUTCDay())) clock.t += 24 * HOUR;
  };
  // Each piece's version, kept as the moves return it (one read fewer per move).
  const versions = new Map<string, number>();
  const fire = async (id: string, action: string, actor: Actor, payload: Record<string, unknown> = {}) => {
    const r = await fireTransition(d, infoWorkflow, { id, action, version: versions.get(id) ?? 1, payload, actor });
    versions.set(id, r.version);
  };
  const year = Number(today.slice(0, 4));

  // The scoring tables and targets of last year and this: in place before any event is scored.
  on(370);
  for (const y of [year - 1, year]) {
    await putScoring(d, director, y, { ...DEFAULT_SCORING, version: 0 });
    const base = y === year ? 1 : 0;
    await putTargets(d, director, y, {
      version: 0,
      // The two 监管处 write most; 综合处 a little.
      items: divisions.map((u) =>
        u.id === div1.id || u.id === div2.id
          ? { divisionId: u.id, submissions: 32 + 4 * base, adoptions: 10 + 2 * base, points: 360 + 60 * base }
          : { divisionId: u.id, submissions: 10, adoptions: 3, points: 80 },
      ),
    });
  }

  // 约稿: eight over the year, each answered by a piece written for it; two still open, one of them overdue.
  const requests: { id: string; side: (typeof sides)[number]; ago: number }[] = [];
  const requestSpecs = [
    { ago: 330, topic: '上半年直达资金监控情况', side: 0 },
    { ago: 280, topic: '转移支付资金绩效评价典型做法', side: 1 },
    { ago: 230, topic: '地方政府专项债券使用情况', side: 0 },
    { ago: 190, topic: '会计信息质量检查发现的突出问题', side: 1 },
    { ago: 140, topic: '惠企政策落实中的堵点难点', side: 0 },
    { ago: 90, topic: '基层“三保”支出保障情况', side: 1 },
    { ago: 20, topic: '年度财政收入质量分析', side: 0 },
    { ago: 5, topic: '中央部门预算执行进度', side: 1 },
  ];
  for (const r of requestSpecs) {
    on(r.ago);
    const side = sides[r.side] ?? sides[0];
    if (!side) continue;
    const row = await d.db.transaction().execute((trx) =>
      createRequestIn(d, editor, trx, {
        topic: r.topic,
        requirements: `请围绕“${r.topic}”报送一篇政务信息，要求数据准确、观点鲜明、篇幅在 1500 字以内，并注明执笔人。`,
        divisionId: side.unit.id,
        deadlineWorkdays: 10,
      }),
    );
    requests.push({ id: row.id, side, ago: r.ago });
  }

  const rnd = lcg(20_260_101);
  const types: InfoType[] = [];
  // 动态 55%, 经验做法 20%, 问题建议 15%, 专报 10% of 72 pieces.
  for (const [t, n] of [
    ['news', 40],
    ['practice', 14],
    ['proposal', 11],
    ['special', 7],
  ] as const)
    for (let i = 0; i < n; i++) types.push(t);
  types.sort(() => rnd() - 0.5);

  // The six older 约稿 are answered by a piece of their division written a few days after each.
  const pending = requests.slice(0, 6);

  let adoptionNo = 0;
  let ministry = 0;
  let provincial = 0;
  let published = 0;
  let withdrawn = false;
  const seen = new Map<InfoType, number>();

  for (let i = 0; i < types.length; i++) {
    const recentPlan = RECENT[i - (types.length - RECENT.length)];
    // The piece waiting for a leader is a 专报 (only those go to a leader).
    const type: InfoType = recentPlan === 'leader_review' ? 'special' : (types[i] ?? 'news');
    // The older pieces over 360..16 days back (five or six a month), the last ones, still moving, over the last two weeks.
    const older = types.length - RECENT.length;
    const ago = i < older ? 360 - Math.floor((i * 344) / (older - 1)) : Math.max(1, 14 - Math.round(((i - older) * 13) / (RECENT.length - 1)));
    const side = sides[i % 2] ?? sides[0];
    if (!side) continue;
    // Each type walks the topics (7 is prime to 12) and its title patterns in turn: no title repeats.
    const k = (seen.get(type) ?? 0) + 1;
    seen.set(type, k);
    const t = TOPICS[(k * 7 + INFO_TYPES_ORDER.indexOf(type)) % TOPICS.length] ?? TOPICS[0];
    if (!t) continue;
    const templates = TITLES[type];
    const title = (templates[Math.floor((k - 1) / TOPICS.length) % templates.length] ?? templates[0])?.(t, side.unit.name) ?? t.topic;
    const match = pending.find((r) => r.side === side && ago <= r.ago - 2 && ago >= r.ago - 14);
    if (match) pending.splice(pending.indexOf(match), 1);
    const requestId = match?.id;

    const recent = i - (types.length - RECENT.length);
    const plan: Plan = recent >= 0 ? (RECENT[recent] ?? 'reported') : i % 19 === 7 ? 'voided' : 'reported';
    const drafter = i % 5 === 4 ? side.head : side.staff;
    on(ago);
    const created = await d.db.transaction().execute(async (trx) => {
      const req = requestId ? await loadRequest(trx, requestId) : undefined;
      return createInTransaction(d, drafter, trx, {
        title,
        infoType: type,
        body: bodyOf(t, type, side.unit.name),
        summary: `${side.unit.name}${t.topic}有关情况。`,
        urgent: i % 11 === 3,
        writers: drafter === side.head ? [side.head.name] : [side.staff.name, side.head.name],
        ...(req && req.unit_id === side.unit.id && req.state === 'open' ? { requestId } : {}),
      });
    });
    const id = created.id;
    // Recent pieces move within the day, so no step lands after today.
    const step = (hours: number) => (ago > 5 ? later(hours) : (clock.t += HOUR));
    if (plan === 'draft') continue;
    if (plan === 'voided') {
      step(2);
      await fire(id, 'void', side.head, { reason: '与已报送信息内容重复' });
      continue;
    }
    step(2);
    await fire(id, 'submit', drafter);
    if (plan === 'division_review') continue;
    step(20);
    await fire(id, 'approve', side.head, { comment: '同意报办公室' });
    if (plan === 'office_review') continue;
    step(3);
    const publishable = type !== 'special' && type !== 'proposal' && i % 4 !== 1;
    await fire(id, 'secrecy_review', i % 3 === 0 ? secrecy : editor, {
      conclusion: 'cleared',
      publishable,
      opinion: publishable ? '经审查不涉及国家秘密和工作秘密，可以公开' : '不涉密，但含未公开的监管数据，仅限报送不宜公开',
    });
    step(1);
    await fire(id, 'approve', editor, { comment: '已编辑' });
    if (plan === 'director_review') continue;
    step(18);
    await fire(id, 'approve', director);
    if (plan === 'leader_review') continue;
    if (type === 'special') {
      step(20);
      await fire(id, 'approve', leader, { comment: '同意报送' });
    }
    if (plan === 'approved') continue;
    step(20);
    await fire(id, 'report', editor, {
      recipients: type === 'special' ? ['mof_office', 'provincial_government'] : i % 3 === 0 ? ['mof_department'] : ['mof_office'],
    });
    if (publishable) {
      step(4);
      await fire(id, 'publish', director, { comment: '经保密审查，同意在门户发布' });
      published++;
      if (!withdrawn && published === 5) {
        step(30);
        await fire(id, 'unpublish', secrecy, { reason: '文中引用的检查数据尚未正式公布，暂予撤下' });
        withdrawn = true;
      }
    }
    // Adoptions a week or two later, on every channel over the year; 批示 on some of them.
    if (ago > 12 && (type === 'special' || i % 3 === 0)) {
      const n = type === 'special' ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const channel = CHANNELS[adoptionNo % CHANNELS.length] ?? 'mof_info';
        adoptionNo++;
        on(ago - 7 - 2 * k);
        await fire(id, 'record_adoption', editor, {
          channel,
          publication: channel === 'mof_info' ? `《财政信息》${year}年第 ${(adoptionNo % 48) + 1} 期` : undefined,
          adoptedDate: addDays(today, -(ago - 7 - 2 * k)),
        });
      }
      if ((type === 'special' || type === 'proposal') && ago > 15 && (ministry < 5 || provincial < 3)) {
        const level: InstructionLevel = ministry < 5 ? 'ministry' : 'provincial';
        if (level === 'ministry') ministry++;
        else provincial++;
        on(ago - 10);
        await fire(id, 'record_instruction', editor, {
          level,
          leaderTitle: level === 'ministry' ? '财政部副部长' : '副省长',
          content: `${t.issue}的问题值得重视，请有关司局（部门）认真研究，提出改进措施。`,
          instructedDate: addDays(today, -(ago - 10)),
        });
      }
    }
  }

  // The overdue 约稿 meets the daily check the day after its deadline; two more penalties from the office.
  on(1);
  await d.db.transaction().execute((trx) => requestCheck(d, trx));
  on(100);
  await createPenalty(d, editor, { divisionId: div2.id, code: 'late_urgent', date: addDays(today, -100), reason: '汛期财政保障紧急信息未在规定时限内报送' });
  on(40);
  await createPenalty(d, editor, {
    divisionId: div1.id,
    code: 'inaccurate',
    date: addDays(today, -40),
    reason: '所报信息中有关资金数据与实际不符，经核实更正',
  });
}
