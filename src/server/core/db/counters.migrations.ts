import type { Kysely } from 'kysely';
import type { NamedMigration } from './migrations.js';

export const counterMigrations: NamedMigration[] = [
  {
    name: '202611260620_counters_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('counters').execute();
    },
  },
];
