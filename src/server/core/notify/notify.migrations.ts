import type { Kysely } from 'kysely';
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
];
