/**
 * True when the database refused a write because of a unique index or
 * primary key: PostgreSQL's SQLSTATE 23505, or SQLite's extended result
 * codes (better-sqlite3 reports them as `code`). Callers turn it into a 409
 * or retry, because a concurrent writer got there first.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
