import { type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const authMigrations: NamedMigration[] = [
  {
    // After 202611260615_org_init: sessions reference users.
    name: '202611260616_auth_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_reason', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'revoked_at']).execute();

      await db.schema
        .createTable('security_policy')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('lockout_threshold', 'integer', (c) => c.notNull())
        .addColumn('lockout_minutes', 'integer', (c) => c.notNull())
        .addColumn('password_expiry_days', 'integer', (c) => c.notNull())
        .addColumn('idle_timeout_minutes', 'integer', (c) => c.notNull())
        .addColumn('absolute_session_hours', 'integer', (c) => c.notNull())
        .addColumn('audit_retention_days', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      // The defaults of the policy (等保 common practice); the secadmin may change them.
      await sql`insert into security_policy (id, lockout_threshold, lockout_minutes, password_expiry_days,
        idle_timeout_minutes, absolute_session_hours, audit_retention_days, version, updated_at, updated_by)
        values (1, 5, 15, 90, 30, 12, 180, 1, '1970-01-01T00:00:00.000Z', null)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('security_policy').execute();
      await db.schema.dropTable('sessions').execute();
    },
  },
];
