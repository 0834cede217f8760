import type { CreateTableBuilder, Kysely } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';

/* Column helpers: the same types on SQLite and PostgreSQL (text dates and instants, integer booleans). */
type Table = CreateTableBuilder<string, string>;
const text = (t: Table, ...names: string[]) => names.reduce((b, n) => b.addColumn(n, 'text', (c) => c.notNull()), t);
const optText = (t: Table, ...names: string[]) => names.reduce((b, n) => b.addColumn(n, 'text'), t);
const int = (t: Table, ...names: string[]) => names.reduce((b, n) => b.addColumn(n, 'integer', (c) => c.notNull()), t);

const TABLES = [
  'info_bulletins',
  'info_targets',
  'info_scoring',
  'info_penalties',
  'info_requests',
  'info_publications',
  'info_instructions',
  'info_adoptions',
  'info_reviews',
  'info_revisions',
  'info_items',
] as const;

export const infoMigrations: NamedMigration[] = [
  {
    name: '202612071359_info_init',
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      let items: Table = s.createTable('info_items').addColumn('id', 'text', (c) => c.primaryKey());
      items = text(items, 'state', 'updated_at', 'title', 'info_type', 'body', 'writers', 'unit_id', 'drafter_id', 'drafter_name', 'created_at', 'pub_state');
      items = int(items, 'version', 'urgent', 'revision');
      items = optText(items, 'summary', 'request_id', 'serial_no', 'recipients', 'reported_date', 'published_at', 'withdrawn_at', 'withdraw_reason');
      await items.execute();
      // The office's ledger (newest first, by state), a division's view, the year's reported pieces and the portal's list.
      await s.createIndex('info_items_state').on('info_items').columns(['state', 'created_at']).execute();
      await s.createIndex('info_items_unit').on('info_items').columns(['unit_id', 'created_at']).execute();
      await s.createIndex('info_items_reported').on('info_items').columns(['reported_date']).execute();
      await s.createIndex('info_items_portal').on('info_items').columns(['pub_state', 'published_at']).execute();
      await s.createIndex('info_items_request').on('info_items').columns(['request_id']).execute();

      let rev: Table = s.createTable('info_revisions').addColumn('id', 'text', (c) => c.primaryKey());
      rev = text(rev, 'item_id', 'title', 'info_type', 'body', 'author_id', 'author_name', 'at');
      rev = optText(int(rev, 'revision'), 'summary');
      await rev.addUniqueConstraint('info_revisions_item_rev', ['item_id', 'revision']).execute();

      let reviews: Table = s.createTable('info_reviews').addColumn('id', 'text', (c) => c.primaryKey());
      reviews = int(text(reviews, 'item_id', 'conclusion', 'opinion', 'reviewer_id', 'reviewer_name', 'at'), 'revision', 'publishable');
      await reviews.execute();
      await s.createIndex('info_reviews_item').on('info_reviews').columns(['item_id', 'revision']).execute();

      let adoptions: Table = s.createTable('info_adoptions').addColumn('id', 'text', (c) => c.primaryKey());
      adoptions = optText(text(adoptions, 'item_id', 'channel', 'channel_name', 'level', 'adopted_date', 'recorded_by_name', 'at'), 'publication');
      // 多刊采用累加, each channel of an item once.
      await adoptions.addUniqueConstraint('info_adoptions_item_channel', ['item_id', 'channel']).execute();
      await s.createIndex('info_adoptions_date').on('info_adoptions').columns(['adopted_date']).execute();

      let instr: Table = s.createTable('info_instructions').addColumn('id', 'text', (c) => c.primaryKey());
      instr = text(instr, 'item_id', 'level', 'leader_title', 'content', 'instructed_date', 'recorded_by_name', 'at');
      await instr.execute();
      await s.createIndex('info_instructions_item').on('info_instructions').columns(['item_id', 'instructed_date']).execute();
      await s.createIndex('info_instructions_date').on('info_instructions').columns(['instructed_date']).execute();

      let pubs: Table = s.createTable('info_publications').addColumn('id', 'text', (c) => c.primaryKey());
      pubs = optText(text(pubs, 'item_id', 'action', 'actor_name', 'at'), 'reason');
      await pubs.execute();
      await s.createIndex('info_publications_item').on('info_publications').columns(['item_id', 'at']).execute();

      let req: Table = s.createTable('info_requests').addColumn('id', 'text', (c) => c.primaryKey());
      req = text(req, 'state', 'updated_at', 'number', 'topic', 'requirements', 'unit_id', 'deadline', 'created_by', 'created_by_name', 'created_at');
      req = optText(int(req, 'version', 'deadline_provisional'), 'answered_at', 'answered_item_id', 'penalty_id', 'reminded_on');
      await req.addUniqueConstraint('info_requests_number', ['number']).execute();
      await s.createIndex('info_requests_unit').on('info_requests').columns(['unit_id', 'created_at']).execute();
      await s.createIndex('info_requests_state').on('info_requests').columns(['state', 'deadline']).execute();

      let pen: Table = s.createTable('info_penalties').addColumn('id', 'text', (c) => c.primaryKey());
      pen = text(pen, 'unit_id', 'code', 'name', 'date', 'reason', 'created_by_name', 'created_at');
      pen = optText(int(pen, 'points', 'revoked'), 'item_id', 'request_id', 'revoke_reason', 'revoked_at');
      await pen.execute();
      await s.createIndex('info_penalties_date').on('info_penalties').columns(['date', 'unit_id']).execute();

      for (const name of ['info_scoring', 'info_targets']) {
        await s
          .createTable(name)
          .addColumn('year', 'integer', (c) => c.primaryKey())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      }
      await s
        .createTable('info_bulletins')
        .addColumn('period', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of TABLES) await db.schema.dropTable(t).execute();
    },
  },
];
