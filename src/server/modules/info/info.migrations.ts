import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';

export const infoMigrations: NamedMigration[] = [
  {
    name: '202612071359_info_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('info_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('done_at', 'text')
        .execute();
      // The ledger lists a unit's items newest first; the office's list filters by state.
      await db.schema.createIndex('info_items_unit').on('info_items').columns(['unit_id', 'created_at']).execute();
      await db.schema.createIndex('info_items_state').on('info_items').columns(['state', 'created_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('info_items').execute();
    },
  },
];
