import type { Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const linksMigrations: NamedMigration[] = [
  {
    name: '202612070640_links_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('object_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        // The same link twice means nothing; its index also serves "links from this object".
        .addUniqueConstraint('object_links_once', ['source_kind', 'source_id', 'target_kind', 'target_id', 'relation'])
        .execute();
      await db.schema.createIndex('object_links_target').on('object_links').columns(['target_kind', 'target_id', 'source_kind']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('object_links').execute();
    },
  },
];
