import type { Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const workflowMigrations: NamedMigration[] = [
  {
    name: '202611260620_workflow_history_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('workflow_history')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('on_behalf_of_id', 'text')
        .addColumn('on_behalf_of_name', 'text')
        .addColumn('comment', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        // The key doubles as the guard against two writers taking the same seq.
        .addPrimaryKeyConstraint('workflow_history_pk', ['kind', 'object_id', 'seq'])
        .execute();
      await db.schema.createIndex('workflow_history_actor').on('workflow_history').columns(['actor_id', 'at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('workflow_history').execute();
    },
  },
];
