import type { Transaction } from 'kysely';
import { addDays } from '../../../shared/calendar.js';
import type { Channel, PetitionCreate, Source, Topic } from '../../../shared/petition.js';
import { idCheckDigit } from '../../../shared/petition.person.js';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { beijingToday } from './petition.deadlines.js';
import { deadlineWarnings } from './petition.jobs.js';
import { PETITION_OFFICER } from './petition.officer.js';
import { hasAnyItem, loadItem } from './petition.repo.js';
import { createInTransaction } from './petition.service.js';
import { petitionWorkflow } from './petition.workflow.js';

/*
 * The demo bureau's year of 信访 (contract "Demo bureau"): about sixty
 * petitions over the last twelve months, made through the service and the
 * workflow on a clock that walks through the past (history, deadlines,
 * search index and audit all real). Letters most, a fifth transferred in by
 * 国家信访局 or 省信访局, every state, most closed and some answered late, an
 * extension told and one pending, registrations due on the next workdays and
 * one overdue, repeats, two 复查 and a 复核 with a hearing, all three 处室.
 * The people are fictitious; their ID numbers carry valid check digits.
 */

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

type Plan =
  | 'closed'
  | 'closed_late'
  | 'replied'
  | 'reply_review'
  | 'handling'
  | 'handling_ext_told'
  | 'handling_ext_pending'
  | 'accepted'
  | 'registered'
  | 'registered_due'
  | 'registered_overdue'
  | 'objected'
  | 'returned'
  | 'not_accepted'
  | 'transferred';

const MATTERS: Record<Exclude<Topic, 'other'>, readonly [subject: string, content: string][]> = {
  fiscal_funds: [
    ['反映耕地地力保护补贴未足额发放', '本人承包耕地12亩，2025年度耕地地力保护补贴仅发放一半，村里说是上级资金未到位，请求核查补贴资金拨付情况。'],
    ['反映惠农补贴“一卡通”资金被代领', '本人惠农补贴“一卡通”长期由村干部保管，补贴资金疑似被代领，请求核查。'],
    ['反映农机购置补贴迟迟未兑付', '本人2025年4月购置插秧机一台，已提交补贴申请，至今未兑付补贴资金。'],
  ],
  accounting: [
    ['举报会计师事务所出具不实审计报告', '某会计师事务所为某企业出具的年度审计报告与实际经营情况严重不符，涉嫌出具不实报告，请求查处。'],
    ['反映代理记账机构无证经营', '某代理记账公司未取得代理记账许可即对外承接业务，并导致本公司账务混乱，请求查处。'],
    ['举报会计师事务所合伙人挂名执业', '某事务所注册会计师长期挂名，实际由未取得资格人员签字出具报告。'],
  ],
  procurement: [
    ['投诉政府采购项目评审不公', '本公司参加某县医院设备采购项目，评审专家打分明显倾向某一供应商，请求复核评审过程。'],
    ['反映政府采购合同款项拖欠', '本公司中标某单位物业服务项目，已履约一年，采购人至今拖欠合同款项40余万元。'],
    ['举报采购项目设置排他性条款', '某学校食堂设备采购招标文件设置特定品牌参数，排斥其他供应商，请求调查。'],
  ],
  debt: [
    ['反映专项债券项目资金闲置', '某县使用专项债券资金建设的产业园区项目开工后长期停工，债券资金闲置，群众意见较大。'],
    ['反映专项债项目拖欠农民工工资', '本人在某专项债券项目工地务工，项目方以资金未到位为由拖欠工资三个月。'],
  ],
  budget: [
    ['反映乡镇预算公开不规范', '某乡镇政府网站未按规定公开年度预决算，群众无法查询，请求督促公开。'],
    ['反映单位违规使用公用经费发放福利', '某事业单位以会议费名义列支职工福利，违反预算管理规定，请求核查。'],
  ],
  fees: [
    ['反映行业协会强制收取会费', '某行业协会要求会员企业必须缴纳会费和培训费，否则不予办理相关证明，涉嫌违规涉企收费。'],
    ['反映开发区违规收取企业服务费', '某开发区管委会向入驻企业收取“综合服务费”，无收费依据，请求查处。'],
    ['反映检测机构借行政审批违规收费', '某检测机构利用行政审批前置检测指定收费，增加企业负担。'],
  ],
  conduct: [['反映工作人员办事推诿', '本人多次到某单位咨询财政补贴政策，工作人员态度冷淡、相互推诿，请求加强作风建设。']],
};
const TOPIC_ROTA: readonly Exclude<Topic, 'other'>[] = [
  'fiscal_funds',
  'procurement',
  'accounting',
  'fees',
  'fiscal_funds',
  'debt',
  'procurement',
  'budget',
  'fees',
  'conduct',
  'accounting',
];
const CHANNEL_ROTA: readonly Channel[] = ['letter', 'letter', 'online', 'letter', 'visit', 'letter', 'phone', 'online', 'letter', 'letter'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '桂兰',
  '海燕',
  '国庆',
  '春梅',
  '晓东',
  '玉兰',
  '德明',
  '丽华',
  '永红',
  '文斌',
  '淑珍',
  '卫东',
  '小平',
  '红梅',
  '振华',
  '美玲',
  '家明',
];
const REGIONS = ['360102', '360111', '360121', '360124', '360302', '360402', '360502', '360681', '360723', '361102'];

type Person = NonNullable<PetitionCreate['petitioner']>;

/** A fictitious person: name, an ID number whose check digit is right, a phone, an address. */
function person(i: number): Person {
  const first17 = `${REGIONS[i % REGIONS.length]}${1950 + ((i * 7) % 45)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 27) + 1).padStart(2, '0')}${String(100 + i).slice(-3)}`;
  const name = `${SURNAMES[i % SURNAMES.length] ?? '王'}${GIVEN[(i * 3) % GIVEN.length] ?? '明'}`;
  return {
    name,
    idNumber: i % 6 === 5 ? undefined : first17 + idCheckDigit(first17),
    phone: `1390791${String(1000 + i * 37).slice(-4)}`,
    address: i % 3 === 0 ? `江西省南昌市${['东湖区', '西湖区', '青山湖区', '新建区'][i % 4] ?? ''}${(i % 9) + 1}号` : undefined,
  };
}

interface Spec {
  ago: number;
  plan: Plan;
  k: number;
  follow?: { parentOf: number; type: 'review' | 'recheck' };
}

/** Old months mostly closed; the last three months every open state. */
function specs(): Spec[] {
  const out: Spec[] = [];
  for (let j = 0; j < 34; j++) {
    const plan: Plan =
      j === 30 ? 'returned' : j % 11 === 3 ? 'not_accepted' : j % 11 === 7 ? 'transferred' : [5, 16, 20, 26].includes(j) ? 'closed_late' : 'closed';
    out.push({ ago: Math.round(362 - j * 7.9), plan, k: j });
  }
  const recent: [number, Plan][] = [
    [95, 'closed'],
    [91, 'closed'],
    [88, 'closed'],
    [84, 'replied'],
    [80, 'closed'],
    [77, 'not_accepted'],
    [73, 'transferred'],
    [70, 'replied'],
    [66, 'closed'],
    [62, 'reply_review'],
    [59, 'handling_ext_told'],
    [55, 'handling_ext_pending'],
    [52, 'handling'],
    [48, 'reply_review'],
    [45, 'handling'],
    [41, 'handling'],
    [37, 'handling'],
    [33, 'handling'],
    [29, 'accepted'],
    [26, 'handling'],
    [22, 'registered_overdue'],
    [18, 'handling'],
    [14, 'registered_due'],
    [13, 'registered_due'],
    [8, 'accepted'],
    [6, 'registered'],
    [4, 'objected'],
    [2, 'registered'],
  ];
  recent.forEach(([ago, plan], i) => out.push({ ago, plan, k: 34 + i }));
  // 复查 of two closed petitions within 30 日 of delivery, and a 复核 of the first 复查 with a hearing.
  const parentAgo = (k: number) => out.find((s) => s.k === k)?.ago ?? 0;
  out.push({ ago: parentAgo(1) - 58, plan: 'closed', k: 100, follow: { parentOf: 1, type: 'review' } });
  out.push({ ago: parentAgo(10) - 58, plan: 'closed', k: 101, follow: { parentOf: 10, type: 'review' } });
  out.push({ ago: parentAgo(1) - 58 - 38, plan: 'closed', k: 102, follow: { parentOf: 100, type: 'recheck' } });
  return out.sort((a, b) => b.ago - a.ago || a.k - b.k);
}

async function actorOf(deps: Deps, username: string): Promise<Actor | undefined> {
  const a = await getAccountByUsername(deps, username);
  return a
    ? { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null }
    : undefined;
}

/** Idempotent: a database with any 信访件 is left alone. */
export async function seedDemoPetition(deps: Deps): Promise<void> {
  if (await hasAnyItem(deps.db)) return;
  const [officer, leader, div1Head, div1Staff, div2Head, div2Staff] = await Promise.all(
    [PETITION_OFFICER, 'leader1', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff'].map((u) => actorOf(deps, u)),
  );
  if (!officer || !leader || !div1Head || !div1Staff || !div2Head || !div2Staff) return;
  const divisions = new Map((await listDivisions(deps)).map((d) => [d.name, d.id]));
  const div1 = divisions.get('监管一处');
  const div2 = divisions.get('监管二处');
  const zonghe = divisions.get('综合处');
  if (!div1 || !div2 || !zonghe) return;

  const today = beijingToday(deps);
  const clock = new SeedClock(deps.clock.now().getTime());
  const d: Deps = { ...deps, clock };
  // 10:00 Beijing, `ago` days back.
  const dayOf = (ago: number) => addDays(today, -ago);
  const setDay = (ago: number) => {
    clock.t = Date.parse(`${dayOf(Math.max(ago, 0))}T02:00:00.000Z`);
  };
  const byK = new Map<number, string>();

  for (const spec of specs()) {
    const { k, plan } = spec;
    const p = person(k % 55);
    const topic = TOPIC_ROTA[(k % 55) % TOPIC_ROTA.length] ?? 'fiscal_funds';
    const matters = MATTERS[topic];
    const [subject, content] = matters[k % matters.length] ?? matters[0] ?? ['', ''];
    const transferredIn = plan === 'returned' || plan === 'objected' || (k % 5 === 1 && !spec.follow);
    const channel: Channel = spec.follow ? 'letter' : (CHANNEL_ROTA[k % CHANNEL_ROTA.length] ?? 'letter');
    const source: Source = transferredIn ? 'transferred_in' : 'direct';
    const parentId = spec.follow ? byK.get(spec.follow.parentOf) : undefined;
    if (spec.follow && !parentId) continue;
    const R = spec.ago;
    setDay(R);
    const body: PetitionCreate = {
      type: spec.follow?.type ?? 'initial',
      ...(parentId ? { parentId } : {}),
      channel,
      source,
      ...(transferredIn ? { transferredFrom: k % 2 === 0 ? '国家信访局' : '江西省信访局' } : {}),
      receivedDate: dayOf(R),
      category: topic === 'accounting' || topic === 'procurement' ? 'complaint' : topic === 'budget' ? 'suggestion' : 'appeal',
      topic,
      subject: spec.follow ? `请求${spec.follow.type === 'review' ? '复查' : '复核'}：${subject}` : subject,
      content: spec.follow ? `对答复意见不服，请求${spec.follow.type === 'review' ? '复查' : '复核'}。${content}` : content,
      ...(channel === 'visit' ? { visitors: (k % 3) + 1 } : {}),
      ...(spec.follow ? {} : { petitioner: p }),
    };
    const division = plan === 'handling' && k % 3 === 2 ? zonghe : k % 2 === 0 ? div1 : div2;
    const head = division === div1 ? div1Head : div2Head;
    const staff = division === div1 ? div1Staff : div2Staff;

    await deps.db.transaction().execute(async (trx: Transaction<Database>) => {
      const o = await createInTransaction(d, officer, trx, body);
      byK.set(k, o.id);
      const fire = async (ago: number, who: Actor, action: string, payload: Record<string, unknown> = {}) => {
        setDay(ago);
        const row = await loadItem(trx, o.id);
        await fireTransition(d, petitionWorkflow, { id: o.id, action, version: row?.version ?? 0, payload, actor: who }, { trx });
      };
      const notice = (ago: number) => ({ noticeMethod: k % 4 === 0 ? 'phone' : 'letter', noticeDate: dayOf(ago) });
      if (plan === 'registered' || plan === 'registered_due' || plan === 'registered_overdue') return;
      if (plan === 'objected' || plan === 'returned') {
        await fire(R - 1, officer, 'raise_objection', { reason: '经初步核实，反映事项属地方财政部门职权，拟向交办机关提出异议。' });
        if (plan === 'returned') await fire(R - 6, officer, 'objection_upheld', { comment: '交办机关同意异议，材料已交还。' });
        return;
      }
      if (plan === 'not_accepted') {
        await fire(R - 3, officer, 'reject', { reasonType: 'legal_channel', reason: '反映事项应通过行政复议或诉讼途径解决。', ...notice(R - 3) });
        return;
      }
      if (plan === 'transferred') {
        await fire(R - 3, officer, 'transfer', { toOrg: '江西省财政厅', reason: '反映事项属省级财政部门职权。', ...notice(R - 3) });
        return;
      }
      await fire(R - 3, officer, 'accept', notice(R - 3));
      if (plan === 'accepted') return;
      await fire(R - 4, officer, 'assign', { divisionId: division, requirement: '请核实情况，依法依规提出处理意见。' });
      // 综合处 has no demo staff: its petitions wait there without feedback.
      if (R - 15 > 0 && division !== zonghe) await fire(R - 15, staff, 'feedback', { content: '已调取相关资料，正在核实。' });
      if (plan === 'handling') return;
      if (plan === 'handling_ext_told' || plan === 'handling_ext_pending') {
        await fire(R - 50, head, 'request_extension', { days: 30, reason: '涉及多个县区，需实地核查。' });
        if (plan === 'handling_ext_pending') return;
        await fire(R - 51, leader, 'approve_extension', { comment: '同意延期。' });
        await fire(R - 52, officer, 'notify_extension', { noticeMethod: 'phone', noticeDate: dayOf(R - 52) });
        return;
      }
      const late = plan === 'closed_late';
      const short = spec.follow !== undefined;
      const [reply, approve, deliver, close] = short ? [20, 22, 24, 28] : late ? [66, 70, 73, 80] : [40, 45, 48, 55];
      if (spec.follow?.type === 'recheck') {
        await fire(R - 8, officer, 'hold_hearing', {
          hearingStart: dayOf(R - 8),
          hearingEnd: dayOf(R - 9),
          summary: '听证会听取了信访人和承办处室的陈述，核对了补贴发放台账。',
        });
      }
      await fire(R - reply, head, 'submit_reply', {
        opinion: '经核查，拟按调查结果答复。',
        replyText: `经调查核实，你反映的“${subject}”问题，相关部门已依法依规处理。`,
      });
      if (plan === 'reply_review') return;
      await fire(R - approve, leader, 'approve_reply', { comment: '同意。' });
      if (plan === 'replied') return;
      await fire(R - deliver, officer, 'record_delivery', { deliveryMethod: 'letter', deliveredDate: dayOf(R - deliver) });
      await fire(R - close, officer, 'close', { satisfaction: late ? 'dissatisfied' : k % 4 === 0 ? 'basically_satisfied' : 'satisfied' });
    });
  }
  await deps.db.transaction().execute((trx) => deadlineWarnings(deps, trx));
}
