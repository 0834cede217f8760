import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../core/db/migrations.js';

/* 保密's tables: the register, 涉密人员, 自查 campaigns and sheets, training, settings. */

const TABLES = [
  'secrecy_settings',
  'secrecy_attendees',
  'secrecy_trainings',
  'secrecy_rectifications',
  'secrecy_answers',
  'secrecy_sheets',
  'secrecy_campaign_items',
  'secrecy_campaigns',
  'secrecy_personnel',
  'secrecy_carriers',
];

export const secrecyMigrations: NamedMigration[] = [
  {
    name: '202612071400_secrecy_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('secrecy_carriers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('copy_no', 'text', (c) => c.notNull())
        .addColumn('source_org', 'text', (c) => c.notNull())
        .addColumn('source_doc_number', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('issued_date', 'text', (c) => c.notNull())
        .addColumn('received_date', 'text', (c) => c.notNull())
        .addColumn('period_years', 'integer')
        .addColumn('period_months', 'integer')
        .addColumn('declassify_date', 'text')
        .addColumn('declassify_condition', 'text')
        .addColumn('period_end', 'text')
        .addColumn('period_defaulted', 'integer', (c) => c.notNull())
        .addColumn('carrier_type', 'text')
        .addColumn('pages', 'integer')
        .addColumn('remarks', 'text')
        .addColumn('custodian_id', 'text', (c) => c.notNull())
        .addColumn('custodian_name', 'text', (c) => c.notNull())
        .addColumn('borrower_id', 'text')
        .addColumn('borrower_name', 'text')
        .addColumn('lend_mode', 'text')
        .addColumn('lend_purpose', 'text')
        .addColumn('due_date', 'text')
        .addColumn('approvals', 'text', (c) => c.notNull())
        .addColumn('withdrawal', 'text')
        .addColumn('destruction', 'text')
        .addColumn('review', 'text')
        .addColumn('voided', 'text')
        .addColumn('closed_date', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // The register lists newest first, filtered by state, 密级, 接收日期, overdue loans and review due; custodians and borrowers find theirs.
      await db.schema.createIndex('secrecy_carriers_received').on('secrecy_carriers').columns(['received_date', 'seq']).execute();
      await db.schema.createIndex('secrecy_carriers_state').on('secrecy_carriers').columns(['state', 'received_date']).execute();
      await db.schema.createIndex('secrecy_carriers_class').on('secrecy_carriers').columns(['classification', 'received_date']).execute();
      await db.schema.createIndex('secrecy_carriers_due').on('secrecy_carriers').columns(['state', 'due_date']).execute();
      await db.schema.createIndex('secrecy_carriers_period').on('secrecy_carriers').columns(['period_end']).execute();
      await db.schema.createIndex('secrecy_carriers_custodian').on('secrecy_carriers').columns(['custodian_id']).execute();
      await db.schema.createIndex('secrecy_carriers_borrower').on('secrecy_carriers').columns(['borrower_id']).execute();

      await db.schema
        .createTable('secrecy_personnel')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        // The account while the record is active (null after 离岗): unique, so an account holds one active record even under concurrent writes.
        .addColumn('active_user_id', 'text', (c) => c.unique())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('post', 'text', (c) => c.notNull())
        .addColumn('since', 'text', (c) => c.notNull())
        .addColumn('left_date', 'text')
        .addColumn('leave_reason', 'text')
        .addColumn('separation_end', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('secrecy_personnel_user').on('secrecy_personnel').columns(['user_id', 'left_date']).execute();
      await db.schema.createIndex('secrecy_personnel_category').on('secrecy_personnel').columns(['category', 'left_date']).execute();

      await db.schema
        .createTable('secrecy_campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('rectify_workdays', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema.createIndex('secrecy_campaigns_status').on('secrecy_campaigns').columns(['status', 'created_at']).execute();
      await db.schema
        .createTable('secrecy_campaign_items')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('section_code', 'text', (c) => c.notNull())
        .addColumn('section_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('secrecy_campaign_items_pk', ['campaign_id', 'code'])
        .execute();

      await db.schema
        .createTable('secrecy_sheets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('unit_name', 'text', (c) => c.notNull())
        .addColumn('respondent_id', 'text')
        .addColumn('respondent_name', 'text')
        .addColumn('due_date', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('secrecy_sheets_campaign').on('secrecy_sheets').columns(['campaign_id', 'state']).execute();
      await db.schema.createIndex('secrecy_sheets_unit').on('secrecy_sheets').columns(['unit_id', 'state']).execute();
      await db.schema.createIndex('secrecy_sheets_respondent').on('secrecy_sheets').columns(['respondent_id', 'state']).execute();
      await db.schema
        .createTable('secrecy_answers')
        .addColumn('sheet_id', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('answered_by', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('secrecy_answers_pk', ['sheet_id', 'item_code'])
        .execute();
      await db.schema
        .createTable('secrecy_rectifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sheet_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('measure', 'text')
        .addColumn('comment', 'text')
        .addColumn('reported_at', 'text')
        .addColumn('verified_at', 'text')
        .execute();
      await db.schema.createIndex('secrecy_rect_sheet').on('secrecy_rectifications').columns(['sheet_id', 'state']).execute();
      await db.schema.createIndex('secrecy_rect_campaign').on('secrecy_rectifications').columns(['campaign_id', 'state']).execute();
      await db.schema.createIndex('secrecy_rect_deadline').on('secrecy_rectifications').columns(['state', 'deadline']).execute();

      await db.schema
        .createTable('secrecy_trainings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('half_hours', 'integer', (c) => c.notNull())
        .addColumn('pass_score', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('secrecy_trainings_date').on('secrecy_trainings').columns(['date']).execute();
      await db.schema
        .createTable('secrecy_attendees')
        .addColumn('training_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('score', 'integer')
        .addPrimaryKeyConstraint('secrecy_attendees_pk', ['training_id', 'user_id'])
        .execute();
      await db.schema.createIndex('secrecy_attendees_user').on('secrecy_attendees').columns(['user_id']).execute();

      await db.schema
        .createTable('secrecy_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('loan_days', 'integer', (c) => c.notNull())
        .addColumn('review_lead_days', 'integer', (c) => c.notNull())
        .addColumn('separation_core', 'integer', (c) => c.notNull())
        .addColumn('separation_important', 'integer', (c) => c.notNull())
        .addColumn('separation_general', 'integer', (c) => c.notNull())
        .addColumn('rectify_workdays', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of TABLES) await db.schema.dropTable(t).execute();
    },
  },
];
