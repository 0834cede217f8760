import type { Transaction } from 'kysely';
import type { CheckReport } from '../../../shared/incoming.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import { currentNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { forbidden } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import {
  claimReminder,
  completedNotArchived,
  docsAwaitingInstruction,
  docsWithDeadline,
  insertCheck,
  latestCheckRow,
  openWithoutDeadline,
  overdueWithoutEscalation,
  registrationSeqs,
  registrationYears,
  unreadReaderIds,
} from './incoming.checks.repo.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import type { JobDefinition } from '../../core/scheduler/scheduler.registry.js';
import { dailyJob } from '../../core/scheduler/scheduler.daily.js';
import { divisionHeads, usersWithRole } from '../../core/org/org.service.js';
import { today } from './incoming.workflow.js';
import { chasersOf } from './incoming.service.js';
import { localDate } from '../../core/scheduler/scheduler.periods.js';
import type { WorkCalendar } from '../../../shared/calendar.js';
import type { Urgency } from '../../../shared/urgency.js';

/** Workdays before the deadline that a normal document's reminder goes out. */
export const NORMAL_REMIND_WORKDAYS = 2;
/** 加急: one working day before, and on the day. 特急: when half the time from registration has passed, and on the day. */
export const URGENT_REMIND_WORKDAYS = 1;
/** A normal document waiting longer than this in 已登记 or 待批办 is reported by the daily check. */
export const STATE_LIMIT_WORKDAYS = 3;
/** The same limit by urgency: 特急 is to be instructed the day it arrives, 加急 within a working day. */
export const STATE_LIMITS: Record<Urgency, number> = { extra_urgent: 0, urgent: 1, normal: STATE_LIMIT_WORKDAYS };
/** The 来文时限 of a document not yet 批办 raises a finding this many working days ahead (and once it has passed). */
export const SOURCE_DEADLINE_WORKDAYS = 1;

/** The Beijing date of an instant (registration is an office day). */
function officeDay(iso: string): string {
  const d = localDate(new Date(iso), 'Asia/Shanghai');
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * Which reminder before the deadline is due today, if any: 平件 two working
 * days ahead; 加急 one working day ahead and on the day; 特急 once half the
 * working days from registration to the deadline have passed, and on the day.
 */
export function reminderDue(
  cal: WorkCalendar,
  d: { urgency: Urgency; registered_at: string },
  day: string,
  deadline: string,
): 'half' | 'before' | 'due' | null {
  if (d.urgency === 'normal') return cal.workdaysBetween(day, deadline).count <= NORMAL_REMIND_WORKDAYS ? 'before' : null;
  if (day === deadline) return 'due';
  if (d.urgency === 'urgent') return cal.workdaysBetween(day, deadline).count <= URGENT_REMIND_WORKDAYS ? 'before' : null;
  const start = officeDay(d.registered_at);
  const total = Math.max(0, cal.workdaysBetween(start, deadline).count);
  const half = cal.addWorkdays(start, Math.ceil(total / 2)).date;
  return day >= half && half < deadline ? 'half' : null;
}
/**
 * 承办 or 传阅 with no 办理时限 is reported after this many workdays since the
 * 批办: without a deadline nothing reminds anyone, so the check is the only
 * net. 15 workdays is the time the bureau's rules give an ordinary 办件.
 */
export const NO_DEADLINE_LIMIT_WORKDAYS = 15;
/** 办结 documents are to be filed (归档) promptly; after this many workdays the check reports them. */
export const ARCHIVE_LIMIT_WORKDAYS = 10;

async function officeIds(trx: Transaction<Database>): Promise<string[]> {
  const [d, c] = await Promise.all([usersWithRole({ db: trx }, 'office_director'), usersWithRole({ db: trx }, 'office_clerk')]);
  return [...d, ...c].map((u) => u.id);
}

const REMINDER_LABEL = { half: '时限已过半', before: '', due: '今日到期' } as const;

/**
 * 催办: reminders before the deadline (reminderDue: urgent documents earlier
 * and more often) to the lead division's head and the unread readers, with a
 * copy to the designated 催办 person (`incoming.chase`) who follows it up; and
 * escalation after it to the division head, the office and the 催办 person.
 * Each goes out once per document, kind and deadline (an approved extension
 * starts over).
 */
export async function sendReminders(deps: Deps, trx: Transaction<Database>): Promise<{ reminded: number; escalated: number }> {
  const day = today(deps);
  const at = deps.clock.now().toISOString();
  const cal = await getCalendar(deps, trx);
  const docs = await docsWithDeadline(trx);
  const chasers = docs.length ? (await chasersOf(trx)).map((u) => u.id) : [];
  const out: NotificationInput[] = [];
  let reminded = 0;
  let escalated = 0;
  for (const d of docs) {
    const deadline = d.handling_deadline ?? '';
    // The division until it has its result in; readers until they have read (both, when 承办 and 传阅 go together).
    const heads = d.state === 'handling' && d.lead_division_id && d.division_done_at === null ? await divisionHeads({ db: trx }, d.lead_division_id) : [];
    const responsible = [...new Set([...heads.map((u) => u.id), ...(await unreadReaderIds(trx, d.id))])];
    const link = `/incoming/${d.id}`;
    if (deadline < day) {
      if (!(await claimReminder(trx, d.id, 'overdue', deadline, at))) continue;
      escalated++;
      const to = [...new Set([...responsible, ...(await officeIds(trx)), ...chasers])];
      out.push(
        ...to.map((userId) => ({ userId, title: `【超期督办】${d.reg_no} ${d.title}（时限 ${deadline}）`.slice(0, 200), link, kind: 'incoming.overdue' })),
      );
      continue;
    }
    const kind = reminderDue(cal, d, day, deadline);
    if (!kind || !(await claimReminder(trx, d.id, kind, deadline, at))) continue;
    reminded++;
    const label = day === deadline ? '今日到期' : kind === 'half' ? `${REMINDER_LABEL.half}，将于 ${deadline} 到期` : `将于 ${deadline} 到期`;
    out.push(...responsible.map((userId) => ({ userId, title: `【催办】${d.reg_no} ${d.title} ${label}`.slice(0, 200), link, kind: 'incoming.reminder' })));
    out.push(
      ...chasers
        .filter((userId) => !responsible.includes(userId))
        .map((userId) => ({ userId, title: `【请催办】${d.reg_no} ${d.title} ${label}`.slice(0, 200), link, kind: 'incoming.chase' })),
    );
  }
  await queueNotifications(trx, deps.clock, out, { email: true });
  return { reminded, escalated };
}

/**
 * 不积压、不遗失、不漏办: every registered document must be on its way to
 * 办结, 退文 or 归档. Reports documents past their deadline without an
 * escalation on record, documents waiting too long in 已登记/待批办, open
 * documents with no deadline that have been open too long, 办结 documents not
 * filed in time, and gaps in the registration numbers of each year.
 */
export async function dailyCheck(deps: Deps, trx: Transaction<Database>): Promise<CheckReport> {
  const day = today(deps);
  const at = deps.clock.now().toISOString();
  const cal = await getCalendar(deps, trx);
  const findings: CheckReport['findings'] = [];
  const yesterday = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  // Overdue since before yesterday: a deadline that passed only yesterday is today's reminder run's to escalate.
  const overdue = await overdueWithoutEscalation(trx, yesterday);
  for (const d of overdue) {
    findings.push({
      kind: 'stuck_without_reminder',
      docId: d.id,
      message: `${d.reg_no}《${d.title}》已超过办理时限 ${d.handling_deadline ?? ''}，尚无催办记录`,
    });
  }
  // A date outside the published calendar cannot be counted: report it rather than let it hide.
  const since = (date: string, limit: number): number => {
    try {
      return cal.workdaysBetween(date.slice(0, 10), day).count;
    } catch {
      return limit + 1;
    }
  };
  const waiting = await docsAwaitingInstruction(trx);
  const sourceNotes: NotificationInput[] = [];
  const directors = await usersWithRole({ db: trx }, 'office_director');
  for (const w of waiting) {
    const limit = STATE_LIMITS[w.urgency];
    const n = since(w.updated_at, limit);
    if (w.deadline && (w.deadline <= day || cal.workdaysBetween(day, w.deadline).count <= SOURCE_DEADLINE_WORKDAYS)) {
      findings.push({
        kind: 'source_deadline',
        docId: w.id,
        message: `${w.reg_no}《${w.title}》来文时限 ${w.deadline}${w.deadline < day ? '已过' : w.deadline === day ? '即为今日' : '将至'}，仍${w.state === 'registered' ? '未拟办' : '未批办'}`,
      });
      // The director hears of it once per document and 来文时限.
      if (await claimReminder(trx, w.id, 'source', w.deadline, at)) {
        sourceNotes.push(
          ...directors.map((u) => ({
            userId: u.id,
            title: `【来文时限】${w.reg_no} ${w.title} 来文时限 ${w.deadline}，请尽快呈批`.slice(0, 200),
            link: `/incoming/${w.id}`,
            kind: 'incoming.source_deadline',
          })),
        );
      }
    }
    if (n > limit) {
      findings.push({
        kind: 'overdue',
        docId: w.id,
        message: `${w.reg_no}《${w.title}》处于“${w.state === 'registered' ? '已登记' : '待批办'}”已 ${n} 个工作日`,
      });
    }
  }
  const open = await openWithoutDeadline(trx);
  for (const o of open) {
    const n = since(o.instructed_at ?? o.updated_at, NO_DEADLINE_LIMIT_WORKDAYS);
    if (n > NO_DEADLINE_LIMIT_WORKDAYS) {
      findings.push({
        kind: 'no_deadline',
        docId: o.id,
        message: `${o.reg_no}《${o.title}》${o.state === 'handling' ? '承办' : '传阅'}无办理时限，批办后已 ${n} 个工作日未办结`,
      });
    }
  }
  const done = await completedNotArchived(trx);
  for (const c of done) {
    const n = since(c.completed_at ?? c.updated_at, ARCHIVE_LIMIT_WORKDAYS);
    if (n > ARCHIVE_LIMIT_WORKDAYS) {
      findings.push({ kind: 'not_archived', docId: c.id, message: `${c.reg_no}《${c.title}》办结已 ${n} 个工作日，尚未归档` });
    }
  }
  for (const year of await registrationYears(trx)) {
    const seqs = await registrationSeqs(trx, year);
    const last = Math.max(await currentNumber(trx, `incoming:${year}`), seqs[seqs.length - 1] ?? 0);
    const have = new Set(seqs);
    const missing: number[] = [];
    for (let i = 1; i <= last && missing.length < 20; i++) if (!have.has(i)) missing.push(i);
    if (missing.length > 0) {
      findings.push({ kind: 'number_gap', docId: null, message: `${year} 年收文编号缺号：${missing.map((m) => `收〔${year}〕${m}号`).join('、')}` });
    }
  }
  await insertCheck(trx, { id: uuidv7(), at, findings: JSON.stringify(findings) });
  if (sourceNotes.length > 0) await queueNotifications(trx, deps.clock, sourceNotes, { email: true });
  if (findings.length > 0) {
    await queueNotifications(
      trx,
      deps.clock,
      directors.map((u) => ({ userId: u.id, title: `收文每日检查发现 ${findings.length} 个问题`, link: '/incoming?tab=check', kind: 'incoming.daily_check' })),
    );
  }
  return { at, findings };
}

/** The latest check, for the office's dashboard (office and leaders only). */
export async function latestCheck(deps: Deps, actor: Actor): Promise<CheckReport> {
  if (!hasRole(actor, 'office_clerk', 'office_director', 'leader')) throw forbidden('每日检查结果仅办公室和局领导可以查看');
  const row = await latestCheckRow(deps.db);
  if (!row) return { at: null, findings: [] };
  return { at: row.at, findings: JSON.parse(row.findings) as CheckReport['findings'] };
}

export const incomingJobs: readonly JobDefinition[] = [
  // 08:00 Beijing time every day: before office hours, so the reminder is on the desk when the day starts.
  dailyJob({ name: 'incoming.deadline_reminders', schedule: '0 8 * * *', run: sendReminders }),
  dailyJob({ name: 'incoming.daily_check', schedule: '30 7 * * *', run: dailyCheck }),
];
