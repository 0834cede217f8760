import type { Kysely } from 'kysely';
import type { NamedMigration } from '../db/migrations.js';

export const orgMigrations: NamedMigration[] = [
  {
    name: '202611260615_org_init',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('units.id'))
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.references('units.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('password_changed_at', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('password_never_expires', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('last_login_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_unit').on('users').column('unit_id').execute();

      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
        .execute();
      await db.schema.createIndex('user_roles_role').on('user_roles').columns(['role', 'user_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('user_roles').execute();
      await db.schema.dropTable('users').execute();
      await db.schema.dropTable('units').execute();
    },
  },
  {
    name: '202611260640_org_delegations',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('delegations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('principal_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('delegate_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('delegations_principal').on('delegations').columns(['principal_id', 'ends_at']).execute();
      await db.schema.createIndex('delegations_delegate').on('delegations').columns(['delegate_id', 'ends_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('delegations').execute();
    },
  },
  {
    // Optional, so existing accounts keep working: notifications are only e-mailed to users who have one.
    name: '202611260720_org_user_email',
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('email', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('users').dropColumn('email').execute();
    },
  },
];
