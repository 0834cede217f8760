import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/** `%q%` in which `%`, `_` and `\` typed by the user match themselves. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column LIKE '%q%'` with the escape character declared. SQLite has no
 * default escape, so without ESCAPE a searched `%` or `_` stays a wildcard
 * there while PostgreSQL treats it literally: the same filter would answer
 * differently on the two databases.
 */
export function contains(column: Expression<unknown>, q: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${containsPattern(q)} escape '\\'`;
}
