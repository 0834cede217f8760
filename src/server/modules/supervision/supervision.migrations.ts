import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';

export const supervisionMigrations: NamedMigration[] = [
  {
    name: '202611260710_supervision_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('num_year', 'integer', (c) => c.notNull())
        .addColumn('num_seq', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_ref', 'text')
        .addColumn('instruction', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lead_division_id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('owner_name', 'text')
        .addColumn('assigned_date', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('original_deadline', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_update_at', 'text')
        .addColumn('closure_result', 'text')
        .addColumn('closure_requested_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_by_name', 'text')
        .addColumn('review_comment', 'text')
        .addColumn('suspend_reason', 'text')
        .addColumn('incoming_id', 'text')
        .addColumn('remarks', 'text')
        .addColumn('legacy_number', 'text')
        .addUniqueConstraint('supervision_items_year_seq', ['num_year', 'num_seq'])
        .execute();
      await db.schema.createIndex('supervision_items_state').on('supervision_items').columns(['state', 'deadline']).execute();
      await db.schema.createIndex('supervision_items_lead').on('supervision_items').columns(['lead_division_id']).execute();
      await db.schema.createIndex('supervision_items_incoming').on('supervision_items').columns(['incoming_id']).execute();

      await db.schema
        .createTable('supervision_units')
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supervision_units_pk', ['item_id', 'unit_id'])
        .execute();
      // Visibility in SQL asks "does this unit take part?" for every listed row.
      await db.schema.createIndex('supervision_units_unit').on('supervision_units').columns(['unit_id', 'item_id']).execute();

      await db.schema
        .createTable('supervision_milestones')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .execute();
      await db.schema.createIndex('supervision_milestones_item').on('supervision_milestones').columns(['item_id', 'position']).execute();

      await db.schema
        .createTable('supervision_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer')
        .addColumn('coordination', 'text')
        .addColumn('unit_id', 'text')
        .addColumn('unit_name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('supervision_updates_item').on('supervision_updates').columns(['item_id', 'at']).execute();
      await db.schema.createIndex('supervision_updates_week').on('supervision_updates').columns(['week']).execute();

      await db.schema
        .createTable('supervision_extensions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('previous_deadline', 'text', (c) => c.notNull())
        .addColumn('requested_deadline', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('comment', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('supervision_extensions_item').on('supervision_extensions').columns(['item_id', 'state']).execute();

      await db.schema
        .createTable('supervision_reminders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('sent_by_name', 'text', (c) => c.notNull())
        .addColumn('light', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('supervision_reminders_item').on('supervision_reminders').columns(['item_id', 'at']).execute();

      await db.schema
        .createTable('supervision_missed')
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('week', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('flagged_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supervision_missed_pk', ['item_id', 'week'])
        .execute();

      await db.schema
        .createTable('supervision_reports')
        .addColumn('week', 'text', (c) => c.primaryKey())
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('supervision_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('update_weekday', 'integer', (c) => c.notNull())
        .addColumn('due_soon_workdays', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of [
        'supervision_settings',
        'supervision_reports',
        'supervision_missed',
        'supervision_reminders',
        'supervision_extensions',
        'supervision_updates',
        'supervision_milestones',
        'supervision_units',
        'supervision_items',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  },
];
