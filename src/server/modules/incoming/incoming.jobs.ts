import type { Transaction } from 'kysely';
import type { CheckReport } from '../../../shared/incoming.js';
import { getCalendar } from '../../core/calendar/calendar.service.js';
import { currentNumber } from '../../core/db/counters.js';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import { forbidden } from '../../core/errors.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import { uuidv7 } from '../../core/ids.js';
import { type NotificationInput, queueNotifications } from '../../core/notify/notify.service.js';
import type { JobDefinition } from '../../core/scheduler/scheduler.registry.js';
import { periodKeys } from '../../core/scheduler/scheduler.periods.js';
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

/** Records that a reminder went out; false when this one (document, kind, deadline) already did. */
async function claimReminder(trx: Transaction<Database>, docId: string, kind: 'before' | 'overdue', deadline: string, at: string): Promise<boolean> {
  const r = await trx
    .insertInto('incoming_reminders')
    .values({ doc_id: docId, kind, deadline, sent_at: at })
    .onConflict((oc) => oc.columns(['doc_id', 'kind', 'deadline']).doNothing())
    .returning('doc_id')
    .executeTakeFirst();
  return r !== undefined;
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
  const docs = await trx
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'title', 'urgency', 'state', 'handling_deadline', 'lead_division_id'])
    .where('state', 'in', ['handling', 'circulating'])
    .where('handling_deadline', 'is not', null)
    .execute();
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
        : (await trx.selectFrom('incoming_readers').select('user_id').where('doc_id', '=', d.id).where('read_at', 'is', null).execute()).map((r) => r.user_id);
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
  const overdue = await trx
    .selectFrom('incoming_docs as d')
    .select(['d.id', 'd.reg_no', 'd.title', 'd.handling_deadline'])
    .where('d.state', 'in', ['handling', 'circulating'])
    // Overdue since before yesterday: a deadline that passed only yesterday is today's reminder run's to escalate.
    .where('d.handling_deadline', '<', yesterday)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incoming_reminders as r')
            .select('r.doc_id')
            .whereRef('r.doc_id', '=', 'd.id')
            .whereRef('r.deadline', '=', 'd.handling_deadline')
            .where('r.kind', '=', 'overdue'),
        ),
      ),
    )
    .execute();
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
  const waiting = await trx
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'title', 'state', 'updated_at'])
    .where('state', 'in', ['registered', 'proposed'])
    .execute();
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
  const open = await trx
    .selectFrom('incoming_docs')
    .select(['id', 'reg_no', 'title', 'state', 'instructed_at', 'updated_at'])
    .where('state', 'in', ['handling', 'circulating'])
    .where('handling_deadline', 'is', null)
    .execute();
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
  const done = await trx.selectFrom('incoming_docs').select(['id', 'reg_no', 'title', 'completed_at', 'updated_at']).where('state', '=', 'completed').execute();
  for (const c of done) {
    const n = since(c.completed_at ?? c.updated_at, ARCHIVE_LIMIT_WORKDAYS);
    if (n > ARCHIVE_LIMIT_WORKDAYS) {
      findings.push({ kind: 'not_archived', docId: c.id, message: `${c.reg_no}《${c.title}》办结已 ${n} 个工作日，尚未归档` });
    }
  }
  const years = await trx.selectFrom('incoming_docs').select('reg_year').distinct().execute();
  for (const { reg_year: year } of years) {
    const seqs = (await trx.selectFrom('incoming_docs').select('reg_seq').where('reg_year', '=', year).orderBy('reg_seq').execute()).map((r) =>
      Number(r.reg_seq),
    );
    const last = Math.max(await currentNumber(trx, `incoming:${year}`), seqs[seqs.length - 1] ?? 0);
    const have = new Set(seqs);
    const missing: number[] = [];
    for (let i = 1; i <= last && missing.length < 20; i++) if (!have.has(i)) missing.push(i);
    if (missing.length > 0) {
      findings.push({ kind: 'number_gap', docId: null, message: `${year} 年收文编号缺号：${missing.map((m) => `收〔${year}〕${m}号`).join('、')}` });
    }
  }
  await trx
    .insertInto('incoming_checks')
    .values({ id: uuidv7(), at, findings: JSON.stringify(findings) })
    .execute();
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
  const row = await deps.db.selectFrom('incoming_checks').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row) return { at: null, findings: [] };
  return { at: row.at, findings: JSON.parse(row.findings) as CheckReport['findings'] };
}

export const incomingJobs: readonly JobDefinition[] = [
  {
    name: 'incoming.deadline_reminders',
    // 08:00 Beijing time every day: before office hours, so the reminder is on the desk when the day starts.
    schedule: '0 8 * * *',
    period: periodKeys.day,
    async run(deps, period) {
      await deps.db.transaction().execute(async (trx) => {
        await sendReminders(deps, trx);
        await period.complete(trx);
      });
    },
  },
  {
    name: 'incoming.daily_check',
    schedule: '30 7 * * *',
    period: periodKeys.day,
    async run(deps, period) {
      await deps.db.transaction().execute(async (trx) => {
        await dailyCheck(deps, trx);
        await period.complete(trx);
      });
    },
  },
];
