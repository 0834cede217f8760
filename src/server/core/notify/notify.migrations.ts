import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const notifyMigrations: NamedMigration[] = [
  {
    name: '202611260610_notify_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addColumn('email_state', 'text', (c) => c.notNull().defaultTo('skipped'))
        .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();
      await db.schema.createIndex('notifications_email').on('notifications').columns(['email_state']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('notifications').execute();
    },
  },
  {
    name: '202611260625_notify_delivery',
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('notifications').addColumn('email_next_at', 'text').execute();
      await db.schema.alterTable('notifications').addColumn('email_sent_at', 'text').execute();
      await db.schema.alterTable('notifications').addColumn('email_error', 'text').execute();
      // The delivery poller asks "what is due" every few seconds on every
      // instance; this keeps that an index range scan whatever the table size.
      await db.schema.dropIndex('notifications_email').execute();
      await db.schema.createIndex('notifications_email_due').on('notifications').columns(['email_state', 'email_next_at']).execute();
      // The badge count (and the stream's poll) reads only unread rows; a
      // partial index (both dialects have them) stays small as history grows.
      await db.schema.createIndex('notifications_unread').on('notifications').column('user_id').where(sql.ref('read_at'), 'is', null).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('notifications_unread').execute();
      await db.schema.dropIndex('notifications_email_due').execute();
      await db.schema.createIndex('notifications_email').on('notifications').columns(['email_state']).execute();
      await db.schema.alterTable('notifications').dropColumn('email_error').execute();
      await db.schema.alterTable('notifications').dropColumn('email_sent_at').execute();
      await db.schema.alterTable('notifications').dropColumn('email_next_at').execute();
    },
  },
];
