import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import type { Executor } from './executor.js';

/**
 * Returns the next number for `key` (1 for a new key). It must run inside the
 * transaction that uses the number: a rollback takes the number back, so
 * committed numbers have no gaps, and the row lock the upsert takes (on
 * PostgreSQL; SQLite has one writer) makes concurrent callers wait their turn,
 * so no number is handed out twice. `insert … on conflict do update … returning`
 * is the same SQL on SQLite ≥ 3.35 and PostgreSQL.
 */
export async function allocateNumber(trx: Transaction<Database>, key: string): Promise<number> {
  if (key.length === 0 || key.length > 200) throw new Error('counter key must be 1..200 characters');
  const row = await trx
    .insertInto('counters')
    .values({ key, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb(eb.ref('counters.value'), '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** The last number handed out for `key` (0 when none): for display, never for allocation. */
export async function currentNumber(db: Executor, key: string): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? 0;
}
