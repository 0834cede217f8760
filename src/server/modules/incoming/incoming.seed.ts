import type { IncomingCreate } from '../../../shared/incoming.js';
import type { Clock } from '../../core/clock.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../org/org.service.js';
import { registerInTransaction } from './incoming.service.js';
import { incomingWorkflow } from './incoming.workflow.js';

/**
 * Real 公文 (titles, 文号 and issuers as published; see the team's corpus of
 * public documents) received by the demo bureau over 2026, from 财政部, the
 * State Council and local governments.
 */
const SOURCES: ReadonlyArray<{ org: string; no: string; title: string; type: string }> = [
  { org: '财政部、国家档案局', no: '财会〔2020〕6号', title: '关于规范电子会计凭证报销入账归档的通知', type: '通知' },
  { org: '财政部、国家档案局', no: '财会〔2016〕3号', title: '关于新旧《会计档案管理办法》有关衔接规定的通知', type: '通知' },
  { org: '财政部、交通运输部', no: '财会〔2020〕23号', title: '关于进一步加强公路水路公共基础设施政府会计核算的通知', type: '通知' },
  { org: '财政部', no: '财会〔2021〕37号', title: '关于印发《农民专业合作社会计制度》的通知', type: '通知' },
  { org: '财政部、农业农村部', no: '财农〔2021〕121号', title: '关于印发《农村集体经济组织财务制度》的通知', type: '通知' },
  { org: '财政部', no: '财会〔2004〕12号', title: '财政部关于印发《村集体经济组织会计制度》的通知', type: '通知' },
  { org: '财政部', no: '财库〔2015〕192号', title: '财政部关于印发《财政总预算会计制度》的通知', type: '通知' },
  { org: '财政部', no: '财会〔2013〕20号', title: '财政部关于印发《企业会计信息化工作规范》的通知', type: '通知' },
  { org: '财政部', no: '财会〔2020〕9号', title: '财政部关于印发《<民间非营利组织会计制度>若干问题的解释》的通知', type: '通知' },
  { org: '国务院', no: '国发〔2019〕5号', title: '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见', type: '意见' },
  { org: '国务院办公厅', no: '国办发〔2019〕6号', title: '国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见', type: '意见' },
  { org: '国务院办公厅', no: '国办发〔2018〕123号', title: '国务院办公厅关于推进政务新媒体健康有序发展的意见', type: '意见' },
  { org: '国务院办公厅', no: '国办发〔2018〕118号', title: '国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见', type: '意见' },
  { org: '国务院办公厅', no: '国办发〔2019〕3号', title: '国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知', type: '通知' },
  { org: '国务院办公厅', no: '国办发〔2018〕128号', title: '国务院办公厅关于印发“无废城市”建设试点工作方案的通知', type: '通知' },
  { org: '国务院办公厅', no: '国办发明电〔2018〕15号', title: '国务院办公厅关于2019年部分节假日安排的通知', type: '通知' },
  { org: '国务院', no: '国发〔2004〕18号', title: '国务院关于印发《国务院工作规则》的通知', type: '通知' },
  { org: '国务院办公厅', no: '国办发〔2018〕108号', title: '国务院办公厅关于对国务院第五次大督查发现的典型经验做法给予表扬的通报', type: '通报' },
  { org: '国务院', no: '国发〔2018〕44号', title: '国务院关于2018年度国家科学技术奖励的决定', type: '决定' },
  { org: '国务院办公厅', no: '国办函〔2005〕21号', title: '国务院办公厅关于科技节水建议的复函', type: '函' },
  { org: '江西省人民政府', no: '赣府字〔2020〕11号', title: '江西省人民政府关于鹰潭港总体规划的批复', type: '批复' },
  { org: '江西省人民政府办公厅', no: '赣府厅字〔2020〕14号', title: '江西省人民政府办公厅印发关于金融支持防控疫情稳定经济增长若干措施的通知', type: '通知' },
  { org: '江西省人民政府办公厅', no: '赣府厅发〔2020〕4号', title: '江西省人民政府办公厅关于新时代推进普通高中育人方式改革的实施意见', type: '意见' },
  { org: '江西省人民政府', no: '赣府发〔2020〕8号', title: '江西省人民政府关于推进全省国家级开发区创新提升打造改革开放新高地的若干意见', type: '意见' },
  { org: '江西省市场监督管理局', no: '赣市监新冠〔2020〕21号', title: '关于疫情防控期间进一步加强食品经营监管工作的通知', type: '通知' },
  { org: '江西省市场监督管理局', no: '赣市监办〔2020〕5号', title: '江西省市场监管局办公室关于印发省市场监管局落实2020年省政府工作报告重点工作责任分工的通知', type: '通知' },
  { org: '江西省市场监督管理局', no: '赣市监法〔2020〕5号', title: '江西省市场监管局关于在法治轨道上统筹推进疫情防控工作的实施意见', type: '意见' },
  { org: '金昌市人民政府', no: '金政发〔2025〕33号', title: '金昌市人民政府关于印发《金昌市创建全国法治政府建设示范市实施方案》的通知', type: '通知' },
  { org: '济宁市人民政府', no: '济政字〔2021〕30号', title: '济宁市人民政府关于持续深化“市县同权”改革的实施意见', type: '意见' },
  { org: '内蒙古自治区人民政府', no: '内政字〔2020〕102号', title: '内蒙古自治区人民政府关于《根河市城市总体规划（2019—2030）》的批复', type: '批复' },
];

type Target = 'archived' | 'completed' | 'handling' | 'handling_overdue' | 'extension' | 'circulating' | 'proposed' | 'registered' | 'returned' | 'voided';
/** The life each document has reached by the end of the demo year, oldest first. */
const PLAN: readonly Target[] = [
  'archived', 'archived', 'archived', 'voided', 'archived', 'archived', 'completed', 'archived', 'archived', 'returned',
  'archived', 'completed', 'completed', 'archived', 'completed', 'completed', 'handling_overdue', 'archived', 'handling_overdue', 'completed',
  // The last ten arrived in the past fortnight: the desk's current work.
  'circulating', 'handling', 'extension', 'circulating', 'handling', 'handling', 'circulating', 'proposed', 'registered', 'registered',
];

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

/**
 * `seed-demo`: a year of 收文 in every state, registered and moved through
 * the real workflow (so history, audit, index and counters are consistent).
 * Does nothing when any incoming document exists.
 */
export async function seedDemoIncoming(deps: Deps): Promise<{ created: number }> {
  const existing = await deps.db.selectFrom('incoming_docs').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: 0 };
  const actor = async (username: string): Promise<Actor> => {
    const a = await getAccountByUsername(deps, username);
    if (!a) throw new Error(`demo user ${username} missing`);
    return { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null };
  };
  const [clerk, director, leader1, leader2, div1Head, div1Staff, div2Head, div2Staff] = await Promise.all(
    ['office_clerk', 'office_director', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff'].map(actor),
  );
  if (!clerk || !director || !leader1 || !leader2 || !div1Head || !div1Staff || !div2Head || !div2Staff) return { created: 0 };
  const divisions = new Map((await listDivisions(deps)).map((d) => [d.name, d.id]));
  const div1 = divisions.get('监管一处');
  const div2 = divisions.get('监管二处');
  const zonghe = divisions.get('综合处');
  if (!div1 || !div2) return { created: 0 };

  // The older twenty spread over the year up to three weeks ago, the recent ten over the past fortnight, in order.
  const nowMs = deps.clock.now().getTime();
  const end = nowMs - 21 * 86_400_000;
  const start = Date.UTC(new Date(end).getUTCFullYear(), 0, 5, 1, 30);
  const step = Math.max(86_400_000, Math.floor((end - start) / 20));
  const clock = new SeedClock(start);
  const d: Deps = { ...deps, clock };
  let created = 0;

  for (const [i, src] of SOURCES.entries()) {
    const target = PLAN[i] ?? 'registered';
    clock.t = i < 20 ? start + i * step : nowMs - (SOURCES.length - i) * 1.4 * 86_400_000;
    const day = new Date(clock.t + 8 * 3_600_000).toISOString().slice(0, 10);
    const urgency = i % 7 === 3 || i === 28 ? 'extra_urgent' : i % 4 === 1 ? 'urgent' : 'normal';
    const circulate = target === 'circulating';
    const body: IncomingCreate = {
      sourceOrg: src.org,
      sourceDocNumber: src.no,
      title: src.title,
      docType: src.type,
      classification: i % 3 === 0 ? 'internal' : 'none',
      urgency,
      kind: circulate ? 'read' : 'handle',
      copies: 1 + (i % 3),
      receivedDate: day,
    };
    const doc = await deps.db.transaction().execute((trx) => registerInTransaction(d, clerk, body, trx));
    created++;
    let version = doc.version;
    const fire = async (a: Actor, action: string, payload: Record<string, unknown>, hours = 3) => {
      clock.t += hours * 3_600_000;
      const r = await fireTransition(d, incomingWorkflow, { id: doc.id, action, version, payload, actor: a });
      version = r.version;
    };
    if (target === 'registered') continue;
    if (target === 'returned') {
      await fire(clerk, 'return', { reason: '经初审，该文不属本局职责范围，已退回来文单位并说明理由' });
      continue;
    }
    const lead = i % 2 === 0 ? div1 : div2;
    const leader = i % 3 === 0 ? leader2 : leader1;
    await fire(i % 2 === 0 ? clerk : director, 'propose', {
      opinion: circulate ? '拟请局领导阅示后在局内传阅' : `拟请${lead === div1 ? '监管一处' : '监管二处'}牵头办理，报局领导批示`,
      ...(circulate ? {} : { leadDivisionId: lead }),
      leaderIds: [leader.id],
    });
    if (target === 'proposed') continue;
    if (target === 'voided') {
      await fire(director, 'void', { reason: '与收〔2026〕1号为同一来文的重复登记，予以作废' });
      continue;
    }
    if (circulate) {
      await fire(leader, 'instruct', { instruction: '请有关同志阅知', circulate: [div1Head.id, div2Head.id, div1Staff.id], circulationMode: i % 2 === 0 ? 'sequential' : 'parallel', deadlineWorkdays: 5 }, 20);
      await fire(div1Head, 'read', { comment: '已阅，请处内同志学习' }, 5);
      continue;
    }
    const workdays = target === 'handling_overdue' ? 5 : 15;
    await fire(leader, 'instruct', {
      instruction: `请${lead === div1 ? '监管一处' : '监管二处'}研究办理，按时限报送办理情况`,
      leadDivisionId: lead,
      ...(i % 3 === 0 ? { assistDivisionIds: [lead === div1 ? div2 : div1, ...(zonghe ? [zonghe] : [])] } : {}),
      deadlineWorkdays: workdays,
    }, 20);
    const staff = lead === div1 ? div1Staff : div2Staff;
    const head = lead === div1 ? div1Head : div2Head;
    if (target === 'handling') continue;
    await fire(staff, 'feedback', { content: '已组织学习传达，正在对照要求梳理本处相关工作' }, 26);
    if (target === 'handling_overdue') continue;
    if (target === 'extension') {
      await fire(head, 'request_extension', { reason: '需征求各地市局意见，申请延期', deadlineWorkdays: 5 });
      continue;
    }
    await fire(head, 'complete', { result: '已按要求研究落实，办理情况已书面报送来文单位' }, 48);
    if (target === 'completed') continue;
    await fire(clerk, 'archive', { retention: i % 5 === 0 ? 'permanent' : i % 2 === 0 ? '30y' : '10y' }, 24);
  }
  return { created };
}
