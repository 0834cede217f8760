import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * The database handle or an open transaction: reads and writes that do not
 * care which take this, so the caller decides whether they join its
 * transaction.
 */
export type Executor = Kysely<Database> | Transaction<Database>;
