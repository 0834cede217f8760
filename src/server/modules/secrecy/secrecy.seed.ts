import type { Classification } from '../../../shared/secrecy.js';
import { addDaysTo, addMonthsClamped, beijingDay } from '../../../shared/secrecy.dates.js';
import type { PersonnelCategory } from '../../../shared/secrecy.people.js';
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { guardText } from '../../core/guard/guard.service.js';
import type { Actor } from '../../core/http/actor.js';
import { withoutIdempotencyKey } from '../../core/idempotency/idempotency.request.js';
import { getAccountByUsername, listUnits } from '../../core/org/org.service.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { createCarrierIn } from './secrecy.carrier.service.js';
import { carrierWorkflow } from './secrecy.carrier.workflow.js';
import { campaignItems, listCampaignRows, sheetsOfCampaign } from './secrecy.inspection.repo.js';
import { createCampaign } from './secrecy.inspection.service.js';
import { inspectionWorkflow } from './secrecy.inspection.workflow.js';
import { createTraining } from './secrecy.people.service.js';
import { createPersonnel, leavePersonnel } from './secrecy.personnel.js';
import { hasAnyCarrier } from './secrecy.repo.js';

/*
 * Demo 保密 for `zhongshu seed-demo` (contract "Demo"): 涉密人员, a year of
 * carriers, two 自查 campaigns, training and the guard's refusals — made
 * through the services and workflows on a clock that walks through the past
 * year, so history, numbers, search and audit are all real.
 */

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

const SOURCES = ['财政部办公厅', '财政部监督评价局', '省委办公厅', '省保密局', '省财政厅', '财政部预算司', '省政府办公厅'] as const;
const DOC_PREFIX: Record<(typeof SOURCES)[number], string> = {
  财政部办公厅: '财办',
  财政部监督评价局: '财监',
  省委办公厅: '省委办',
  省保密局: '省保',
  省财政厅: '财厅',
  财政部预算司: '财预',
  省政府办公厅: '省政办',
};
const TITLES = [
  '关于做好年度预算执行监督工作的通知',
  '中央财政专项资金检查工作方案',
  '关于加强重大事项请示报告的意见',
  '保密工作要点',
  '地方政府债务风险排查情况通报',
  '财政监督检查工作规程（试行）',
  '转移支付资金绩效评价办法',
  '关于开展财会监督专项行动的通知',
  '重点领域风险防控工作会议纪要',
  '年度工作要点',
  '关于进一步规范监管局内部管理的通知',
  '国有资产管理情况专项报告',
  '代号“甲-17”资料汇编',
  '代号“乙-04”会议材料',
  '关于做好节假日期间值班工作的通知',
];
const CLASSES: readonly Classification[] = ['secret', 'confidential', 'secret', 'top_secret', 'secret', 'confidential'];

async function account(deps: Deps, username: string): Promise<Actor | undefined> {
  const a = await getAccountByUsername(deps, username);
  return a
    ? { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null }
    : undefined;
}

/** Idempotent: a database with any carrier is left alone. */
export async function seedDemoSecrecy(deps: Deps): Promise<void> {
  if (await hasAnyCarrier(deps.db)) return;
  const names = ['secrecy_officer', 'office_director', 'office_clerk', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff'] as const;
  const who = {} as Record<(typeof names)[number], Actor>;
  for (const n of names) {
    const a = await account(deps, n);
    if (!a) return;
    who[n] = a;
  }
  const so = who.secrecy_officer;
  const units = await listUnits(deps);
  const unitId = (name: string) => units.find((u) => u.name === name)?.id ?? so.unitId ?? '';
  const today = beijingDay(deps.clock.now());
  const clock = new SeedClock(deps.clock.now().getTime());
  const d: Deps = { ...deps, clock };
  // 10:00 Beijing on the day `ago` days back.
  const on = (ago: number, hour = 10) => {
    clock.t = Date.parse(`${addDaysTo(today, -ago)}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`);
  };
  const day = (ago: number) => addDaysTo(today, -ago);

  // 涉密人员: the accounts, then people without an account, three in 脱密期 and two released.
  on(400);
  const people: [string, (typeof names)[number] | null, string, PersonnelCategory, string][] = [
    ['王局长', 'leader1', '局领导', 'core', '局长'],
    ['钱文秘', 'office_clerk', '办公室', 'core', '机要秘书'],
    ['冯保密员', 'secrecy_officer', '办公室', 'core', '保密员'],
    ['李副局长', 'leader2', '局领导', 'important', '副局长'],
    ['赵主任', 'office_director', '办公室', 'important', '办公室主任'],
    ['孙处长', 'div1_head', '监管一处', 'important', '处长'],
    ['吴处长', 'div2_head', '监管二处', 'important', '处长'],
    ['周科员', 'div1_staff', '监管一处', 'general', '监管岗'],
  ];
  const extra: [string, string, PersonnelCategory, string][] = [
    ['刘明', '综合处', 'important', '综合处处长'],
    ['陈静', '综合处', 'general', '文秘岗'],
    ['杨帆', '综合处', 'general', '财务岗'],
    ['黄磊', '监管一处', 'general', '监管岗'],
    ['林晓', '监管一处', 'general', '监管岗'],
    ['何伟', '监管二处', 'general', '监管岗'],
    ['高洁', '监管二处', 'general', '监管岗'],
    ['罗刚', '办公室', 'important', '档案岗'],
    ['梁红', '办公室', 'general', '收发岗'],
    ['宋涛', '监管二处', 'important', '副处长'],
    ['唐宁', '综合处', 'general', '人事岗'],
    ['韩雪', '监管一处', 'general', '监管岗'],
    ['冯强', '办公室', 'core', '原机要秘书'],
    ['邓丽', '监管二处', 'general', '原监管岗'],
    ['曹阳', '综合处', 'general', '原文秘岗'],
    ['彭亮', '监管一处', 'general', '原监管岗'],
  ];
  for (const [name, user, unit, category, post] of people) {
    await createPersonnel(d, so, { name, ...(user ? { userId: who[user].id } : {}), unitId: unitId(unit), category, post, since: '2021-03-01' });
  }
  const leavers: { id: string; version: number; left: string }[] = [];
  for (const [i, [name, unit, category, post]] of extra.entries()) {
    const p = await createPersonnel(d, so, { name, unitId: unitId(unit), category, post, since: '2019-09-01' });
    // The last four left: 冯强 (core) and 邓丽 half a year ago are in 脱密期, so is 曹阳 since last month; 彭亮 left long ago and is released.
    if (i >= 12) leavers.push({ id: p.id, version: p.version, left: [day(180), day(200), day(30), addMonthsClamped(today, -14)][i - 12] ?? day(30) });
  }
  // One more released: 韩雪 left 13 months ago.
  on(1);
  for (const l of leavers) await leavePersonnel(d, so, l.id, { leftDate: l.left, reason: 'transferred', version: l.version });
  const hanxue = await deps.db.selectFrom('secrecy_personnel').select(['id', 'version']).where('name', '=', '韩雪').executeTakeFirst();
  if (hanxue) await leavePersonnel(d, so, hanxue.id, { leftDate: addMonthsClamped(today, -13), reason: 'post_changed', version: hanxue.version });

  await seedCarriers(d, deps, who, on, day, today);
  await seedCampaigns(d, deps, who, on, day, unitId);
  await seedTrainings(d, who, on, day);
  await seedRefusals(d, who, on);
  clock.t = deps.clock.now().getTime();
}

type Who = Record<
  'secrecy_officer' | 'office_director' | 'office_clerk' | 'leader1' | 'leader2' | 'div1_head' | 'div1_staff' | 'div2_head' | 'div2_staff',
  Actor
>;

/** The register in one transaction: the seed stays quick on SQLite (one commit instead of some 130). */
async function seedCarriers(d: Deps, deps: Deps, who: Who, on: (ago: number, hour?: number) => void, day: (ago: number) => string, today: string) {
  await deps.db.transaction().execute((trx) => seedCarriersIn(d, trx, who, on, day, today));
}

async function seedCarriersIn(
  d: Deps,
  trx: Transaction<Database>,
  who: Who,
  on: (ago: number, hour?: number) => void,
  day: (ago: number) => string,
  today: string,
) {
  const so = who.secrecy_officer;
  const fire = async (id: string, action: string, actor: Actor, payload: Record<string, unknown> = {}) => {
    const row = await trx.selectFrom('secrecy_carriers').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await fireTransition(d, carrierWorkflow, { id, action, version: Number(row.version), payload, actor }, { trx });
  };
  // 60 carriers, one every six days over the past year (five a month), all levels.
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const ago = 358 - i * 6;
    on(ago, 9);
    const source = SOURCES[i % SOURCES.length] ?? '财政部办公厅';
    const classification = CLASSES[i % CLASSES.length] ?? 'secret';
    const received = day(ago);
    // Three carriers issued a year ago with a one-year 期限 ending within the coming month: due for 解密审核.
    const reviewDue = i === 2 || i === 3 || i === 4;
    const issued = reviewDue ? addMonthsClamped(addDaysTo(today, 8 + i), -12) : addDaysTo(received, -((i % 5) + 2));
    const o = await createCarrierIn(d, so, trx, {
      title: TITLES[i % TITLES.length] ?? '资料',
      classification,
      copyNo: String(((i * 7) % 40) + 1),
      sourceOrg: source,
      sourceDocNumber: `${DOC_PREFIX[source]}〔${received.slice(0, 4)}〕${(i % 90) + 3}号`,
      issuedDate: issued <= received ? issued : received,
      receivedDate: received,
      ...(reviewDue ? { periodYears: 1 } : i % 4 === 0 ? {} : { periodYears: Math.min(5 + (i % 6), 10) }),
      carrierType: i % 9 === 4 ? 'compilation' : 'document',
      pages: 4 + (i % 30),
      ...(i % 5 === 1 && classification !== 'top_secret' ? { custodianId: who.div1_head.id } : {}),
    });
    ids.push(o.id);
  }
  const pick = (from: number, n: number) => ids.slice(from, from + n);
  // 10 withdrawn and 8 destroyed among the oldest; 2 awaiting destruction approval; 2 declassified.
  for (const [k, id] of pick(0, 2).entries()) {
    on(300 - k, 10);
    await fire(id, 'review_declassification', so, { outcome: 'declassified', basis: '原定密机关通知解密' });
  }
  for (const [k, id] of pick(5, 10).entries()) {
    on(280 - k * 12, 10);
    await fire(id, 'request_withdrawal', so, { recipientOrg: '财政部办公厅', reason: '按来文要求定期清退' });
    on(279 - k * 12, 15);
    await fire(id, 'approve_withdrawal', who.office_director, { comment: '同意清退' });
    on(278 - k * 12, 11);
    await fire(id, 'withdraw', so, { handedOverDate: day(278 - k * 12), receiverName: '机要交通员' });
  }
  for (const [k, id] of pick(15, 8).entries()) {
    on(200 - k * 10, 10);
    await fire(id, 'request_destruction', so, { reason: '已过留存期，按规定销毁' });
    await fire(id, 'approve_destruction', so, { comment: '经核对无误' });
    on(199 - k * 10, 16);
    await fire(id, 'approve_destruction', who.office_director, { comment: '同意销毁' });
    on(198 - k * 10, 10);
    await fire(id, 'destroy', so, {
      destroyedDate: day(198 - k * 10),
      method: k % 2 ? 'shred' : 'destruction_center',
      place: k % 2 ? '办公室保密室' : '省保密局销毁中心',
      executorId: so.id,
      supervisorId: who.office_director.id,
    });
  }
  for (const id of pick(23, 2)) {
    on(3, 10);
    await fire(id, 'request_destruction', so, { reason: '副本多余，申请销毁' });
  }
  // 6 lent: 2 overdue (lent three weeks ago for ten days), 4 due in the coming weeks.
  const borrowers = [who.leader1, who.div1_head, who.office_director, who.leader2, who.div1_head, who.leader1];
  for (const [k, id] of pick(40, 6).entries()) {
    const overdue = k < 2;
    on(overdue ? 21 : 2, 10);
    const c = await trx.selectFrom('secrecy_carriers').select(['classification', 'custodian_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const b = borrowers[k] ?? who.leader1;
    const borrower = c.classification === 'top_secret' ? who.leader1 : b.id === c.custodian_id ? who.office_director : b;
    await fire(id, 'lend', so, {
      borrowerId: borrower.id,
      mode: k % 3 === 2 ? 'circulate' : 'lend',
      purpose: overdue ? '研究部署专项检查' : '阅知',
      dueDate: day(overdue ? 11 : 2 - (k + 1) * 4),
    });
  }
}

async function seedCampaigns(
  d: Deps,
  deps: Deps,
  who: Who,
  on: (ago: number, hour?: number) => void,
  day: (ago: number) => string,
  unitId: (name: string) => string,
) {
  const so = who.secrecy_officer;
  const zongheHead: Actor = {
    id: 'seed-zonghe-head',
    username: 'seed',
    name: '刘明',
    unitId: unitId('综合处'),
    roles: ['division_head'],
    sessionId: 'seed-demo',
    ip: '127.0.0.1',
    onBehalfOf: null,
  };
  const headOf = (unit: string): Actor =>
    unit === '办公室' ? who.office_director : unit === '监管一处' ? who.div1_head : unit === '监管二处' ? who.div2_head : zongheHead;
  // Each campaign's answers and moves share one transaction (quick on SQLite); `tx` is it while it runs.
  let tx: Transaction<Database> | undefined;
  const db = () => tx ?? deps.db;
  const inOne = (work: () => Promise<void>) =>
    deps.db.transaction().execute(async (t) => {
      tx = t;
      try {
        await work();
      } finally {
        tx = undefined;
      }
    });
  const fire = async (id: string, action: string, actor: Actor, payload: Record<string, unknown> = {}) => {
    const row = await db().selectFrom('secrecy_sheets').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await fireTransition(d, inspectionWorkflow, { id, action, version: Number(row.version), payload, actor }, tx ? { trx: tx } : {});
  };
  const answerAll = async (sheetId: string, campaignId: string, actor: Actor, bad: readonly string[]) => {
    const items = await campaignItems(db(), campaignId);
    await fire(sheetId, 'answer', actor, {
      answers: items.map((i) =>
        bad.includes(i.code)
          ? { itemCode: i.code, result: 'noncompliant', note: NOTES[i.code] ?? '落实不到位，需整改' }
          : { itemCode: i.code, result: i.code === '10.1' ? 'not_applicable' : 'compliant' },
      ),
    });
  };
  const rectify = async (sheetId: string, actor: Actor, verify: boolean) => {
    for (const r of await db()
      .selectFrom('secrecy_rectifications')
      .select('id')
      .where('sheet_id', '=', sheetId)
      .where('state', '=', 'open')
      .orderBy('item_code')
      .execute()) {
      await fire(sheetId, 'report_rectification', actor, { rectificationId: r.id, measure: '已制定整改措施并落实到人，完善登记台账' });
      if (verify) await fire(sheetId, 'verify_rectification', who.secrecy_officer, { rectificationId: r.id });
    }
  };

  // 上半年处室保密自查: done and closed.
  on(200, 9);
  await createCampaign(d, so, { title: '上半年处室保密自查', template: 'division', dueDate: day(185), rectifyWorkdays: 20 }, withoutIdempotencyKey);
  const first = (await listCampaignRows(deps.db)).find((c) => c.title === '上半年处室保密自查');
  if (!first) return;
  const firstSheets = await sheetsOfCampaign(deps.db, first.id);
  await inOne(async () => {
    for (const [k, s] of firstSheets.entries()) {
      on(195 - k, 10);
      const head = headOf(s.unit_name);
      await answerAll(s.id, first.id, head, k % 2 ? ['5.2'] : []);
      await fire(s.id, 'submit', head);
      on(190, 10);
      await fire(s.id, 'confirm', so, { comment: '已核实' });
      on(170, 10);
      await rectify(s.id, head, true);
    }
  });

  // 年度处室保密自查: 办公室 closed, 综合处 rectifying (one overdue), 监管一处 submitted, 监管二处 pending.
  on(40, 9);
  await createCampaign(d, so, { title: '年度处室保密自查', template: 'division', dueDate: day(-10), rectifyWorkdays: 15 }, withoutIdempotencyKey);
  const annual = (await listCampaignRows(deps.db)).find((c) => c.title === '年度处室保密自查');
  if (!annual) return;
  const annualSheets = await sheetsOfCampaign(deps.db, annual.id);
  await inOne(async () => {
    for (const s of annualSheets) {
      const head = headOf(s.unit_name);
      if (s.unit_name === '办公室') {
        on(35, 10);
        await answerAll(s.id, annual.id, head, []);
        await fire(s.id, 'submit', head);
        await fire(s.id, 'confirm', so);
      } else if (s.unit_name === '综合处') {
        on(34, 10);
        await answerAll(s.id, annual.id, head, ['5.1', '6.4', '11.3']);
        await fire(s.id, 'submit', head, { comment: '已组织全处自查' });
        on(33, 10);
        await fire(s.id, 'confirm', so);
        on(10, 10);
        const open = await db().selectFrom('secrecy_rectifications').select('id').where('sheet_id', '=', s.id).orderBy('item_code').execute();
        const [a, b] = open;
        if (a) {
          await fire(s.id, 'report_rectification', head, { rectificationId: a.id, measure: '补齐收发登记，逐件核对' });
          await fire(s.id, 'verify_rectification', so, { rectificationId: a.id });
        }
        if (b) await fire(s.id, 'report_rectification', head, { rectificationId: b.id, measure: '移动存储介质已全部登记编号' });
      } else if (s.unit_name === '监管一处') {
        on(5, 10);
        await answerAll(s.id, annual.id, who.div1_staff, ['8.3']);
        await fire(s.id, 'submit', head);
      } else {
        on(4, 10);
        const items = await campaignItems(db(), annual.id);
        await fire(s.id, 'answer', who.div2_staff, { answers: items.slice(0, 12).map((i) => ({ itemCode: i.code, result: 'compliant' })) });
      }
    }
  });
}

const NOTES: Record<string, string> = {
  '5.1': '个别文件收发未逐件登记',
  '5.2': '下班时个别保密柜未上锁',
  '6.4': '移动存储介质未分类登记',
  '8.3': '会场未设手机存放处',
  '11.3': '有人用手机拍摄未公开文件',
};

async function seedTrainings(d: Deps, who: Who, on: (ago: number, hour?: number) => void, day: (ago: number) => string) {
  const everyone = Object.values(who);
  const sessions: [string, 'lecture' | 'training' | 'visit' | 'exam' | 'online', number, number][] = [
    ['新保密法专家讲座', 'lecture', 340, 2],
    ['涉密载体管理培训', 'training', 300, 3],
    ['参观国家安全教育基地', 'visit', 260, 4],
    ['保密知识考试（上半年）', 'exam', 230, 1.5],
    ['信息设备保密管理培训', 'training', 190, 2],
    ['保密警示教育片观看', 'online', 150, 1],
    ['涉密人员保密培训', 'training', 110, 3],
    ['保密工作形势专家讲座', 'lecture', 80, 2],
    ['保密知识考试（下半年）', 'exam', 50, 1.5],
    ['网络安全与保密在线学习', 'online', 20, 2.5],
  ];
  for (const [i, [title, kind, ago, hours]] of sessions.entries()) {
    on(ago, 14);
    const attendees = everyone.map((a, j) =>
      kind === 'exam' ? { userId: a.id, score: (j * 17 + i * 11) % 9 === 3 ? 52 + j : 70 + ((j * 7 + i) % 30) } : { userId: a.id },
    );
    await createTraining(d, who.secrecy_officer, { title, kind, date: day(ago), hours, attendees }, withoutIdempotencyKey);
  }
}

async function seedRefusals(d: Deps, who: Who, on: (ago: number, hour?: number) => void) {
  const actors = [who.leader1, who.leader2, who.office_director, who.office_clerk, who.div1_head, who.div1_staff, who.div2_head, who.div2_staff];
  const where: [string, string, string][] = [
    ['incoming', '收文登记', '机密★10年'],
    ['outgoing', '发文拟稿', '秘密★5年'],
    ['supervision', '督办立项', '密级：秘密'],
    ['attachment', '附件“情况汇报.docx”', '绝密★长期'],
    ['carrier', '涉密载体登记', '机密★20年'],
  ];
  for (let i = 0; i < 24; i++) {
    on(350 - i * 14, 11);
    const [targetType, what, mark] = where[i % where.length] ?? ['incoming', '收文登记', '秘密★1年'];
    try {
      await guardText(
        d,
        actors[i % actors.length] ?? who.div1_staff,
        { title: `${mark}\n有关情况的报告` },
        { targetType, what, fieldLabels: { title: '标题' } },
      );
    } catch {
      // The refusal is what we want: recorded with its audit event.
    }
  }
}
