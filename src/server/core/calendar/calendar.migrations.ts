import type { Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const calendarMigrations: NamedMigration[] = [
  {
    name: '202611260620_calendar_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('off_days', 'text', (c) => c.notNull())
        .addColumn('makeup_workdays', 'text', (c) => c.notNull())
        .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source_note', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('calendar_years').execute();
    },
  },
];
