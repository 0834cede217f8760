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

/** Workdays before the deadline that a normal document's reminder goes out; urgent ones are reminded on the day. */
export const NORMAL_REMIND_WORKDAYS = 2;
/** A document waiting longer than this in 已登记 or 待批办 is reported by the daily check. */
export const STATE_LIMIT_WORKDAYS = 3;
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

/**
 * 催办: reminders before the deadline (2 workdays for normal documents, the
 * same day for urgent ones) to the lead division's head or the unread
 * readers, and escalation after it to the division head and the office. Each
 * goes out once per document and deadline (an approved extension starts over).
 */
export async function sendReminders(deps: Deps, trx: Transaction<Database>): Promise<{ reminded: number; escalated: number }> {
  const day = today(deps);
  const at = deps.clock.now().toISOString();
  const cal = await getCalendar(deps, trx);
  const docs = await docsWithDeadline(trx);
  const out: NotificationInput[] = [];
  let reminded = 0;
  let escalated = 0;
  for (const d of docs) {
    const deadline = d.handling_deadline ?? '';
    const responsible =
      d.state === 'handling'
        ? d.lead_division_id
          ? (await divisionHeads({ db: trx }, d.lead_division_id)).map((u) => u.id)
          : []
        : await unreadReaderIds(trx, d.id);
    const link = `/incoming/${d.id}`;
    if (deadline < day) {
      if (!(await claimReminder(trx, d.id, 'overdue', deadline, at))) continue;
      escalated++;
      const to = [...new Set([...responsible, ...(await officeIds(trx))])];
      out.push(
        ...to.map((userId) => ({ userId, title: `【超期督办】${d.reg_no} ${d.title}（时限 ${deadline}）`.slice(0, 200), link, kind: 'incoming.overdue' })),
      );
      continue;
    }
    const left = cal.workdaysBetween(day, deadline).count;
    const due = d.urgency === 'normal' ? left <= NORMAL_REMIND_WORKDAYS : day === deadline;
    if (!due || !(await claimReminder(trx, d.id, 'before', deadline, at))) continue;
    reminded++;
    const label = day === deadline ? '今日到期' : `将于 ${deadline} 到期`;
    out.push(...responsible.map((userId) => ({ userId, title: `【催办】${d.reg_no} ${d.title} ${label}`.slice(0, 200), link, kind: 'incoming.reminder' })));
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
  for (const w of waiting) {
    const n = since(w.updated_at, STATE_LIMIT_WORKDAYS);
    if (n > STATE_LIMIT_WORKDAYS) {
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
  if (findings.length > 0) {
    const directors = await usersWithRole({ db: trx }, 'office_director');
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
