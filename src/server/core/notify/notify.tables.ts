/**
 * The outbox: a notification row is written in the same transaction as the
 * change that causes it, so nobody is told about something that rolled back,
 * and nothing that committed goes untold.
 */
export interface NotificationTable {
  id: string;
  user_id: string;
  title: string;
  /** Client route to open, e.g. `/incoming/<id>`. */
  link: string | null;
  /** Which module and event produced it, e.g. `incoming.instructed`. */
  kind: string;
  created_at: string;
  read_at: string | null;
  /**
   * E-mail delivery: pending → sending → sent | failed, or skipped (not asked
   * for, or the user has no address). `sending` with an expired
   * `email_next_at` is a delivery whose instance died: it is claimed again.
   */
  email_state: EmailState;
  email_attempts: number;
  /** Not before this instant: the retry backoff while pending, the claim's lease while sending. */
  email_next_at: string | null;
  email_sent_at: string | null;
  /** Last delivery error (SMTP reply or connection failure), for the administrator. */
  email_error: string | null;
}

export type EmailState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface NotifyTables {
  notifications: NotificationTable;
}
