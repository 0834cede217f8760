import type { Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const filesMigrations: NamedMigration[] = [
  {
    name: '202611260630_files_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('sm3', 'text', (c) => c.notNull())
        .addColumn('text_scanned', 'integer', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('voided_at', 'text')
        .addColumn('voided_by', 'text')
        .execute();
      await db.schema.createIndex('attachments_owner').on('attachments').columns(['owner_kind', 'owner_id', 'created_at']).execute();
      // Finding every row of one content (a future cleanup of unreferenced blobs).
      await db.schema.createIndex('attachments_sm3').on('attachments').column('sm3').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('attachments').execute();
    },
  },
];
