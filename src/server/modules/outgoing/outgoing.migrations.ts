import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';

export const outgoingMigrations: NamedMigration[] = [
  {
    name: '202611260720_outgoing_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('outgoing_docs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('doc_type', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('draft', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('drafting_unit_id', 'text', (c) => c.notNull())
        .addColumn('drafter_id', 'text', (c) => c.notNull())
        .addColumn('drafter_name', 'text', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('division_reviewed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('office_reviewed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('return_comment', 'text')
        .addColumn('agency_code', 'text')
        .addColumn('doc_year', 'integer')
        .addColumn('doc_seq', 'integer')
        .addColumn('doc_number', 'text', (c) => c.unique())
        .addColumn('sign_date', 'text')
        .addColumn('signer_id', 'text')
        .addColumn('signer_name', 'text')
        .addColumn('signed_round', 'integer')
        .addColumn('distribution', 'text')
        .addColumn('issued_at', 'text')
        .addColumn('issued_by_name', 'text')
        .addColumn('retention', 'text')
        .addColumn('archival_no', 'text', (c) => c.unique())
        .addColumn('archived_at', 'text')
        // A second holder of one 机关代字/年/号 is impossible even if two instances raced past the counter.
        .addUniqueConstraint('outgoing_docs_number', ['agency_code', 'doc_year', 'doc_seq'])
        .execute();
      await db.schema.createIndex('outgoing_docs_unit').on('outgoing_docs').columns(['drafting_unit_id', 'state']).execute();
      await db.schema.createIndex('outgoing_docs_state').on('outgoing_docs').columns(['state', 'updated_at']).execute();

      await db.schema
        .createTable('outgoing_cosigns')
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text')
        .addColumn('signed_by_name', 'text')
        .addColumn('comment', 'text')
        .addPrimaryKeyConstraint('outgoing_cosigns_pk', ['doc_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('outgoing_cosigns_unit').on('outgoing_cosigns').columns(['unit_id', 'doc_id']).execute();

      await db.schema
        .createTable('outgoing_versions')
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('draft', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outgoing_versions_pk', ['doc_id', 'round'])
        .execute();

      await db.schema
        .createTable('outgoing_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('org_name', 'text', (c) => c.notNull())
        .addColumn('principal_leader_id', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['outgoing_settings', 'outgoing_versions', 'outgoing_cosigns', 'outgoing_docs']) await db.schema.dropTable(t).execute();
    },
  },
];
