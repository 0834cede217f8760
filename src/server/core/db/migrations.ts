import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectName, Db } from './connect.js';

/**
 * A migration of ours also learns the dialect, for the few statements
 * (triggers, indexes on expressions) that differ between SQLite and PostgreSQL.
 * Names start with a UTC timestamp (YYYYMMDDHHMM) so the global order is the
 * order of writing; a landed migration is never edited.
 */
export interface NamedMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
  down(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

class RegistryProvider implements MigrationProvider {
  constructor(
    private readonly dialect: DialectName,
    private readonly migrations: readonly NamedMigration[],
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    const sorted = [...this.migrations].sort((a, b) => a.name.localeCompare(b.name));
    for (const m of sorted) {
      if (out[m.name]) throw new Error(`duplicate migration name ${m.name}`);
      out[m.name] = {
        up: (db: Kysely<unknown>) => m.up(db, this.dialect),
        down: (db: Kysely<unknown>) => m.down(db, this.dialect),
      };
    }
    return out;
  }
}

function migrator(db: Db, migrations: readonly NamedMigration[]): Migrator {
  return new Migrator({
    db: db.kysely as unknown as Kysely<unknown>,
    provider: new RegistryProvider(db.dialect, migrations),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export async function migrateToLatest(db: Db, migrations: readonly NamedMigration[]): Promise<string[]> {
  const { error, results } = await migrator(db, migrations).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: Db, migrations: readonly NamedMigration[]): Promise<string | null> {
  const { error, results } = await migrator(db, migrations).migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results?.[0]?.migrationName ?? null;
}

export async function migrateAllDown(db: Db, migrations: readonly NamedMigration[]): Promise<void> {
  for (;;) {
    const name = await migrateDown(db, migrations);
    if (!name) return;
  }
}

/** Up or down to exactly `name` (applied and everything before it): tests of one migration's way down and back. */
export async function migrateTo(db: Db, migrations: readonly NamedMigration[], name: string): Promise<void> {
  const { error } = await migrator(db, migrations).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
