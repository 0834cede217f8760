import type { Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const schedulerMigrations: NamedMigration[] = [
  {
    name: '202611260624_scheduler_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('job_runs')
        .addColumn('job', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        // The claim is an INSERT … ON CONFLICT on this key: two instances
        // meet here and only one of them gets the row.
        .addPrimaryKeyConstraint('job_runs_pk', ['job', 'period'])
        .execute();
      await db.schema.createIndex('job_runs_job_scheduled').on('job_runs').columns(['job', 'scheduled_at']).execute();
      await db.schema.createIndex('job_runs_state').on('job_runs').columns(['state', 'lease_until']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('job_runs').execute();
    },
  },
];
