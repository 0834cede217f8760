import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';
import { uuidv7 } from '../../core/ids.js';

/** The tables as the link migration found them: a migration never follows later schema changes. */
interface LinkCopySchema {
  supervision_items: { id: string; incoming_id: string | null; created_at: string; created_by: string };
  object_links: {
    id: string;
    source_kind: string;
    source_id: string;
    target_kind: string;
    target_id: string;
    relation: string;
    created_at: string;
    created_by: string;
  };
}

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
  {
    // 收文 → 督办 is a generic object link now (core/links): each item's
    // incoming_id becomes an `incoming → supervision` link of relation
    // `supervise`, made by the item's creator when the item was made, and
    // the column goes, so the link has one truth that new sources (会议, 信息,
    // 信访) share. Down puts the column back from the links and removes them.
    name: '202612070645_supervision_incoming_links',
    async up(db: Kysely<unknown>) {
      const k = db as Kysely<LinkCopySchema>;
      const rows = await k
        .selectFrom('supervision_items')
        .select(['id', 'incoming_id', 'created_at', 'created_by'])
        .where('incoming_id', 'is not', null)
        .orderBy('created_at')
        .orderBy('id')
        .$narrowType<{ incoming_id: string }>()
        .execute();
      for (let i = 0; i < rows.length; i += 500) {
        const links = rows.slice(i, i + 500).map((r) => ({
          id: uuidv7(),
          source_kind: 'incoming',
          source_id: r.incoming_id,
          target_kind: 'supervision',
          target_id: r.id,
          relation: 'supervise',
          created_at: r.created_at,
          created_by: r.created_by,
        }));
        await k.insertInto('object_links').values(links).execute();
      }
      await db.schema.dropIndex('supervision_items_incoming').execute();
      await db.schema.alterTable('supervision_items').dropColumn('incoming_id').execute();
    },
    async down(db: Kysely<unknown>) {
      const k = db as Kysely<LinkCopySchema>;
      await db.schema.alterTable('supervision_items').addColumn('incoming_id', 'text').execute();
      // One correlated update, the same on both dialects: an item had at most one 收文.
      await sql`update supervision_items set incoming_id = (select min(l.source_id) from object_links l where l.target_kind = 'supervision' and l.target_id = supervision_items.id and l.source_kind = 'incoming' and l.relation = 'supervise')`.execute(
        db,
      );
      await db.schema.createIndex('supervision_items_incoming').on('supervision_items').columns(['incoming_id']).execute();
      await k
        .deleteFrom('object_links')
        .where('source_kind', '=', 'incoming')
        .where('target_kind', '=', 'supervision')
        .where('relation', '=', 'supervise')
        .execute();
    },
  },
  {
    // A deadline entered on a day off moves to the next working day; the date as entered is kept to say so.
    name: '202612071530_supervision_deadline_entered',
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('supervision_items').addColumn('deadline_entered', 'text').execute();
      await db.schema.alterTable('supervision_extensions').addColumn('requested_entered', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('supervision_extensions').dropColumn('requested_entered').execute();
      await db.schema.alterTable('supervision_items').dropColumn('deadline_entered').execute();
    },
  },
];
