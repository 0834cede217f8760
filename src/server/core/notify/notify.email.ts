import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';

/** Whom a notification's e-mail goes to; `email` null when the user has none on record. */
export interface Recipient {
  email: string | null;
  name: string;
}

/**
 * Users (and their e-mail addresses) belong to the org module; notify must not
 * read its tables, so org hands us a lookup through its service layer.
 */
export type RecipientLookup = (deps: Deps, userIds: readonly string[]) => Promise<ReadonlyMap<string, Recipient>>;

let registeredLookup: RecipientLookup | null = null;

/** Called once by the module that owns users (org). Without it no e-mail is sent; pending rows wait. `null` unregisters (tests). */
export function registerRecipientLookup(lookup: RecipientLookup | null): void {
  registeredLookup = lookup;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** The seam tests (and other transports) plug into; the server uses SMTP from config. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** An SMTP failure the server answered with 5xx: the address will never work, so retrying is pointless. */
function isPermanent(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('responseCode' in err)) return false;
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const senders = new Map<string, MailSender>();

/** One sender per SMTP URL and From, kept for the process (nodemailer opens a connection per message). */
export function smtpSender(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): MailSender | null {
  const url = config.smtpUrl;
  if (!url) return null;
  const from = config.smtpFrom ?? '"中枢办公平台" <noreply@localhost>';
  const key = `${url}\n${from}`;
  let s = senders.get(key);
  if (!s) {
    // Bounded timeouts: a dead mail server must not hold a delivery claim for minutes.
    const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    s = {
      async send(mail) {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      },
    };
    senders.set(key, s);
  }
  return s;
}

export interface DeliveryOptions {
  sender: MailSender;
  lookup: RecipientLookup;
  /** Rows claimed per pass. Default 20. */
  batch?: number;
  /** Attempts before a row is left failed. Default 6 (about half an hour of backoff). */
  maxAttempts?: number;
  /**
   * Older notifications are not mailed any more (marked skipped): when SMTP is
   * configured after months, or comes back after a long outage, nobody should
   * receive a flood of stale reminders. Default 3 days.
   */
  maxAgeMs?: number;
  /** How long a claimed row is ours before another instance may send it. Default 5 min. */
  claimMs?: number;
  signal?: AbortSignal;
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Claimed but handed back unsent (shutdown, or the claim window ran out): due again at once. */
  deferred: number;
}

const SEND_BUDGET_MS = 60_000;

/** Backoff before the next attempt: 1, 2, 4, 8, 16 … minutes, at most an hour. */
export const emailBackoffMs = (attempts: number) => Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

export function composeMail(recipient: Recipient & { email: string }, n: { title: string; link: string | null }): OutgoingMail {
  // Titles are typed by users: no line breaks may reach a mail header.
  const title = n.title.replace(/[\r\n]+/g, ' ').trim();
  return {
    to: recipient.email,
    subject: `【中枢】${title}`,
    text: [
      `${recipient.name}，您好：`,
      '',
      title,
      '',
      n.link ? `请登录中枢办公平台查看：${n.link}` : '请登录中枢办公平台查看。',
      '',
      '（此邮件由系统自动发送，请勿回复）',
    ].join('\n'),
  };
}

/**
 * Sends e-mail for notifications queued with `email: true`. It runs outside
 * every business transaction (a poller, after the outbox rows committed), and
 * on several instances at once: each row is claimed by one UPDATE that
 * re-checks the row's state, so two instances never send the same row, and a
 * claim whose instance died expires and is taken again (the only case in
 * which a mail can go out twice). Failures back off exponentially; an SMTP
 * 5xx or too many attempts leave the row failed with the reason.
 */
export async function deliverPendingEmails(deps: Deps, opts: DeliveryOptions): Promise<DeliveryResult> {
  const db = deps.db;
  const batch = opts.batch ?? 20;
  const maxAttempts = opts.maxAttempts ?? 6;
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, skipped: 0, deferred: 0 };
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const claimMs = opts.claimMs ?? 5 * 60_000;
  const claimUntil = new Date(now.getTime() + claimMs).toISOString();
  // A send may take up to ~50 s (connect, greeting and socket timeouts); none
  // is started unless it can finish before the claim could pass to another
  // instance, so a slow mail server cannot make two instances send one row.
  const lastStart = now.getTime() + claimMs - SEND_BUDGET_MS;

  const claimed = await db
    .updateTable('notifications')
    .set((eb) => ({ email_state: 'sending', email_next_at: claimUntil, email_attempts: eb('email_attempts', '+', 1) }))
    .where((eb) =>
      eb.and([
        eb(
          'id',
          'in',
          eb
            .selectFrom('notifications as due')
            .select('due.id')
            .where((w) =>
              w.or([
                w.and([w('due.email_state', '=', 'pending'), w.or([w('due.email_next_at', 'is', null), w('due.email_next_at', '<=', nowIso)])]),
                w.and([w('due.email_state', '=', 'sending'), w('due.email_next_at', '<=', nowIso)]),
              ]),
            )
            .orderBy('due.created_at')
            .limit(batch),
        ),
        // Repeated on the row itself: on PostgreSQL a competing claimer waits
        // for our commit, then re-evaluates this against our 'sending' row
        // and skips it.
        eb.or([
          eb.and([eb('email_state', '=', 'pending'), eb.or([eb('email_next_at', 'is', null), eb('email_next_at', '<=', nowIso)])]),
          eb.and([eb('email_state', '=', 'sending'), eb('email_next_at', '<=', nowIso)]),
        ]),
      ]),
    )
    .returning(['id', 'user_id', 'title', 'link', 'created_at', 'email_attempts'])
    .execute();
  if (claimed.length === 0) return result;

  const recipients = await opts.lookup(deps, [...new Set(claimed.map((c) => c.user_id))]);

  // Each outcome is written only while the claim is still ours (same state and attempt number).
  const settle = (
    id: string,
    attempts: number,
    set: {
      email_state: 'sent' | 'pending' | 'failed' | 'skipped';
      email_next_at: string | null;
      email_sent_at?: string;
      email_error: string | null;
      email_attempts?: number;
    },
  ) => db.updateTable('notifications').set(set).where('id', '=', id).where('email_state', '=', 'sending').where('email_attempts', '=', attempts).execute();

  const oldest = new Date(now.getTime() - (opts.maxAgeMs ?? 3 * 86_400_000)).toISOString();
  for (const row of claimed) {
    if (row.created_at < oldest) {
      await settle(row.id, row.email_attempts, { email_state: 'skipped', email_next_at: null, email_error: '通知已过时效，不再发送邮件' });
      result.skipped++;
      continue;
    }
    if (opts.signal?.aborted || deps.clock.now().getTime() > lastStart) {
      // Hand unsent claims back at once rather than after the claim expires;
      // no attempt was made, so it does not count towards maxAttempts.
      await settle(row.id, row.email_attempts, { email_state: 'pending', email_next_at: null, email_error: null, email_attempts: row.email_attempts - 1 });
      result.deferred++;
      continue;
    }
    const r = recipients.get(row.user_id);
    if (!r?.email) {
      await settle(row.id, row.email_attempts, { email_state: 'skipped', email_next_at: null, email_error: '用户未登记电子邮箱' });
      result.skipped++;
      continue;
    }
    try {
      await opts.sender.send(composeMail({ ...r, email: r.email }, row));
      await settle(row.id, row.email_attempts, { email_state: 'sent', email_next_at: null, email_sent_at: deps.clock.now().toISOString(), email_error: null });
      result.sent++;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      if (isPermanent(err) || row.email_attempts >= maxAttempts) {
        await settle(row.id, row.email_attempts, { email_state: 'failed', email_next_at: null, email_error: message });
        result.failed++;
        deps.log.warn({ notification: row.id, err }, 'notification e-mail failed for good');
      } else {
        const next = new Date(deps.clock.now().getTime() + emailBackoffMs(row.email_attempts)).toISOString();
        await settle(row.id, row.email_attempts, { email_state: 'pending', email_next_at: next, email_error: message });
        result.retrying++;
      }
    }
  }
  return result;
}

let warnedNoLookup = false;

/** The scheduler poller's body: does nothing unless SMTP is configured and org has registered its lookup. */
export async function emailDeliveryPoll(deps: Deps, signal: AbortSignal): Promise<void> {
  const sender = smtpSender(deps.config);
  if (!sender) return;
  if (!registeredLookup) {
    if (!warnedNoLookup) deps.log.warn('SMTP is configured but no recipient lookup is registered: e-mails stay pending');
    warnedNoLookup = true;
    return;
  }
  // Drain in batches while there is due work, so a burst does not wait a poll interval per 20 mails.
  for (let i = 0; i < 50 && !signal.aborted; i++) {
    const r = await deliverPendingEmails(deps, { sender, lookup: registeredLookup, signal });
    if (r.sent + r.retrying + r.failed + r.skipped + r.deferred === 0) return;
  }
}
