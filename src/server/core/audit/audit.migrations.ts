import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';
import { GENESIS_HASH } from './audit.chain.js';

export const auditMigrations: NamedMigration[] = [
  {
    name: '202611260600_audit_init',
    async up(db: Kysely<unknown>, dialect) {
      await db.schema
        .createTable('audit_events')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('on_behalf_of_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
      await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'seq']).execute();
      await db.schema.createIndex('audit_events_action').on('audit_events').columns(['action', 'seq']).execute();
      await db.schema.createIndex('audit_events_target').on('audit_events').columns(['target_id']).execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);

      // Append-only is enforced by the database itself, so that not even a bug
      // (or a DBA using the application's account) can quietly rewrite history.
      if (dialect === 'sqlite') {
        await sql`create trigger audit_events_no_update before update on audit_events
          begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
        await sql`create trigger audit_events_no_delete before delete on audit_events
          begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
      } else {
        await sql`create function audit_events_refuse() returns trigger language plpgsql as $$
          begin raise exception 'audit_events is append-only'; end $$`.execute(db);
        await sql`create trigger audit_events_no_change before update or delete on audit_events
          for each row execute function audit_events_refuse()`.execute(db);
        await sql`create trigger audit_events_no_truncate before truncate on audit_events
          for each statement execute function audit_events_refuse()`.execute(db);
      }
    },
    async down(db: Kysely<unknown>, dialect) {
      await db.schema.dropTable('audit_head').execute();
      await db.schema.dropTable('audit_events').execute();
      if (dialect === 'postgres') await sql`drop function if exists audit_events_refuse()`.execute(db);
    },
  },
];
