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
  /** E-mail delivery state when SMTP is configured: pending, sent, failed, skipped. */
  email_state: string;
  email_attempts: number;
}

export interface NotifyTables {
  notifications: NotificationTable;
}
