import type { IncomingCreate } from '../../../shared/incoming.js';
import type { Clock } from '../../core/clock.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { hasAnyDoc } from './incoming.repo.js';
import { registerInTransaction } from './incoming.service.js';
import { demoSources, seededRandom } from './incoming.seed.sources.js';
import { incomingWorkflow } from './incoming.workflow.js';

class SeedClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

type Target =
  | 'archived'
  | 'archived_read'
  | 'completed'
  | 'handling'
  | 'handling_overdue'
  | 'extension'
  | 'extended'
  | 'circulating'
  | 'proposed'
  | 'registered'
  | 'returned'
  | 'voided';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Where each document's life has got to, by its age: the past few days
 * still wait at the desk, the past fortnight is in hand, the past month
 * mostly done, anything older filed — with the odd 退文 and 作废, two old
 * documents overdue and one 办结 left unfiled, as a real year has.
 */
function planFor(ageDays: number, n: number): Target {
  if (ageDays <= 3) return n % 2 === 0 ? 'registered' : 'proposed';
  const cycle = <T>(xs: readonly T[]): T => xs[n % xs.length] as T;
  if (ageDays <= 12) return cycle(['handling', 'circulating', 'handling', 'extension', 'completed', 'handling', 'completed', 'returned'] as const);
  if (ageDays <= 30) return cycle(['archived', 'handling', 'archived', 'extended', 'archived_read', 'archived', 'archived', 'voided'] as const);
  if (n === 2 || n === 9) return 'handling_overdue';
  if (n === 5) return 'completed';
  return cycle([
    'archived',
    'archived',
    'archived_read',
    'archived',
    'archived',
    'returned',
    'archived',
    'archived',
    'archived_read',
    'archived',
    'archived',
    'archived',
    'voided',
    'archived',
    'archived',
    'archived_read',
    'archived',
  ] as const);
}

/** Office days (Monday to Friday, Beijing) of the past year, with a varying number of arrivals each. */
function receiptDays(nowMs: number, rnd: () => number): string[] {
  const out: string[] = [];
  for (let back = 360; back >= 1; back--) {
    const day = new Date(nowMs - back * DAY + 8 * HOUR);
    const wd = day.getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const r = rnd();
    // The last office days always bring something: the demo's desk has work waiting.
    const k = Math.max(back <= 4 ? 1 : 0, r < 0.46 ? 0 : r < 0.93 ? 1 : 2);
    for (let j = 0; j < k; j++) out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

/**
 * `seed-demo`: a year of 收文 (about 170 documents from 财政部 and local
 * bodies) in every state, registered and moved through the real workflow
 * on a clock that walks through the year (so history, audit, index, numbers
 * per year and deadlines are consistent). Does nothing when any incoming
 * document exists.
 */
export async function seedDemoIncoming(deps: Deps): Promise<{ created: number }> {
  if (await hasAnyDoc(deps.db)) return { created: 0 };
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

  const nowMs = deps.clock.now().getTime();
  const rnd = seededRandom(7_2026);
  const days = receiptDays(nowMs, rnd);
  const sources = demoSources(days);
  const clock = new SeedClock(nowMs);
  const d: Deps = { ...deps, clock };
  let created = 0;
  // Planned from the newest backwards, per age bucket, so the plan of recent work does not shift as the year grows;
  // then registered oldest first, so 收文编号 climb with the dates of receipt.
  const seen = new Map<string, number>();
  const plans: Target[] = [];
  for (let i = days.length - 1; i >= 0; i--) {
    const ageDays = Math.floor((nowMs - Date.parse(`${days[i] ?? ''}T01:30:00.000Z`)) / DAY);
    const bucket = ageDays <= 3 ? 'a' : ageDays <= 12 ? 'b' : ageDays <= 30 ? 'c' : 'd';
    const n = seen.get(bucket) ?? 0;
    seen.set(bucket, n + 1);
    plans[i] = planFor(ageDays, n);
  }

  for (const [i, src] of sources.entries()) {
    const day = days[i] ?? '';
    const target = plans[i] ?? 'registered';
    // 09:30 Beijing on the day of receipt.
    const receivedMs = Date.parse(`${day}T01:30:00.000Z`);
    const ageDays = Math.floor((nowMs - receivedMs) / DAY);
    clock.t = receivedMs;
    const r = rnd();
    const urgency = r < 0.07 ? 'extra_urgent' : r < 0.2 ? 'urgent' : 'normal';
    const reading = target === 'circulating' || target === 'archived_read';
    const body: IncomingCreate = {
      sourceOrg: src.org,
      sourceDocNumber: src.no,
      title: src.title,
      docType: src.type,
      classification: i % 4 === 0 ? 'internal' : 'none',
      urgency,
      kind: reading ? 'read' : 'handle',
      copies: 1 + (i % 3),
      receivedDate: day,
    };
    // One transaction per document's whole year: a commit (an fsync) per document rather than per step
    // keeps `seed-demo` quick; each step is still the workflow's own, with its history, index and audit.
    await deps.db.transaction().execute(async (trx) => {
      const doc = await registerInTransaction(d, clerk, body, trx);
      created++;
      let version = doc.version;
      const fire = async (a: Actor, action: string, payload: Record<string, unknown>, hours = 3) => {
        // Never past the real now: the last steps of a recent document bunch up just before it.
        clock.t = Math.min(clock.t + hours * HOUR, nowMs - 60_000);
        const res = await fireTransition(d, incomingWorkflow, { id: doc.id, action, version, payload, actor: a }, { trx });
        version = res.version;
      };
      if (target === 'registered') return;
      if (target === 'returned') {
        await fire(clerk, 'return', { reason: '经初审，该文不属本局职责范围，已退回来文单位并说明理由' });
        return;
      }
      const lead = i % 2 === 0 ? div1 : div2;
      const leadName = lead === div1 ? '监管一处' : '监管二处';
      const leader = i % 3 === 0 ? leader2 : leader1;
      await fire(i % 2 === 0 ? clerk : director, 'propose', {
        opinion: reading ? '拟请局领导阅示后在局内传阅' : `拟请${leadName}牵头办理，报局领导批示`,
        ...(reading ? {} : { leadDivisionId: lead }),
        leaderIds: [leader.id],
      });
      if (target === 'proposed') return;
      if (target === 'voided') {
        await fire(director, 'void', { reason: '系同一来文的重复登记，予以作废' });
        return;
      }
      if (reading) {
        await fire(
          leader,
          'instruct',
          {
            instruction: '请有关同志阅知',
            circulate: [div1Head.id, div2Head.id, div1Staff.id],
            circulationMode: i % 2 === 0 ? 'sequential' : 'parallel',
            deadlineWorkdays: 5,
          },
          20,
        );
        await fire(div1Head, 'read', { comment: '已阅，请处内同志学习' }, 5);
        if (target === 'circulating') return;
        await fire(div2Head, 'read', {}, 6);
        await fire(div1Staff, 'read', { comment: '已阅' }, 4);
        await fire(clerk, 'archive', { retention: '10y' }, 30);
        return;
      }
      const assist = i % 3 === 0 ? [lead === div1 ? div2 : div1, ...(zonghe ? [zonghe] : [])] : [];
      await fire(
        leader,
        'instruct',
        {
          instruction: `请${leadName}研究办理，按时限报送办理情况`,
          leadDivisionId: lead,
          ...(assist.length ? { assistDivisionIds: assist } : {}),
          deadlineWorkdays: target === 'handling_overdue' ? 10 : ageDays <= 30 ? 25 : 15,
        },
        20,
      );
      const staff = lead === div1 ? div1Staff : div2Staff;
      const head = lead === div1 ? div1Head : div2Head;
      if (target === 'handling') return;
      await fire(staff, 'feedback', { content: '已组织学习传达，正在对照要求梳理本处相关工作' }, 26);
      if (assist.length) await fire(lead === div1 ? div2Staff : div1Staff, 'feedback', { content: '协办意见：无不同意见，相关数据已提供' }, 8);
      if (target === 'handling_overdue') return;
      if (target === 'extension' || target === 'extended') {
        await fire(head, 'request_extension', { reason: '需征求各地市局意见，申请延期', deadlineWorkdays: 5 });
        if (target === 'extension') return;
        await fire(leader, 'approve_extension', { comment: '同意延期，请抓紧办理' }, 6);
        return;
      }
      await fire(head, 'complete', { result: '已按要求研究落实，办理情况已书面报送来文单位' }, 30 + Math.floor(rnd() * 90));
      if (target === 'completed') return;
      const national = src.org.startsWith('财政部') || src.org.startsWith('国务院');
      await fire(clerk, 'archive', { retention: i % 11 === 0 ? 'permanent' : national ? '30y' : '10y' }, 24 + Math.floor(rnd() * 48));
    });
  }
  return { created };
}
