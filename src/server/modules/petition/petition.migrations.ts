import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';

export const petitionMigrations: NamedMigration[] = [
  {
    name: '202612071358_petition_init',
    async up(db: Kysely<unknown>) {
      let t = db.schema
        .createTable('petition_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('seq_no', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('transferred_from', 'text')
        .addColumn('received_date', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('visitors', 'integer')
        .addColumn('repeat_of_id', 'text');
      for (const c of ['name_enc', 'name_mask']) t = t.addColumn(c, 'text', (col) => col.notNull());
      for (const c of ['id_number_enc', 'phone_enc', 'address_enc', 'id_number_mask', 'phone_mask', 'address_mask', 'id_index', 'phone_index']) {
        t = t.addColumn(c, 'text');
      }
      t = t
        .addColumn('notice_deadline', 'text', (c) => c.notNull())
        .addColumn('objection_deadline', 'text')
        .addColumn('notice_date', 'text')
        .addColumn('notice_method', 'text')
        .addColumn('notice_on_time', 'integer')
        .addColumn('accepted_date', 'text')
        .addColumn('reject_reason_type', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('other_authority', 'text')
        .addColumn('to_org', 'text')
        .addColumn('handling_deadline', 'text')
        .addColumn('original_handling_deadline', 'text')
        .addColumn('deadline_provisional', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('running_deadline', 'text')
        .addColumn('division_id', 'text')
        .addColumn('requirement', 'text')
        .addColumn('due_date', 'text')
        .addColumn('ext_days', 'integer')
        .addColumn('ext_reason', 'text')
        .addColumn('ext_state', 'text')
        .addColumn('ext_notice_date', 'text')
        .addColumn('ext_requested_by', 'text')
        .addColumn('hearing_days', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opinion', 'text')
        .addColumn('reply_text', 'text')
        .addColumn('reply_date', 'text')
        .addColumn('delivered_date', 'text')
        .addColumn('delivery_method', 'text')
        .addColumn('review_request_deadline', 'text')
        .addColumn('satisfaction', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull());
      await t.execute();
      // The ledger: open first by running deadline, then newest; filtered by state and year.
      await db.schema.createIndex('petition_items_running').on('petition_items').columns(['running_deadline', 'received_date']).execute();
      await db.schema.createIndex('petition_items_state').on('petition_items').columns(['state', 'received_date']).execute();
      await db.schema.createIndex('petition_items_received').on('petition_items').columns(['received_date']).execute();
      await db.schema.createIndex('petition_items_division').on('petition_items').columns(['division_id', 'running_deadline']).execute();
      await db.schema.createIndex('petition_items_parent').on('petition_items').columns(['parent_id']).execute();
      // Lookups and repeat detection go by blind index.
      await db.schema.createIndex('petition_items_id_index').on('petition_items').columns(['id_index', 'topic']).execute();
      await db.schema.createIndex('petition_items_phone_index').on('petition_items').columns(['phone_index', 'topic']).execute();

      await db.schema
        .createTable('petition_notices')
        .addColumn('petition_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('notice_date', 'text', (c) => c.notNull())
        .addColumn('on_time', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('petition_notices_pk', ['petition_id', 'seq'])
        .execute();
      await db.schema
        .createTable('petition_hearings')
        .addColumn('petition_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('petition_hearings_pk', ['petition_id', 'seq'])
        .execute();
      await db.schema
        .createTable('petition_warnings')
        .addColumn('petition_id', 'text', (c) => c.notNull())
        .addColumn('deadline_kind', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('petition_warnings_pk', ['petition_id', 'deadline_kind', 'deadline', 'level'])
        .execute();
      await db.schema
        .createTable('petition_key_check')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('key_check', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('petition_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('superior_org', 'text', (c) => c.notNull())
        .addColumn('org_name', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['petition_settings', 'petition_key_check', 'petition_warnings', 'petition_hearings', 'petition_notices', 'petition_items']) {
        await db.schema.dropTable(t).execute();
      }
    },
  },
];
