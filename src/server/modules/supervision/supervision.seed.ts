/*
 * Demo 督办 data: twenty items of a bureau's year from 党组会议, 局长办公会,
 * 领导批示 and 上级交办, in every state and light — open, in progress with
 * weekly updates, stale, overdue, extended, waiting for 销号, closed,
 * suspended, reminded. Built through the service and the workflow (numbers,
 * history, index, audit all real) on a clock that walks through the past
 * weeks. Idempotent: a database with any item is left alone.
 */
import type { SupervisionCreate, SupervisionKind, SupervisionSource } from '../../../shared/supervision.js';
import type { Clock } from '../../core/clock.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { addDays, beijingDate, weekOf } from './supervision.lights.js';
import { createInTransaction } from './supervision.service.js';
import { supervisionWorkflow } from './supervision.workflow.js';

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

type Plan = 'open' | 'progress' | 'stale' | 'overdue' | 'closure' | 'closed' | 'suspended' | 'extension' | 'late_milestone' | 'reminded';
type Lead = 'div1' | 'div2';

interface Spec {
  title: string;
  content: string;
  source: SupervisionSource;
  sourceRef: string;
  instruction?: string;
  lead: Lead;
  assist?: ('div1' | 'div2' | 'zonghe')[];
  kind: SupervisionKind;
  /** Days before today the item was created. */
  ago: number;
  /** Deadline, days from today (negative: already past). */
  due: number;
  plan: Plan;
  milestones?: { title: string; due: number }[];
  coordination?: string;
}

const SPECS: Spec[] = [
  {
    title: '落实局党组关于全面从严治党主体责任的部署',
    content: '制定年度党风廉政建设责任清单，逐项明确责任处室和完成时限，每季度报送落实情况。',
    source: 'party_meeting',
    sourceRef: '2026年第3次党组会议',
    instruction: '各处室要一项一项抓落实，办公室牵头督办。',
    lead: 'div1',
    assist: ['div2'],
    kind: 'key',
    ago: 120,
    due: -60,
    plan: 'closed',
  },
  {
    title: '中央预算单位预算执行情况专项监管',
    content: '对辖区中央预算单位2026年预算执行进度开展专项监管，形成监管报告报财政部。',
    source: 'superior_assigned',
    sourceRef: '财监〔2026〕15号',
    instruction: '请监管一处牵头，按部里时限报送。',
    lead: 'div1',
    kind: 'key',
    ago: 60,
    due: 25,
    plan: 'progress',
    milestones: [
      { title: '完成现场核查', due: -10 },
      { title: '形成报告初稿', due: 12 },
    ],
    coordination: '需办公室协调部预算司提供执行数据',
  },
  {
    title: '转移支付资金使用情况核查',
    content: '对中央对地方转移支付资金的分配、拨付和使用情况进行核查，重点关注资金沉淀。',
    source: 'superior_assigned',
    sourceRef: '财办监〔2026〕21号',
    lead: 'div2',
    assist: ['div1'],
    kind: 'key',
    ago: 55,
    due: -4,
    plan: 'overdue',
  },
  {
    title: '完善局内部控制操作规程',
    content: '修订《监管局内部控制操作规程》，补充督办、保密等业务环节的控制要求。',
    source: 'director_meeting',
    sourceRef: '2026年第9次局长办公会',
    lead: 'div1',
    assist: ['zonghe'],
    kind: 'active',
    ago: 70,
    due: 40,
    plan: 'extension',
    milestones: [{ title: '形成修订稿', due: 10 }],
  },
  {
    title: '推进政府采购领域突出问题专项整治',
    content: '梳理政府采购监管中发现的问题，督促整改并建立长效机制。',
    source: 'party_meeting',
    sourceRef: '2026年第7次党组会议',
    instruction: '问题要见底，整改要到位。',
    lead: 'div2',
    kind: 'concentrated',
    ago: 48,
    due: 2,
    plan: 'progress',
    coordination: '需综合处协助汇总历年检查问题清单',
  },
  {
    title: '做好2026年度部门决算审核工作',
    content: '按部里统一部署完成辖区中央部门所属单位决算审核。',
    source: 'superior_assigned',
    sourceRef: '财会〔2026〕8号',
    lead: 'div1',
    kind: 'key',
    ago: 90,
    due: -20,
    plan: 'closed',
  },
  {
    title: '落实王局长关于加强信息报送工作的批示',
    content: '建立信息报送激励机制，提高信息被采用数量和质量。',
    source: 'leader_instruction',
    sourceRef: '王局长2026年10月批示',
    instruction: '信息工作要常抓不懈，办公室和各处室要形成合力。',
    lead: 'div2',
    kind: 'active',
    ago: 35,
    due: 30,
    plan: 'stale',
  },
  {
    title: '直达资金监控系统数据核对',
    content: '定期核对直达资金监控系统数据，发现问题及时反馈地方财政部门。',
    source: 'director_meeting',
    sourceRef: '2026年第11次局长办公会',
    lead: 'div1',
    kind: 'active',
    ago: 40,
    due: 15,
    plan: 'late_milestone',
    milestones: [{ title: '完成第一轮核对', due: -3 }],
  },
  {
    title: '开展会计信息质量检查',
    content: '按年度检查计划对3户企业开展会计信息质量检查，出具检查结论。',
    source: 'superior_assigned',
    sourceRef: '财监〔2026〕30号',
    lead: 'div2',
    kind: 'key',
    ago: 30,
    due: 45,
    plan: 'progress',
    milestones: [
      { title: '进点检查', due: -5 },
      { title: '出具检查结论', due: 35 },
    ],
  },
  {
    title: '办公用房使用情况自查',
    content: '对照办公用房管理办法开展自查，形成自查报告。',
    source: 'leader_instruction',
    sourceRef: '李副局长批示',
    lead: 'div1',
    kind: 'active',
    ago: 25,
    due: 1,
    plan: 'closure',
  },
  {
    title: '研究地方政府债务风险监测机制',
    content: '结合辖区实际研究建立地方政府债务风险监测指标，按月监测。',
    source: 'key_meeting',
    sourceRef: '全省财政监管工作座谈会',
    lead: 'div2',
    assist: ['div1'],
    kind: 'active',
    ago: 28,
    due: 60,
    plan: 'suspended',
  },
  {
    title: '财会监督专项行动动员部署',
    content: '召开动员会，制定专项行动方案并分解任务。',
    source: 'party_meeting',
    sourceRef: '2026年第10次党组会议',
    lead: 'div1',
    assist: ['div2', 'zonghe'],
    kind: 'concentrated',
    ago: 20,
    due: -2,
    plan: 'reminded',
  },
  {
    title: '社保基金财务收支监管',
    content: '对社保基金预算执行和财务收支进行监管，形成监管意见。',
    source: 'superior_assigned',
    sourceRef: '财社〔2026〕12号',
    lead: 'div2',
    kind: 'key',
    ago: 45,
    due: -30,
    plan: 'closed',
  },
  {
    title: '政务信息公开目录更新',
    content: '按政务公开要求更新信息公开目录和指南。',
    source: 'director_meeting',
    sourceRef: '2026年第12次局长办公会',
    lead: 'div1',
    kind: 'active',
    ago: 12,
    due: 20,
    plan: 'progress',
  },
  {
    title: '处理群众反映的惠民惠农资金发放问题',
    content: '对12345转办的惠民惠农补贴发放不及时问题进行调查核实并答复。',
    source: 'hot_issue',
    sourceRef: '12345热线转办',
    instruction: '群众反映的事要件件有回音。',
    lead: 'div2',
    kind: 'concentrated',
    ago: 15,
    due: 3,
    plan: 'stale',
  },
  {
    title: '年度监管工作总结和明年工作思路',
    content: '起草年度工作总结，提出明年监管工作思路和重点。',
    source: 'director_meeting',
    sourceRef: '2026年第13次局长办公会',
    lead: 'div1',
    assist: ['div2', 'zonghe'],
    kind: 'key',
    ago: 6,
    due: 24,
    plan: 'open',
  },
  {
    title: '学习贯彻全国财政工作会议精神',
    content: '组织集中学习，结合实际提出贯彻落实措施。',
    source: 'party_meeting',
    sourceRef: '2026年第11次党组会议',
    lead: 'div2',
    kind: 'active',
    ago: 3,
    due: 14,
    plan: 'open',
  },
  {
    title: '行政事业性国有资产年报审核',
    content: '完成辖区中央行政事业单位国有资产年报审核。',
    source: 'superior_assigned',
    sourceRef: '财资〔2026〕5号',
    lead: 'div1',
    kind: 'key',
    ago: 80,
    due: -45,
    plan: 'closed',
  },
  {
    title: '规范中央专项资金结余结转管理',
    content: '摸清专项资金结余结转底数，督促及时清理盘活。',
    source: 'leader_instruction',
    sourceRef: '王局长批示',
    instruction: '存量资金要盘活，不能趴在账上。',
    lead: 'div2',
    kind: 'key',
    ago: 33,
    due: 8,
    plan: 'progress',
    coordination: '需办公室协调地方财政厅提供结余数据',
  },
  {
    title: '局机关节能降耗工作',
    content: '落实公共机构节能要求，制定节能措施并按季度统计能耗。',
    source: 'director_meeting',
    sourceRef: '2026年第8次局长办公会',
    lead: 'div1',
    kind: 'active',
    ago: 100,
    due: -70,
    plan: 'closed',
  },
];

const UPDATES = [
  '已召开专题会议研究部署，明确分工和时间节点。',
  '完成资料收集和前期梳理，正在开展现场核查。',
  '现场核查已完成过半，发现问题正在逐项核实。',
  '形成初步意见，正在征求相关处室意见。',
  '根据意见修改完善，准备报局领导审定。',
  '按计划推进，本周重点做好数据比对。',
];

export async function seedDemoSupervision(deps: Deps): Promise<{ created: number }> {
  const existing = await deps.db.selectFrom('supervision_items').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: 0 };
  const actor = async (username: string): Promise<Actor | undefined> => {
    const a = await getAccountByUsername(deps, username);
    return a
      ? { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null }
      : undefined;
  };
  const [clerk, director, leader1, leader2, div1Head, div1Staff, div2Head, div2Staff] = await Promise.all(
    ['office_clerk', 'office_director', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff'].map(actor),
  );
  if (!clerk || !director || !leader1 || !leader2 || !div1Head || !div1Staff || !div2Head || !div2Staff) return { created: 0 };
  const divisions = new Map((await listDivisions(deps)).map((d) => [d.name, d.id]));
  const ids = { div1: divisions.get('监管一处'), div2: divisions.get('监管二处'), zonghe: divisions.get('综合处') };
  if (!ids.div1 || !ids.div2) return { created: 0 };
  const people = { div1: { head: div1Head, staff: div1Staff }, div2: { head: div2Head, staff: div2Staff } };

  const nowMs = deps.clock.now().getTime();
  const today = beijingDate(deps.clock.now());
  const clock = new SeedClock(nowMs);
  const d: Deps = { ...deps, clock };
  const DAY = 86_400_000;
  // 10:00 Beijing on the day `ago` days back: office hours, whatever the real time is.
  const at = (ago: number) => Date.parse(`${addDays(today, -ago)}T02:00:00.000Z`);
  const fire = async (id: string, action: string, who: Actor, payload: Record<string, unknown> = {}) => {
    const row = await deps.db.selectFrom('supervision_items').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await fireTransition(d, supervisionWorkflow, { id, action, version: Number(row.version), payload, actor: who });
  };

  let created = 0;
  for (const [i, spec] of SPECS.entries()) {
    clock.t = at(spec.ago);
    const lead = ids[spec.lead] ?? '';
    const body: SupervisionCreate = {
      title: spec.title,
      content: spec.content,
      source: spec.source,
      sourceRef: spec.sourceRef,
      ...(spec.instruction ? { instruction: spec.instruction } : {}),
      leadDivisionId: lead,
      ...(spec.assist?.length ? { assistDivisionIds: spec.assist.map((a) => ids[a]).filter((x): x is string => !!x) } : {}),
      ownerId: people[spec.lead].staff.id,
      deadline: addDays(today, spec.due),
      kind: spec.kind,
      ...(spec.milestones?.length ? { milestones: spec.milestones.map((m) => ({ title: m.title, dueDate: addDays(today, m.due) })) } : {}),
    };
    const creator = i % 3 === 0 ? leader1 : clerk;
    const item = await d.db.transaction().execute((trx) => createInTransaction(d, creator, trx, body));
    created++;
    if (spec.plan === 'open') continue;
    const { head, staff } = people[spec.lead];
    clock.t += DAY / 4;
    await fire(item.id, 'accept', head);
    // One update a week (Thursdays) up to the item's last active week.
    const stopAgo = spec.plan === 'stale' ? 9 : spec.plan === 'closed' ? Math.max(-spec.due + 3, 1) : 1;
    let n = 0;
    for (let ago = spec.ago - 5; ago >= stopAgo; ago -= 7) {
      clock.t = at(ago) + 3 * 3_600_000;
      const pct = Math.min(90, 15 * (n + 1));
      const milestonesDone = (
        await deps.db.selectFrom('supervision_milestones').select(['id', 'due_date']).where('item_id', '=', item.id).where('done_at', 'is', null).execute()
      )
        .filter((m) => m.due_date <= addDays(today, -ago) && spec.plan !== 'late_milestone')
        .map((m) => m.id);
      await fire(item.id, 'progress', staff, {
        content: UPDATES[n % UPDATES.length],
        percent: pct,
        ...(spec.coordination && n === 1 ? { coordination: spec.coordination } : {}),
        ...(milestonesDone.length ? { milestonesDone } : {}),
      });
      n++;
    }
    if (spec.plan === 'stale') {
      // The weekly check flagged last week's missing update against the division.
      await deps.db
        .insertInto('supervision_missed')
        .values({ item_id: item.id, week: weekOf(addDays(today, -7)), unit_id: lead, flagged_at: new Date(at(6) + 8 * 3_600_000).toISOString() })
        .execute();
    }
    clock.t = spec.plan === 'closed' ? at(Math.max(-spec.due + 2, 1)) : at(1);
    if (spec.plan === 'closed') {
      await fire(item.id, 'request_closure', head, { result: '已按要求完成，相关材料已归档。' });
      clock.t += DAY / 2;
      await fire(item.id, 'approve_closure', i % 2 === 0 ? leader1 : leader2, { comment: '同意销号。' });
    } else if (spec.plan === 'closure') {
      await fire(item.id, 'request_closure', head, { result: '自查报告已形成，发现的2个问题已整改完毕。' });
    } else if (spec.plan === 'suspended') {
      await fire(item.id, 'suspend', director, { reason: '待部里统一部署后再推进。' });
    } else if (spec.plan === 'extension') {
      await fire(item.id, 'request_extension', head, { reason: '涉及制度较多，需征求各处室意见，申请延期。', deadline: addDays(today, spec.due + 30) });
    } else if (spec.plan === 'reminded' || spec.plan === 'overdue') {
      await fire(item.id, 'remind', clerk, { message: '该事项已超过办结时限，请抓紧办理并说明原因。' });
    }
  }
  return { created };
}
